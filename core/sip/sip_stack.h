#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <unordered_map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/re_ptr.h"
#include "common/result.h"
#include "common/timer.h"
#include "engine/events.h"
#include "sip/completed_transactions.h"
#include "sip/tls_identity.h"
#include "sip/tls_verifier.h"

struct sip;
struct sip_lsnr;
struct sip_msg;
struct mbuf;
struct dnsc;
struct tls;
struct pl;
struct sa;

namespace sb::sip {

/// Where SIP listens. Port 0 picks a free port (UDP first, then TCP on it).
struct ListenConfig {
    std::string bindAddress = "0.0.0.0";
    uint16_t port = 5060;
    /// SIP over TLS: port (0 = any free) and identity; no TLS when unset.
    std::optional<uint16_t> tlsPort;
    TlsIdentity tls;
};

/// libre's SIP stack with our transports and a per-method request dispatch.
/// Lives on the engine thread only.
class CallLeg;
class ClientTransaction;

class SipStack {
public:
    /// Handles one request; returns true when it answered (or absorbed) it.
    using RequestHandler = std::function<bool(const ::sip_msg& msg)>;

    ~SipStack();
    SipStack(const SipStack&) = delete;
    SipStack& operator=(const SipStack&) = delete;

    /// Bind UDP and TCP; the error names the address that could not be bound.
    static Result<std::unique_ptr<SipStack>> create(const ListenConfig& config, EventSink& events);

    /// Sees every request before anything else does; false drops it
    /// silently (banned source, scanner, over the rate limit).
    using RequestFilter = std::function<bool(const ::sip_msg& msg)>;
    void setRequestFilter(RequestFilter filter) { m_requestFilter = std::move(filter); }

    /// Route requests of @p method (e.g. "REGISTER") to @p handler.
    void setHandler(const std::string& method, RequestHandler handler);

    /// Takes in-dialog requests that no call leg owns (a SUBSCRIBE refresh);
    /// returns false for those it does not know either (they get 481).
    void setInDialogFallback(RequestHandler handler) { m_inDialogFallback = std::move(handler); }

    /// Publish every message sent and received as a SipTraced event.
    void setTraceEnabled(bool on) { m_traceEnabled = on; }
    /// Also hand every message to @p sink (the trace file); empty = none.
    using TraceSink = std::function<void(SipTraced&&)>;
    void setTraceSink(TraceSink sink) { m_traceSink = std::move(sink); }

    uint16_t port() const { return m_port; }
    uint16_t tlsPort() const { return m_tlsPort; }
    /// "udp:127.0.0.1:5060 tcp:127.0.0.1:5060"
    std::string listeningDescription() const;
    /// Methods this server answers, for Allow headers.
    std::string allowHeader() const;

    struct ::sip* raw() const { return m_sip.get(); }

    /// Answer @p msg with a final response (@p headers CRLF-terminated, with
    /// Content-Type when there is a @p body). A non-INVITE request gets no
    /// libre transaction: we keep its answer (completed_transactions.h) and
    /// send it again for every retransmission, for 64·T1 over UDP (RFC 3261
    /// §17.2.2, timer J). An INVITE's answer goes through sendInviteAnswer().
    void replyFinal(const ::sip_msg& msg, uint16_t code, const char* reason, const std::string& headers = {},
                    const std::string& body = {});
    /// Answer @p msg and keep nothing (RFC 3261 §8.2.7, stateless UAS): for
    /// answers that must cost nothing — digest challenges, and refusals for
    /// overload. A retransmitted request just gets another answer.
    void replyStateless(const ::sip_msg& msg, uint16_t code, const char* reason, const std::string& headers = {});
    /// Send the final answer of an INVITE whose libre server transaction
    /// (if any) the caller then releases, and keep the transaction for 64·T1
    /// without a libre timer: a 2xx as Accepted (RFC 6026 §7.1, the INVITE's
    /// retransmissions absorbed), a 3xx–6xx as Completed (the answer resent
    /// to a retransmitted INVITE and, over UDP, until the ACK, RFC 3261
    /// §17.2.1). A CANCEL then gets 200 and changes nothing. Returns the
    /// response (a reference the caller releases; a 2xx is the caller's to
    /// retransmit until the ACK, §13.3.1.4), or null when it could not be sent.
    ::mbuf* sendInviteAnswer(const ::sip_msg& invite, uint16_t code, const char* reason, const std::string& headers,
                             const std::string& body);
    /// Answered transactions we keep (for tests and statistics).
    size_t completedTransactions() const { return m_completed.size(); }

