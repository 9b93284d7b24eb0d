#include "sip/sip_stack.h"

#include <re.h>

#include <openssl/ssl.h>

// libre is built with OpenSSL but its header hides this behind USE_OPENSSL;
// defining that for all of libre's headers would change other declarations.
extern "C" struct ssl_ctx_st* tls_openssl_context(const struct tls* tls);

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstring>
#include <mutex>
#include <random>
#include <string_view>
#include <unordered_map>

#include "common/clock.h"
#include "sb_version.h"
#include "sip/call_leg.h"
#include "sip/client_transaction.h"
#include "sip/message.h"
#include "sip/request_checks.h"

namespace sb::sip {

namespace {

constexpr const char* kSupported = "replaces";
constexpr const char* kAccept = "application/sdp";

std::string saText(const struct sa* a) {
    char buf[64] = {0};
    if (!a || !sa_isset(a, SA_ADDR)) return {};
    (void)re_snprintf(buf, sizeof(buf), "%J", a);
    return buf;
}

// The Call-ID of the datagram each UDP transport sends itself at start-up
// (see armUdpGates): unguessable, so nobody else's request is swallowed.
const std::string& probeCallId() {
    static const std::string id = [] {
        std::random_device rd;
        return "sb-udp-gate." + std::to_string(rd()) + "." + std::to_string(rd());
    }();
    return id;
}

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
        (void)net_getifaddrs(&collectIpv4, &out);
        if (std::find(out.begin(), out.end(), "127.0.0.1") == out.end()) out.insert(out.begin(), "127.0.0.1");
        return out;
    }
    struct sa probe;
    if (sa_set_str(&probe, bind.c_str(), 0) != 0)
        return makeError("bind address '" + bind + "' is not an IP address", EINVAL);
    return std::vector<std::string>{bind};
}

// ---- UDP gate ------------------------------------------------------------
// libre 1.1.0 drops a datagram it cannot decode before any listener runs (a
// request with SIP/7.0, a Via without branch, a broken request line) and
// reads an overlarge status code modulo 2^32. A UDP helper on each of its SIP
// sockets sees the datagram first. libre does not hand out its sockets, but
// every UDP request carries one (sip_msg::sock): each transport sends itself
// a probe at start-up, and dispatch() registers the gate on first sight.
// TCP has no such hook (libre owns the connections and closes one it cannot
// decode), so these cases are covered over UDP only.

constexpr int kGateLayer = 0x5b0;  // any layer no other helper of ours uses
constexpr int kUdpSocketBufferBytes = 4 << 20;

struct UdpGate {
    SipStack* stack = nullptr;
    struct udp_sock* sock = nullptr;
    struct udp_helper* helper = nullptr;
};

// Gates by stack, touched only when a socket is first seen and at shutdown.
std::mutex g_gateMutex;
std::unordered_multimap<const SipStack*, std::unique_ptr<UdpGate>> g_gates;

std::string_view firstLine(std::string_view raw) { return raw.substr(0, raw.find("\r\n")); }

void traceRaw(SipStack& stack, bool tx, const struct sa* local, const struct sa* peer, std::string_view text) {
    if (!stack.traceEnabled()) return;
    SipTraced ev;
    ev.outgoing = tx;
    ev.transport = "UDP";
    ev.peer = saText(peer);
    ev.local = saText(local);
    ev.text.assign(text);
    ev.timeMs = wallClockMs();
    stack.trace(std::move(ev));
}

bool decodes(struct mbuf* mb) {
    const size_t start = mb->pos;
    struct sip_msg* msg = nullptr;
    const int err = sip_msg_decode(&msg, mb);
    mb->pos = start;
    mem_deref(msg);
    return err == 0;
}

void replaceContent(struct mbuf* mb, size_t start, std::string_view text) {
    mb->pos = start;
    mb->end = start;
    (void)mbuf_write_mem(mb, reinterpret_cast<const uint8_t*>(text.data()), text.size());
    mb->pos = start;
}

