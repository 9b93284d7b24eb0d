#include "engine/trace_file.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <mutex>
#include <sstream>
#include <string>
#include <vector>

namespace sb {
namespace {

namespace fs = std::filesystem;

class CollectingSink final : public EventSink {
public:
    void publish(Event event) override {
        std::lock_guard lock(m_mutex);
        m_events.push_back(std::move(event));
    }
    std::vector<std::string> logTexts() {
        std::lock_guard lock(m_mutex);
        std::vector<std::string> out;
        for (const auto& e : m_events)
            if (const auto* log = std::get_if<LogMessage>(&e)) out.push_back(log->text);
        return out;
    }

private:
    std::mutex m_mutex;
    std::vector<Event> m_events;
};

class TraceFileTest : public ::testing::Test {
protected:
    void SetUp() override {
        m_dir = fs::temp_directory_path() /
                ("sb-trace-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "-" +
                 ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(m_dir);
        fs::create_directories(m_dir);
    }
    void TearDown() override { fs::remove_all(m_dir); }

    static SipTraced message(int n) {
        SipTraced e;
        e.outgoing = n % 2 == 0;
        e.transport = "UDP";
        e.peer = "127.0.0.1:5062";
        e.text = "OPTIONS sip:100@pbx SIP/2.0\r\nCSeq: " + std::to_string(n) + " OPTIONS\r\n" +
                 std::string(150, 'x') + "\r\n\r\n";
        e.timeMs = 1'790'000'000'000 + n;
        return e;
    }
    static std::string read(const fs::path& p) {
        std::ifstream in(p, std::ios::binary);
        std::stringstream s;
        s << in.rdbuf();
        return s.str();
    }

    fs::path m_dir;
};

TEST_F(TraceFileTest, WritesEveryMessageWithDirectionAndPeer) {
    CollectingSink sink;
    TraceFile file(sink);
    const fs::path path = m_dir / "sip.log";
    file.configure(path, 1024 * 1024);
    EXPECT_TRUE(file.active());
    for (int n = 0; n < 10; ++n) file.append(message(n));
    file.flush();
    const std::string text = read(path);
    EXPECT_NE(text.find("sent to UDP 127.0.0.1:5062:\nOPTIONS sip:100@pbx SIP/2.0"), std::string::npos);
    EXPECT_NE(text.find("received from UDP 127.0.0.1:5062:"), std::string::npos);
    for (int n = 0; n < 10; ++n)
        EXPECT_NE(text.find("CSeq: " + std::to_string(n) + " OPTIONS"), std::string::npos) << n;
    EXPECT_TRUE(sink.logTexts().empty());
}

TEST_F(TraceFileTest, RotatesAtTheSizeKeepingThreeOldFiles) {
    CollectingSink sink;
    TraceFile file(sink);
    const fs::path path = m_dir / "sip.log";
    constexpr uint64_t kMax = 2000;
    file.configure(path, kMax);
    for (int n = 0; n < 200; ++n) file.append(message(n));
    file.flush();
    for (const char* name : {"sip.log", "sip.log.1", "sip.log.2", "sip.log.3"}) {
        ASSERT_TRUE(fs::exists(m_dir / name)) << name;
        EXPECT_LE(fs::file_size(m_dir / name), kMax) << name;
        EXPECT_GT(fs::file_size(m_dir / name), 0u) << name;
    }
    EXPECT_FALSE(fs::exists(m_dir / "sip.log.4"));
    // Newest in the current file, the one before it in .1.
    EXPECT_NE(read(path).find("CSeq: 199 OPTIONS"), std::string::npos);
    EXPECT_EQ(read(m_dir / "sip.log.1").find("CSeq: 199 OPTIONS"), std::string::npos);
}

TEST_F(TraceFileTest, UnwritablePathIsReportedOnceAndStopsNothing) {
    CollectingSink sink;
    TraceFile file(sink);
    file.configure(m_dir / "no-such-folder" / "sip.log", 1024 * 1024);
    for (int n = 0; n < 5; ++n) file.append(message(n));
    file.flush();
    const auto logs = sink.logTexts();
    ASSERT_EQ(logs.size(), 1u);
    EXPECT_NE(logs[0].find("cannot write the SIP trace file"), std::string::npos) << logs[0];
    EXPECT_NE(logs[0].find("no-such-folder"), std::string::npos) << logs[0];

    // A new, good path works again.
    file.configure(m_dir / "ok.log", 1024 * 1024);
    file.append(message(7));
    file.flush();
    EXPECT_NE(read(m_dir / "ok.log").find("CSeq: 7 OPTIONS"), std::string::npos);
}

TEST_F(TraceFileTest, EmptyPathTurnsItOff) {
    CollectingSink sink;
    TraceFile file(sink);
    file.configure(m_dir / "a.log", 1024 * 1024);
    file.append(message(1));
    file.flush();
    file.configure({}, 0);
    EXPECT_FALSE(file.active());
    file.append(message(2));
    file.flush();
    const std::string text = read(m_dir / "a.log");
    EXPECT_NE(text.find("CSeq: 1 OPTIONS"), std::string::npos);
    EXPECT_EQ(text.find("CSeq: 2 OPTIONS"), std::string::npos);
}

}  // namespace
}  // namespace sb
