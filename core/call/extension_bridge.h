#pragma once

// Ringing an extension from a call that ends in Switchboard (the auto
// attendant's "connect to extension"): the caller's leg is already answered
// and terminated by the media engine, so the extension gets an INVITE with
// an offer of a second terminated session, and the two sessions are
// bridged in the media engine once a phone answers (docs/media.md,
// "Connecting a service call to an extension").

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "call/call.h"
#include "common/timer.h"
#include "engine/events.h"
#include "media/media_engine.h"
#include "media/sdp.h"
#include "services/service.h"
#include "sip/call_leg.h"

namespace sb::sip {
class SipStack;
}

namespace sb::call {

class ExtensionBridge : public sip::CallLegListener {
public:
    struct Events {
        /// How ringing ended; once. Answered: the extension's session
        /// (session()) is ready to be bridged with the caller's.
        std::function<void(services::ConnectResult)> outcome;
        /// The extension hung up after answering.
        std::function<void()> hungUp;
        /// A key the answered phone pressed (RFC 4733, in-band or INFO).
        std::function<void(char digit)> digit;
        std::function<void(LogLevel, const std::string&)> log;
    };
    /// Who is rung and how the INVITEs name the parties.
    struct Setup {
        std::vector<CallTarget> targets;  ///< one per registered contact (parallel forking)
        /// The extension each target belongs to, when several are rung at
        /// once (a ring group); empty = all are `extension`'s.
        std::vector<std::string> owners;
        std::string extension;
        std::string caller;  ///< shown to the extension
        std::string domain;
        uint32_t ringTimeoutS = 30;
        /// No targets: wait for pickUp() instead of reporting Unavailable.
        bool awaitPickup = false;
    };

    /// Opens the extension's terminated session on @p pair and rings.
    ExtensionBridge(sip::SipStack& stack, media::MediaEngine& engine, media::PortPair pair, Setup setup,
                    Events events);
    /// Cancels or hangs up whatever is still up and closes the session.
    ~ExtensionBridge() override;
    ExtensionBridge(const ExtensionBridge&) = delete;
    ExtensionBridge& operator=(const ExtensionBridge&) = delete;

    /// End it from our side (the caller hung up): CANCEL or BYE.
    void hangUp();
    /// A leg still has a transaction to complete (the owner keeps us until not).
    bool busy() const;
    bool answered() const { return m_answered != nullptr; }
    /// The extension's terminated session.
    media::MediaEngine::SessionId session() const { return m_session; }
    const std::string& codec() const { return m_codec; }
    /// The extension whose phone answered (Setup::owners, or the picker), or "".
    std::string answeredBy() const;
    /// The extensions whose phones ring now (empty once answered or ended).
    std::vector<std::string> ringingExtensions() const;
    /// Call pickup: extension @p picker's INVITE @p invite answers in place
    /// of the ringing phones, which get CANCEL. The INVITE is answered from
    /// this bridge's session (or refused 488 when its offer is unusable).
    /// @return false when nothing rings here any more (the INVITE is untouched).
    bool pickUp(const ::sip_msg& invite, const std::string& picker);

    // CallLegListener
    void onAnswered(sip::CallLeg& leg, const sip::Body& body) override;
    void onRejected(sip::CallLeg& leg, uint16_t code, const std::string& reason) override;
    void onReinvite(sip::CallLeg& leg, const sip::Body& offer) override;
    Result<sip::Body> onUpdateOffer(sip::CallLeg& leg, const sip::Body& offer) override;
    void onInfo(sip::CallLeg& leg, const sip::Body& body) override;
    void onConfirmed(sip::CallLeg& leg, const sip::Body& ackBody) override;
    void onBye(sip::CallLeg& leg) override;
    void onTerminated(sip::CallLeg& leg, const std::string& reason) override;

private:
    void failed(sip::CallLeg& leg, uint16_t code);
    void report(services::ConnectResult result);
    void cancelOthers(const sip::CallLeg* except);
    Result<sip::Body> answerOffer(const sip::Body& offer);
    const std::string& ownerOf(size_t target) const;

    sip::SipStack& m_stack;
    media::MediaEngine& m_engine;
    Setup m_setup;
    Events m_events;
    media::MediaEngine::SessionId m_session = 0;
    media::Endpoint m_local;
    media::LegOrigin m_origin{"switchboard"};
    std::vector<std::unique_ptr<sip::CallLeg>> m_forks;
    std::map<const sip::CallLeg*, uint16_t> m_failures;  ///< forks that refused, with their code
    sip::CallLeg* m_answered = nullptr;
    std::vector<std::string> m_forkOwners;  ///< parallel to m_forks
    /// Legs of pickers (incoming INVITEs), kept until their transactions end.
    std::vector<std::unique_ptr<sip::CallLeg>> m_pickups;
    std::string m_picker;  ///< the extension whose pickup answered
    bool m_pickupAwaitsAnswer = false;  ///< we offered in the 200; the ACK answers
    bool isPickup(const sip::CallLeg& leg) const;
    bool m_reported = false;
    bool m_ended = false;
    std::string m_codec;
    Timer m_ringTimer;
};

}  // namespace sb::call
