#include <gtest/gtest.h>

#include "media/rtp_relay.h"
#include "media/tone.h"
#include "media_test_support.h"

using namespace sb::media;
using namespace std::chrono_literals;
using sb::media::test::decodeG711;
using sb::media::test::LoopScope;
using sb::media::test::makeRtp;
using sb::media::test::meanAmplitude;
using sb::media::test::runFor;
using sb::media::test::runUntil;
using sb::media::test::TestPhone;
using sb::media::test::tonePower;

namespace {

std::vector<std::vector<uint8_t>> packets(RingbackTone& tone, size_t n) {
    std::vector<std::vector<uint8_t>> out(n);
    for (auto& p : out) tone.nextPacket(p);
    return out;
}

std::vector<std::vector<uint8_t>> dataOf(const std::vector<test::Datagram>& received, size_t from,
                                         size_t to) {
    std::vector<std::vector<uint8_t>> out;
    for (size_t i = from; i < to && i < received.size(); ++i) out.push_back(received[i].data);
    return out;
}

// The preset's frequencies stand far above anything else in @p pcm.
void expectDominantFrequencies(const std::vector<int16_t>& pcm, const TonePreset& preset) {
    std::vector<double> targets{static_cast<double>(preset.freq1Hz)};
    if (preset.freq2Hz != 0) targets.push_back(preset.freq2Hz);
    double weakestTarget = 1e300;
    for (const double f : targets) weakestTarget = std::min(weakestTarget, tonePower(pcm, f));
    for (const double other : {targets[0] - 120.0, targets.back() + 120.0, 1000.0, 2000.0, 3000.0}) {
        EXPECT_GT(weakestTarget, 50.0 * tonePower(pcm, other))
            << preset.name << ": " << other << " Hz rivals the tone";
    }
    EXPECT_GT(meanAmplitude(pcm), 500.0) << preset.name << " is audible";
}

}  // namespace

TEST(TonePreset, KnownPresetsAndTheirCadences) {
    EXPECT_EQ(tonePresetNames(), (std::vector<std::string>{"eu", "us", "cn", "uk"}));
    EXPECT_FALSE(findTonePreset("xx"));

    const auto eu = findTonePreset("eu");
    ASSERT_TRUE(eu);
    EXPECT_EQ(eu->freq1Hz, 425u);
    EXPECT_EQ(eu->freq2Hz, 0u);
    EXPECT_EQ(eu->cycleMs(), 5000u);
    EXPECT_TRUE(eu->soundingAt(0));
    EXPECT_TRUE(eu->soundingAt(999));
    EXPECT_FALSE(eu->soundingAt(1000));
    EXPECT_FALSE(eu->soundingAt(4999));
    EXPECT_TRUE(eu->soundingAt(5000));

    const auto us = findTonePreset("us");
    EXPECT_EQ(us->freq1Hz + us->freq2Hz, 440u + 480u);
    EXPECT_TRUE(us->soundingAt(1999));
    EXPECT_FALSE(us->soundingAt(2000));
    EXPECT_EQ(us->cycleMs(), 6000u);
    EXPECT_EQ(findTonePreset("cn")->freq1Hz, 450u);

    const auto uk = findTonePreset("uk");
    EXPECT_EQ(uk->cycleMs(), 3000u);
    for (const uint64_t on : {0, 399, 600, 999, 3000}) EXPECT_TRUE(uk->soundingAt(on)) << on;
    for (const uint64_t off : {400, 599, 1000, 2999}) EXPECT_FALSE(uk->soundingAt(off)) << off;
}

TEST(ToneGenerator, PacketsAreRtpWithTwentyMillisecondsOfG711) {
    auto tone = RingbackTone::create("eu", G711Law::MuLaw, 0);
    ASSERT_TRUE(tone.ok()) << tone.error().message;
    const auto ps = packets(*tone, 60);
    for (size_t i = 0; i < ps.size(); ++i) {
        ASSERT_EQ(ps[i].size(), 12u + 160u);
        EXPECT_EQ(ps[i][0], 0x80) << "V=2, no padding/extension/CSRC";
        EXPECT_EQ(ps[i][1] & 0x7f, 0);
        EXPECT_EQ((ps[i][1] & 0x80) != 0, i == 0) << "marker on the first packet only";
        EXPECT_EQ(test::rtpSsrc(ps[i]), tone->ssrc());
        if (i > 0) {
            EXPECT_EQ(static_cast<uint16_t>(test::rtpSequence(ps[i]) - test::rtpSequence(ps[i - 1])), 1);
            EXPECT_EQ(test::rtpTimestamp(ps[i]) - test::rtpTimestamp(ps[i - 1]), 160u);
        }
    }
    EXPECT_EQ(tone->slot(), 60u);
}

