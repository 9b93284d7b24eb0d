#include "sip/sip_stack.h"

#include <re.h>

#include <openssl/ssl.h>

// libre is built with OpenSSL but its header hides this behind USE_OPENSSL;
// defining that for all of libre's headers would change other declarations.
extern "C" struct ssl_ctx_st* tls_openssl_context(const struct tls* tls);

#include <algorithm>
#include <chrono>
#include <cstring>
#include <string_view>

#include "common/clock.h"
#include "sb_version.h"
#include "sip/call_leg.h"
#include "sip/client_transaction.h"
#include "sip/message.h"
#include "sip/request_checks.h"
#include "sip/udp_gate.h"

namespace sb::sip {

namespace {

constexpr const char* kSupported = "replaces";
constexpr const char* kAccept = "application/sdp";

void onTrace(bool tx, enum sip_transp tp, const struct sa* src, const struct sa* dst,
             const uint8_t* pkt, size_t len, void* arg) {
    auto* self = static_cast<SipStack*>(arg);
    // Every message passes here: with tracing off, copy and format nothing.
    if (!self || !self->traceEnabled()) return;
    if (!tx && std::string_view(reinterpret_cast<const char*>(pkt), len).find(probeCallId()) != std::string_view::npos)
        return;
    SipTraced ev;
    ev.outgoing = tx;
    ev.transport = sip_transp_name(tp);
    ev.peer = saText(tx ? dst : src);
    ev.local = saText(tx ? src : dst);
    ev.text.assign(reinterpret_cast<const char*>(pkt), len);
    ev.timeMs = wallClockMs();
    self->trace(std::move(ev));
}

bool collectIpv4(const char*, const struct sa* sa, void* arg) {
    if (sa_af(sa) == AF_INET && !sa_is_any(sa)) {
        auto* out = static_cast<std::vector<std::string>*>(arg);
        char buf[64];
        if (sa_ntop(sa, buf, sizeof(buf)) == 0 &&
            std::find(out->begin(), out->end(), buf) == out->end()) {
            out->emplace_back(buf);
        }
    }
    return false;
}

// libre binds each transport to one concrete address (its Via and Contact
// need one), so "all interfaces" becomes one transport per local address.
Result<std::vector<std::string>> bindAddresses(const std::string& bind) {
    if (bind.empty() || bind == "0.0.0.0" || bind == "*") {
        std::vector<std::string> out;
        // net_if_apply is net_getifaddrs where libre has it (Linux) and the
        // adapter list on Windows, where it has not.
        (void)net_if_apply(&collectIpv4, &out);
        if (std::find(out.begin(), out.end(), "127.0.0.1") == out.end()) out.insert(out.begin(), "127.0.0.1");
        return out;
    }
    struct sa probe;
    if (sa_set_str(&probe, bind.c_str(), 0) != 0)
        return makeError("bind address '" + bind + "' is not an IP address", EINVAL);
    return std::vector<std::string>{bind};
}

}  // namespace

std::string toString(const ::pl& p) { return p.p ? std::string(p.p, p.l) : std::string(); }

SipStack::SipStack(EventSink& events) : m_events(events), m_tlsVerifier(events), m_completed(64 * SIP_T1) {}

SipStack::~SipStack() {
    m_tlsVerifier.detach();  // the TLS context goes below
    dropUdpGates(this);
    mem_deref(m_responseListener);
    mem_deref(m_listener);
    if (m_sip) {
        sip_close(m_sip.get(), true);
        m_sip.reset();
    }
    m_tls.reset();
    m_dnsc.reset();
}

Result<std::unique_ptr<SipStack>> SipStack::create(const ListenConfig& config, EventSink& events) {
    std::unique_ptr<SipStack> self(new SipStack(events));
    self->m_bindAddress = config.bindAddress;

    struct sa nsv[8];
    uint32_t nsn = 8;
    int err = dns_srv_get(nullptr, 0, nsv, &nsn);
    struct dnsc* dnsc = nullptr;
    err = dnsc_alloc(&dnsc, nullptr, err ? nullptr : nsv, err ? 0 : nsn);
    if (err) return makeError(std::string("cannot start the DNS resolver: ") + strerror(err), err);
    self->m_dnsc.reset(dnsc);

    struct ::sip* s = nullptr;
    const std::string software = std::string(SB_PRODUCT "/") + SB_VERSION;
    // Hash sizes (powers of two): over UDP a finished transaction lingers
    // 64·T1 = 32 s, so at a few thousand requests per second the server
    // table holds 10^5 entries; libre's default-sized tables would turn every
    // lookup into a long list walk.
    err = sip_alloc(&s, dnsc, 4096, 16384, 1024, software.c_str(), nullptr, self.get());
    self->m_software = software;
    if (err) return makeError(std::string("cannot start SIP: ") + strerror(err), err);
    self->m_sip.reset(s);

    auto addresses = bindAddresses(config.bindAddress);
    if (!addresses) return addresses.error();
    self->m_addresses = addresses.value();

    // The first address settles the port (it may be 0 = any free); the
    // others listen on the same one so every interface looks alike.
    // With port 0 the UDP socket picks a port that TCP may not have free (a
    // client connection can hold it as its local port), so a clash there
    // starts over on another port rather than failing.
    uint16_t port = 0;
    for (int attempt = 0;; ++attempt) {
        port = config.port;
        Result<void> added;
        for (const auto& address : self->m_addresses) {
            for (enum sip_transp tp : {SIP_TRANSP_UDP, SIP_TRANSP_TCP}) {
                if (added = self->addTransport(tp, address, port, nullptr); !added) break;
                if (port == 0) port = self->boundPort(tp);
            }
            if (!added) break;
        }
        if (added) break;
        const bool retry = config.port == 0 && added.error().code == EADDRINUSE && attempt < 20;
        if (!retry) return added.error();
        sip_transp_flush(s);
    }
    self->m_port = port;

    if (config.tlsPort) {
        if (auto tls = self->addTls(config); !tls) return tls.error();
    }

    err = sip_listen(&self->m_listener, s, true, &SipStack::onRequest, self.get());
    if (err) return makeError(std::string("cannot listen for SIP requests: ") + strerror(err), err);
    err = sip_listen(&self->m_responseListener, s, false, &SipStack::onResponse, self.get());
    if (err) return makeError(std::string("cannot listen for SIP responses: ") + strerror(err), err);

    sip_set_trace_handler(s, &onTrace);
    armUdpGates(self->m_addresses, self->m_port);
    return self;
}

Result<void> SipStack::addTls(const ListenConfig& config) {
    struct ::tls* tls = nullptr;
    if (int err = tls_alloc(&tls, TLS_METHOD_SSLV23, nullptr, nullptr))
        return makeError(std::string("cannot set up TLS: ") + strerror(err), err);
    m_tls.reset(tls);
    SSL_CTX* ctx = tls_openssl_context(tls);
    const std::string cert = config.tls.certificateFile.string(), key = config.tls.privateKeyFile.string();
    if (SSL_CTX_use_certificate_chain_file(ctx, cert.c_str()) != 1)
        return makeError("cannot load the TLS certificate " + cert);
    if (SSL_CTX_use_PrivateKey_file(ctx, key.c_str(), SSL_FILETYPE_PEM) != 1 || SSL_CTX_check_private_key(ctx) != 1)
        return makeError("cannot load the TLS private key " + key + " (or it does not match the certificate)");
    // libre leaves the protocol floor at OpenSSL's default; SIP over TLS here
    // is 1.2 or newer with forward-secret AEAD ciphers only.
    SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION);
    SSL_CTX_set_cipher_list(ctx, "ECDHE+AESGCM:ECDHE+CHACHA20:DHE+AESGCM:DHE+CHACHA20");
    // The context stays at SSL_VERIFY_NONE (phones show no certificate);
    // the verifier turns checking on for each connection to a carrier.
    m_tlsVerifier.attach(ctx);

