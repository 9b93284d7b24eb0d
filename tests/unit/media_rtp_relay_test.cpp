#include <gtest/gtest.h>

#include "media/rtp_relay.h"
#include "media_test_support.h"

using namespace sb::media;
using namespace std::chrono_literals;
using sb::media::test::LoopScope;
using sb::media::test::makeRtcpReceiverReport;
using sb::media::test::makeRtp;
using sb::media::test::runFor;
using sb::media::test::runUntil;
using sb::media::test::TestPhone;

namespace {

class RtpRelayTest : public ::testing::Test {
protected:
    void SetUp() override {
        auto pool = PortPool::create({22000, 22999});
        ASSERT_TRUE(pool.ok());
        m_pool = std::make_unique<PortPool>(std::move(*pool));
        auto relay = RtpRelay::create(*m_pool, "127.0.0.1");
        ASSERT_TRUE(relay.ok()) << relay.error().message;
        m_relay = std::move(*relay);
    }

    Endpoint rtpA() const { return m_relay->localEndpoint(Leg::A); }
    Endpoint rtpB() const { return m_relay->localEndpoint(Leg::B); }
    static Endpoint plusOne(Endpoint e) {
        ++e.port;
        return e;
    }
    // Send @p n RTP packets from @p phone to @p to, spinning the loop briefly after each.
    static void sendRtp(TestPhone& phone, const Endpoint& to, int n, uint32_t ssrc, uint16_t firstSeq = 0) {
        for (int i = 0; i < n; ++i) {
            const auto seq = static_cast<uint16_t>(firstSeq + i);
            phone.send(to, makeRtp(seq, seq * 160u, ssrc));
            runFor(1ms);
        }
    }

    LoopScope m_loop;  // first: destroyed last
    std::unique_ptr<PortPool> m_pool;
    std::unique_ptr<RtpRelay> m_relay;
};

}  // namespace

TEST_F(RtpRelayTest, ForwardsRtpBothWaysFromTheLegsOwnPort) {
    TestPhone alice, bob;
    ASSERT_TRUE(m_relay->setRemote(Leg::A, alice.endpoint()).ok());
    ASSERT_TRUE(m_relay->setRemote(Leg::B, bob.endpoint()).ok());
    EXPECT_NE(rtpA().port, rtpB().port);

    for (uint16_t i = 0; i < 20; ++i) {
        alice.send(rtpA(), makeRtp(i, i * 160u, 0xA11CE, 0, 160, static_cast<uint8_t>(i)));
        bob.send(rtpB(), makeRtp(i, i * 160u, 0xB0B, 8));
    }
    ASSERT_TRUE(runUntil([&] { return alice.received.size() == 20 && bob.received.size() == 20; }, 2s))
        << "alice got " << alice.received.size() << ", bob got " << bob.received.size();

    for (uint16_t i = 0; i < 20; ++i) {
        EXPECT_EQ(bob.received[i].from, rtpB()) << "symmetric RTP: toward B from B's port";
        EXPECT_EQ(bob.received[i].data, makeRtp(i, i * 160u, 0xA11CE, 0, 160, static_cast<uint8_t>(i)));
        EXPECT_EQ(alice.received[i].from, rtpA());
        EXPECT_EQ(test::rtpSsrc(alice.received[i].data), 0xB0Bu);
    }
    EXPECT_EQ(m_relay->stats(Leg::A).rtpPackets, 20u);
    EXPECT_EQ(m_relay->stats(Leg::A).rtpBytes, 20u * 172u);
    EXPECT_EQ(m_relay->stats(Leg::B).rtpPackets, 20u);
    EXPECT_EQ(m_relay->stats(Leg::A).dropped, 0u);
}

TEST_F(RtpRelayTest, LatchesToTheRealSourceBehindNat) {
    TestPhone advertised;  // what alice's SDP says (her private address)
    TestPhone aliceNat;    // where her packets really come from
    TestPhone bob;
    ASSERT_TRUE(m_relay->setRemote(Leg::A, advertised.endpoint()).ok());
    ASSERT_TRUE(m_relay->setRemote(Leg::B, bob.endpoint()).ok());

    // Before alice sends anything, media toward her follows her SDP.
    sendRtp(bob, rtpB(), 3, 0xB0B);
    ASSERT_TRUE(runUntil([&] { return advertised.received.size() == 3; }, 1s));
    EXPECT_FALSE(m_relay->latched(Leg::A));

    sendRtp(aliceNat, rtpA(), 1, 0xA11CE);
    ASSERT_TRUE(runUntil([&] { return bob.received.size() == 1; }, 1s));
    EXPECT_TRUE(m_relay->latched(Leg::A));
    EXPECT_EQ(m_relay->rtpDestination(Leg::A), aliceNat.endpoint());

    sendRtp(bob, rtpB(), 5, 0xB0B, 3);
    ASSERT_TRUE(runUntil([&] { return aliceNat.received.size() == 5; }, 1s));
    runFor(20ms);
    EXPECT_EQ(advertised.received.size(), 3u) << "nothing more to the advertised address";
    EXPECT_EQ(aliceNat.received.front().from, rtpA());
}

