// The media engine against plain UDP "phones" on 127.0.0.1: what a
// terminated leg sends is decoded and measured (tone power), digits go in
// as RFC 4733 events and as tones, conference members hear each other.

#include <fcntl.h>
#include <gtest/gtest.h>
#include <re.h>
#include <sys/resource.h>
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <numbers>
#include <string>
#include <vector>

#include "media/audio_clip.h"
#include "media/media_engine.h"
#include "media/port_pool.h"
#include "media/rtp_packet.h"
#include "media_test_support.h"

namespace sb::media {
namespace {

using namespace std::chrono_literals;
using test::LoopScope;
using test::runUntil;
using test::TestPhone;
using test::tonePower;

std::vector<int16_t> sine(double freqHz, size_t samples, double amplitude = 8000, size_t phase = 0) {
    std::vector<int16_t> out(samples);
    for (size_t i = 0; i < samples; ++i)
        out[i] = static_cast<int16_t>(amplitude * std::sin(2 * std::numbers::pi * freqHz *
                                                           static_cast<double>(i + phase) / 8000.0));
    return out;
}

std::vector<int16_t> dtmf(double low, double high, size_t samples) {
    auto a = sine(low, samples, 6000);
    auto b = sine(high, samples, 6000);
    for (size_t i = 0; i < samples; ++i) a[i] = static_cast<int16_t>(a[i] + b[i]);
    return a;
}

/// RTP with @p pcm encoded as PCMU.
std::vector<uint8_t> pcmuPacket(uint16_t seq, uint32_t ts, std::span<const int16_t> pcm) {
    std::vector<uint8_t> coded;
    encodeG711(G711Law::MuLaw, pcm, coded);
    std::vector<uint8_t> p;
    RtpSender sender;
    sender.write(p, 0, false, ts, coded);
    p[2] = static_cast<uint8_t>(seq >> 8);
    p[3] = static_cast<uint8_t>(seq);
    return p;
}

/// An RFC 4733 packet for @p event (payload type 101).
std::vector<uint8_t> eventPacket(uint16_t seq, uint32_t ts, uint8_t event, bool end, uint16_t duration,
                                 bool marker) {
    const std::vector<uint8_t> payload = {event, static_cast<uint8_t>((end ? 0x80 : 0) | 10),
                                          static_cast<uint8_t>(duration >> 8), static_cast<uint8_t>(duration)};
    std::vector<uint8_t> p;
    RtpSender sender;
    sender.write(p, 101, marker, ts, payload);
    p[2] = static_cast<uint8_t>(seq >> 8);
    p[3] = static_cast<uint8_t>(seq);
    return p;
}

/// The audio in what @p phone received (PCMU packets only).
std::vector<int16_t> heard(const TestPhone& phone, size_t skipPackets = 0) {
    std::vector<int16_t> out;
    size_t n = 0;
    for (const auto& d : phone.received) {
        auto rtp = parseRtp(d.data);
        if (!rtp || rtp->payloadType != 0 || n++ < skipPackets) continue;
        std::vector<int16_t> pcm;
        decodeG711(G711Law::MuLaw, rtp->payload, pcm);
        out.insert(out.end(), pcm.begin(), pcm.end());
    }
    return out;
}

class MediaEngineTest : public ::testing::Test {
protected:
    LoopScope loop;  // first: destroyed last
    PortPool pool = PortPool::create({30000, 30100}).value();
    std::unique_ptr<MediaEngine> engine = MediaEngine::start().value();
    std::string digits;
    std::vector<DtmfMethod> methods;

    LegMediaParams params(const TestPhone& phone, bool telephoneEvent = true) {
        LegMediaParams p;
        p.remote = phone.endpoint();
        p.payloadType = 0;
        p.law = G711Law::MuLaw;
        if (telephoneEvent) p.telephoneEvent = 101;
        return p;
    }

    MediaEngine::SessionId open(const TestPhone& phone, bool telephoneEvent = true,
                                std::function<void(uint64_t)> playDone = {}) {
        MediaEngine::SessionEvents ev;
        ev.digit = [this](char d, DtmfMethod m) {
            digits += d;
            methods.push_back(m);
        };
        ev.playDone = std::move(playDone);
        ev.failed = [](const std::string& why) { ADD_FAILURE() << why; };
        auto pair = pool.allocate("127.0.0.1");
        EXPECT_TRUE(pair) << pair.error().message;
        return engine->open(std::move(pair.value()), params(phone, telephoneEvent), std::move(ev));
    }

    /// The session's port, learned from the first packet it sends.
    static Endpoint sessionEndpoint(TestPhone& phone) {
        EXPECT_TRUE(runUntil([&] { return !phone.received.empty(); }, 2s)) << "the session sent nothing";
        return phone.received.empty() ? Endpoint{} : phone.received.front().from;
    }

