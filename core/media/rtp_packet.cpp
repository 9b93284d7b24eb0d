#include "media/rtp_packet.h"

#include <random>

namespace sb::media {

std::optional<RtpView> parseRtp(std::span<const uint8_t> d) {
    if (d.size() < 12 || (d[0] >> 6) != 2) return std::nullopt;
    const size_t csrcs = d[0] & 0x0f;
    size_t offset = 12 + 4 * csrcs;
    if (offset > d.size()) return std::nullopt;
    if (d[0] & 0x10) {  // header extension: 4 bytes + length words
        if (offset + 4 > d.size()) return std::nullopt;
        offset += 4 + 4 * ((size_t{d[offset + 2]} << 8) | d[offset + 3]);
        if (offset > d.size()) return std::nullopt;
    }
    size_t end = d.size();
    if (d[0] & 0x20) {  // padding: the last byte counts it
        const size_t pad = d[end - 1];
        if (pad == 0 || pad > end - offset) return std::nullopt;
        end -= pad;
    }
    RtpView v;
    v.marker = (d[1] & 0x80) != 0;
    v.payloadType = d[1] & 0x7f;
    v.sequence = static_cast<uint16_t>((d[2] << 8) | d[3]);
    v.timestamp = (uint32_t{d[4]} << 24) | (uint32_t{d[5]} << 16) | (uint32_t{d[6]} << 8) | d[7];
    v.ssrc = (uint32_t{d[8]} << 24) | (uint32_t{d[9]} << 16) | (uint32_t{d[10]} << 8) | d[11];
    v.payload = d.subspan(offset, end - offset);
    return v;
}

RtpSender::RtpSender() {
    thread_local std::mt19937 random{std::random_device{}()};
    m_ssrc = static_cast<uint32_t>(random());
    m_sequence = static_cast<uint16_t>(random());
    m_timestamp = static_cast<uint32_t>(random());
}

void RtpSender::write(std::vector<uint8_t>& out, uint8_t payloadType, bool marker, uint32_t timestamp,
                      std::span<const uint8_t> payload) {
    out.resize(12 + payload.size());
    out[0] = 0x80;
    out[1] = static_cast<uint8_t>((marker ? 0x80 : 0) | (payloadType & 0x7f));
    out[2] = static_cast<uint8_t>(m_sequence >> 8);
    out[3] = static_cast<uint8_t>(m_sequence);
    ++m_sequence;
    for (int i = 0; i < 4; ++i) out[4 + i] = static_cast<uint8_t>(timestamp >> (24 - 8 * i));
    for (int i = 0; i < 4; ++i) out[8 + i] = static_cast<uint8_t>(m_ssrc >> (24 - 8 * i));
    std::copy(payload.begin(), payload.end(), out.begin() + 12);
}

}  // namespace sb::media