    uint16_t port = *config.tlsPort;
    for (const auto& address : m_addresses) {
        if (auto added = addTransport(SIP_TRANSP_TLS, address, port, tls); !added) return added.error();
        if (port == 0) port = boundPort(SIP_TRANSP_TLS);
    }
    m_tlsPort = port;
    return {};
}

Result<void> SipStack::addTransport(int tp, const std::string& address, uint16_t port, struct ::tls* tls) {
    struct sa laddr;
    if (sa_set_str(&laddr, address.c_str(), port) != 0)
        return makeError("bind address '" + address + "' is not an IP address", EINVAL);
    const auto transport = static_cast<enum sip_transp>(tp);
    int err = tls ? sip_transp_add(m_sip.get(), transport, &laddr, tls) : sip_transp_add(m_sip.get(), transport, &laddr);
    if (err) {
        return makeError(std::string("cannot listen for SIP on ") + sip_transp_name(transport) + " " + address + ":" +
                             std::to_string(port) + ": " + strerror(err),
                         err);
    }
    return {};
}

uint16_t SipStack::boundPort(int tp) const {
    struct sa bound;
    if (sip_transp_laddr(m_sip.get(), &bound, static_cast<enum sip_transp>(tp), nullptr) != 0) return 0;
    return sa_port(&bound);
}