    /// Our own client transactions (client_transaction.h) receive the
    /// responses whose top Via carries their branch.
    void addClientTransaction(const std::string& branch, ClientTransaction* transaction);
    void removeClientTransaction(const std::string& branch);

    /// Called from libre's trace hook; publishes when tracing is on.
    void trace(SipTraced&& event);
    bool traceEnabled() const { return m_traceEnabled || m_traceSink; }

    /// Legs receive the requests and stray responses of their dialogs.
    void addLeg(CallLeg* leg);
    void removeLeg(CallLeg* leg);
    /// Peer endpoints ("ip:port") that call legs talk to, for the connection guard.
    std::vector<std::string> legPeers() const;
    /// Contact URI for messages sent over @p tp from local address @p local.
    std::string contactUri(const std::string& user, int tp, const ::sa& local) const;
    /// The local IP address @p msg arrived on (where replies come from).
    std::string localAddressFor(const ::sip_msg& msg) const;
    /// Contact URI for answering @p msg (the local address it arrived on).
    std::string contactFor(const std::string& user, const ::sip_msg& msg) const;

    EventSink& events() { return m_events; }

    /// Checks the certificates of carriers we connect to over TLS.
    TlsVerifier& tlsVerifier() { return m_tlsVerifier; }

private:
    SipStack(EventSink& events);
    Result<void> addTls(const ListenConfig& config);
    Result<void> addTransport(int tp, const std::string& address, uint16_t port, struct ::tls* tls);
    uint16_t boundPort(int tp) const;
    static bool onRequest(const ::sip_msg* msg, void* arg);
    bool dispatch(const ::sip_msg& msg);
    bool dispatchInDialog(const ::sip_msg& msg);
    static bool onResponse(const ::sip_msg* msg, void* arg);
    void replyOptions(const ::sip_msg& msg);
    // sip_stack_replies.cpp
    bool answerRetransmission(const ::sip_msg& msg);
    ::mbuf* sendResponse(const ::sip_msg& msg, const std::string& text, bool rport);
    void keep(std::string key, const ::sip_msg& msg, std::string answer);
    void sweepCompleted();
    void scheduleResends();

    EventSink& m_events;
    TlsVerifier m_tlsVerifier;  ///< unhooked in ~SipStack before the TLS context goes
    RePtr<struct ::dnsc> m_dnsc;
    RePtr<struct ::tls> m_tls;
    RePtr<struct ::sip> m_sip;
    // libre remembers where these pointers live and clears them when the
    // listener goes away, so they must be members, not copies of locals.
    struct ::sip_lsnr* m_listener = nullptr;
    struct ::sip_lsnr* m_responseListener = nullptr;
    std::unordered_multimap<std::string, CallLeg*> m_legs;  ///< by Call-ID
    std::unordered_map<std::string, ClientTransaction*> m_clientTransactions;  ///< by branch
    std::map<std::string, RequestHandler> m_handlers;
    RequestHandler m_inDialogFallback;
    std::string m_bindAddress;
    std::vector<std::string> m_addresses;  ///< one transport set per address
    uint16_t m_port = 0;
    uint16_t m_tlsPort = 0;
    bool m_traceEnabled = false;
    TraceSink m_traceSink;
    RequestFilter m_requestFilter;
    std::string m_software;  ///< our Server header
    CompletedTransactions m_completed;
    Timer m_completedSweep;
    Timer m_resendTimer;  ///< timer G of the INVITEs answered 3xx–6xx
};

/// The text of a libre pointer-length string.
std::string toString(const ::pl& p);

}  // namespace sb::sip
