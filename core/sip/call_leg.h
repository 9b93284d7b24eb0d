#pragma once

// One side of a B2BUA call: an INVITE dialog usage built on libre's
// transaction layer (libre's sipsess has no PRACK and no UPDATE). A Call
// joins two legs; each leg reports to its CallLegListener on the engine
// thread. The implementation is split by operation: call_leg.cpp (common
// and in-dialog requests), call_leg_uas.cpp (incoming INVITE),
// call_leg_uac.cpp (outgoing INVITE).

#include <cstdint>
#include <list>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/result.h"
#include "common/timer.h"
#include "sip/client_transaction.h"
#include "sip/dialog.h"
#include "sip/reliable_provisional.h"
#include "sip/tls_peer_policy.h"

struct sip_msg;
struct sip_auth;
struct sip_strans;
struct sip_request;
struct mbuf;
struct sa;

namespace sb::sip {

class SipStack;
class CallLeg;

/// A message body with its Content-Type; empty content = no body.
struct Body {
    std::string type;
    std::string content;
    bool empty() const { return content.empty(); }
    static Body sdp(std::string s) { return Body{"application/sdp", std::move(s)}; }
};

/// A REFER received inside the dialog (RFC 3515): a phone transferring.
struct ReferRequest {
    std::string referTo;        ///< the Refer-To value as sent
    std::string referredBy;     ///< Referred-By (RFC 3892), empty when absent
    uint32_t cseq = 0;          ///< names the implicit subscription: Event: refer;id=<cseq>
    bool subscription = true;   ///< false for Refer-Sub: false (RFC 4488): no NOTIFY
};

/// How a REFER is answered: 202 takes it, anything else refuses it.
struct ReferAnswer {
    uint16_t code = 501;
    std::string reason = "Not Implemented";
};

/// Told about a leg's progress. Every callback runs on the engine thread and
/// may destroy the leg only through the owner after returning (legs are
/// owned by the Call; a callback must not delete its own leg inline).
class CallLegListener {
public:
    virtual ~CallLegListener() = default;
    // Outgoing leg.
    virtual void onProgress(CallLeg&, uint16_t /*code*/, const std::string& /*reason*/, const Body&) {}
    virtual void onAnswered(CallLeg&, const Body&) {}
    virtual void onRejected(CallLeg&, uint16_t /*code*/, const std::string& /*reason*/) {}
    // Incoming leg.
    virtual void onCancelled(CallLeg&) {}
    virtual void onConfirmed(CallLeg&, const Body& /*ackBody*/) {}
    // Either leg, inside the dialog.
    virtual void onReinvite(CallLeg&, const Body& /*offer*/) {}
    virtual void onReinviteAnswered(CallLeg&, uint16_t /*code*/, const Body& /*answer*/) {}
    virtual void onBye(CallLeg&) {}
    /// An INFO inside the dialog (answered 200 already), e.g. DTMF as
    /// application/dtmf-relay.
    virtual void onInfo(CallLeg&, const Body& /*body*/) {}
    /// A REFER inside the dialog. A 2xx answer is sent before
    /// onReferAccepted() runs, so its NOTIFYs follow the 202 (RFC 3515 §2.4.4).
    virtual ReferAnswer onRefer(CallLeg&, const ReferRequest&) { return {}; }
    virtual void onReferAccepted(CallLeg&, const ReferRequest&) {}
    /// The peer sent an UPDATE with an SDP offer (RFC 3311); return the
    /// answer to put in our 200, or an error for a 488.
    virtual Result<Body> onUpdateOffer(CallLeg&, const Body& offer) { return offer; }
    /// Our PRACK was refused (405/501/420…): the peer demands 100rel but
    /// will not take PRACK (the seed notes' broken provider).
    virtual void onPrackRefused(CallLeg&, uint16_t /*code*/) {}
    virtual void onTerminated(CallLeg&, const std::string& /*reason*/) {}
    /// A response to this leg's INVITE or PRACK arrived (before the leg acts
    /// on it; retransmissions included): what the call saw, for diagnostics.
    virtual void onResponse(CallLeg&, const ::sip_msg& /*response*/) {}
};

/// RFC 4028 §4: a Session-Expires below this is refused with 422 and Min-SE.
inline constexpr uint32_t kMinSessionExpiresS = 90;

/// A Session-Expires header (RFC 4028 §4).
struct SessionExpires {
    uint32_t seconds = 0;
    std::string refresher;  ///< "uac", "uas" or empty
};
std::optional<SessionExpires> readSessionExpires(const ::sip_msg& msg);

/// Parameters of an outgoing INVITE.
struct OutgoingInvite {
    std::string requestUri;
    std::string toUri;        ///< To header value, e.g. "<sip:101@pbx>"
    std::string fromUri;      ///< From header value without tag
    std::string nextHop;      ///< where to send: "sip:ip:port;transport=x"
    std::vector<std::string> routeSet;  ///< Route values, e.g. an outbound proxy "<sip:p;lr>"
    std::string contactUser = "switchboard";
    std::string extraHeaders; ///< CRLF-terminated lines
    Body offer;
    /// Credentials for a 401/407 to this INVITE (a carrier line or trunk).
    std::string authUser;
    std::string authPassword;
    /// Leave 100rel out entirely (the line's or trunk's "Disable 100rel").
    bool omit100rel = false;
    /// What a new TLS connection for this leg's requests must show: a
    /// carrier's certificate, or nothing (a phone).
    TlsExpectation tls;
    /// Give up when nothing at all (not even 100 Trying) came back within
    /// this long; 0 = only RFC 3261 timer B (32 s). For registered phones:
    /// a vanished one must not hold its call, or libre's timer list, 32 s.
    uint32_t firstResponseTimeoutMs = 0;
};

class CallLeg {
public:
    enum class Role : int { Uas = 1, Uac };
    enum class State : int { Calling = 1, Early, Answered, Established, Terminated };

