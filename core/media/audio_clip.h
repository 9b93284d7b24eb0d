#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <span>
#include <vector>

#include "common/result.h"
#include "media/tone.h"

/// @file audio_clip.h
/// Audio the media engine plays (prompts, music on hold) held in memory as
/// 8 kHz mono 16-bit PCM, loaded from WAV files with librem's aufile, and
/// the G.711 conversions every terminated leg uses (librem's tables).

namespace sb::media {

inline constexpr uint32_t kMediaSampleRate = 8000;
inline constexpr size_t kFrameSamples = 160;  ///< 20 ms at 8 kHz, one RTP packet

/// Immutable PCM, shared between threads by shared_ptr<const AudioClip>.
struct AudioClip {
    std::vector<int16_t> samples;  ///< 8 kHz mono
    std::string name;              ///< file name or label, for messages

    uint64_t durationMs() const { return samples.size() * 1000 / kMediaSampleRate; }
};

/// Load a WAV file: 8 kHz mono, 16-bit PCM or G.711 (A-law/µ-law).
/// @return the clip, or an error naming the file and what is wrong with it
///         (missing, not a WAV file, another rate or channel count, empty).
///         Reads the disk: never call it on the SIP thread.
Result<std::shared_ptr<const AudioClip>> loadWavClip(const std::filesystem::path& path);

/// Write @p samples as an 8 kHz mono 16-bit PCM WAV file (voicemail, tests).
Result<void> writeWavFile(const std::filesystem::path& path, std::span<const int16_t> samples);

/// G.711 encode/decode of whole buffers (@p out is resized).
void encodeG711(G711Law law, std::span<const int16_t> pcm, std::vector<uint8_t>& out);
void decodeG711(G711Law law, std::span<const uint8_t> coded, std::vector<int16_t>& out);
/// One encoded sample of silence.
uint8_t g711Silence(G711Law law);

}  // namespace sb::media
