#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "common/result.h"
#include "media/media_types.h"
#include "media/port_pool.h"
#include "media/tone.h"

namespace sb::media {

/// The two sides of a call: A is the caller's leg, B the callee's.
enum class Leg { A = 1, B = 2 };

constexpr Leg otherLeg(Leg leg) {
    return leg == Leg::A ? Leg::B : Leg::A;
}
/// 0 for A, 1 for B: where a per-leg array keeps @p leg.
constexpr size_t indexOf(Leg leg) {
    return leg == Leg::A ? 0 : 1;
}
std::string_view toString(Leg leg);

/// Traffic received on one leg. "Forwarded" counts what went on to the other
/// leg; "dropped" what did not, for whatever reason (no destination yet,
/// hold, ring-back playing toward the other leg, foreign source, send error).
struct RelayStats {
    uint64_t rtpPackets = 0;
    uint64_t rtpBytes = 0;
    uint64_t rtcpPackets = 0;
    uint64_t rtcpBytes = 0;
    uint64_t dropped = 0;
    /// Part of dropped: from an address other than the latched one (RTP bleed).
    uint64_t droppedForeign = 0;
    /// Telephone-event packets not forwarded because the other leg takes
    /// keys as SIP INFO (reported through the DTMF handler instead).
    uint64_t dtmfToInfo = 0;
    /// Audio packets replaced by telephone-event packets toward this leg's
    /// peer, for keys that arrived as SIP INFO (counted on the sending leg).
    uint64_t dtmfInjected = 0;
};

/// The media relay of one call: two RTP/RTCP port pairs (one per leg) from a
/// PortPool, relaying RTP and RTCP A <-> B. Engine thread only.
///
/// Destinations. setRemote() gives the address a leg's SDP advertises.
/// Symmetric latching (RFC 4961 symmetric RTP, as phones behind NAT need):
/// the source of the first valid RTP packet received on a leg becomes where
/// RTP toward that leg goes, whatever its SDP said; likewise the first RTCP
/// packet for RTCP. After latching, packets from any other source are dropped
/// and counted in droppedForeign (no RTP bleed). setRemote() on a leg resets
/// its latching, so a re-INVITE/UPDATE that moves the phone is followed.
/// Before a leg latches, only well-formed RTP (v2, >= 12 bytes) / RTCP can
/// latch it; once latched, anything from the latched source is relayed (so
/// ZRTP or DTLS that follows the first RTP passes).
///
/// Direction (hold/mute). setDirection(leg, d) takes the direction from that
/// leg's own SDP: nothing is forwarded toward a leg that does not receive
/// (sendonly/inactive, e.g. it put the call on hold), and nothing a leg sends
/// is forwarded when it declared it will not send (recvonly/inactive).
/// RTP and RTCP are both subject to it; latching still happens.
///
/// Ring-back. startTone(leg, ...) plays a tone *into* that leg from the leg's
/// own RTP port. While it plays, RTP relayed toward that leg is dropped (RTCP
/// still passes): the call layer decides when real media replaces the tone,
/// typically from the first-RTP callback of the other leg, by calling
/// stopTone(). The tone ignores setDirection().
///
/// DTMF between legs that send keys differently. setTelephoneEvent() tells
/// the relay which telephone-event payload type each leg agreed with
/// Switchboard (or none). When both legs agreed one with the same number,
/// telephone-event passes through untouched like any packet. When only the
/// sending leg did, its events are not forwarded: each key is reported once
/// to the DTMF handler (the call sends it on as SIP INFO). When both did
/// with different numbers, the payload type is rewritten in place.
/// sendDtmf() writes a key (from a SIP INFO) into the stream toward a leg
/// that agreed telephone-event, in place of the audio packets relayed to it
/// (dtmf_interworking.h), so sequence, SSRC and timestamps stay the sending
/// phone's. Only legs set up for conversion cost anything per packet beyond
/// one comparison.
class RtpRelay {
public:
    using Clock = std::chrono::steady_clock;
    /// Called once per latching when the first RTP packet arrives on a leg
    /// (again after setRemote() resets the leg). Runs as the last thing the
    /// relay does for that packet, so the handler may destroy the relay.
    using FirstRtpHandler = std::function<void(Leg leg)>;

