#include <gtest/gtest.h>

#include <filesystem>
#include <set>

#include "media/port_pool.h"
#include "media_test_support.h"

using namespace sb::media;
using sb::media::test::LoopScope;
using sb::media::test::TestPhone;

// Ranges below Linux's ephemeral ports (32768+) so that port-0 sockets of
// other tests cannot wander into them; a different range per test.

namespace {

size_t openFileDescriptors() {
    size_t n = 0;
    for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator("/proc/self/fd")) ++n;
    return n;
}

}  // namespace

TEST(PortPool, AllocatesEvenRtpAndOddRtcpOnTheAddress) {
    LoopScope loop;
    auto pool = PortPool::create({21001, 21010});  // odd min: RTP starts at 21002
    ASSERT_TRUE(pool.ok()) << pool.error().message;
    EXPECT_EQ(pool->capacity(), 4u);  // 21002, 21004, 21006, 21008 (+1 each)
    auto pair = pool->allocate("127.0.0.1");
    ASSERT_TRUE(pair.ok()) << pair.error().message;
    EXPECT_TRUE(pair->valid());
    EXPECT_EQ(pair->rtpPort() % 2, 0);
    EXPECT_EQ(pair->rtcpPort(), pair->rtpPort() + 1);
    EXPECT_GE(pair->rtpPort(), 21002);
    EXPECT_LE(pair->rtcpPort(), 21010);
    EXPECT_EQ(pair->rtpEndpoint(), (Endpoint{"127.0.0.1", pair->rtpPort()}));
    EXPECT_NE(pair->rtpSocket(), nullptr);
    EXPECT_NE(pair->rtcpSocket(), nullptr);
    EXPECT_EQ(pool->inUse(), 1u);

    // Both ports are really bound: a phone cannot take them.
    struct sa local;
    sa_set_str(&local, "127.0.0.1", pair->rtcpPort());
    struct udp_sock* clash = nullptr;
    EXPECT_NE(udp_listen(&clash, &local, nullptr, nullptr), 0);
    mem_deref(clash);
}

TEST(PortPool, ReleasesOnDestructionAndMove) {
    LoopScope loop;
    auto pool = PortPool::create({21100, 21109});
    ASSERT_TRUE(pool.ok());
    {
        auto a = pool->allocate("127.0.0.1");
        auto b = pool->allocate("127.0.0.1");
        ASSERT_TRUE(a.ok() && b.ok());
        EXPECT_NE(a->rtpPort(), b->rtpPort());
        EXPECT_EQ(pool->inUse(), 2u);
        PortPair moved = std::move(*a);
        EXPECT_FALSE(a->valid());
        EXPECT_EQ(pool->inUse(), 2u) << "a move hands over, it does not release";
        moved = std::move(*b);  // the pair moved over is released
        EXPECT_EQ(pool->inUse(), 1u);
        moved.release();
        EXPECT_EQ(pool->inUse(), 0u);
        moved.release();  // twice is harmless
    }
    EXPECT_EQ(pool->inUse(), 0u);
}

TEST(PortPool, RoundRobinDoesNotReuseAJustFreedPairAtOnce) {
    LoopScope loop;
    auto pool = PortPool::create({21200, 21209});
    ASSERT_TRUE(pool.ok());
    uint16_t first = 0;
    {
        auto a = pool->allocate("127.0.0.1");
        ASSERT_TRUE(a.ok());
        first = a->rtpPort();
    }
    auto b = pool->allocate("127.0.0.1");
    ASSERT_TRUE(b.ok());
    EXPECT_NE(b->rtpPort(), first);
}

TEST(PortPool, SkipsPortsThatOthersHaveBound) {
    LoopScope loop;
    TestPhone squatterRtp(21300);   // another program on the first RTP port
    TestPhone squatterRtcp(21303);  // and on the second pair's RTCP port
    auto pool = PortPool::create({21300, 21309});
    ASSERT_TRUE(pool.ok());
    auto pair = pool->allocate("127.0.0.1");
    ASSERT_TRUE(pair.ok()) << pair.error().message;
    EXPECT_EQ(pair->rtpPort(), 21304);
    EXPECT_EQ(pool->inUse(), 1u);
}

