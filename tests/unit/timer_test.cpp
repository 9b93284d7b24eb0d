// sb::Timer on the shared per-thread scheduler: order, cancel, restart, and
// callbacks that start, cancel or destroy timers (their own included).

#include "common/timer.h"

#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "media_test_support.h"

namespace sb {
namespace {

using media::test::LoopScope;
using media::test::runUntil;
using namespace std::chrono_literals;

TEST(Timer, FiresInDeadlineOrderWhateverTheStartOrder) {
    LoopScope loop;
    std::vector<int> fired;
    std::vector<std::unique_ptr<Timer>> timers;
    for (int delay : {60, 10, 40, 20, 50, 30, 30}) {
        auto& t = timers.emplace_back(std::make_unique<Timer>());
        t->start(static_cast<uint64_t>(delay), [&fired, delay] { fired.push_back(delay); });
        EXPECT_TRUE(t->running());
    }
    ASSERT_TRUE(runUntil([&] { return fired.size() == 7; }, 2s));
    EXPECT_EQ(fired, (std::vector<int>{10, 20, 30, 30, 40, 50, 60}));
    for (auto& t : timers) EXPECT_FALSE(t->running());
}

TEST(Timer, CancelRestartAndDestroyPreventTheCallback) {
    LoopScope loop;
    std::vector<std::string> fired;
    Timer cancelled, restarted, kept;
    auto destroyed = std::make_unique<Timer>();
    cancelled.start(10, [&] { fired.push_back("cancelled"); });
    restarted.start(10, [&] { fired.push_back("restarted-old"); });
    destroyed->start(10, [&] { fired.push_back("destroyed"); });
    kept.start(30, [&] { fired.push_back("kept"); });
    cancelled.cancel();
    restarted.start(20, [&] { fired.push_back("restarted-new"); });
    destroyed.reset();
    EXPECT_FALSE(cancelled.running());
    ASSERT_TRUE(runUntil([&] { return !kept.running(); }, 2s));
    EXPECT_EQ(fired, (std::vector<std::string>{"restarted-new", "kept"}));
}

TEST(Timer, CallbacksMayRestartCancelAndDestroyTimers) {
    LoopScope loop;
    int ticks = 0;
    Timer periodic;
    std::function<void()> tick = [&] {
        if (++ticks < 5) periodic.start(5, tick);  // restarts itself from its own callback
    };
    periodic.start(5, tick);

    auto victim = std::make_unique<Timer>();
    bool victimFired = false;
    victim->start(15, [&] { victimFired = true; });
    Timer killer;
    killer.start(15, [&] { victim.reset(); });  // same deadline: may run first

    auto self = std::make_unique<Timer>();
    bool selfRan = false;
    self->start(10, [&] {
        selfRan = true;
        self.reset();  // destroys the timer whose callback is running
    });

    ASSERT_TRUE(runUntil([&] { return ticks == 5 && selfRan && !victim; }, 2s));
    EXPECT_EQ(ticks, 5);
    EXPECT_FALSE(self);
    (void)victimFired;  // either order is fine; what matters is no crash and no callback after reset
}

TEST(Timer, ALaterDeadlineDoesNotDelayAnEarlierOne) {
    LoopScope loop;
    Timer late, early;
    bool earlyFired = false;
    late.start(5000, [] {});
    const auto t0 = std::chrono::steady_clock::now();
    early.start(20, [&] { earlyFired = true; });
    ASSERT_TRUE(runUntil([&] { return earlyFired; }, 2s));
    EXPECT_LT(std::chrono::steady_clock::now() - t0, 1s);
    EXPECT_TRUE(late.running());
    late.cancel();  // the loop is free to end
}

}  // namespace
}  // namespace sb