bool onUdpReceive(struct sa* src, struct mbuf* mb, void* arg) {
    auto* gate = static_cast<UdpGate*>(arg);
    const size_t start = mb->pos;
    const size_t len = mbuf_get_left(mb);
    // STUN and keep-alives are libre's business; SIP starts with a letter.
    if (len <= 4 || !std::isalpha(mbuf_buf(mb)[0])) return false;

    const std::string original(reinterpret_cast<const char*>(mbuf_buf(mb)), len);
    struct sip_msg* msg = nullptr;
    // A full receive buffer means libre cut the datagram: answer what we
    // can of it 513 rather than act on a truncated message.
    const int err = len >= kLibreUdpReceiveSize ? EMSGSIZE : sip_msg_decode(&msg, mb);
    mb->pos = start;
    if (!err) {
        // A response whose status code is not 3 digits: libre would read
        // "4294967301" as 5 and feed it to a client transaction.
        const bool badResponse = !msg->req && !isValidStatusLine(firstLine(original));
        mem_deref(msg);
        return badResponse;
    }

    RawAction action = err == EMSGSIZE ? classifyOversized(original) : classifyUndecodable(original);
    if (action.kind == RawAction::Kind::AddBranch) {
        std::string fixed = original;
        fixed.insert(action.offset, action.insert);
        replaceContent(mb, start, fixed);
        if (decodes(mb)) return false;  // libre takes it from here
        replaceContent(mb, start, original);
        action = RawAction{};  // still undecodable: a plain 400
        action.kind = original.compare(0, 4, "ACK ") == 0 ? RawAction::Kind::Drop : RawAction::Kind::Reply;
        action.status = 400;
        action.reason = "Bad Request";
    }
    struct sa local;
    if (udp_local_get(gate->sock, &local) != 0) sa_init(&local, AF_INET);
    traceRaw(*gate->stack, false, &local, src, original);
    if (action.kind != RawAction::Kind::Reply) return true;  // dropped

    auto response = rawResponse(original, action.status, action.reason);
    auto port = rawReplyPort(original, sa_port(src));
    if (!response || !port) return true;
    // Only ever to the source address: never to a Via host or maddr.
    struct sa dst = *src;
    sa_set_port(&dst, *port);
    struct mbuf* out = mbuf_alloc(response->size());
    if (!out) return true;
    (void)mbuf_write_mem(out, reinterpret_cast<const uint8_t*>(response->data()), response->size());
    out->pos = 0;
    (void)udp_send(gate->sock, &dst, out);
    mem_deref(out);
    traceRaw(*gate->stack, true, &local, &dst, *response);
    return true;
}

bool onUdpSend(int*, struct sa*, struct mbuf* mb, void*) {
    const std::string_view text(reinterpret_cast<const char*>(mbuf_buf(mb)), mbuf_get_left(mb));
    if (text.compare(0, 8, "SIP/2.0 ") != 0 || text.find(kSyntheticBranchPrefix) == std::string_view::npos)
        return false;
    std::string stripped(text);
    if (stripSyntheticBranch(stripped)) replaceContent(mb, mb->pos, stripped);
    return false;  // send it on
}

void watchUdpSocket(SipStack* stack, void* sock) {
    auto* us = static_cast<struct udp_sock*>(sock);
    if (!us || udp_helper_find(us, kGateLayer)) return;
    // A burst, or a moment the engine waits for a core, must queue in the
    // kernel rather than be dropped: a lost ACK or 200 costs a retransmission
    // at best and a call at worst. The default (about 200 kB on Linux) held
    // some 20 ms of traffic at 1,000 calls/s. The kernel caps the size at
    // net.core.rmem_max / wmem_max.
    (void)udp_sockbuf_set(us, kUdpSocketBufferBytes);
    auto gate = std::make_unique<UdpGate>();
    gate->stack = stack;
    gate->sock = us;
    if (udp_register_helper(&gate->helper, us, kGateLayer, &onUdpSend, &onUdpReceive, gate.get()) != 0) return;
    std::lock_guard lock(g_gateMutex);
    g_gates.emplace(stack, std::move(gate));
}

void dropUdpGates(const SipStack* stack) {
    std::lock_guard lock(g_gateMutex);
    auto [begin, end] = g_gates.equal_range(stack);
    for (auto it = begin; it != end; ++it) mem_deref(it->second->helper);  // unlinks it from the socket
    g_gates.erase(begin, end);
}

/// Send each UDP transport a request it swallows, so dispatch() sees its socket.
void armUdpGates(const std::vector<std::string>& addresses, uint16_t port) {
    for (const auto& address : addresses) {
        struct sa dst;
        if (sa_set_str(&dst, address.c_str(), port) != 0) continue;
        const std::string probe = "OPTIONS sip:" + address + " SIP/2.0\r\nVia: SIP/2.0/UDP " + address +
                                  ":9;branch=z9hG4bK-" + probeCallId() + "\r\nMax-Forwards: 0\r\nFrom: <sip:gate@" +
                                  address + ">;tag=gate\r\nTo: <sip:gate@" + address + ">\r\nCall-ID: " + probeCallId() +
                                  "\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n";
        struct mbuf* mb = mbuf_alloc(probe.size());
        if (!mb) continue;
        (void)mbuf_write_mem(mb, reinterpret_cast<const uint8_t*>(probe.data()), probe.size());
        mb->pos = 0;
        (void)udp_send_anon(&dst, mb);
        mem_deref(mb);
    }
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
    uint16_t port = config.port;
    for (const auto& address : self->m_addresses) {
        for (enum sip_transp tp : {SIP_TRANSP_UDP, SIP_TRANSP_TCP}) {
            if (auto added = self->addTransport(tp, address, port, nullptr); !added) return added.error();
            if (port == 0) port = self->boundPort(tp);
        }
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
        policy.implementedMethods = {"INVITE", "ACK", "CANCEL", "BYE", "OPTIONS", "PRACK", "UPDATE", "INFO"};
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