TEST(ToneGenerator, EveryPresetSoundsAtItsFrequencyInBothLaws) {
    for (const std::string& name : tonePresetNames()) {
        for (const G711Law law : {G711Law::MuLaw, G711Law::ALaw}) {
            auto tone = RingbackTone::create(name, law, law == G711Law::MuLaw ? 0 : 8);
            ASSERT_TRUE(tone.ok());
            // The first 400 ms sound in every preset.
            const auto pcm = decodeG711(packets(*tone, 20), law == G711Law::MuLaw);
            ASSERT_EQ(pcm.size(), 3200u);
            expectDominantFrequencies(pcm, tone->preset());
        }
    }
}

TEST(ToneGenerator, OffPeriodIsSilence) {
    for (const G711Law law : {G711Law::MuLaw, G711Law::ALaw}) {
        auto tone = RingbackTone::create("eu", law, 0);
        ASSERT_TRUE(tone.ok());
        const auto ps = packets(*tone, 260);  // 5.2 s: on 1 s, off 4 s, on again
        const bool mu = law == G711Law::MuLaw;
        EXPECT_GT(meanAmplitude(decodeG711({ps.begin(), ps.begin() + 50}, mu)), 500.0);
        EXPECT_LT(meanAmplitude(decodeG711({ps.begin() + 50, ps.begin() + 250}, mu)), 16.0);
        EXPECT_GT(meanAmplitude(decodeG711({ps.begin() + 250, ps.end()}, mu)), 500.0);
    }
}

TEST(ToneGenerator, SkippedSlotsAdvanceTimestampButNotSequence) {
    auto tone = RingbackTone::create("us", G711Law::ALaw, 8);
    ASSERT_TRUE(tone.ok());
    std::vector<uint8_t> a, b;
    tone->nextPacket(a);
    tone->skip(10);
    tone->nextPacket(b);
    EXPECT_EQ(static_cast<uint16_t>(test::rtpSequence(b) - test::rtpSequence(a)), 1);
    EXPECT_EQ(test::rtpTimestamp(b) - test::rtpTimestamp(a), 11u * 160u);
    EXPECT_EQ(b[1], 8) << "PT 8, no marker";
}

TEST(ToneGenerator, BadArgumentsAreErrors) {
    auto unknown = RingbackTone::create("mars", G711Law::MuLaw, 0);
    ASSERT_FALSE(unknown.ok());
    EXPECT_NE(unknown.error().message.find("unknown ring-back tone \"mars\""), std::string::npos);
    EXPECT_FALSE(RingbackTone::create("eu", G711Law::MuLaw, 128).ok());
}

namespace {

class ToneRelayTest : public ::testing::Test {
protected:
    void SetUp() override {
        auto pool = PortPool::create({24000, 24099});
        ASSERT_TRUE(pool.ok());
        m_pool = std::make_unique<PortPool>(std::move(*pool));
        auto relay = RtpRelay::create(*m_pool, "127.0.0.1");
        ASSERT_TRUE(relay.ok()) << relay.error().message;
        m_relay = std::move(*relay);
        ASSERT_TRUE(m_relay->setRemote(Leg::A, m_caller.endpoint()).ok());
        ASSERT_TRUE(m_relay->setRemote(Leg::B, m_callee.endpoint()).ok());
    }

    LoopScope m_loop;
    TestPhone m_caller, m_callee;
    std::unique_ptr<PortPool> m_pool;
    std::unique_ptr<RtpRelay> m_relay;
};

}  // namespace

TEST_F(ToneRelayTest, OneSecondOfRingbackIsFiftyPacketsTowardTheCaller) {
    ASSERT_TRUE(m_relay->startTone(Leg::A, 0, G711Law::MuLaw, "eu").ok());
    EXPECT_TRUE(m_relay->tonePlaying(Leg::A));
    runFor(1000ms);
    m_relay->stopTone(Leg::A);
    const uint64_t sent = m_relay->tonePacketsSent(Leg::A);
    EXPECT_GE(sent, 49u);
    EXPECT_LE(sent, 52u);
    const auto& got = m_caller.received;
    ASSERT_TRUE(runUntil([&] { return got.size() == sent; }, 1s))
        << got.size() << " of " << sent << " arrived";
    EXPECT_TRUE(m_callee.received.empty()) << "the tone goes only toward the caller";
    for (size_t i = 0; i < got.size(); ++i) {
        const auto& p = got[i].data;
        ASSERT_EQ(p.size(), 172u);
        EXPECT_EQ(got[i].from, m_relay->localEndpoint(Leg::A)) << "from the caller leg's own RTP port";
        EXPECT_EQ(p[1] & 0x7f, 0) << "PCMU";
        if (i > 0) {
            EXPECT_EQ(static_cast<uint16_t>(test::rtpSequence(p) - test::rtpSequence(got[i - 1].data)), 1);
            EXPECT_EQ(test::rtpTimestamp(p) - test::rtpTimestamp(got[i - 1].data), 160u);
            EXPECT_EQ(test::rtpSsrc(p), test::rtpSsrc(got[0].data));
        }
    }
    expectDominantFrequencies(decodeG711(dataOf(got, 0, 48), true), *findTonePreset("eu"));
}