TEST(PortPool, ExhaustionIsAnErrorAndRecovers) {
    LoopScope loop;
    auto pool = PortPool::create({21400, 21405});  // three pairs
    ASSERT_TRUE(pool.ok());
    std::vector<PortPair> pairs;
    for (int i = 0; i < 3; ++i) {
        auto p = pool->allocate("127.0.0.1");
        ASSERT_TRUE(p.ok()) << p.error().message;
        pairs.push_back(std::move(*p));
    }
    auto none = pool->allocate("127.0.0.1");
    ASSERT_FALSE(none.ok());
    EXPECT_EQ(none.error().code, EADDRINUSE);
    EXPECT_NE(none.error().message.find("no free RTP port pair in 21400-21405"), std::string::npos)
        << none.error().message;
    pairs.erase(pairs.begin() + 1);
    auto again = pool->allocate("127.0.0.1");
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(again->rtpPort(), 21402);
}

TEST(PortPool, NoLeakAfterThousandAllocations) {
    LoopScope loop;
    auto pool = PortPool::create({21500, 21599});
    ASSERT_TRUE(pool.ok());
    (void)pool->allocate("127.0.0.1");  // the loop's first socket also opens its epoll descriptor
    const size_t fdsBefore = openFileDescriptors();
    std::set<uint16_t> seen;
    for (int i = 0; i < 1000; ++i) {
        auto a = pool->allocate("127.0.0.1");
        auto b = pool->allocate("127.0.0.1");
        ASSERT_TRUE(a.ok() && b.ok()) << "iteration " << i;
        seen.insert(a->rtpPort());
        seen.insert(b->rtpPort());
        ASSERT_EQ(pool->inUse(), 2u);
    }
    EXPECT_EQ(pool->inUse(), 0u);
    EXPECT_EQ(openFileDescriptors(), fdsBefore) << "every socket closed";
    EXPECT_EQ(seen.size(), pool->capacity()) << "round-robin walked the whole range";
}

TEST(PortPool, PairOutlivingThePoolIsSafe) {
    LoopScope loop;
    PortPair survivor;
    {
        auto pool = PortPool::create({21600, 21603});
        ASSERT_TRUE(pool.ok());
        auto p = pool->allocate("127.0.0.1");
        ASSERT_TRUE(p.ok());
        survivor = std::move(*p);
    }
    EXPECT_TRUE(survivor.valid());
    survivor.release();
    EXPECT_FALSE(survivor.valid());
}

TEST(PortPool, BadRangeOrAddressIsAnError) {
    LoopScope loop;
    EXPECT_FALSE(PortPool::create({0, 100}).ok());
    EXPECT_FALSE(PortPool::create({21701, 21701}).ok());
    EXPECT_FALSE(PortPool::create({21702, 21702}).ok());
    EXPECT_FALSE(PortPool::create({21710, 21700}).ok());
    EXPECT_TRUE(PortPool::create({21702, 21703}).ok());
    EXPECT_TRUE(PortPool::create({65534, 65535}).ok());
    EXPECT_FALSE(PortPool::create({65535, 65535}).ok());

    auto pool = PortPool::create({21720, 21729});
    ASSERT_TRUE(pool.ok());
    auto name = pool->allocate("localhost");
    ASSERT_FALSE(name.ok());
    EXPECT_NE(name.error().message.find("not a numeric IP address"), std::string::npos);
    auto foreign = pool->allocate("192.0.2.123");  // TEST-NET-1: not ours
    ASSERT_FALSE(foreign.ok());
    EXPECT_NE(foreign.error().message.find("cannot bind RTP port 21720 on 192.0.2.123"), std::string::npos)
        << foreign.error().message;
    EXPECT_EQ(pool->inUse(), 0u);
}