TEST_F(RtpRelayTest, DropsPacketsFromAThirdAddressAfterLatching) {
    TestPhone alice, bob, intruder;
    ASSERT_TRUE(m_relay->setRemote(Leg::A, alice.endpoint()).ok());
    ASSERT_TRUE(m_relay->setRemote(Leg::B, bob.endpoint()).ok());
    sendRtp(alice, rtpA(), 2, 0xA11CE);
    sendRtp(bob, rtpB(), 2, 0xB0B);
    ASSERT_TRUE(runUntil([&] { return alice.received.size() == 2 && bob.received.size() == 2; }, 1s));

    // RTP bleed attempt on both legs' ports.
    sendRtp(intruder, rtpA(), 4, 0xBAD);
    sendRtp(intruder, rtpB(), 3, 0xBAD);
    runFor(30ms);
    EXPECT_EQ(bob.received.size(), 2u);
    EXPECT_EQ(alice.received.size(), 2u);
    EXPECT_TRUE(intruder.received.empty());
    EXPECT_EQ(m_relay->stats(Leg::A).droppedForeign, 4u);
    EXPECT_EQ(m_relay->stats(Leg::B).droppedForeign, 3u);
    EXPECT_EQ(m_relay->stats(Leg::A).dropped, 4u);
    EXPECT_EQ(m_relay->rtpDestination(Leg::A), alice.endpoint()) << "the latch holds";

    // The real phone still gets through.
    sendRtp(alice, rtpA(), 1, 0xA11CE, 2);
    EXPECT_TRUE(runUntil([&] { return bob.received.size() == 3; }, 1s));
}

TEST_F(RtpRelayTest, SetRemoteResetsLatchingForARelocatedPhone) {
    TestPhone first, moved, bob;
    int firstRtpOnA = 0;
    m_relay->setFirstRtpHandler([&](Leg leg) { firstRtpOnA += leg == Leg::A; });
    ASSERT_TRUE(m_relay->setRemote(Leg::A, first.endpoint()).ok());
    ASSERT_TRUE(m_relay->setRemote(Leg::B, bob.endpoint()).ok());
    sendRtp(first, rtpA(), 3, 1);
    ASSERT_TRUE(runUntil([&] { return bob.received.size() == 3; }, 1s));
    EXPECT_EQ(firstRtpOnA, 1);

    // A re-INVITE moves alice: the old latch no longer binds.
    ASSERT_TRUE(m_relay->setRemote(Leg::A, moved.endpoint()).ok());
    EXPECT_FALSE(m_relay->latched(Leg::A));
    EXPECT_EQ(m_relay->rtpDestination(Leg::A), moved.endpoint());
    sendRtp(moved, rtpA(), 2, 2);
    ASSERT_TRUE(runUntil([&] { return bob.received.size() == 5; }, 1s));
    EXPECT_EQ(m_relay->rtpDestination(Leg::A), moved.endpoint());
    EXPECT_EQ(firstRtpOnA, 2) << "the first RTP after the change is reported again";
    sendRtp(first, rtpA(), 2, 1, 3);
    runFor(20ms);
    EXPECT_EQ(bob.received.size(), 5u) << "the old address is now foreign";
}

TEST_F(RtpRelayTest, RelaysRtcpOnRtpPortPlusOne) {
    TestPhone aliceRtp, aliceRtcp, bobRtp, bobRtcp;
    ASSERT_TRUE(m_relay->setRemote(Leg::A, aliceRtp.endpoint(), aliceRtcp.endpoint()).ok());
    ASSERT_TRUE(m_relay->setRemote(Leg::B, bobRtp.endpoint(), bobRtcp.endpoint()).ok());

    aliceRtcp.send(plusOne(rtpA()), makeRtcpReceiverReport(0xA11CE));
    bobRtcp.send(plusOne(rtpB()), makeRtcpReceiverReport(0xB0B));
    ASSERT_TRUE(runUntil([&] { return bobRtcp.received.size() == 1 && aliceRtcp.received.size() == 1; }, 1s));
    EXPECT_EQ(bobRtcp.received[0].from, plusOne(rtpB()));
    EXPECT_EQ(bobRtcp.received[0].data, makeRtcpReceiverReport(0xA11CE));
    EXPECT_EQ(aliceRtcp.received[0].from, plusOne(rtpA()));
    EXPECT_TRUE(bobRtp.received.empty());
    EXPECT_EQ(m_relay->stats(Leg::A).rtcpPackets, 1u);
    EXPECT_EQ(m_relay->stats(Leg::A).rtcpBytes, 8u);
    EXPECT_EQ(m_relay->stats(Leg::A).rtpPackets, 0u);

    // Without an a=rtcp the RTCP destination is the RTP port + 1 (RFC 3550 §11).
    ASSERT_TRUE(m_relay->setRemote(Leg::B, Endpoint{"127.0.0.1", 40000}).ok());
    EXPECT_EQ(m_relay->rtcpDestination(Leg::B), (Endpoint{"127.0.0.1", 40001}));
}

