// SipStack: final answers whose server transaction we keep ourselves, and
// the retransmissions they absorb (completed_transactions.h).
#include <re.h>

#include "common/clock.h"
#include "sip/response.h"
#include "sip/sip_stack.h"

namespace sb::sip {

namespace {
/// Answers expire in batches: at most this much after their 64·T1.
constexpr uint64_t kSweepMs = 1000;

bool isMethod(const ::sip_msg& msg, const char* method) {
    return pl_strcmp(&msg.met, method) == 0;
}
}  // namespace

::mbuf* SipStack::sendResponse(const ::sip_msg& msg, const std::string& text, bool rport) {
    ::mbuf* mb = mbuf_alloc(text.size());
    if (!mb) return nullptr;
    int err = mbuf_write_mem(mb, reinterpret_cast<const uint8_t*>(text.data()), text.size());
    mb->pos = 0;
    struct sa dst;
    sip_reply_addr(&dst, &msg, rport);
    if (!err) err = sip_send(m_sip.get(), msg.sock, msg.tp, &dst, mb);
    if (err) {
        mem_deref(mb);
        return nullptr;
    }
    return mb;
}

void SipStack::keep(std::string key, const ::sip_msg& msg, std::string answer) {
    m_completed.remember(std::move(key), pl_isset(&msg.to.tag) ? std::string() : mergeKey(msg),
                         std::move(answer), static_cast<uint64_t>(monotonicMs()));
    if (!m_completedSweep.running()) m_completedSweep.start(kSweepMs, [this] { sweepCompleted(); });
}

void SipStack::sweepCompleted() {
    m_completed.expire(static_cast<uint64_t>(monotonicMs()));
    if (!m_completed.empty()) m_completedSweep.start(kSweepMs, [this] { sweepCompleted(); });
}

void SipStack::replyFinal(const ::sip_msg& msg, uint16_t code, const char* reason, const std::string& headers,
                          const std::string& body) {
    if (isMethod(msg, "ACK")) return;
    if (isMethod(msg, "INVITE")) {
        (void)sip_treplyf(nullptr, nullptr, m_sip.get(), &msg, false, code, reason,
                          "%sContent-Length: %zu\r\n\r\n%s", headers.c_str(), body.size(), body.c_str());
        return;
    }
    bool rport = false;
    std::string text =
        formatResponse(msg, ResponseSpec{code, reason, headers, body, false, m_software}, &rport);
    mem_deref(sendResponse(msg, text, rport));
    // Over TCP and TLS the client never retransmits: timer J is zero.
    if (msg.tp == SIP_TRANSP_UDP) keep(transactionKey(msg), msg, std::move(text));
}

::mbuf* SipStack::sendInviteAnswer(const ::sip_msg& invite, uint16_t code, const char* reason,
                                   const std::string& headers, const std::string& body) {
    bool rport = false;
    const std::string text =
        formatResponse(invite, ResponseSpec{code, reason, headers, body, true, m_software}, &rport);
    ::mbuf* mb = sendResponse(invite, text, rport);
    // Timer L applies on every transport (RFC 6026 §8.7): it also keeps
    // merged requests (§8.2.2.2) from starting a second call.
    keep(transactionKey(invite), invite, std::string());
    return mb;
}

bool SipStack::answerRetransmission(const ::sip_msg& msg) {
    if (m_completed.empty() || isMethod(msg, "ACK")) return false;
    if (const std::string* answer = m_completed.find(transactionKey(msg))) {
        if (!answer->empty()) {
            struct pl rportParam;
            const bool rport = msg_param_exists(&msg.via.params, "rport", &rportParam) == 0;
            mem_deref(sendResponse(msg, *answer, rport));
        }
        return true;
    }
    if (isMethod(msg, "CANCEL") && m_completed.find(transactionKey(msg, "INVITE"))) {
        // RFC 3261 §9.2: the INVITE has its final answer; the CANCEL gets 200
        // and has no effect on it.
        replyFinal(msg, 200, "OK");
        return true;
    }
    if (!pl_isset(&msg.to.tag) && m_completed.hasMergeKey(mergeKey(msg))) {
        replyFinal(msg, 482, "Loop Detected");
        return true;
    }
    return false;
}

}  // namespace sb::sip
