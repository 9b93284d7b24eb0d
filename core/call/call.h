#pragma once

// A Call joins the caller's leg (incoming INVITE) and the callee's legs
// (outgoing INVITEs, one per registered contact: parallel forking). It
// relays provisional responses, the answer, hang-ups and re-INVITEs between
// them and reports its state as CallUpdated events.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "call/call_evidence.h"
#include "call/call_media.h"
#include "call/managed_call.h"
#include "common/timer.h"
#include "routing/call_features.h"
#include "sip/call_leg.h"
#include "sip/refer.h"
#include "store/records.h"

struct sip_msg;

namespace sb::call {

class CallManager;

/// Where a call may ring: one contact of the called extension.
struct CallTarget {
    std::string requestUri;
    std::string nextHop;
    // Only for calls out through a line or trunk:
    std::string toUri;     ///< To header value; default <sip:callee@domain>
    std::string fromUri;   ///< From header value; default the caller at our domain
    std::vector<std::string> routeSet;
    std::string authUser, authPassword;
    std::string name;      ///< line or trunk name, for the Calls table and CDR
    bool omit100rel = false;
    std::string extraHeaders;  ///< CRLF-terminated lines, e.g. P-Asserted-Identity
    sip::TlsExpectation tls;   ///< over TLS: what the peer's certificate must show
    // Only for a registered phone (a binding of the called extension):
    std::string extension;     ///< whose binding this is, for reachability
    std::string contact;       ///< the binding's contact
    bool markedUnreachable = false;  ///< rung although marked unreachable (no other contact was reachable)
    uint32_t firstResponseTimeoutMs = 0;  ///< see sip::OutgoingInvite
};

/// Who is calling whom, fixed when the call starts.
struct CallParties {
    std::string caller;      ///< number shown in the Calls table and CDR
    std::string callerName;
    std::string callee;
    std::string route;       ///< "extension", a line or a trunk name
    std::string domain;
    uint32_t ringTimeoutS = 30;
    uint32_t mediaTimeoutS = 60;  ///< 0 = off
    std::string callerExtension;  ///< the caller's extension when a phone of ours called; empty from lines/trunks
    std::string mailbox;          ///< the called extension, whose voicemail takes unanswered calls
    std::string extension;        ///< the extension ringing now (after forwards); empty for calls out
    std::vector<std::string> forwardChain;       ///< extensions the call reached, in order
    std::vector<routing::ForwardHop> forwards;   ///< forwards taken so far (for the CDR and headers)
};

/// Where a call goes next, as the call manager resolved it (an extension's
/// phones, an outside number, a mailbox) or why it cannot go anywhere.
struct Destination {
    /// Service: forwarded to a ring group or menu, whose number is in `extension`.
    enum class Kind : int { Ring = 1, Outside, Voicemail, Refused, Service };
    Kind kind = Kind::Refused;
    std::vector<CallTarget> targets;  ///< Ring: in parallel; Outside: in turn (failover)
    std::string extension;            ///< Ring: whose phones
    std::string mailbox;              ///< Ring: takes unanswered calls; Voicemail: where the caller goes
    std::string route;                ///< Outside: the first line or trunk
    uint32_t ringTimeoutS = 30;
    uint16_t code = 480;              ///< Refused
    std::string reason = "Temporarily Unavailable";
};

/// What to tell when every fork failed with @p failures: 486 when all were
/// busy, 603 when one declined, else 480 (RFC 3261 §16.7 "best" response, simplified).
std::pair<uint16_t, std::string> tellingFailure(const std::vector<uint16_t>& failures);

/// The INVITE that rings @p target for @p parties' caller, offering @p offer.
sip::OutgoingInvite outgoingInvite(const CallTarget& target, const CallParties& parties, const sip::Body& offer);

class TransferRinging;

/// Told how the target of a blind transfer answers (TransferRinging).
class TransferOwner {
public:
    virtual ~TransferOwner() = default;
    /// A provisional response from the target (180, 183).
    virtual void transferProgress(uint16_t code, const std::string& reason) = 0;
    /// The target answered with @p answer on @p leg, which is now the owner's.
    /// @p extension: whose phone it is ("" for an outside number).
    virtual void transferAnswered(std::unique_ptr<sip::CallLeg> leg, const sip::Body& answer,
                                  const std::string& extension) = 0;
    /// Nobody answered: the most telling final status.
    virtual void transferFailed(uint16_t code, const std::string& reason) = 0;
};

/// A transfer a phone asked for with REFER (call_transfer.cpp).
struct TransferState {
    sip::CallLeg* transferrer = nullptr;  ///< the leg the REFER came on; null once it hung up
    media::Leg side = media::Leg::B;      ///< the transferrer's side of the relay: the target takes it
    uint32_t referCseq = 0;
    bool notify = true;                   ///< NOTIFY sipfrag wanted (no Refer-Sub: false)
    bool attended = false;
    bool byOperator = false;              ///< the GUI's Transfer: no REFER, music on hold from us
    std::string from;                     ///< transferring extension
    std::string to;                       ///< target number
    std::unique_ptr<TransferRinging> ringing;  ///< blind: the target's legs while they ring
    sip::CallLeg* joining = nullptr;      ///< attended: the target's leg, re-INVITEd toward this call
    std::string joiningExtension;
    /// Blind: the forwards the target went through (its chain stops loops).
    CallParties forwardState;
    std::string ringingExtension;  ///< blind: the extension ringing now, whose busy / no answer forwards apply
    std::string ringingMailbox;    ///< its mailbox when voicemail is on
    uint16_t lastProgress = 0;     ///< the last provisional status NOTIFYed
};

class Call : public sip::CallLegListener, public ManagedCall, public TransferOwner {
public:
    /// Takes the caller's INVITE (answers 100 Trying at once).
    Call(CallManager& manager, uint64_t id, const ::sip_msg& invite, CallParties parties);
    /// False when the INVITE could not be taken (the call is unusable).
    bool accepted() const { return m_caller != nullptr; }
    ~Call() override;

