#include <gtest/gtest.h>

#include "media/dtmf_interworking.h"
#include "media/rtp_relay.h"
#include "media_test_support.h"

using namespace sb::media;
using namespace std::chrono_literals;
using sb::media::test::LoopScope;
using sb::media::test::makeRtp;
using sb::media::test::runFor;
using sb::media::test::runUntil;
using sb::media::test::TestPhone;

namespace {

std::vector<uint8_t> eventPayload(uint8_t event, bool end, uint16_t duration) {
    return {event, static_cast<uint8_t>((end ? 0x80 : 0) | 10), static_cast<uint8_t>(duration >> 8),
            static_cast<uint8_t>(duration)};
}

std::vector<uint8_t> eventPacket(uint16_t seq, uint32_t ts, uint8_t pt, uint8_t event, bool end,
                                 uint16_t duration, bool marker = false) {
    auto p = makeRtp(seq, ts, 0xE7E7, pt, 4);
    const auto payload = eventPayload(event, end, duration);
    std::copy(payload.begin(), payload.end(), p.begin() + 12);
    if (marker) p[1] |= 0x80;
    return p;
}

uint16_t seqOf(const std::vector<uint8_t>& p) {
    return static_cast<uint16_t>(p[2] << 8 | p[3]);
}
uint32_t tsOf(const std::vector<uint8_t>& p) {
    return uint32_t{p[4]} << 24 | uint32_t{p[5]} << 16 | uint32_t{p[6]} << 8 | p[7];
}

}  // namespace

TEST(DtmfInterworking, EventCodesAndKeys) {
    EXPECT_EQ(dtmfEventCode('5'), 5);
    EXPECT_EQ(dtmfEventCode('*'), 10);
    EXPECT_EQ(dtmfEventCode('#'), 11);
    EXPECT_EQ(dtmfEventCode('d'), 15);
    EXPECT_FALSE(dtmfEventCode('x'));
    EXPECT_EQ(dtmfKeyOf(11), '#');
    EXPECT_EQ(dtmfKeyOf(16), 0);  // flash has no INFO form
}

TEST(DtmfInterworking, ReceiverReportsEachEventOnceAtItsEnd) {
    DtmfReceiver r;
    EXPECT_FALSE(r.feed(1000, eventPayload(5, false, 160)));
    EXPECT_FALSE(r.feed(1000, eventPayload(5, false, 320)));
    auto key = r.feed(1000, eventPayload(5, true, 800));
    ASSERT_TRUE(key);
    EXPECT_EQ(*key, (DtmfKey{'5', 100}));
    EXPECT_FALSE(r.feed(1000, eventPayload(5, true, 800)));  // retransmitted ends
    EXPECT_FALSE(r.feed(1000, eventPayload(5, true, 800)));
    // An event whose end packets were all lost is reported when the next starts.
    EXPECT_FALSE(r.feed(5000, eventPayload(11, false, 480)));
    key = r.feed(9000, eventPayload(1, false, 160));
    ASSERT_TRUE(key);
    EXPECT_EQ(*key, (DtmfKey{'#', 60}));
    EXPECT_FALSE(r.feed(9000, {}));  // short payloads are ignored
}

TEST(DtmfInterworking, InjectorReplacesAudioKeepingSequenceSsrcAndOneTimestamp) {
    DtmfInjector inj;
    EXPECT_FALSE(inj.add('x', 100));
    ASSERT_TRUE(inj.add('7', 60));  // below the minimum: 3 updates
    std::vector<uint8_t> out;
    std::vector<std::vector<uint8_t>> packets;
    for (uint16_t i = 0; i < 10 && inj.active(); ++i) {
        ASSERT_TRUE(inj.replace(makeRtp(static_cast<uint16_t>(100 + i), 8000 + i * 160u, 0xCAFE), 101, out));
        packets.push_back(out);
    }
    ASSERT_EQ(packets.size(), DtmfInjector::kMinUpdates + DtmfInjector::kEndPackets);
    EXPECT_FALSE(inj.replace(makeRtp(200, 0, 1), 101, out));
    for (size_t i = 0; i < packets.size(); ++i) {
        const auto& p = packets[i];
        ASSERT_EQ(p.size(), 16u);
        EXPECT_EQ(p[1] & 0x7F, 101);
        EXPECT_EQ((p[1] & 0x80) != 0, i == 0) << "marker on the first packet only";
        EXPECT_EQ(seqOf(p), 100 + i) << "the sequence of the replaced audio";
        EXPECT_EQ(tsOf(p), 8000u) << "every packet of an event has its start timestamp";
        EXPECT_EQ(test::rtpSsrc(p), 0xCAFEu);
        EXPECT_EQ(p[12], 7);
        const bool end = i >= DtmfInjector::kMinUpdates;
        EXPECT_EQ((p[13] & 0x80) != 0, end);
        const uint16_t duration = static_cast<uint16_t>(p[14] << 8 | p[15]);
        EXPECT_EQ(duration, end ? 480 : 160 * (i + 1));
    }
}

