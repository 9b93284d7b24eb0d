#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <thread>

#include "engine/core.h"
#include "engine/engine.h"
#include "engine/event_queue.h"
#include "store/store.h"

namespace fs = std::filesystem;
using namespace std::chrono_literals;

namespace {

/// Collects events; lets a test wait for one of a given type.
class Collector {
public:
    Collector()
        : queue([this] {
              std::lock_guard lock(m_mutex);
              m_wakes++;
              m_cv.notify_all();
          }) {}

    template <class T>
    bool waitFor(std::chrono::milliseconds limit, T* out = nullptr) {
        const auto until = std::chrono::steady_clock::now() + limit;
        for (;;) {
            for (auto& e : queue.drain()) m_seen.push_back(std::move(e));
            for (const auto& e : m_seen) {
                if (const auto* hit = std::get_if<T>(&e)) {
                    if (out) *out = *hit;
                    return true;
                }
            }
            std::unique_lock lock(m_mutex);
            if (m_cv.wait_until(lock, until) == std::cv_status::timeout) return false;
        }
    }

    sb::EventQueue queue;
    int wakes() {
        std::lock_guard lock(m_mutex);
        return m_wakes;
    }

private:
    std::mutex m_mutex;
    std::condition_variable m_cv;
    int m_wakes = 0;
    std::vector<sb::Event> m_seen;
};

class EngineTest : public ::testing::Test {
protected:
    void SetUp() override {
        m_dir = fs::temp_directory_path() /
                ("sb-engine-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "-" +
                 ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(m_dir);
        fs::create_directories(m_dir);
    }
    void TearDown() override { fs::remove_all(m_dir); }

    sb::EngineOptions options() {
        sb::EngineOptions o;
        o.databasePath = m_dir / "engine.db";
        o.sipPort = 0;
        o.bindAddress = "127.0.0.1";
        o.tlsPort = 0;
        return o;
    }

    fs::path m_dir;
};

}  // namespace

TEST_F(EngineTest, StartsPublishesAndStopsWithinOneSecond) {
    Collector events;
    sb::Engine engine(events.queue);
    ASSERT_TRUE(engine.start(options()).ok());
    EXPECT_TRUE(engine.running());
    EXPECT_NE(engine.sipPort(), 0);

    sb::EngineStarted started;
    ASSERT_TRUE(events.waitFor(2s, &started));
    EXPECT_NE(started.listening.find("udp:127.0.0.1:" + std::to_string(engine.sipPort())), std::string::npos);
    sb::ConfigurationChanged config;
    ASSERT_TRUE(events.waitFor(2s, &config));
    EXPECT_EQ(config.config.extensions.size(), 3u);

    const auto t0 = std::chrono::steady_clock::now();
    engine.stop();
    EXPECT_LT(std::chrono::steady_clock::now() - t0, 1s);
    EXPECT_FALSE(engine.running());
    engine.stop();  // a second stop is harmless
}

TEST_F(EngineTest, CommandsFromManyThreadsRunOnTheEngineThreadInOrder) {
    Collector events;
    sb::Engine engine(events.queue);
    ASSERT_TRUE(engine.start(options()).ok());

    constexpr int kThreads = 4, kPerThread = 500;
    std::atomic<int> ran{0};
    std::atomic<bool> wrongThread{false};
    std::thread::id engineThread;
    std::promise<void> idKnown;
    ASSERT_TRUE(engine.post([&](sb::Core&) {
        engineThread = std::this_thread::get_id();
        idKnown.set_value();
    }));
    idKnown.get_future().wait();

    std::vector<std::vector<int>> order(kThreads);
    std::vector<std::thread> posters;
    for (int t = 0; t < kThreads; ++t) {
        posters.emplace_back([&, t] {
            for (int i = 0; i < kPerThread; ++i) {
                engine.post([&, t, i](sb::Core&) {
                    if (std::this_thread::get_id() != engineThread) wrongThread = true;
                    order[static_cast<size_t>(t)].push_back(i);  // engine thread only: no lock needed
                    ran++;
                });
            }
        });
    }
    for (auto& p : posters) p.join();
    std::promise<void> drained;
    engine.post([&](sb::Core&) { drained.set_value(); });
    ASSERT_EQ(drained.get_future().wait_for(5s), std::future_status::ready);
    EXPECT_EQ(ran.load(), kThreads * kPerThread);
    EXPECT_FALSE(wrongThread.load());
    for (const auto& seq : order) {
        ASSERT_EQ(seq.size(), static_cast<size_t>(kPerThread));
        EXPECT_TRUE(std::is_sorted(seq.begin(), seq.end()));
    }
    engine.stop();
    EXPECT_FALSE(engine.post([](sb::Core&) {})) << "posting after stop must be refused";
}

TEST_F(EngineTest, EventsAreBatchedWithOneWakePerNonEmptyQueue) {
    Collector events;
    sb::Engine engine(events.queue);
    ASSERT_TRUE(engine.start(options()).ok());
    ASSERT_TRUE(events.waitFor<sb::ConfigurationChanged>(2s));
    const int wakesBefore = events.wakes();
    std::promise<void> done;
    engine.post([&](sb::Core& core) {
        for (int i = 0; i < 1000; ++i) core.log(sb::LogLevel::Info, "burst " + std::to_string(i));
        done.set_value();
    });
    done.get_future().wait();
    EXPECT_LE(events.wakes() - wakesBefore, 1) << "a burst of 1000 events must wake the consumer once";
    EXPECT_EQ(events.queue.drain().size(), 1000u);
    engine.stop();
}

TEST_F(EngineTest, ApplyConfigurationCommitsOrRejects) {
    Collector events;
    sb::Engine engine(events.queue);
    ASSERT_TRUE(engine.start(options()).ok());
    std::promise<std::pair<bool, bool>> result;
    engine.post([&](sb::Core& core) {
        auto good = core.config();
        good.extensions.push_back({"200", "a-long-password", "Lab", true});
        const bool okGood = core.applyConfiguration(good).ok();
        auto bad = core.config();
        bad.extensions.push_back({"200", "duplicate-number", "Dup", true});
        const bool okBad = core.applyConfiguration(bad).ok();
        result.set_value({okGood, okBad});
    });
    auto [okGood, okBad] = result.get_future().get();
    EXPECT_TRUE(okGood);
    EXPECT_FALSE(okBad);
    sb::ConfigurationRejected rejected;
    ASSERT_TRUE(events.waitFor(2s, &rejected));
    EXPECT_NE(rejected.reason.find("extensions["), std::string::npos) << rejected.reason;
    engine.stop();

    // The committed configuration survives a restart; the rejected one left no trace.
    auto reopened = sb::store::Store::open(m_dir / "engine.db");
    ASSERT_TRUE(reopened.ok()) << reopened.error().message;
    auto config = (*reopened)->loadConfiguration();
    ASSERT_TRUE(config.ok());
    EXPECT_EQ(config->extensions.size(), 4u);
}

TEST_F(EngineTest, PortInUseFailsStartWithTheAddress) {
    Collector a, b;
    sb::Engine first(a.queue);
    ASSERT_TRUE(first.start(options()).ok());
    auto o = options();
    o.databasePath = m_dir / "second.db";
    o.sipPort = first.sipPort();
    sb::Engine second(b.queue);
    auto started = second.start(o);
    ASSERT_FALSE(started.ok());
    EXPECT_NE(started.error().message.find("127.0.0.1:" + std::to_string(first.sipPort())), std::string::npos)
        << started.error().message;
    EXPECT_FALSE(second.running());
    first.stop();
}

TEST_F(EngineTest, RestartsRepeatedlyWithoutLeakOrHang) {
    for (int i = 0; i < 20; ++i) {
        Collector events;
        sb::Engine engine(events.queue);
        ASSERT_TRUE(engine.start(options()).ok()) << "round " << i;
        for (int k = 0; k < 50; ++k) engine.post([](sb::Core&) {});
        engine.stop();
    }
}
