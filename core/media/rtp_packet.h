#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

/// @file rtp_packet.h
/// Reading and writing the RFC 3550 fixed header for legs the media engine
/// terminates (the relay passes packets through untouched).

namespace sb::media {

/// A received RTP packet, pointing into the datagram.
struct RtpView {
    uint8_t payloadType = 0;
    bool marker = false;
    uint16_t sequence = 0;
    uint32_t timestamp = 0;
    uint32_t ssrc = 0;
    std::span<const uint8_t> payload;
};

/// Parse @p datagram: version 2, CSRCs, header extension and padding
/// (RFC 3550 §5.1, §5.3.1) skipped. std::nullopt for anything malformed.
std::optional<RtpView> parseRtp(std::span<const uint8_t> datagram);

/// Sequence, timestamp and SSRC of what one terminated leg sends.
class RtpSender {
public:
    /// Random SSRC, sequence and timestamp origin (RFC 3550 §5.1).
    RtpSender();
    /// Header + @p payload into @p out; the timestamp is @p timestamp.
    void write(std::vector<uint8_t>& out, uint8_t payloadType, bool marker, uint32_t timestamp,
               std::span<const uint8_t> payload);
    /// The timestamp of the next 20 ms audio frame (advance() moves it on).
    uint32_t timestamp() const { return m_timestamp; }
    void advance(uint32_t samples) { m_timestamp += samples; }
    uint32_t ssrc() const { return m_ssrc; }

private:
    uint32_t m_ssrc = 0;
    uint16_t m_sequence = 0;
    uint32_t m_timestamp = 0;
};

}  // namespace sb::media
