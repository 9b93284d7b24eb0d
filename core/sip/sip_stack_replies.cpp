// SipStack: final answers whose server transaction we keep ourselves, and
// the retransmissions they absorb (completed_transactions.h).
#include <re.h>

#include <memory>

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

void SipStack::replyStateless(const ::sip_msg& msg, uint16_t code, const char* reason, const std::string& headers) {
    if (isMethod(msg, "ACK")) return;
    (void)sip_replyf(m_sip.get(), &msg, code, reason, "%sContent-Length: 0\r\n\r\n", headers.c_str());
}

void SipStack::replyFinal(const ::sip_msg& msg, uint16_t code, const char* reason, const std::string& headers,
                          const std::string& body) {
    if (isMethod(msg, "ACK")) return;
    if (isMethod(msg, "INVITE")) {
        mem_deref(sendInviteAnswer(msg, code, reason, headers, body));
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
    std::string key = transactionKey(invite);
    if (code < 300) {
        // Timer L applies on every transport (RFC 6026 §8.7): it also keeps
        // merged requests (§8.2.2.2) from starting a second call.
        keep(std::move(key), invite, std::string());
        return mb;
    }
    // 3xx–6xx: the transaction resends the answer to a retransmitted INVITE
    // and, over UDP, until the ACK comes (timers G and H, RFC 3261 §17.2.1).
    keep(key, invite, text);
    if (mb && invite.tp == SIP_TRANSP_UDP) {
        struct sa dst;
        sip_reply_addr(&dst, &invite, rport);
        std::shared_ptr<void> sock(mem_ref(invite.sock), mem_deref);
        m_completed.awaitAck(
            key,
            [this, dst, sock](const std::string& answer) {
                ::mbuf* again = mbuf_alloc(answer.size());
                if (!again) return;
                (void)mbuf_write_mem(again, reinterpret_cast<const uint8_t*>(answer.data()), answer.size());
                again->pos = 0;
                (void)sip_send(m_sip.get(), sock.get(), SIP_TRANSP_UDP, &dst, again);
                mem_deref(again);
            },
            static_cast<uint64_t>(monotonicMs()));
        if (!m_resendTimer.running()) scheduleResends();
    }
    return mb;
}

void SipStack::scheduleResends() {
    const uint64_t now = static_cast<uint64_t>(monotonicMs());
    const uint64_t next = m_completed.resendDue(now);
    if (next) m_resendTimer.start(next > now ? next - now : 1, [this] { scheduleResends(); });
}

bool SipStack::answerRetransmission(const ::sip_msg& msg) {
    if (m_completed.empty()) return false;
    // The ACK of a 3xx–6xx we answered ends its resends; any other ACK
    // (of a 2xx: a transaction of its own) goes to its dialog.
    if (isMethod(msg, "ACK")) return m_completed.acknowledge(transactionKey(msg, "INVITE"));
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