    /// Send @p pcm from @p phone to @p to as 20 ms PCMU packets, paced.
    static void talk(TestPhone& phone, const Endpoint& to, const std::vector<int16_t>& pcm) {
        size_t sent = 0;
        const auto start = std::chrono::steady_clock::now();
        runUntil(
            [&] {
                const auto due = static_cast<size_t>((std::chrono::steady_clock::now() - start) / 20ms) + 1;
                while (sent < due && (sent + 1) * kFrameSamples <= pcm.size()) {
                    phone.send(to, pcmuPacket(static_cast<uint16_t>(sent), static_cast<uint32_t>(sent * 160),
                                              std::span(pcm).subspan(sent * kFrameSamples, kFrameSamples)));
                    ++sent;
                }
                return (sent + 1) * kFrameSamples > pcm.size();
            },
            5s);
    }
};

TEST_F(MediaEngineTest, SilenceIsSentFromTheStartAt50PacketsASecond) {
    TestPhone phone;
    open(phone);
    const Endpoint from = sessionEndpoint(phone);
    EXPECT_EQ(from.address, "127.0.0.1");
    test::runFor(1000ms);
    // 50 packets a second, give or take the clock's first tick.
    EXPECT_GE(phone.received.size(), 45u);
    EXPECT_LE(phone.received.size(), 56u);
    auto first = parseRtp(phone.received.front().data);
    auto last = parseRtp(phone.received.back().data);
    ASSERT_TRUE(first && last);
    EXPECT_EQ(last->sequence - first->sequence + 1u, phone.received.size());
    EXPECT_EQ(last->timestamp - first->timestamp, 160u * (phone.received.size() - 1));
    EXPECT_LT(test::meanAmplitude(heard(phone)), 10.0);
}

TEST_F(MediaEngineTest, PlaysAClipAndSaysWhenItIsDone) {
    TestPhone phone;
    bool done = false;
    auto id = open(phone, true, [&](uint64_t token) { done = token == 7; });
    auto clip = std::make_shared<AudioClip>();
    clip->samples = sine(600, 8000);  // one second
    engine->play(id, {clip}, false, 7);
    ASSERT_TRUE(runUntil([&] { return done; }, 3s));
    const auto audio = heard(phone);
    ASSERT_GE(audio.size(), 6000u);
    EXPECT_GT(tonePower(audio, 600), 100 * tonePower(audio, 1000));
}

TEST_F(MediaEngineTest, EchoTestSendsBackWhatThePhoneSays) {
    TestPhone phone;
    auto id = open(phone);
    const Endpoint session = sessionEndpoint(phone);
    engine->setEcho(id, true);
    test::runFor(60ms);
    phone.received.clear();
    talk(phone, session, sine(1000, 8000));
    test::runFor(100ms);
    const auto audio = heard(phone);
    ASSERT_GE(audio.size(), 40u * 160);
    EXPECT_GT(tonePower(audio, 1000), 100 * tonePower(audio, 400));
}

TEST_F(MediaEngineTest, Rfc4733DigitsAreReportedOncePerPress) {
    TestPhone phone;
    open(phone);
    const Endpoint session = sessionEndpoint(phone);
    uint16_t seq = 0;
    for (uint8_t event : {uint8_t{5}, uint8_t{11}, uint8_t{5}}) {
        const uint32_t ts = seq * 160u;
        phone.send(session, eventPacket(seq++, ts, event, false, 160, true));
        phone.send(session, eventPacket(seq++, ts, event, false, 320, false));
        for (int i = 0; i < 3; ++i) phone.send(session, eventPacket(seq++, ts, event, true, 480, false));
    }
    ASSERT_TRUE(runUntil([&] { return digits.size() >= 3; }, 2s)) << digits;
    test::runFor(100ms);
    EXPECT_EQ(digits, "5#5");
    for (auto m : methods) EXPECT_EQ(m, DtmfMethod::Rfc4733);
}

TEST_F(MediaEngineTest, InbandDigitsAreDetectedWhenNoTelephoneEventWasAgreed) {
    TestPhone phone;
    open(phone, false);
    const Endpoint session = sessionEndpoint(phone);
    std::vector<int16_t> audio = dtmf(852, 1209, 960);  // '7', 120 ms
    audio.resize(audio.size() + 1600, 0);
    const auto nine = dtmf(852, 1477, 960);  // '9'
    audio.insert(audio.end(), nine.begin(), nine.end());
    audio.resize(audio.size() + 1600, 0);
    talk(phone, session, audio);
    ASSERT_TRUE(runUntil([&] { return digits.size() >= 2; }, 2s)) << digits;
    EXPECT_EQ(digits, "79");
    EXPECT_EQ(methods.front(), DtmfMethod::InBand);
}

TEST_F(MediaEngineTest, SendsDigitsAsRfc4733Events) {
    TestPhone phone;
    auto id = open(phone);
    sessionEndpoint(phone);
    engine->sendDigits(id, "1#");
    ASSERT_TRUE(runUntil(
        [&] {
            size_t ends = 0;
            for (const auto& d : phone.received) {
                auto r = parseRtp(d.data);
                if (r && r->payloadType == 101 && r->payload.size() == 4 && (r->payload[1] & 0x80)) ++ends;
            }
            return ends >= 6;
        },
        3s));
    std::vector<uint8_t> events;
    std::vector<uint32_t> starts;
    for (const auto& d : phone.received) {
        auto r = parseRtp(d.data);
        if (!r || r->payloadType != 101) continue;
        if (r->marker) {
            events.push_back(r->payload[0]);
            starts.push_back(r->timestamp);
        }
        EXPECT_EQ(r->timestamp, starts.back()) << "every packet of an event carries its start";
    }
    EXPECT_EQ(events, (std::vector<uint8_t>{1, 11}));
}

TEST_F(MediaEngineTest, ConferenceMembersHearTheOthersButNotThemselves) {
    TestPhone alice, bob;
    auto a = open(alice);
    auto b = open(bob);
    const Endpoint toA = sessionEndpoint(alice);
    sessionEndpoint(bob);
    engine->setConference(a, "100");
    engine->setConference(b, "100");
    test::runFor(100ms);
    alice.received.clear();
    bob.received.clear();
    talk(alice, toA, sine(500, 12000));
    test::runFor(200ms);
    const auto bobHeard = heard(bob);
    const auto aliceHeard = heard(alice);
    ASSERT_GE(bobHeard.size(), 8000u);
    EXPECT_GT(tonePower(bobHeard, 500), 100 * tonePower(bobHeard, 1300));
    EXPECT_LT(tonePower(aliceHeard, 500), tonePower(bobHeard, 500) / 100);
}

TEST_F(MediaEngineTest, BridgedSessionsHearEachOtherButNotThemselves) {
    // The auto attendant's caller and the extension it connected: a bridge
    // of two sessions without a mixer.
    TestPhone caller, extension, bystander;
    auto a = open(caller);
    auto b = open(extension);
    open(bystander);
    const Endpoint toA = sessionEndpoint(caller);
    const Endpoint toB = sessionEndpoint(extension);
    sessionEndpoint(bystander);
    engine->bridge(a, b);
    test::runFor(100ms);
    caller.received.clear();
    extension.received.clear();
    bystander.received.clear();
    talk(caller, toA, sine(500, 12000));
    talk(extension, toB, sine(700, 12000));
    test::runFor(200ms);
    const auto extensionHeard = heard(extension);
    const auto callerHeard = heard(caller);
    ASSERT_GE(extensionHeard.size(), 8000u);
    ASSERT_GE(callerHeard.size(), 8000u);
    EXPECT_GT(tonePower(extensionHeard, 500), 100 * tonePower(extensionHeard, 700)) << "the extension hears the caller";
    EXPECT_GT(tonePower(callerHeard, 700), 100 * tonePower(callerHeard, 500)) << "the caller hears the extension";
    EXPECT_LT(tonePower(heard(bystander), 500), tonePower(extensionHeard, 500) / 100);
}

TEST_F(MediaEngineTest, RecordsWhatThePhoneSaysIntoAWavFile) {
    TestPhone phone;
    auto id = open(phone);
    const Endpoint session = sessionEndpoint(phone);
    const auto file = std::filesystem::temp_directory_path() / ("sb_record_" + std::to_string(::getpid()) + ".wav");
    std::optional<Result<uint64_t>> result;
    engine->startRecording(id, file, 600, [&](Result<uint64_t> r) { result = r; });
    talk(phone, session, sine(700, 8000));
    ASSERT_TRUE(runUntil([&] { return result.has_value(); }, 3s));
    ASSERT_TRUE(result->ok()) << result->error().message;
    EXPECT_EQ(result->value(), 600u);
    auto clip = loadWavClip(file);
    ASSERT_TRUE(clip) << clip.error().message;
    EXPECT_EQ(clip.value()->samples.size(), 4800u);
    EXPECT_GT(tonePower(clip.value()->samples, 700), 100 * tonePower(clip.value()->samples, 300));
    std::filesystem::remove(file);
}

TEST_F(MediaEngineTest, ARecordingThatCannotBeWrittenSaysWhy) {
    TestPhone phone;
    auto id = open(phone);
    const Endpoint session = sessionEndpoint(phone);
    std::optional<Result<uint64_t>> result;
    engine->startRecording(id, "/proc/no-such-dir/message.wav", 200, [&](Result<uint64_t> r) { result = r; });
    talk(phone, session, sine(700, 4000));
    ASSERT_TRUE(runUntil([&] { return result.has_value(); }, 3s));
    ASSERT_FALSE(result->ok());
    EXPECT_NE(result->error().message.find("/proc/no-such-dir/message.wav"), std::string::npos)
        << result->error().message;
}

TEST_F(MediaEngineTest, ADamagedWavFileIsRefusedWithItsName) {
    const auto file = std::filesystem::temp_directory_path() / ("sb_bad_" + std::to_string(::getpid()) + ".wav");
    std::ofstream(file) << "RIFF this is not audio";
    std::optional<Result<std::shared_ptr<const AudioClip>>> result;
    engine->loadClip(file, [&](auto r) { result = r; });
    ASSERT_TRUE(runUntil([&] { return result.has_value(); }, 2s));
    EXPECT_FALSE(result->ok());
    EXPECT_NE(result->error().message.find(file.string()), std::string::npos) << result->error().message;
    std::filesystem::remove(file);
    auto missing = loadWavClip("/nonexistent/prompt.wav");
    ASSERT_FALSE(missing);
    EXPECT_NE(missing.error().message.find("does not exist"), std::string::npos);
}

// Sockets keep their process-wide descriptor numbers when they move to the
// media thread, whose libre table once held only 1024: past ~500 legs every
// new leg failed (bench/media at 800 legs).
TEST(MediaEngineDescriptors, ALegWhoseSocketsAreNumberedPast1024IsServed) {
    rlimit rl{};
    ASSERT_EQ(getrlimit(RLIMIT_NOFILE, &rl), 0);
    if (rl.rlim_max != RLIM_INFINITY && rl.rlim_max < 1400) GTEST_SKIP() << "hard open-file limit below 1400";
    const rlimit before = rl;
    rl.rlim_cur = rl.rlim_max == RLIM_INFINITY ? 4096 : std::min<rlim_t>(rl.rlim_max, 4096);
    ASSERT_EQ(setrlimit(RLIMIT_NOFILE, &rl), 0);
    std::vector<int> filler;  // descriptors 0..1100 taken, so the leg's sockets come after
    for (int fd = open("/dev/null", O_RDONLY); fd >= 0 && fd < 1100; fd = open("/dev/null", O_RDONLY))
        filler.push_back(fd);
    {
        LoopScope loop;
        ASSERT_EQ(fd_setsize(4096), 0);  // the test thread's own loop, as the engine thread does
        PortPool pool = PortPool::create({30000, 30100}).value();
        auto engine = MediaEngine::start();
        ASSERT_TRUE(engine) << engine.error().message;
        TestPhone phone;
        std::string failure;
        MediaEngine::SessionEvents ev;
        ev.failed = [&](const std::string& why) { failure = why; };
        auto pair = pool.allocate("127.0.0.1");
        ASSERT_TRUE(pair) << pair.error().message;
        LegMediaParams p;
        p.remote = phone.endpoint();
        p.payloadType = 0;
        p.law = G711Law::MuLaw;
        engine.value()->open(std::move(pair.value()), p, std::move(ev));
        EXPECT_TRUE(runUntil([&] { return !phone.received.empty() || !failure.empty(); }, 2s));
        EXPECT_EQ(failure, "");
        EXPECT_FALSE(phone.received.empty()) << "the session sent nothing";
    }
    for (int fd : filler) close(fd);
    (void)setrlimit(RLIMIT_NOFILE, &before);
}

TEST(RtpPacket, ParsesHeaderExtensionCsrcsAndPadding) {
    std::vector<uint8_t> p = {0xB1, 0x80 | 8, 0, 7, 0, 0, 1, 0, 0, 0, 0, 9,  // v2 P X=0 CC=1, M, PT 8
                              1, 2, 3, 4,                                     // CSRC
                              0xAA, 0xBB, 0, 0, 2};                           // payload + 2 bytes padding? (last=2)
    p[0] = 0xA1;  // padding, one CSRC
    auto r = parseRtp(p);
    ASSERT_TRUE(r);
    EXPECT_TRUE(r->marker);
    EXPECT_EQ(r->payloadType, 8);
    EXPECT_EQ(r->sequence, 7);
    EXPECT_EQ(r->timestamp, 256u);
    EXPECT_EQ(r->ssrc, 9u);
    EXPECT_EQ(r->payload.size(), 3u);
    EXPECT_FALSE(parseRtp(std::vector<uint8_t>{0x80, 0, 0}));
    std::vector<uint8_t> badPad = p;
    badPad.back() = 40;
    EXPECT_FALSE(parseRtp(badPad));
    std::vector<uint8_t> v1 = p;
    v1[0] = 0x40;
    EXPECT_FALSE(parseRtp(v1));
}

}  // namespace
}  // namespace sb::media
