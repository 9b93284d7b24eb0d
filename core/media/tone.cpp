#include "media/tone.h"

#include <re.h>
#include <rem.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <random>

#include "common/re_ptr.h"

namespace sb::media {

namespace {

using Clock = std::chrono::steady_clock;

std::chrono::milliseconds slotTime(uint64_t slot) {
    return std::chrono::milliseconds(static_cast<int64_t>(slot * kTonePacketMs));
}

const std::vector<TonePreset>& presets() {
    // Levels: about -13 dBm0 for a single tone and -19 dBm0 per frequency for
    // a dual tone, the usual ring-back loudness (G.711 full-scale sine is
    // +3.17 dBm0).
    static const std::vector<TonePreset> kPresets{
        {"eu", 425, 0, 16, {{1000, 4000}}},
        {"us", 440, 480, 8, {{2000, 4000}}},
        {"cn", 450, 0, 16, {{1000, 4000}}},
        {"uk", 400, 450, 8, {{400, 200}, {400, 2000}}},
    };
    return kPresets;
}

// One second of the tone as 16-bit PCM at 8 kHz, made by librem. With whole
// frequencies one second holds whole periods, so it loops without a click.
Result<std::vector<int16_t>> oneSecondPcm(const TonePreset& p) {
    RePtr<struct mbuf> mb(mbuf_alloc(kToneSampleRate * sizeof(int16_t)));
    if (!mb) return makeError("out of memory generating the ring-back tone", ENOMEM);
    const int err = autone_sine(mb.get(), kToneSampleRate, p.freq1Hz, p.levelPercent, p.freq2Hz,
                                p.freq2Hz != 0 ? p.levelPercent : 0);
    if (err != 0 || mb->end != kToneSampleRate * sizeof(int16_t)) {
        return makeError("librem could not generate the " + p.name + " ring-back tone", err ? err : EIO);
    }
    // autone_sine() writes native-endian samples (mbuf_write_u16 does not swap).
    std::vector<int16_t> samples(kToneSampleRate);
    std::memcpy(samples.data(), mb->buf, mb->end);
    return samples;
}

uint8_t encode(G711Law law, int16_t sample) {
    return law == G711Law::MuLaw ? g711_pcm2ulaw(sample) : g711_pcm2alaw(sample);
}

void putU16(uint8_t* p, uint16_t v) {
    p[0] = static_cast<uint8_t>(v >> 8);
    p[1] = static_cast<uint8_t>(v);
}

void putU32(uint8_t* p, uint32_t v) {
    putU16(p, static_cast<uint16_t>(v >> 16));
    putU16(p + 2, static_cast<uint16_t>(v));
}

}  // namespace

uint32_t TonePreset::cycleMs() const {
    uint32_t total = 0;
    for (const ToneSegment& s : cadence) total += s.onMs + s.offMs;
    return total;
}

bool TonePreset::soundingAt(uint64_t ms) const {
    const uint32_t cycle = cycleMs();
    if (cycle == 0) return false;
    uint64_t at = ms % cycle;
    for (const ToneSegment& s : cadence) {
        if (at < s.onMs) return true;
        if (at < static_cast<uint64_t>(s.onMs) + s.offMs) return false;
        at -= static_cast<uint64_t>(s.onMs) + s.offMs;
    }
    return false;
}

std::optional<TonePreset> findTonePreset(std::string_view name) {
    for (const TonePreset& p : presets()) {
        if (p.name == name) return p;
    }
    return std::nullopt;
}

std::vector<std::string> tonePresetNames() {
    std::vector<std::string> names;
    for (const TonePreset& p : presets()) names.push_back(p.name);
    return names;
}

Result<RingbackTone> RingbackTone::create(std::string_view presetName, G711Law law, uint8_t payloadType) {
    auto preset = findTonePreset(presetName);
    if (!preset) return makeError("unknown ring-back tone \"" + std::string(presetName) + "\"", EINVAL);
    if (payloadType > 127)
        return makeError("RTP payload type " + std::to_string(payloadType) + " is above 127", EINVAL);
    auto pcm = oneSecondPcm(*preset);
    if (!pcm) return pcm.error();

    RingbackTone tone;
    tone.m_preset = std::move(*preset);
    tone.m_payloadType = payloadType;
    tone.m_silence = encode(law, 0);
    tone.m_oneSecond.reserve(pcm->size());
    for (const int16_t s : *pcm) tone.m_oneSecond.push_back(encode(law, s));
    // RFC 3550 §5.1: random initial sequence number and timestamp, §8 random SSRC.
    thread_local std::mt19937 rd{std::random_device{}()};  // seeded once: one tone per ringing call
    tone.m_ssrc = static_cast<uint32_t>(rd());
    tone.m_sequence = static_cast<uint16_t>(rd());
    tone.m_timestampOrigin = static_cast<uint32_t>(rd());
    return tone;
}

Result<RingbackTone> RingbackTone::fromAudio(std::span<const int16_t> pcm, G711Law law, uint8_t payloadType) {
    if (pcm.empty()) return makeError("no audio to play", EINVAL);
    if (payloadType > 127)
        return makeError("RTP payload type " + std::to_string(payloadType) + " is above 127", EINVAL);
    RingbackTone tone;
    tone.m_preset.name = "music";
    tone.m_preset.cadence = {{1000, 0}};  // always sounding
    tone.m_payloadType = payloadType;
    tone.m_silence = encode(law, 0);
    // Whole packets only, so the loop point falls on a packet boundary.
    const size_t usable = std::max<size_t>(kToneSamplesPerPacket, pcm.size() / kToneSamplesPerPacket * kToneSamplesPerPacket);
    tone.m_oneSecond.reserve(usable);
    for (size_t i = 0; i < usable; ++i) tone.m_oneSecond.push_back(encode(law, i < pcm.size() ? pcm[i] : 0));
    thread_local std::mt19937 rd{std::random_device{}()};
    tone.m_ssrc = static_cast<uint32_t>(rd());
    tone.m_sequence = static_cast<uint16_t>(rd());
    tone.m_timestampOrigin = static_cast<uint32_t>(rd());
    return tone;
}

void RingbackTone::nextPacket(std::vector<uint8_t>& out) {
    out.resize(kRtpHeaderSize + kToneSamplesPerPacket);
    uint8_t* p = out.data();
    p[0] = 0x80;  // V=2, no padding, no extension, no CSRC
    // The marker opens the stream (RFC 3551 §4.1: first packet after silence).
    p[1] = static_cast<uint8_t>((m_firstPacket ? 0x80 : 0x00) | m_payloadType);
    putU16(p + 2, m_sequence);
    putU32(p + 4, static_cast<uint32_t>(m_timestampOrigin + m_slot * kToneSamplesPerPacket));
    putU32(p + 8, m_ssrc);
    uint8_t* payload = p + kRtpHeaderSize;
    if (m_preset.soundingAt(m_slot * kTonePacketMs)) {
        const size_t offset = (m_slot * kToneSamplesPerPacket) % m_oneSecond.size();
        std::memcpy(payload, m_oneSecond.data() + offset, kToneSamplesPerPacket);
    } else {
        std::memset(payload, m_silence, kToneSamplesPerPacket);
    }
    m_firstPacket = false;
    ++m_sequence;
    ++m_slot;
}

void RingbackTone::skip(uint64_t count) {
    m_slot += count;
}

TonePlayer::TonePlayer(RingbackTone tone, SendFunction send)
    : m_tone(std::move(tone)), m_send(std::move(send)) {}

void TonePlayer::start() {
    if (m_playing) return;
    m_playing = true;
    m_start = Clock::now() - slotTime(m_tone.slot());
    tick();
}

void TonePlayer::stop() {
    m_playing = false;
    m_timer.cancel();
}

void TonePlayer::tick() {
    if (!m_playing) return;
    constexpr auto kPacket = std::chrono::milliseconds(kTonePacketMs);
    const auto now = Clock::now();
    // Slots due by now, counting the one that starts now.
    const auto due = static_cast<uint64_t>((now - m_start) / kPacket) + 1;
    uint64_t late = due > m_tone.slot() ? due - m_tone.slot() : 0;
    if (late > kMaxBurst) {
        m_tone.skip(late - 1);
        late = 1;
    }
    for (; late > 0 && m_playing; --late) {
        m_tone.nextPacket(m_packet);
        ++m_sent;
        m_send(m_packet.data(), m_packet.size());
    }
    if (!m_playing) return;
    const auto next = m_start + slotTime(m_tone.slot());
    const auto wait = std::chrono::ceil<std::chrono::milliseconds>(next - Clock::now());
    m_timer.start(static_cast<uint64_t>(std::max<int64_t>(0, wait.count())), [this] { tick(); });
}

}  // namespace sb::media