    /// Allocate both legs' port pairs on @p localAddress.
    /// @return an error when the pool cannot supply two pairs.
    static Result<std::unique_ptr<RtpRelay>> create(PortPool& pool, const std::string& localAddress);

    ~RtpRelay();
    RtpRelay(const RtpRelay&) = delete;
    RtpRelay& operator=(const RtpRelay&) = delete;

    /// Our address and RTP port toward @p leg: put it in the SDP sent on that leg.
    Endpoint localEndpoint(Leg leg) const;

    /// Where @p leg wants media, from its SDP; RTCP defaults to the RTP port
    /// + 1 (RFC 3550 §11) unless @p rtcp (RFC 3605 a=rtcp) says otherwise.
    /// An unspecified address (0.0.0.0, RFC 3264 §8.4 legacy hold) or port 0
    /// leaves the leg without destination until it sends. Resets latching.
    /// @return an error when the address is not a numeric IP address.
    Result<void> setRemote(Leg leg, const Endpoint& rtp, std::optional<Endpoint> rtcp = std::nullopt);

    /// The direction in @p leg's latest SDP (see the class comment). Default sendrecv.
    void setDirection(Leg leg, Direction direction);
    Direction direction(Leg leg) const;

    void setFirstRtpHandler(FirstRtpHandler handler);

    /// A key received as telephone-event on @p from whose peer takes no
    /// telephone-event. Runs after the packet was handled, before the
    /// first-RTP handler; it must not destroy the relay.
    using DtmfHandler = std::function<void(Leg from, char key, unsigned durationMs)>;
    void setDtmfHandler(DtmfHandler handler);
    /// The telephone-event/8000 payload type @p leg agreed with Switchboard,
    /// or nullopt when it agreed none.
    void setTelephoneEvent(Leg leg, std::optional<uint8_t> payloadType);
    std::optional<uint8_t> telephoneEvent(Leg leg) const;
    /// Send @p key toward @p leg as RFC 4733 events in the stream relayed to
    /// it from the other leg (it goes out as that leg's audio packets
    /// arrive). False when @p leg agreed no telephone-event or @p key is no
    /// DTMF key.
    bool sendDtmf(Leg toward, char key, unsigned durationMs);

    /// Play ring-back @p presetName ("eu", "us", "cn", "uk") into @p leg as
    /// G.711 (@p law) with @p payloadType (0 PCMU, 8 PCMA or the PT the leg
    /// negotiated), replacing any tone already playing toward it.
    /// @return an error for an unknown preset or payload type > 127.
    Result<void> startTone(Leg leg, uint8_t payloadType, G711Law law, std::string_view presetName);
    /// Play @p pcm (8 kHz, looped: music on hold) into @p leg instead of a tone.
    Result<void> startAudio(Leg leg, uint8_t payloadType, G711Law law, std::span<const int16_t> pcm);
    /// Stop the tone toward @p leg at once; no-op when none plays.
    void stopTone(Leg leg);
    bool tonePlaying(Leg leg) const;
    /// Tone packets produced toward @p leg by the current or last tone (sent
    /// when the leg has a destination, which is the normal case).
    uint64_t tonePacketsSent(Leg leg) const;

    /// Traffic received on @p from.
    const RelayStats& stats(Leg from) const;
    /// When a packet (RTP or RTCP) was last accepted from @p leg; RTCP counts
    /// so that a held call, which keeps only RTCP alive, does not time out.
    std::optional<Clock::time_point> lastPacketAt(Leg leg) const;
    /// Whether @p leg's RTP source has been latched.
    bool latched(Leg leg) const;
    /// Where RTP toward @p leg goes now: the latched source, else the SDP's address.
    std::optional<Endpoint> rtpDestination(Leg leg) const;
    /// Where RTCP toward @p leg goes now.
    std::optional<Endpoint> rtcpDestination(Leg leg) const;

private:
    struct Impl;
    explicit RtpRelay(std::unique_ptr<Impl> impl);
    Result<void> play(Leg leg, RingbackTone tone);
    std::unique_ptr<Impl> m_impl;
};

}  // namespace sb::media