void SipStack::setHandler(const std::string& method, RequestHandler handler) {
    if (handler) {
        m_handlers[method] = std::move(handler);
    } else {
        m_handlers.erase(method);
    }
}

std::string SipStack::listeningDescription() const {
    std::string out;
    for (const auto& address : m_addresses) {
        const std::string hostPort = address + ":" + std::to_string(m_port);
        out += (out.empty() ? "" : " ") + std::string("udp:") + hostPort + " tcp:" + hostPort;
        if (m_tls) out += " tls:" + address + ":" + std::to_string(m_tlsPort);
    }
    return out;
}

std::string SipStack::allowHeader() const {
    std::string allow = "OPTIONS";
    for (const auto& [method, handler] : m_handlers) {
        if (method != "OPTIONS") allow += ", " + method;
    }
    return allow;
}

bool SipStack::onRequest(const ::sip_msg* msg, void* arg) {
    return static_cast<SipStack*>(arg)->dispatch(*msg);
}

bool SipStack::dispatch(const ::sip_msg& msg) {
    if (msg.tp == SIP_TRANSP_UDP) {
        watchUdpSocket(this, msg.sock);
        if (pl_strcmp(&msg.callid, probeCallId().c_str()) == 0) return true;  // our own probe
    }
    // Retransmissions of requests we answered ourselves come first, as
    // libre's own transactions take theirs before this handler runs.
    if (answerRetransmission(msg)) return true;
    if (m_requestFilter && !m_requestFilter(msg)) return true;
    const std::string method = toString(msg.met);
    if (hasControlCharacters(msg)) {
        replyFinal(msg, 400, "Control Character In Header");
        return true;
    }
    // What libre lets through but must change nothing (request_checks.h).
    // Answered statelessly: a malformed request gets no transaction state.
    CheckVerdict verdict = checkRequestSyntax(msg, msg.tp == SIP_TRANSP_UDP);
    if (!verdict) {
        RequestPolicy policy;
        policy.implementedMethods = {"INVITE", "ACK", "CANCEL", "BYE", "OPTIONS", "PRACK", "UPDATE", "INFO", "REFER"};
        for (const auto& [name, handler] : m_handlers) policy.implementedMethods.insert(name);
        policy.supportedOptions = {"100rel", "timer", "replaces"};
        policy.allow = allowHeader();
        verdict = checkRequestSemantics(msg, policy);
    }
    if (verdict) {
        if (method != "ACK")
            (void)sip_replyf(m_sip.get(), &msg, verdict.status, verdict.reason.c_str(),
                             "%sContent-Length: 0\r\n\r\n", verdict.headers.c_str());
        return true;
    }
    // A To tag means "inside a dialog": it belongs to a leg or to nobody.
    if (pl_isset(&msg.to.tag)) {
        if (dispatchInDialog(msg)) return true;
        if (m_inDialogFallback && m_inDialogFallback(msg)) return true;
        replyFinal(msg, 481, "Call/Transaction Does Not Exist");
        return true;
    }
    if (method == "CANCEL") {
        // libre's server transactions answer the CANCELs they match, and
        // answerRetransmission() those of INVITEs already answered 2xx.
        replyFinal(msg, 481, "Call/Transaction Does Not Exist");
        return true;
    }
    if (auto it = m_handlers.find(method); it != m_handlers.end() && it->second(msg)) return true;

    if (method == "OPTIONS") {
        replyOptions(msg);
    } else if (method == "ACK") {
        // An ACK with no transaction to absorb it needs no answer (RFC 3261 §17.2.1).
    } else {
        replyFinal(msg, 501, "Not Implemented", "Allow: " + allowHeader() + "\r\n");
    }
    return true;
}