TEST_F(ToneRelayTest, CadenceOffPeriodIsSilentOnTheWire) {
    // uk: 400 ms on, 200 ms off, 400 ms on.
    ASSERT_TRUE(m_relay->startTone(Leg::A, 8, G711Law::ALaw, "uk").ok());
    ASSERT_TRUE(runUntil([&] { return m_caller.received.size() >= 45; }, 2s));
    const auto& got = m_caller.received;
    EXPECT_EQ(got[0].data[1] & 0x7f, 8) << "PCMA";
    EXPECT_GT(meanAmplitude(decodeG711(dataOf(got, 0, 20), false)), 500.0);
    EXPECT_LT(meanAmplitude(decodeG711(dataOf(got, 20, 30), false)), 16.0);
    EXPECT_GT(meanAmplitude(decodeG711(dataOf(got, 30, 45), false)), 500.0);
    expectDominantFrequencies(decodeG711(dataOf(got, 30, 45), false), *findTonePreset("uk"));
}

TEST_F(ToneRelayTest, RelayedRtpIsSuppressedWhileTheTonePlaysAndStopIsInstant) {
    TestPhone& caller = m_caller;
    ASSERT_TRUE(m_relay->startTone(Leg::A, 0, G711Law::MuLaw, "us").ok());
    const uint32_t toneSsrc = [&] {
        runUntil([&] { return !caller.received.empty(); }, 1s);
        return test::rtpSsrc(caller.received.at(0).data);
    }();
    // Early media from the callee while the tone still plays: not mixed in.
    for (uint16_t i = 0; i < 5; ++i)
        m_callee.send(m_relay->localEndpoint(Leg::B), makeRtp(i, i * 160u, 0xCA11EE));
    runFor(60ms);
    for (const auto& d : caller.received) EXPECT_EQ(test::rtpSsrc(d.data), toneSsrc);
    EXPECT_EQ(m_relay->stats(Leg::B).dropped, 5u);

    m_relay->stopTone(Leg::A);
    EXPECT_FALSE(m_relay->tonePlaying(Leg::A));
    const size_t atStop = m_relay->tonePacketsSent(Leg::A);
    runFor(100ms);
    EXPECT_EQ(m_relay->tonePacketsSent(Leg::A), atStop);
    EXPECT_EQ(caller.received.size(), atStop) << "no tone packet after stopTone()";

    m_callee.send(m_relay->localEndpoint(Leg::B), makeRtp(5, 800, 0xCA11EE));
    ASSERT_TRUE(runUntil([&] { return caller.received.size() == atStop + 1; }, 1s));
    EXPECT_EQ(test::rtpSsrc(caller.received.back().data), 0xCA11EEu) << "real media flows after the tone";
    m_relay->stopTone(Leg::A);  // idempotent
}

TEST_F(ToneRelayTest, FirstRtpFromCalleeCanStopTheTone) {
    m_relay->setFirstRtpHandler([this](Leg leg) {
        if (leg == Leg::B) m_relay->stopTone(Leg::A);
    });
    ASSERT_TRUE(m_relay->startTone(Leg::A, 0, G711Law::MuLaw, "cn").ok());
    runFor(100ms);
    EXPECT_TRUE(m_relay->tonePlaying(Leg::A));
    for (uint16_t i = 0; i < 3; ++i) {
        m_callee.send(m_relay->localEndpoint(Leg::B), makeRtp(i, i * 160u, 0xCA11EE));
        runFor(5ms);
    }
    ASSERT_TRUE(runUntil([&] { return !m_relay->tonePlaying(Leg::A); }, 1s));
    ASSERT_TRUE(runUntil(
        [&] {
            return !m_caller.received.empty() && test::rtpSsrc(m_caller.received.back().data) == 0xCA11EEu;
        },
        1s));
}

TEST_F(ToneRelayTest, UnknownPresetIsRejectedAndNothingPlays) {
    auto r = m_relay->startTone(Leg::A, 0, G711Law::MuLaw, "atlantis");
    ASSERT_FALSE(r.ok());
    EXPECT_FALSE(m_relay->tonePlaying(Leg::A));
    runFor(50ms);
    EXPECT_TRUE(m_caller.received.empty());
}

TEST_F(ToneRelayTest, PacingDoesNotDriftOverTwoSeconds) {
    ASSERT_TRUE(m_relay->startTone(Leg::B, 0, G711Law::MuLaw, "eu").ok());
    const auto start = std::chrono::steady_clock::now();
    runFor(2000ms);
    const auto elapsed = std::chrono::steady_clock::now() - start;
    const auto expected = static_cast<size_t>(elapsed / 20ms) + 1;
    m_relay->stopTone(Leg::B);
    const size_t sent = m_relay->tonePacketsSent(Leg::B);
    EXPECT_GE(sent + 2, expected);
    EXPECT_LE(sent, expected + 1);
    EXPECT_TRUE(runUntil([&] { return m_callee.received.size() == sent; }, 1s));
}