    /// Anchor the media through @p media (before ring()).
    void setMedia(std::unique_ptr<CallMedia> media);
    /// Ring every target in parallel; the first to answer wins.
    void ring(const std::vector<CallTarget>& targets);
    /// Try @p targets one after the other: the next when the previous
    /// failed in a way another carrier may not (routing::shouldFailOver).
    void ringInTurn(std::vector<CallTarget> targets);
    /// Tell the caller the call is being forwarded (181, RFC 3261 §21.1.3).
    void announceForward();
    /// Ring @p destination (Ring, Outside or Voicemail) instead of the
    /// forks so far, which were cancelled or failed; the forward that led
    /// there is already in @p forwardState. False when it cannot be rung.
    bool retarget(const Destination& destination, const CallParties& forwardState);
    const CallParties& parties() const { return m_parties; }
    /// End the call from our side (the GUI's Hang up, shutdown).
    void hangUp() override;
    /// Refuse the call before it rings (e.g. no RTP ports left).
    void refuse(uint16_t code, const std::string& reason, const std::string& why);
    /// Still ringing at @p extension, the extension this call was dialled to (call pickup).
    bool ringingAt(const std::string& extension) const;
    /// Call pickup: extension @p picker's @p invite takes the call; the caller
    /// moves to the media engine (CallManager::divertToPickup), the ringing
    /// phones get CANCEL. @return false when it could not (INVITE untouched).
    bool pickUp(const ::sip_msg& invite, const std::string& picker);

    uint64_t id() const override { return m_id; }
    bool finished() const override { return m_finished; }
    /// End the call when a side has sent no media for media_timeout
    /// (called by the manager's periodic sweep: one timer for all calls).
    void checkMedia() override;
    /// Finished and no leg has a transaction left to complete.
    bool canBeDeleted(int64_t nowMs) const override;

