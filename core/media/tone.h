#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "common/timer.h"

/// @file tone.h
/// Ring-back tone as RTP: national presets, 8 kHz PCM from librem's
/// autone_sine(), G.711 encoding (librem), RFC 3550 packets of 20 ms, and a
/// player paced by an sb::Timer on the engine loop.

namespace sb::media {

/// Which G.711 companding law the tone is encoded with.
enum class G711Law {
    MuLaw = 1,  ///< PCMU, static payload type 0 (RFC 3551 §4.5.14)
    ALaw,       ///< PCMA, static payload type 8
};

inline constexpr uint32_t kToneSampleRate = 8000;
inline constexpr uint32_t kTonePacketMs = 20;
inline constexpr size_t kToneSamplesPerPacket = kToneSampleRate * kTonePacketMs / 1000;  // 160
inline constexpr size_t kRtpHeaderSize = 12;

/// One step of a cadence: tone for onMs, then silence for offMs.
struct ToneSegment {
    uint32_t onMs = 0;
    uint32_t offMs = 0;
};

/// A ring-back tone: one or two frequencies and a repeating cadence.
struct TonePreset {
    std::string name;
    uint32_t freq1Hz = 0;
    uint32_t freq2Hz = 0;  ///< 0 for a single-frequency tone
    int levelPercent = 0;  ///< amplitude of each frequency, percent of full scale
    std::vector<ToneSegment> cadence;

    /// Length of one cadence cycle.
    uint32_t cycleMs() const;
    /// Whether the tone sounds (rather than silence) @p ms after it started.
    bool soundingAt(uint64_t ms) const;
};

/// Presets by name:
/// - "eu": 425 Hz, 1 s on / 4 s off (the common CEPT ring-back)
/// - "us": 440+480 Hz, 2 s on / 4 s off (North American precise tone plan)
/// - "cn": 450 Hz, 1 s on / 4 s off (China)
/// - "uk": 400+450 Hz, 0.4 s on, 0.2 off, 0.4 on, 2 off (UK)
/// @return std::nullopt for an unknown name.
std::optional<TonePreset> findTonePreset(std::string_view name);

/// Names accepted by findTonePreset(), for configuration dialogs.
std::vector<std::string> tonePresetNames();

/// A ring-back tone cut into RTP packets: 12-byte RFC 3550 header (random
/// SSRC, sequence and timestamp origin, §5.1) + 160 bytes of G.711 = 20 ms.
/// During the cadence's off periods it yields G.711 silence rather than
/// nothing, so timestamps stay continuous and NAT bindings stay open.
class RingbackTone {
public:
    /// @return an error for an unknown preset or a payload type above 127.
    static Result<RingbackTone> create(std::string_view presetName, G711Law law, uint8_t payloadType);
    /// Loop 8 kHz @p pcm without pause (music on hold) instead of a tone.
    /// @return an error for empty audio or a payload type above 127.
    static Result<RingbackTone> fromAudio(std::span<const int16_t> pcm, G711Law law, uint8_t payloadType);

    /// Write the next packet (header + payload) into @p out.
    void nextPacket(std::vector<uint8_t>& out);
    /// Skip @p count 20 ms slots unsent (the loop fell behind): the timestamp
    /// and cadence move on, the sequence number does not, as it counts sent
    /// packets (RFC 3550 §5.1).
    void skip(uint64_t count);

    /// 20 ms slots produced or skipped since the start.
    uint64_t slot() const { return m_slot; }
    uint32_t ssrc() const { return m_ssrc; }
    uint8_t payloadType() const { return m_payloadType; }
    const TonePreset& preset() const { return m_preset; }

private:
    RingbackTone() = default;

    TonePreset m_preset;
    uint8_t m_payloadType = 0;
    uint8_t m_silence = 0;
    std::vector<uint8_t> m_oneSecond;  // encoded; a tone repeats every second exactly, music its length
    uint32_t m_ssrc = 0;
    uint16_t m_sequence = 0;
    uint32_t m_timestampOrigin = 0;
    uint64_t m_slot = 0;
    bool m_firstPacket = true;
};

/// Sends a RingbackTone every 20 ms through a callback, on the engine loop.
/// Packets are due at start + n * 20 ms: a late timer is caught up from that
/// schedule rather than delaying every later packet, so drift never
/// accumulates; after a long stall (more than kMaxBurst packets late) the
/// missed slots are skipped instead of sent in a burst.
class TonePlayer {
public:
    /// Delivers one packet; it may call stop() but must not destroy the player.
    using SendFunction = std::function<void(const uint8_t* data, size_t size)>;
    static constexpr uint64_t kMaxBurst = 5;

    TonePlayer(RingbackTone tone, SendFunction send);
    ~TonePlayer() = default;
    TonePlayer(const TonePlayer&) = delete;
    TonePlayer& operator=(const TonePlayer&) = delete;

    /// Send the first packet now and keep going until stop().
    void start();
    /// Stop at once; no packet is sent after this returns.
    void stop();
    bool playing() const { return m_playing; }
    /// Packets handed to the send function so far.
    uint64_t packetsSent() const { return m_sent; }
    const RingbackTone& tone() const { return m_tone; }

private:
    void tick();

    RingbackTone m_tone;
    SendFunction m_send;
    Timer m_timer;
    std::vector<uint8_t> m_packet;
    std::chrono::steady_clock::time_point m_start;
    uint64_t m_sent = 0;
    bool m_playing = false;
};

}  // namespace sb::media
