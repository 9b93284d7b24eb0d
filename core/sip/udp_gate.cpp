#include "sip/udp_gate.h"

#include <re.h>

#include <cctype>
#include <memory>
#include <mutex>
#include <random>
#include <string_view>
#include <unordered_map>

#include "common/clock.h"
#include "sip/request_checks.h"
#include "sip/sip_stack.h"

namespace sb::sip {

namespace {

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

}  // namespace

std::string saText(const struct sa* a) {
    char buf[64] = {0};
    if (!a || !sa_isset(a, SA_ADDR)) return {};
    (void)re_snprintf(buf, sizeof(buf), "%J", a);
    return buf;
}

const std::string& probeCallId() {
    static const std::string id = [] {
        std::random_device rd;
        return "sb-udp-gate." + std::to_string(rd()) + "." + std::to_string(rd());
    }();
    return id;
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

}  // namespace sb::sip