    // CallLegListener
    void onProgress(sip::CallLeg& leg, uint16_t code, const std::string& reason, const sip::Body& body) override;
    void onAnswered(sip::CallLeg& leg, const sip::Body& body) override;
    void onRejected(sip::CallLeg& leg, uint16_t code, const std::string& reason) override;
    void onCancelled(sip::CallLeg& leg) override;
    void onConfirmed(sip::CallLeg& leg, const sip::Body& body) override;
    void onReinvite(sip::CallLeg& leg, const sip::Body& offer) override;
    void onReinviteAnswered(sip::CallLeg& leg, uint16_t code, const sip::Body& answer) override;
    void onBye(sip::CallLeg& leg) override;
    void onTerminated(sip::CallLeg& leg, const std::string& reason) override;
    Result<sip::Body> onUpdateOffer(sip::CallLeg& leg, const sip::Body& offer) override;
    void onPrackRefused(sip::CallLeg& leg, uint16_t code) override;
    void onResponse(sip::CallLeg& leg, const ::sip_msg& response) override;
    /// call_dtmf.cpp: a key as SIP INFO goes on to the other leg as RFC 4733
    /// when that leg agreed telephone-event with us, else as SIP INFO.
    void onInfo(sip::CallLeg& leg, const sip::Body& body) override;
    /// call_transfer.cpp: a phone of ours transfers its peer (RFC 3515),
    /// blind or, with Replaces (RFC 3891), attended.
    sip::ReferAnswer onRefer(sip::CallLeg& leg, const sip::ReferRequest& request) override;
    void onReferAccepted(sip::CallLeg& leg, const sip::ReferRequest& request) override;

    /// Attended transfer: this call's leg in dialog @p replaces (tags in
    /// either order), or null.
    sip::CallLeg* legInDialog(const sip::ReplacesTarget& replaces) const;
    /// Attended transfer: hand the party opposite @p leg to another call and
    /// end this one (@p leg gets BYE; the CDR notes @p transfer). @return
    /// that party's leg (its extension in @p extension, "" for a line or
    /// trunk), or null when this call has no such answered party.
    std::unique_ptr<sip::CallLeg> handOver(sip::CallLeg& leg, const std::string& transfer, std::string* extension);
    /// The operator's blind transfer (CallManager::transferCall): the
    /// extension in this answered call (the callee's when both are) hands
    /// its party to @p number; that party hears music on hold meanwhile.
    /// A call still ringing at an extension is deflected there instead.
    Result<void> transferByOperator(const std::string& number);
    /// RFC 3891: extension @p by's @p invite, whose Replaces names @p leg (a
    /// party of this answered call), takes that party's place; @p leg gets
    /// BYE. @return the status to refuse the INVITE with, or 0 when taken.
    uint16_t replaceParty(sip::CallLeg& leg, const ::sip_msg& invite, const std::string& by);

private:
    // TransferOwner (call_transfer.cpp)
    void transferProgress(uint16_t code, const std::string& reason) override;
    void transferAnswered(std::unique_ptr<sip::CallLeg> leg, const sip::Body& answer,
                          const std::string& extension) override;
    void transferFailed(uint16_t code, const std::string& reason) override;
    /// Start ringing (blind) or joining (attended) the target of @p request.
    void startTransfer(sip::CallLeg& transferrer, const sip::ReferTarget& target);
    void startAttended(const sip::ReplacesTarget& replaces);
    /// The operator sends a call ringing at an extension to @p number
    /// (a forward with reason deflection; CDR and Diversion say so).
    Result<void> deflectByOperator(const std::string& number);
    /// Blind: ring @p destination, hand the transferee to it (a service), or fail.
    void routeTransfer(const Destination& destination);
    /// The transfer failed (@p why, logged): tell the transferrer @p code; the
    /// call stays, unless the transferrer has gone (then it ends).
    void endTransfer(uint16_t code, const std::string& reason, const std::string& why);
    /// "blind", "attended" or "operator", for the CDR and the log.
    const char* transferKind() const {
        return m_transfer->attended ? "attended" : m_transfer->byOperator ? "operator" : "blind";
    }
    /// The target, now on the transferrer's side with @p extension, talks to the transferee.
    void completeTransfer(sip::CallLeg& target, const std::string& extension);
    void notifyTransferrer(uint16_t code, const std::string& reason, bool final);
    /// The transferee was left on hold by the transferrer: take it off.
    void resumeTransferee(media::Leg side);
    media::Leg sideOf(const sip::CallLeg& leg) const { return &leg == m_legA ? media::Leg::A : media::Leg::B; }
    bool isParty(const sip::CallLeg& leg) const { return &leg == m_legA || &leg == m_callee; }
    sip::CallLeg*& partyOn(media::Leg side) { return side == media::Leg::A ? m_legA : m_callee; }

