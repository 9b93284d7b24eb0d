#pragma once

// The media side of one Call: the relay that anchors RTP, the SDP rewrite
// between the legs, and the ring-back policy (seed notes: "18X with/without
// SDP ... in any order ... used to play different ring-back tone").

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/result.h"
#include "common/timer.h"
#include "media/audio_clip.h"
#include "media/rtp_relay.h"
#include "media/sdp.h"
#include "sip/call_leg.h"

namespace sb::call {

class CallMedia {
public:
    /// Ring-back started (true) or stopped (false).
    using ToneHandler = std::function<void(bool playing)>;

    static Result<std::unique_ptr<CallMedia>> create(media::PortPool& pool, const std::string& localAddress,
                                                     std::string ringbackPreset);

    /// An offer or answer received on @p from, rewritten for the other leg
    /// with the relay in the path. No body stays no body. An SDP that cannot
    /// be used is an error (the SIP layer answers 488).
    /// With @p isOffer the rewritten SDP's codecs follow the codec preference.
    Result<sip::Body> relay(media::Leg from, const sip::Body& body, bool isOffer = false);

    /// Encodings offers sent on should list first (settings.codecs).
    void setCodecPreference(std::vector<std::string> preference) { m_codecPreference = std::move(preference); }

    /// Switchboard's own offer toward @p to, for a caller that sent none
    /// (delayed offer, RFC 3261 §13.2.1): the relay's side of @p to with
    /// PCMU, PCMA and telephone-event. Whatever the far end answers is then
    /// offered to the caller in the 200, and the caller answers in the ACK.
    sip::Body ownOffer(media::Leg to);

    /// Switchboard's own offer toward @p to when the party there changes or
    /// comes off hold (a transfer): the last SDP sent that way, two-way,
    /// with only the codec in use (the relay does not transcode) and
    /// telephone-event. Its answer goes to takeAnswer().
    sip::Body freshOffer(media::Leg to);
    /// The last SDP sent toward @p to put that party on hold (sendonly or inactive).
    bool holdSentToward(media::Leg to) const;
    /// The o= line of what was sent toward @p to: whoever takes that party's
    /// dialog over goes on with it (RFC 3264 §8: same session, next version).
    const media::LegOrigin& origin(media::Leg to) const { return to == media::Leg::A ? m_originA : m_originB; }

    /// An answer that ends here (to ownOffer(), or the caller's answer in
    /// its ACK): point the relay at it; nothing is sent on.
    Result<void> takeAnswer(media::Leg from, const sip::Body& answer);

    /// An offer that ends here (an UPDATE: Switchboard anchors the media, so
    /// the other leg need not hear of a new address): re-point the relay
    /// toward @p from and answer with our side of it.
    /// With @p codecInUseOnly (a phone replacing a party, RFC 3891) the
    /// answer keeps only the codec the other side already uses.
    Result<sip::Body> answerLocally(media::Leg from, const sip::Body& offer, bool codecInUseOnly = false);

    /// The callee side rings without SDP (180): if the caller was already
    /// given early media, it would hear silence — play ring-back into it.
    void calleeRinging();
    /// The callee side sent early-media SDP: if no RTP follows within
    /// @p graceMs, play ring-back until it does.
    void calleeEarlyMedia(uint64_t graceMs = 1000);
    /// The call is answered: real media from now on.
    void answered();

    /// The party on @p leg was put on hold by the other: it hears @p music
    /// (looped) until musicOff(); no-op without music or a G.711 codec on it.
    void musicOn(media::Leg leg, std::shared_ptr<const media::AudioClip> music);
    void musicOff(media::Leg leg);
    bool musicPlaying(media::Leg leg) const { return m_music[media::indexOf(leg)]; }

    void setToneHandler(ToneHandler h) { m_toneHandler = std::move(h); }

    /// A key pressed on @p from as RFC 4733 that the other leg, which agreed
    /// no telephone-event, must get as SIP INFO.
    using DtmfHandler = media::RtpRelay::DtmfHandler;
    void setDtmfHandler(DtmfHandler h) { m_relay->setDtmfHandler(std::move(h)); }
    /// Send @p key (from a SIP INFO) toward @p leg as RFC 4733; false when
    /// that leg agreed no telephone-event (send it a SIP INFO then).
    bool sendDtmf(media::Leg toward, char key, unsigned durationMs) {
        return m_relay->sendDtmf(toward, key, durationMs);
    }
    bool tonePlaying() const;
    /// "PCMU", "PCMA", ... of the latest answer; empty before one.
    const std::string& codec() const { return m_codec; }
    /// Milliseconds since a packet last came from @p leg (since start when none came).
    int64_t silentMs(media::Leg leg) const;
    const media::RtpRelay& relay() const { return *m_relay; }

private:
    CallMedia(std::unique_ptr<media::RtpRelay> relay, std::string ringbackPreset);
    void startRingback();
    void stopRingback();
    /// Parse an SDP received on @p from and point the relay at it.
    Result<media::SessionDescription> apply(media::Leg from, const sip::Body& body);

    std::unique_ptr<media::RtpRelay> m_relay;
    std::string m_preset;
    media::LegOrigin m_originA{"switchboard"};
    media::LegOrigin m_originB{"switchboard"};
    bool m_callerHasEarlyMedia = false;
    bool m_answered = false;
    std::string m_codec;
    std::optional<media::SessionDescription> m_towardCaller;  ///< last SDP sent to A
    std::optional<media::SessionDescription> m_towardCallee;  ///< last SDP sent to B
    /// Each leg agrees telephone-event with Switchboard, not with the other
    /// leg: the telephone-event payload type of the last offer received
    /// from each leg (none = offered none), once an offer came from it.
    std::optional<uint8_t> m_offeredTe[2];
    bool m_offerSeen[2] = {false, false};
    /// Align what goes to @p to with what each leg agreed (call_media.cpp).
    void agreeTelephoneEvent(media::Leg from, const media::SessionDescription& received,
                             media::SessionDescription& rewritten, bool isOffer);
    bool m_music[2] = {false, false};
    media::RtpRelay::Clock::time_point m_created;
    Timer m_graceTimer;
    ToneHandler m_toneHandler;
    std::vector<std::string> m_codecPreference;
};

}  // namespace sb::call