    ~CallLeg();
    CallLeg(const CallLeg&) = delete;
    CallLeg& operator=(const CallLeg&) = delete;

    /// Take an incoming INVITE: server transaction, dialog, 100 Trying.
    static std::unique_ptr<CallLeg> acceptInvite(SipStack& stack, const ::sip_msg& invite, CallLegListener& listener);
    /// Send an INVITE; the result arrives through the listener.
    static std::unique_ptr<CallLeg> startInvite(SipStack& stack, const OutgoingInvite& invite,
                                                CallLegListener& listener, std::string* error);

    // Incoming leg.
    void sendProvisional(uint16_t code, const std::string& reason, const Body& body);
    void answer(const Body& body);
    void reject(uint16_t code, const std::string& reason, const std::string& extraHeaders = {});
    // Outgoing leg.
    void cancel();
    // Either.
    void hangup();  ///< BYE when established, else CANCEL / 487 as fits
    void reinvite(const Body& offer);
    void answerReinvite(const Body& answer);
    void rejectReinvite(uint16_t code, const std::string& reason);
    /// Send an INFO carrying @p body inside the established dialog (a key
    /// relayed from the other leg); false when there is no dialog to send in.
    bool sendInfo(const Body& body);
    /// Report a transfer's progress to the phone whose REFER (CSeq
    /// @p referCseq) we took: a NOTIFY with the target's status line as
    /// message/sipfrag; @p final ends the implicit subscription.
    bool notifyRefer(uint32_t referCseq, uint16_t code, const std::string& reason, bool final);

    /// Report to @p listener from now on (a call handing its caller's leg
    /// to voicemail); not from inside a callback of this same leg.
    void setListener(CallLegListener& listener) { m_listener = &listener; }

    /// Called by the stack for a request inside this dialog.
    void onRequest(const ::sip_msg& msg);
    /// Called by the stack for a response no transaction took (a 2xx retransmission).
    void onStrayResponse(const ::sip_msg& msg);

    /// A transaction of this leg is still running (INVITE, BYE, our 2xx).
    bool busy() const { return m_inviteReq || m_byeReq || m_byeTrans || m_reinviteReq || m_prackReq || m_answer; }

    Role role() const { return m_role; }
    State state() const { return m_state; }
    const Dialog& dialog() const { return m_dialog; }
    uint64_t id() const { return m_id; }
    /// The peer's SDP offer/answer carried by the initial INVITE (incoming leg).
    const Body& initialBody() const { return m_initialBody; }
    const std::string& peerAddress() const { return m_peerAddress; }
    /// Outgoing leg: any response (provisional or final) has arrived. A leg
    /// rejected without one timed out or could not be sent (ICMP, no route).
    bool heardFromPeer() const { return m_heard; }

    /// Allow and Supported headers; @p with100rel adds 100rel to Supported.
    static std::string capabilityHeaders(bool with100rel = true);

private:
    CallLeg(SipStack& stack, CallLegListener& listener, Role role);