void SipStack::replyOptions(const ::sip_msg& msg) {
    replyFinal(msg, 200, "OK",
               "Allow: " + allowHeader() + "\r\nSupported: " + kSupported + "\r\nAccept: " + kAccept + "\r\n");
}

bool SipStack::dispatchInDialog(const ::sip_msg& msg) {
    auto [begin, end] = m_legs.equal_range(toString(msg.callid));
    for (auto it = begin; it != end; ++it) {
        if (it->second->dialog().matches(msg)) {
            it->second->onRequest(msg);
            return true;
        }
    }
    return false;
}

bool SipStack::onResponse(const ::sip_msg* msg, void* arg) {
    auto* self = static_cast<SipStack*>(arg);
    if (hasControlCharacters(*msg)) return true;  // malformed: dropped
    // A wrapped status code (RFC 4475 §3.1.2.19); UDP ones stop at the gate.
    if (msg->scode < 100 || msg->scode > 699) return true;
    if (!self->m_clientTransactions.empty()) {
        auto it = self->m_clientTransactions.find(toString(msg->via.branch));
        if (it != self->m_clientTransactions.end()) {
            it->second->onResponse(*msg);
            return true;
        }
    }
    auto [begin, end] = self->m_legs.equal_range(toString(msg->callid));
    for (auto it = begin; it != end; ++it) {
        if (it->second->dialog().matches(*msg)) {
            it->second->onStrayResponse(*msg);
            return true;
        }
    }
    return false;
}

void SipStack::addClientTransaction(const std::string& branch, ClientTransaction* transaction) {
    m_clientTransactions[branch] = transaction;
}

void SipStack::removeClientTransaction(const std::string& branch) { m_clientTransactions.erase(branch); }

void SipStack::addLeg(CallLeg* leg) { m_legs.emplace(leg->dialog().callId, leg); }

std::vector<std::string> SipStack::legPeers() const {
    std::vector<std::string> peers;
    peers.reserve(m_legs.size());
    for (const auto& [callId, leg] : m_legs) peers.push_back(leg->peerAddress());
    return peers;
}

void SipStack::removeLeg(CallLeg* leg) {
    auto [begin, end] = m_legs.equal_range(leg->dialog().callId);
    for (auto it = begin; it != end; ++it) {
        if (it->second == leg) {
            m_legs.erase(it);
            return;
        }
    }
}

std::string SipStack::contactUri(const std::string& user, int tp, const ::sa& local) const {
    const auto transport = static_cast<enum sip_transp>(tp);
    std::string uri = "sip:" + user + "@" + addressText(local);
    if (transport == SIP_TRANSP_TCP) uri += ";transport=tcp";
    if (transport == SIP_TRANSP_TLS) uri += ";transport=tls";
    return uri;
}

std::string SipStack::localAddressFor(const ::sip_msg& msg) const {
    struct sa local;
    if (sip_transp_laddr(m_sip.get(), &local, msg.tp, &msg.src) != 0) local = msg.dst;
    char ip[64] = {0};
    if (sa_ntop(&local, ip, sizeof(ip)) != 0) return m_addresses.empty() ? "127.0.0.1" : m_addresses.front();
    return ip;
}

std::string SipStack::contactFor(const std::string& user, const ::sip_msg& msg) const {
    struct sa local;
    if (sip_transp_laddr(m_sip.get(), &local, msg.tp, &msg.src) != 0) local = msg.dst;
    return contactUri(user, msg.tp, local);
}

void SipStack::trace(SipTraced&& event) {
    if (m_traceSink) {
        if (!m_traceEnabled) return m_traceSink(std::move(event));
        m_traceSink(SipTraced(event));
    }
    if (m_traceEnabled) m_events.publish(std::move(event));
}

}  // namespace sb::sip