    sip::CallLeg* other(const sip::CallLeg& leg);
    void setState(const std::string& state);
    void failCaller(uint16_t code, const std::string& reason);
    /// @p holder put the call on hold (or resumed it): music for the other party.
    void holdMusic(const sip::CallLeg& holder, bool hold);
    /// Nobody answered: hand the caller to the callee's voicemail if it has one.
    bool divertToVoicemail();
    /// Forwarded to ring group or menu @p number: hand the caller to it (call_divert.cpp).
    bool divertToService(const std::string& number);
    /// Blind transfer to @p destination, a service (voicemail, group, menu,
    /// conference, echo) reached by dialling @p number: the transferee moves
    /// there and this call ends (call_divert.cpp).
    void transferToService(const Destination& destination, const std::string& number);
    /// Take @p party's leg out of this call (its side is left empty); null when it is not ours.
    std::unique_ptr<sip::CallLeg> releaseParty(sip::CallLeg& party);
    void finish(store::Disposition disposition, int sipCode, const std::string& reason);
    void cancelForks(const sip::CallLeg* except);
    void publish();
    /// call_dtmf.cpp: a key received as RFC 4733 on @p from, for a peer
    /// that agreed no telephone-event: send it a SIP INFO.
    void keyToInfo(media::Leg from, char key, unsigned durationMs);
    Result<sip::Body> relayBody(const sip::CallLeg& from, const sip::Body& body, bool isOffer = false);

    CallManager& m_manager;
    uint64_t m_id;
    std::unique_ptr<sip::CallLeg> m_caller;
    std::vector<std::unique_ptr<sip::CallLeg>> m_forks;
    std::vector<CallTarget> m_forkTargets;  ///< what each fork of m_forks rings, same order
    /// Forks before this index rang an earlier destination (before a
    /// forward): their late answers are not this destination's.
    size_t m_forkBase = 0;
    bool currentFork(const sip::CallLeg& leg) const;
    void startForks(const std::vector<CallTarget>& targets);
    void armRingTimer();
    /// Busy or no answer: the extension's forward for @p reason, if any.
    bool forwardOnFailure(routing::ForwardReason reason);
    /// The phone behind @p leg sent nothing (timeout, ICMP, no route) or answered again.
    void noteReachability(const sip::CallLeg& leg, bool heard);
    sip::CallLeg* m_callee = nullptr;  ///< the fork that answered
    CallParties m_parties;
    std::string m_state = "Trying";
    std::string m_codec;
    int64_t m_startMs = 0;
    int64_t m_answerMs = 0;
    int64_t m_finishedMs = 0;
    std::vector<uint16_t> m_forkFailures;
    std::vector<CallTarget> m_laterTargets;  ///< failover attempts still to try
    bool startFork(const CallTarget& target, const sip::Body& offer);
    std::optional<sip::Body> m_offerForCallee;
    bool m_finished = false;
    bool m_diverted = false;  ///< the caller's leg went to voicemail (m_caller is empty)
    std::string m_divertedCallId;
    bool m_reinviteFromCaller = false;
    bool m_delayedOffer = false;  ///< the caller's INVITE had no SDP; its answer comes in the ACK
    Timer m_ringTimer;
    std::unique_ptr<CallMedia> m_media;
    std::string m_stateBeforeTone;
    CallEvidenceRecorder m_evidence;  ///< for the explainer, judged in finish()
    bool m_ringbackPlayed = false;

    /// The party on the relay's side A: the caller's leg, until a transfer
    /// gives that side to its target (m_callee is side B).
    sip::CallLeg* m_legA = nullptr;
    std::string m_partyExtension[2];  ///< each side's extension; "" for a line or trunk (no REFER taken)
    std::string m_partyNumber[2];     ///< each side's number, as the other side's From on a transfer
    std::optional<TransferState> m_transfer;
    std::vector<std::unique_ptr<TransferRinging>> m_pastRinging;  ///< kept until their CANCELs complete
    std::vector<std::unique_ptr<sip::CallLeg>> m_adopted;        ///< legs that joined by transfer
    sip::CallLeg* m_localReinvite = nullptr;  ///< our own re-INVITE: its answer ends here
    std::vector<std::string> m_transfers;     ///< "102>103 blind", for the CDR
};

/// The first codec of the first audio m= line of an SDP ("PCMU"), for display.
std::string firstCodec(const std::string& sdp);

}  // namespace sb::call
