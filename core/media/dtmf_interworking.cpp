#include "media/dtmf_interworking.h"

#include <algorithm>

#include "media/rtp_packet.h"

namespace sb::media {

namespace {
constexpr char kKeys[] = "0123456789*#ABCD";
constexpr uint8_t kVolume = 10;        // -10 dBm0, what phones send
constexpr unsigned kSamplesPerMs = 8;  // telephone-event/8000
}  // namespace

std::optional<uint8_t> dtmfEventCode(char key) {
    if (key >= 'a' && key <= 'd') key = static_cast<char>(key - 'a' + 'A');
    for (uint8_t i = 0; i < 16; ++i)
        if (kKeys[i] == key) return i;
    return std::nullopt;
}

char dtmfKeyOf(uint8_t code) {
    return code < 16 ? kKeys[code] : 0;
}

std::optional<DtmfKey> DtmfReceiver::feed(uint32_t timestamp, std::span<const uint8_t> payload) {
    if (payload.size() < 4) return std::nullopt;
    const uint8_t event = payload[0];
    const bool end = (payload[1] & 0x80) != 0;
    const uint16_t duration = static_cast<uint16_t>(payload[2] << 8 | payload[3]);
    std::optional<DtmfKey> out;
    if (!m_timestamp || *m_timestamp != timestamp) {
        // A new event: the previous one lost all its end packets.
        if (!m_reported && dtmfKeyOf(m_event)) out = DtmfKey{dtmfKeyOf(m_event), m_duration / kSamplesPerMs};
        m_timestamp = timestamp;
        m_event = event;
        m_reported = false;
        m_duration = 0;
    }
    m_duration = std::max(m_duration, duration);
    if (end && !m_reported) {
        m_reported = true;
        // Flash (16) and the other non-key events have no INFO form.
        if (dtmfKeyOf(event)) out = DtmfKey{dtmfKeyOf(event), m_duration / kSamplesPerMs};
    }
    return out;
}

bool DtmfInjector::add(char key, unsigned durationMs) {
    const auto code = dtmfEventCode(key);
    if (!code) return false;
    const unsigned ms = std::min(durationMs, kMaxDurationMs);
    m_queue.push_back(Pending{*code, std::max(kMinUpdates, (ms + 19) / 20)});
    return true;
}

bool DtmfInjector::replace(std::span<const uint8_t> audio, uint8_t payloadType, std::vector<uint8_t>& out) {
    if (m_queue.empty()) return false;
    const auto rtp = parseRtp(audio);
    if (!rtp) return false;
    const Pending& key = m_queue.front();
    const bool first = m_sent == 0;
    if (first) m_startTimestamp = rtp->timestamp;
    const bool end = m_sent >= key.updates;
    // The duration runs with the stream's own clock (RFC 4733 §2.5.1.3) up
    // to the last update; the end packets repeat the final value (§2.5.1.4).
    if (!end) {
        const uint32_t elapsed = rtp->timestamp - m_startTimestamp + 160;
        m_duration = static_cast<uint16_t>(std::min<uint32_t>(elapsed, 0xFFFF));
    }
    out.resize(16);
    out[0] = 0x80;
    out[1] = static_cast<uint8_t>((first ? 0x80 : 0) | (payloadType & 0x7F));
    out[2] = static_cast<uint8_t>(rtp->sequence >> 8);
    out[3] = static_cast<uint8_t>(rtp->sequence);
    for (int i = 0; i < 4; ++i) {
        out[4 + i] = static_cast<uint8_t>(m_startTimestamp >> (24 - 8 * i));
        out[8 + i] = static_cast<uint8_t>(rtp->ssrc >> (24 - 8 * i));
    }
    out[12] = key.event;
    out[13] = static_cast<uint8_t>((end ? 0x80 : 0) | kVolume);
    out[14] = static_cast<uint8_t>(m_duration >> 8);
    out[15] = static_cast<uint8_t>(m_duration);
    if (++m_sent >= key.updates + kEndPackets) {
        m_queue.pop_front();
        m_sent = 0;
    }
    return true;
}

}  // namespace sb::media
