#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <optional>
#include <span>
#include <vector>

/// @file dtmf_interworking.h
/// RFC 4733 telephone-event handling for the relay when the two legs of a
/// call agreed on different ways of sending keys: turning received events
/// into keys (for a SIP INFO to the other leg), and writing events into the
/// stream relayed toward a leg (for a key that arrived as SIP INFO).
/// Pure logic on byte buffers; the relay calls it only for the legs that
/// need it, so calls whose legs both pass telephone-event through never
/// come here.

namespace sb::media {

/// A key pressed, as a SIP INFO would carry it.
struct DtmfKey {
    char key = 0;  ///< '0'-'9', '*', '#', 'A'-'D'
    unsigned durationMs = 0;
    bool operator==(const DtmfKey&) const = default;
};

/// RFC 4733 §3.2 event code of @p key, or nullopt for any other character.
std::optional<uint8_t> dtmfEventCode(char key);
/// The key of RFC 4733 event @p code (0-15), or 0 for other events.
char dtmfKeyOf(uint8_t code);

/// Reassembles the telephone-event packets of one leg into key presses: each
/// event (identified by its RTP timestamp, RFC 4733 §2.5.1.2) is reported
/// once, when its first end packet arrives, or, when all its end packets
/// were lost, when the next event starts.
class DtmfReceiver {
public:
    /// One telephone-event packet (RTP timestamp and payload). Returns the
    /// key to report now, if any.
    std::optional<DtmfKey> feed(uint32_t timestamp, std::span<const uint8_t> payload);

private:
    std::optional<uint32_t> m_timestamp;  ///< the event being received
    uint8_t m_event = 0;
    uint16_t m_duration = 0;
    bool m_reported = true;
};

/// Writes keys as RFC 4733 events into the RTP stream relayed toward a leg,
/// in place of the audio packets of that stream: each event packet takes
/// the sequence number and SSRC of the audio packet it replaces, so the
/// stream stays continuous for the receiver (no gap, no new source), and
/// all packets of one event carry the timestamp of the first one it
/// replaced (RFC 4733 §2.5.1.2) with a duration that follows the audio
/// clock. Keys that arrive while one is being sent wait their turn.
class DtmfInjector {
public:
    /// Update packets (the first with the marker) before the three end packets.
    static constexpr unsigned kMinUpdates = 3;
    static constexpr unsigned kEndPackets = 3;
    static constexpr unsigned kMaxDurationMs = 5000;

    /// Queue @p key; false for a character that is no DTMF key.
    bool add(char key, unsigned durationMs);
    bool active() const { return !m_queue.empty(); }

    /// Replace the relayed audio packet @p audio (RTP) by the next event
    /// packet with payload type @p payloadType, written to @p out. False
    /// (and @p out untouched) when nothing is queued or @p audio is not RTP.
    bool replace(std::span<const uint8_t> audio, uint8_t payloadType, std::vector<uint8_t>& out);

private:
    struct Pending {
        uint8_t event = 0;
        unsigned updates = 0;  ///< update packets this key lasts (20 ms each)
    };
    std::deque<Pending> m_queue;
    unsigned m_sent = 0;  ///< packets of the front key already written
    uint32_t m_startTimestamp = 0;
    uint16_t m_duration = 0;
};

}  // namespace sb::media