    // call_leg_uas.cpp
    void handleCancel();
    void replyInvite(uint16_t code, const std::string& reason, const std::string& headers, const Body& body);
    void retransmitAnswer();
    // call_leg_uac.cpp
    void handleInviteResponse(int err, const ::sip_msg* msg);
    /// The first-response timer fired: stop waiting for this peer.
    void giveUpUnanswered();
    void sendAck(uint32_t cseq);
    bool sendInvite(std::string* error);
    // call_leg.cpp
    friend struct CallLegCallbacks;  // libre's C callbacks, with their exact signatures
    bool sendInDialog(const std::string& method, const std::string& extra, const Body& body, struct ::sip_request** reqp,
                      bool stateful);
    /// BYE with @p extra header lines: on our own client transaction when
    /// the first hop is a literal address over UDP, else on libre's.
    bool sendBye(const std::string& extra = {});
    void handleByeResponse(int err, const ::sip_msg* msg);
    void handleReinviteResponse(int err, const ::sip_msg* msg);
    void replyInDialog(const ::sip_msg& msg, uint16_t code, const std::string& reason, const std::string& headers = {},
                       const Body& body = {});
    void handleReinvite(const ::sip_msg& msg);
    void terminate(const std::string& reason);
    // call_leg_timer.cpp (RFC 4028 session timers)
    /// Headers for our 2xx to the INVITE when the caller asked for a timer.
    std::string sessionTimerHeaders() const;
    /// Start the timer once the session is up (answer sent / 2xx received).
    void startSessionTimer(const ::sip_msg* response);
    void sessionRefreshed();
    void refreshSession();
    void sessionExpired();
    // call_leg_reliable.cpp
    void sendReliable(const ReliableProvisionalUas::Provisional& p);
    void retransmitReliable();
    void handlePrack(const ::sip_msg& msg);
    bool acceptReliableResponse(const ::sip_msg& msg);
    void handlePrackResponse(int err, const ::sip_msg* msg);
    void handleUpdate(const ::sip_msg& msg);

    SipStack& m_stack;
    CallLegListener* m_listener;  // never null
    Role m_role;
    State m_state = State::Calling;
    uint64_t m_id = 0;
    Dialog m_dialog;
    std::string m_contactUser = "switchboard";
    std::string m_peerAddress;
    Body m_initialBody;

    // Incoming INVITE: the transaction, the request, and our 2xx until ACKed.
    ::sip_strans* m_inviteTrans = nullptr;
    const ::sip_msg* m_invite = nullptr;  // referenced (mem_ref)
    ::mbuf* m_answer = nullptr;           // referenced; retransmitted over UDP
    uint32_t m_answerTx = 0;
    Timer m_answerTimer;
    Timer m_ackTimeout;

    // Outgoing INVITE (libre owns the request and clears the pointer).
    struct ::sip_request* m_inviteReq = nullptr;
    uint32_t m_inviteCseq = 0;
    bool m_cancelWanted = false;
    OutgoingInvite m_outgoing;            // kept to re-send it with credentials
    struct ::sip_auth* m_auth = nullptr;  // owned
    int m_authAttempts = 0;
    bool m_heard = false;
    Timer m_firstResponseTimer;

    // RFC 3262, as the answering side (the INVITE required 100rel) ...
    bool m_peerRequires100rel = false;
    std::optional<ReliableProvisionalUas> m_reliable;
    uint32_t m_reliableTx = 0;
    uint64_t m_reliableStartMs = 0;
    Timer m_reliableTimer;
    std::optional<Body> m_deferredAnswer;  // a 2xx held back until the SDP-carrying 18x is PRACKed
    // ... and as the calling side.
    ReliableProvisionalUac m_reliableIn;
    struct ::sip_request* m_prackReq = nullptr;

    // RFC 4028: interval, who refreshes, and the two timers.
    uint32_t m_sessionExpiresS = 0;  // 0: no session timer on this leg
    bool m_weRefresh = false;
    bool m_refreshing = false;       // our re-INVITE is a refresh, not the Call's
    Body m_lastSdpSent;
    Timer m_refreshTimer;
    Timer m_expiryTimer;

    // In-dialog transactions.
    struct ::sip_request* m_byeReq = nullptr;
    std::unique_ptr<ClientTransaction> m_byeTrans;
    struct ::sip_request* m_reinviteReq = nullptr;
    uint32_t m_reinviteCseq = 0;
    ::sip_strans* m_reinviteTrans = nullptr;
    /// INFOs and NOTIFYs in flight; libre clears an entry when its transaction ends.
    std::list<struct ::sip_request*> m_sideReqs;
    bool sendSideRequest(const std::string& method, const std::string& extra, const Body& body);
    void handleRefer(const ::sip_msg& msg);
    const ::sip_msg* m_reinvite = nullptr;  // referenced
};

}  // namespace sb::sip