namespace {

class RelayDtmfTest : public ::testing::Test {
protected:
    void SetUp() override {
        auto pool = PortPool::create({23000, 23999});
        ASSERT_TRUE(pool.ok());
        m_pool = std::make_unique<PortPool>(std::move(*pool));
        auto relay = RtpRelay::create(*m_pool, "127.0.0.1");
        ASSERT_TRUE(relay.ok()) << relay.error().message;
        m_relay = std::move(*relay);
        ASSERT_TRUE(m_relay->setRemote(Leg::A, alice.endpoint()).ok());
        ASSERT_TRUE(m_relay->setRemote(Leg::B, bob.endpoint()).ok());
        m_relay->setDtmfHandler([this](Leg from, char key, unsigned ms) { keys.push_back({from, key, ms}); });
    }
    struct Seen {
        Leg from;
        char key;
        unsigned ms;
    };
    void pressOnA(uint8_t pt, uint8_t event, uint32_t ts, uint16_t firstSeq) {
        uint16_t seq = firstSeq;
        for (int i = 0; i < 3; ++i)
            alice.send(
                m_relay->localEndpoint(Leg::A),
                eventPacket(seq++, ts, pt, event, false, static_cast<uint16_t>(160 * (i + 1)), i == 0));
        for (int i = 0; i < 3; ++i)
            alice.send(m_relay->localEndpoint(Leg::A), eventPacket(seq++, ts, pt, event, true, 640));
    }

    LoopScope m_loop;
    TestPhone alice, bob;
    std::unique_ptr<PortPool> m_pool;
    std::unique_ptr<RtpRelay> m_relay;
    std::vector<Seen> keys;
};

}  // namespace

TEST_F(RelayDtmfTest, BothLegsWithTheSameTelephoneEventPassItThroughUntouched) {
    m_relay->setTelephoneEvent(Leg::A, 101);
    m_relay->setTelephoneEvent(Leg::B, 101);
    pressOnA(101, 5, 4000, 10);
    ASSERT_TRUE(runUntil([&] { return bob.received.size() == 6; }, 2s));
    EXPECT_EQ(bob.received[0].data, eventPacket(10, 4000, 101, 5, false, 160, true));
    EXPECT_TRUE(keys.empty());
    EXPECT_EQ(m_relay->stats(Leg::A).dtmfToInfo, 0u);
}

TEST_F(RelayDtmfTest, EventsTowardALegWithoutTelephoneEventBecomeOneKeyEach) {
    m_relay->setTelephoneEvent(Leg::A, 101);
    m_relay->setTelephoneEvent(Leg::B, std::nullopt);
    alice.send(m_relay->localEndpoint(Leg::A), makeRtp(1, 3840, 0xE7E7));  // audio still passes
    pressOnA(101, 11, 4000, 2);
    ASSERT_TRUE(runUntil([&] { return keys.size() == 1 && bob.received.size() == 1; }, 2s));
    runFor(20ms);
    EXPECT_EQ(bob.received.size(), 1u) << "no telephone-event reaches a leg that did not agree it";
    EXPECT_EQ(keys[0].from, Leg::A);
    EXPECT_EQ(keys[0].key, '#');
    EXPECT_EQ(keys[0].ms, 80u);
    EXPECT_EQ(m_relay->stats(Leg::A).dtmfToInfo, 6u);
}

TEST_F(RelayDtmfTest, DifferentPayloadTypesAreRenumbered) {
    m_relay->setTelephoneEvent(Leg::A, 101);
    m_relay->setTelephoneEvent(Leg::B, 96);
    pressOnA(101, 3, 4000, 10);
    ASSERT_TRUE(runUntil([&] { return bob.received.size() == 6; }, 2s));
    EXPECT_EQ(bob.received[0].data, eventPacket(10, 4000, 96, 3, false, 160, true));
    EXPECT_TRUE(keys.empty());
}

TEST_F(RelayDtmfTest, AKeyFromInfoReplacesRelayedAudioTowardTheLeg) {
    m_relay->setTelephoneEvent(Leg::A, std::nullopt);
    m_relay->setTelephoneEvent(Leg::B, 100);
    EXPECT_FALSE(m_relay->sendDtmf(Leg::A, '1', 160)) << "A agreed no telephone-event";
    ASSERT_TRUE(m_relay->sendDtmf(Leg::B, '9', 100));
    for (uint16_t i = 0; i < 10; ++i) {
        alice.send(m_relay->localEndpoint(Leg::A),
                   makeRtp(static_cast<uint16_t>(500 + i), 16000 + i * 160u, 0xA11CE));
        runFor(1ms);
    }
    ASSERT_TRUE(runUntil([&] { return bob.received.size() == 10; }, 2s));
    for (size_t i = 0; i < 10; ++i) {
        const auto& p = bob.received[i].data;
        EXPECT_EQ(seqOf(p), 500 + i) << "no gap and no reordering in the sequence";
        EXPECT_EQ(test::rtpSsrc(p), 0xA11CEu);
        if (i < 8) {  // ceil(100 / 20) = 5 updates, 3 ends
            EXPECT_EQ(p[1] & 0x7F, 100);
            EXPECT_EQ(tsOf(p), 16000u);
            EXPECT_EQ(p[12], 9);
        } else {
            EXPECT_EQ(p[1] & 0x7F, 0) << "audio again after the event";
            EXPECT_EQ(tsOf(p), 16000u + i * 160u);
        }
    }
    EXPECT_EQ(m_relay->stats(Leg::A).dtmfInjected, 8u);
}
