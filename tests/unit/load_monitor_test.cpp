#include "engine/load_monitor.h"

#include <gtest/gtest.h>

namespace sb {
namespace {

TEST(LoadMonitor, ALateTickOverloadsForTheHoldTimeThenRecovers) {
    LoadMonitor m;
    int64_t t = 1000;
    for (int i = 0; i < 10; ++i, t += 50) EXPECT_FALSE(m.tick(t, t + 5));  // on time
    EXPECT_FALSE(m.overloaded(t));
    EXPECT_TRUE(m.tick(t, t + 400));  // 400 ms late: an episode starts
    EXPECT_TRUE(m.overloaded(t + 400));
    EXPECT_FALSE(m.tick(t + 450, t + 700));  // still late: the same episode, extended
    EXPECT_TRUE(m.overloaded(t + 700 + LoadMonitor::kHoldMs - 1));
    EXPECT_FALSE(m.overloaded(t + 700 + LoadMonitor::kHoldMs));
    EXPECT_EQ(m.lateTicks(), 2u);
}

TEST(LoadMonitor, ALateTickWithNothingWaitingIsNotOverload) {
    // Issue 19: the process waited 182 ms for a core with its SIP socket
    // empty, and the REGISTERs of phones starting just then got 503.
    LoadMonitor m;
    EXPECT_FALSE(m.tick(1000, 1182, 0u));
    EXPECT_FALSE(m.tick(1232, 1400, LoadMonitor::kLagBacklogBytes - 1));
    EXPECT_FALSE(m.overloaded(1400));
    EXPECT_EQ(m.lateTicks(), 2u);
    // Late with requests waiting (a stopped engine, a saturated loop): overload.
    EXPECT_TRUE(m.tick(1450, 1700, LoadMonitor::kLagBacklogBytes));
    EXPECT_TRUE(m.overloaded(1700));
}

TEST(LoadMonitor, SmallDelaysAreNotOverload) {
    LoadMonitor m;
    EXPECT_FALSE(m.tick(0, LoadMonitor::kLagMs));
    EXPECT_FALSE(m.overloaded(LoadMonitor::kLagMs));
}

}  // namespace
}  // namespace sb

namespace sb {
namespace {

TEST(LoadMonitor, AHalfFullReceiveQueueOrDropsOverloadBriefly) {
    LoadMonitor m;
    const int64_t t = 5000;
    EXPECT_FALSE(m.backlog(100 * 1024, 212992, 0, t));  // under half: fine
    EXPECT_FALSE(m.overloaded(t));
    EXPECT_FALSE(m.backlog(106496, 212992, 0, t + 50));  // half full once: a burst the loop may drain
    EXPECT_FALSE(m.overloaded(t + 50));
    EXPECT_TRUE(m.backlog(106496, 212992, 0, t + 100));  // and still on the next look: starts an episode
    EXPECT_TRUE(m.overloaded(t + 100 + LoadMonitor::kBacklogHoldMs - 1));
    EXPECT_FALSE(m.backlog(200000, 212992, 0, t + 110));  // same episode: not announced again
    EXPECT_FALSE(m.overloaded(t + 110 + LoadMonitor::kBacklogHoldMs));
    EXPECT_TRUE(m.backlog(0, 212992, 3, t + 2000));  // the system dropped requests: at once
    EXPECT_EQ(m.backlogTicks(), 3u);
    // While draining, a quarter full keeps it going; below that it ends.
    EXPECT_FALSE(m.backlog(60000, 212992, 0, t + 2050));
    EXPECT_TRUE(m.overloaded(t + 2050 + LoadMonitor::kBacklogHoldMs - 1));
    EXPECT_FALSE(m.backlog(50000, 212992, 0, t + 2100));
    EXPECT_FALSE(m.overloaded(t + 2050 + LoadMonitor::kBacklogHoldMs));
    EXPECT_FALSE(m.backlog(60000, 212992, 0, t + 5000));  // a quarter alone starts nothing
    EXPECT_FALSE(m.overloaded(t + 5000));
    // A big queue: 512 KiB waiting is enough, whatever the size.
    EXPECT_FALSE(m.backlog(500 * 1024, 8u << 20, 0, t + 6000));
    EXPECT_FALSE(m.backlog(512 * 1024, 8u << 20, 0, t + 6050));
    EXPECT_TRUE(m.backlog(600 * 1024, 8u << 20, 0, t + 6100));
}

}  // namespace
}  // namespace sb