TEST_F(RtpRelayTest, FirstRtpIsReportedOncePerLegAndOnlyForRtp) {
    TestPhone alice, bob;
    std::vector<Leg> reports;
    m_relay->setFirstRtpHandler([&](Leg leg) { reports.push_back(leg); });
    ASSERT_TRUE(m_relay->setRemote(Leg::A, alice.endpoint()).ok());
    ASSERT_TRUE(m_relay->setRemote(Leg::B, bob.endpoint()).ok());

    alice.send(plusOne(rtpA()), makeRtcpReceiverReport(1));  // RTCP is not early media
    alice.send(rtpA(), std::vector<uint8_t>(20, 0x00));      // STUN-like, not RTP
    runFor(20ms);
    EXPECT_TRUE(reports.empty());
    sendRtp(bob, rtpB(), 4, 0xB0B);
    sendRtp(alice, rtpA(), 4, 0xA11CE);
    runFor(20ms);
    EXPECT_EQ(reports, (std::vector<Leg>{Leg::B, Leg::A}));
}

TEST_F(RtpRelayTest, FirstRtpHandlerMayDestroyTheRelay) {
    TestPhone alice, bob;
    ASSERT_TRUE(m_relay->setRemote(Leg::B, bob.endpoint()).ok());
    bool called = false;
    m_relay->setFirstRtpHandler([&](Leg) {
        called = true;
        m_relay.reset();  // e.g. the call ends from inside the callback
    });
    alice.send(rtpA(), makeRtp(1, 160, 7));
    ASSERT_TRUE(runUntil([&] { return called; }, 1s));
    EXPECT_FALSE(m_relay);
    EXPECT_EQ(m_pool->inUse(), 0u);
}

TEST_F(RtpRelayTest, NonRtpCannotLatchButFollowsOnceLatched) {
    TestPhone alice, bob, prober;
    ASSERT_TRUE(m_relay->setRemote(Leg::A, alice.endpoint()).ok());
    ASSERT_TRUE(m_relay->setRemote(Leg::B, bob.endpoint()).ok());
    prober.send(rtpA(), std::vector<uint8_t>{0x00, 0x01, 0x00, 0x00});  // STUN binding request type
    prober.send(rtpA(), std::vector<uint8_t>(8, 0x80));                 // too short for RTP
    runFor(20ms);
    EXPECT_FALSE(m_relay->latched(Leg::A));
    EXPECT_EQ(m_relay->stats(Leg::A).dropped, 2u);
    EXPECT_TRUE(bob.received.empty());

    sendRtp(alice, rtpA(), 1, 0xA11CE);
    const std::vector<uint8_t> zrtpLike{0x10, 0x00, 0x00, 0x01, 'Z', 'R', 'T', 'P'};
    alice.send(rtpA(), zrtpLike);
    ASSERT_TRUE(runUntil([&] { return bob.received.size() == 2; }, 1s));
    EXPECT_EQ(bob.received[1].data, zrtpLike) << "anything from the latched source is relayed";
}

