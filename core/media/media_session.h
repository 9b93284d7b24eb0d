#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/re_ptr.h"
#include "common/result.h"
#include "media/audio_clip.h"
#include "media/conference_mixer.h"
#include "media/media_types.h"
#include "media/port_pool.h"
#include "media/rtp_packet.h"
#include "media/tone.h"

struct telev;
struct dtmf_dec;
struct sa;
struct mbuf;

namespace sb::media {

/// What a terminated leg sends and receives, from its offer/answer.
struct LegMediaParams {
    Endpoint remote;                        ///< where the peer wants RTP (its SDP)
    uint8_t payloadType = 0;                ///< the G.711 payload type agreed
    G711Law law = G711Law::MuLaw;
    std::optional<uint8_t> telephoneEvent;  ///< RFC 4733 payload type, when agreed
    Direction peerDirection = Direction::SendRecv;  ///< the peer's own view
};

/// How a digit reached us.
enum class DtmfMethod { Rfc4733 = 1, InBand, SipInfo };
std::string_view toString(DtmfMethod method);

/// Counters of one terminated leg, read by tests and the benchmark.
struct SessionStats {
    uint64_t packetsIn = 0;
    uint64_t packetsOut = 0;
    uint64_t ignoredIn = 0;  ///< not RTP, foreign source, unknown payload type
    uint64_t digits = 0;
};

/// Audio one terminated leg hands to another across a two-party bridge
/// (MediaEngine::bridge): media thread only, so no lock. At most
/// kMaxSamples are kept and older samples are dropped, so the delay cannot
/// grow when the two peers' clocks drift apart.
struct BridgePipe {
    static constexpr size_t kMaxSamples = 3 * kFrameSamples;
    std::deque<int16_t> samples;
};

/// A call leg that ends in Switchboard: RTP in and out on one port pair,
/// G.711 both ways, RFC 4733 events in and out, in-band DTMF detection when
/// the peer agreed no telephone-event, and one source of what it hears:
/// a playlist of clips, a conference mixer, an echo of itself, or silence.
/// Media thread only; tick() is called every 20 ms by the MediaEngine.
class MediaSession {
public:
    struct Callbacks {
        std::function<void(char digit, DtmfMethod method)> digit;
        /// The playlist given to play() with @p token has played to its end.
        std::function<void(uint64_t token)> playDone;
    };

    /// @p pair must already be attached to the calling (media) thread.
    static Result<std::unique_ptr<MediaSession>> create(PortPair pair, const LegMediaParams& params,
                                                        Callbacks callbacks);
    ~MediaSession();
    MediaSession(const MediaSession&) = delete;
    MediaSession& operator=(const MediaSession&) = delete;

    /// A re-INVITE or UPDATE changed the leg's media.
    void update(const LegMediaParams& params);
    /// Play @p clips one after the other (again from the first when @p loop),
    /// replacing whatever it played before.
    void play(std::vector<std::shared_ptr<const AudioClip>> clips, bool loop, uint64_t token);
    void stopPlaying();
    /// Send back what the peer sends (the echo test).
    void setEcho(bool on) { m_echo = on; }
    /// Hear and be heard in @p mixer's room; nullptr leaves the room.
    void setConference(std::unique_ptr<ConferenceMixer::Member> member) { m_member = std::move(member); }
    bool inConference() const { return m_member != nullptr; }
    /// Hear what arrives in @p in and put what the peer says into @p out
    /// (a bridge to one other session, without a mixer); nulls end it.
    void setBridge(std::shared_ptr<BridgePipe> in, std::shared_ptr<BridgePipe> out) {
        m_bridgeIn = std::move(in);
        m_bridgeOut = std::move(out);
    }
    /// Queue @p digits as RFC 4733 events (or in-band tones when none agreed).
    void sendDigits(const std::string& digits);
    /// Every PCM frame the peer sends, e.g. to a voicemail recording.
    void setTap(std::function<void(std::span<const int16_t>)> tap) { m_tap = std::move(tap); }

    /// Send this 20 ms frame.
    void tick();

    const SessionStats& stats() const { return m_stats; }
    uint16_t localPort() const { return m_pair.rtpPort(); }

private:
    MediaSession(PortPair pair, const LegMediaParams& params, Callbacks callbacks);
    static void onRtp(const struct ::sa* src, struct ::mbuf* mb, void* arg);
    void receive(const struct ::sa& src, std::span<const uint8_t> datagram);
    void receiveEvent(std::span<const uint8_t> payload);
    void sendPayload(uint8_t payloadType, bool marker, uint32_t timestamp, std::span<const uint8_t> payload);
    void nextFrame(std::span<int16_t> out);
    void reportDigit(char digit, DtmfMethod method);

    PortPair m_pair;
    LegMediaParams m_params;
    Callbacks m_callbacks;
    RtpSender m_sender;
    std::optional<Endpoint> m_latched;
    RePtr<struct ::telev> m_televOut;
    RePtr<struct ::telev> m_televIn;
    RePtr<struct ::dtmf_dec> m_inband;
    std::optional<uint32_t> m_eventTimestamp;  ///< RTP timestamp of the event being sent
    int m_lastEventIn = -1;
    std::deque<char> m_inbandDigits;           ///< digits to play as tones (no telephone-event)
    uint32_t m_toneSamplesLeft = 0;
    uint32_t m_tonePhase = 0;
    char m_toneDigit = 0;

    std::vector<std::shared_ptr<const AudioClip>> m_playlist;
    size_t m_clip = 0;
    size_t m_offset = 0;
    bool m_loop = false;
    uint64_t m_playToken = 0;
    bool m_echo = false;
    std::unique_ptr<ConferenceMixer::Member> m_member;
    std::shared_ptr<BridgePipe> m_bridgeIn;
    std::shared_ptr<BridgePipe> m_bridgeOut;
    std::function<void(std::span<const int16_t>)> m_tap;

    SessionStats m_stats;
    std::vector<int16_t> m_pcm;
    std::vector<uint8_t> m_coded;
    std::vector<uint8_t> m_packet;
};

}  // namespace sb::media
