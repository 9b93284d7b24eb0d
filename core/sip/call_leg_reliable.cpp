// CallLeg: reliable provisional responses and PRACK (RFC 3262), and UPDATE
// received from the peer (RFC 3311). Switchboard never sends UPDATE itself.
#include <re.h>

#include <algorithm>

#include "sip/call_leg.h"
#include "sip/call_leg_callbacks.h"
#include "sip/message.h"
#include "sip/sip_stack.h"

namespace sb::sip {

// --- as the answering side ---------------------------------------------------

void CallLeg::sendReliable(const ReliableProvisionalUas::Provisional& p) {
    replyInvite(p.code, p.reason, "Require: 100rel\r\nRSeq: " + std::to_string(p.rseq) + "\r\n",
                Body{p.bodyType, p.body});
    m_reliableTx = 0;
    m_reliableStartMs = tmr_jiffies();
    m_reliableTimer.start(ReliableProvisionalUas::retransmitDelayMs(1), [this] { retransmitReliable(); });
}

void CallLeg::retransmitReliable() {
    if (!m_reliable || !m_reliable->outstanding()) return;
    const uint64_t elapsed = tmr_jiffies() - m_reliableStartMs;
    if (ReliableProvisionalUas::gaveUp(elapsed, SIP_T1)) {
        // §3: no PRACK within 64·T1 — the INVITE fails with a 5xx.
        m_reliable.reset();
        reject(504, "Server Time-out");
        m_listener->onTerminated(*this, "no PRACK for a reliable provisional response");
        return;
    }
    const auto& p = *m_reliable->outstanding();
    replyInvite(p.code, p.reason, "Require: 100rel\r\nRSeq: " + std::to_string(p.rseq) + "\r\n",
                Body{p.bodyType, p.body});
    ++m_reliableTx;
    const uint64_t left = 64ull * SIP_T1 - elapsed;
    const uint64_t next = std::min<uint64_t>(ReliableProvisionalUas::retransmitDelayMs(m_reliableTx + 1), left);
    m_reliableTimer.start(next, [this] { retransmitReliable(); });
}

void CallLeg::handlePrack(const ::sip_msg& msg) {
    const auto rack = parseRAck(headerValue(msg, SIP_HDR_RACK).value_or(""));
    if (!rack || !m_reliable || !m_invite ||
        !m_reliable->acknowledge(rack->rseq, rack->cseq, rack->method, m_invite->cseq.num)) {
        replyInDialog(msg, 481, "Call/Transaction Does Not Exist");
        return;
    }
    m_reliableTimer.cancel();
    replyInDialog(msg, 200, "OK");
    if (auto next = m_reliable->nextToSend()) {
        sendReliable(*next);
    } else if (m_deferredAnswer && !m_reliable->answerMustWait()) {
        Body answerBody = std::move(*m_deferredAnswer);
        m_deferredAnswer.reset();
        answer(answerBody);
    }
}

// --- as the calling side -----------------------------------------------------

bool CallLeg::acceptReliableResponse(const ::sip_msg& msg) {
    if (!sip_msg_hdr_has_value(&msg, SIP_HDR_REQUIRE, "100rel")) return true;
    const auto rseq = parseRSeq(headerValue(msg, SIP_HDR_RSEQ).value_or(""));
    if (!rseq) return true;  // no RSeq: it cannot be acknowledged, take it as unreliable
    switch (m_reliableIn.receive(*rseq)) {
    case ReliableProvisionalUac::Verdict::Accept:
        break;
    case ReliableProvisionalUac::Verdict::Retransmission:
    case ReliableProvisionalUac::Verdict::OutOfOrder:
        return false;  // §4: neither PRACKed again nor processed
    }
    // A PRACK still running for an earlier 18x is superseded by this one.
    if (m_prackReq) mem_deref(m_prackReq);
    const std::string rack = "RAck: " + std::to_string(*rseq) + " " + std::to_string(msg.cseq.num) + " INVITE\r\n";
    (void)sendInDialog("PRACK", rack, {}, &m_prackReq, true);
    return true;
}

void CallLeg::handlePrackResponse(int err, const ::sip_msg* msg) {
    if (err || !msg) return;
    m_listener->onResponse(*this, *msg);
    if (msg->scode < 300) return;
    // 405/501/420: the peer asked for 100rel and will not take PRACK.
    if (msg->scode == 405 || msg->scode == 501 || msg->scode == 420) m_listener->onPrackRefused(*this, msg->scode);
}

// --- UPDATE ------------------------------------------------------------------

void CallLeg::handleUpdate(const ::sip_msg& msg) {
    m_dialog.refreshTarget(msg);
    const Body offer = bodyOf(msg);
    sessionRefreshed();  // RFC 4028 §10: an UPDATE refreshes the session too
    if (offer.empty()) {
        // A keep-alive or session refresh (seed notes: some IMS networks do this).
        std::string h = capabilityHeaders();
        if (m_sessionExpiresS)
            h += "Session-Expires: " + std::to_string(m_sessionExpiresS) + ";refresher=" +
                 (m_weRefresh ? "uas" : "uac") + "\r\n";
        replyInDialog(msg, 200, "OK", h);
        return;
    }
    // RFC 3311 §5.2: one offer at a time.
    if (m_reinviteReq) {
        replyInDialog(msg, 491, "Request Pending");
        return;
    }
    if (m_reinviteTrans || (m_reliable && m_reliable->answerMustWait())) {
        replyInDialog(msg, 500, "Server Internal Error", "Retry-After: 1\r\n");
        return;
    }
    auto answerBody = m_listener->onUpdateOffer(*this, offer);
    if (!answerBody) {
        replyInDialog(msg, 488, "Not Acceptable Here");
        return;
    }
    replyInDialog(msg, 200, "OK", capabilityHeaders(), answerBody.value());
}

}  // namespace sb::sip