TEST_F(RtpRelayTest, HoldStopsForwardingTowardTheHeldSide) {
    TestPhone alice, bob;
    ASSERT_TRUE(m_relay->setRemote(Leg::A, alice.endpoint()).ok());
    ASSERT_TRUE(m_relay->setRemote(Leg::B, bob.endpoint()).ok());
    // Alice holds: her re-INVITE says sendonly, bob's answer recvonly.
    m_relay->setDirection(Leg::A, Direction::SendOnly);
    m_relay->setDirection(Leg::B, Direction::RecvOnly);
    EXPECT_EQ(m_relay->direction(Leg::A), Direction::SendOnly);
    sendRtp(alice, rtpA(), 3, 0xA11CE);  // music on hold toward bob
    sendRtp(bob, rtpB(), 3, 0xB0B);
    ASSERT_TRUE(runUntil([&] { return bob.received.size() == 3; }, 1s));
    runFor(20ms);
    EXPECT_TRUE(alice.received.empty());
    EXPECT_EQ(m_relay->stats(Leg::B).dropped, 3u);
    EXPECT_TRUE(m_relay->latched(Leg::B)) << "latching still happens on hold";

    m_relay->setDirection(Leg::A, Direction::SendRecv);
    m_relay->setDirection(Leg::B, Direction::SendRecv);
    sendRtp(bob, rtpB(), 2, 0xB0B, 3);
    EXPECT_TRUE(runUntil([&] { return alice.received.size() == 2; }, 1s));

    m_relay->setDirection(Leg::B, Direction::Inactive);
    sendRtp(alice, rtpA(), 2, 0xA11CE, 3);
    sendRtp(bob, rtpB(), 2, 0xB0B, 5);
    runFor(20ms);
    EXPECT_EQ(bob.received.size(), 3u);
    EXPECT_EQ(alice.received.size(), 2u);
}

TEST_F(RtpRelayTest, TracksTheTimeOfTheLastPacketPerLeg) {
    TestPhone alice, bob;
    EXPECT_FALSE(m_relay->lastPacketAt(Leg::A));
    const auto before = RtpRelay::Clock::now();
    sendRtp(alice, rtpA(), 1, 1);
    ASSERT_TRUE(runUntil([&] { return m_relay->lastPacketAt(Leg::A).has_value(); }, 1s));
    EXPECT_GE(*m_relay->lastPacketAt(Leg::A), before);
    EXPECT_LE(*m_relay->lastPacketAt(Leg::A), RtpRelay::Clock::now());
    EXPECT_FALSE(m_relay->lastPacketAt(Leg::B));
    EXPECT_EQ(m_relay->stats(Leg::A).dropped, 1u) << "B has no destination yet";

    const auto t1 = *m_relay->lastPacketAt(Leg::A);
    runFor(15ms);
    alice.send(plusOne(rtpA()), makeRtcpReceiverReport(1));
    ASSERT_TRUE(runUntil([&] { return *m_relay->lastPacketAt(Leg::A) > t1; }, 1s))
        << "RTCP keeps a held call alive";
}

TEST_F(RtpRelayTest, UnspecifiedAddressMeansNoDestinationUntilLatched) {
    TestPhone alice, bob;
    ASSERT_TRUE(m_relay->setRemote(Leg::A, Endpoint{"0.0.0.0", 4000}).ok());  // RFC 2543 style hold
    ASSERT_TRUE(m_relay->setRemote(Leg::B, bob.endpoint()).ok());
    EXPECT_FALSE(m_relay->rtpDestination(Leg::A));
    sendRtp(bob, rtpB(), 2, 0xB0B);
    runFor(20ms);
    EXPECT_EQ(m_relay->stats(Leg::B).dropped, 2u);
    sendRtp(alice, rtpA(), 1, 0xA11CE);
    sendRtp(bob, rtpB(), 1, 0xB0B, 2);
    EXPECT_TRUE(runUntil([&] { return alice.received.size() == 1; }, 1s));

    auto bad = m_relay->setRemote(Leg::A, Endpoint{"phone.example.com", 4000});
    ASSERT_FALSE(bad.ok());
    EXPECT_NE(bad.error().message.find("not a numeric IP address"), std::string::npos);
}

TEST_F(RtpRelayTest, ALegPointedAtTheRelayItselfNeitherLatchesNorEchoes) {
    TestPhone alice;
    ASSERT_TRUE(m_relay->setRemote(Leg::A, alice.endpoint()).ok());
    ASSERT_TRUE(m_relay->setRemote(Leg::B, rtpB()).ok());  // a broken SDP naming our own port
    sendRtp(alice, rtpA(), 3, 0xA11CE);
    runFor(30ms);
    EXPECT_EQ(m_relay->stats(Leg::A).rtpPackets, 3u);
    EXPECT_FALSE(m_relay->latched(Leg::B));
    EXPECT_EQ(m_relay->stats(Leg::B).dropped, 3u);
    EXPECT_TRUE(alice.received.empty()) << "alice must not hear herself";
}

TEST(RtpRelay, CreationFailsCleanlyWhenThePoolIsExhausted) {
    LoopScope loop;
    auto pool = PortPool::create({23990, 23991});  // room for one leg only
    ASSERT_TRUE(pool.ok());
    auto relay = RtpRelay::create(*pool, "127.0.0.1");
    ASSERT_FALSE(relay.ok());
    EXPECT_NE(relay.error().message.find("media relay leg B"), std::string::npos) << relay.error().message;
    EXPECT_EQ(pool->inUse(), 0u) << "leg A's pair went back";
}
