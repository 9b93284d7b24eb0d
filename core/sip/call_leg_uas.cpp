// CallLeg, incoming side: the INVITE we answer (RFC 3261 §13.3).
#include <re.h>

#include <algorithm>

#include "sip/call_leg.h"
#include "sip/call_leg_callbacks.h"
#include "sip/message.h"
#include "sip/sip_stack.h"

namespace sb::sip {

std::unique_ptr<CallLeg> CallLeg::acceptInvite(SipStack& stack, const ::sip_msg& invite, CallLegListener& listener) {
    std::unique_ptr<CallLeg> leg(new CallLeg(stack, listener, Role::Uas));
    if (sip_strans_alloc(&leg->m_inviteTrans, stack.raw(), &invite, &CallLegCallbacks::cancel, leg.get()) != 0)
        return nullptr;
    leg->m_invite = static_cast<const ::sip_msg*>(mem_ref(const_cast<::sip_msg*>(&invite)));
    // libre tags our responses with the message's random tag: it is our dialog tag.
    char tag[20];
    (void)re_snprintf(tag, sizeof(tag), "%016llx", static_cast<unsigned long long>(invite.tag));
    leg->m_dialog = Dialog::fromInvite(invite, tag);
    leg->m_peerAddress = addressText(invite.src);
    leg->m_initialBody = bodyOf(invite);
    // RFC 3262: only a caller that *requires* 100rel gets reliable 18x; one
    // that merely supports it is not asked to PRACK (seed notes).
    leg->m_peerRequires100rel = sip_msg_hdr_has_value(&invite, SIP_HDR_REQUIRE, "100rel");
    stack.addLeg(leg.get());
    (void)sip_treplyf(&leg->m_inviteTrans, nullptr, stack.raw(), &invite, false, 100, "Trying",
                      "Content-Length: 0\r\n\r\n");
    return leg;
}

void CallLeg::replyInvite(uint16_t code, const std::string& reason, const std::string& headers, const Body& body) {
    if (!m_inviteTrans || !m_invite) return;
    std::string h = headers;
    if (code > 100 && code < 300) {
        h += "Contact: <" + m_stack.contactFor(m_contactUser, *m_invite) + ">\r\n" + capabilityHeaders();
    }
    if (!body.empty()) h += "Content-Type: " + body.type + "\r\n";
    if (code >= 200) {
        // libre would keep its transaction 64·T1 after a final answer, in its
        // one sorted timer list; the stack keeps it without a libre timer.
        ::mbuf* answer = m_stack.sendInviteAnswer(*m_invite, code, reason.c_str(), h, body.content);
        m_inviteTrans = static_cast<::sip_strans*>(mem_deref(m_inviteTrans));
        if (code >= 300) {
            mem_deref(answer);
            return;
        }
        m_answer = answer;
        m_answerTx = 0;
        return;
    }
    (void)sip_treplyf(&m_inviteTrans, nullptr, m_stack.raw(), m_invite, code < 300, code, reason.c_str(),
                      "%sContent-Length: %zu\r\n\r\n%s", h.c_str(), body.content.size(), body.content.c_str());
}

void CallLeg::sendProvisional(uint16_t code, const std::string& reason, const Body& body) {
    if (m_role != Role::Uas || (m_state != State::Calling && m_state != State::Early)) return;
    m_state = State::Early;
    if (m_peerRequires100rel && code > 100) {
        if (!m_reliable) m_reliable.emplace(static_cast<uint32_t>(rand_u32() & 0x7fffffff));
        if (auto now = m_reliable->submit({0, code, reason, body.type, body.content})) sendReliable(*now);
        return;
    }
    replyInvite(code, reason, {}, body);
}

void CallLeg::answer(const Body& body) {
    if (m_role != Role::Uas || (m_state != State::Calling && m_state != State::Early)) return;
    if (m_reliable && m_reliable->answerMustWait()) {
        // RFC 3262 §3: no 2xx while a reliable 18x with SDP is unacknowledged.
        m_deferredAnswer = body;
        return;
    }
    m_reliableTimer.cancel();
    replyInvite(200, "OK", sessionTimerHeaders(), body);
    m_lastSdpSent = body;
    m_state = State::Answered;
    // The transaction layer forgets a 2xx at once; until the ACK comes we
    // retransmit it ourselves at T1, 2·T1, … T2 over UDP (RFC 3261 §13.3.1.4)
    // and give up after 64·T1 on every transport.
    if (m_invite && m_invite->tp == SIP_TRANSP_UDP) m_answerTimer.start(SIP_T1, [this] { retransmitAnswer(); });
    m_ackTimeout.start(64 * SIP_T1, [this] {
        m_answerTimer.cancel();
        (void)sendBye();
        terminate("no ACK for the answer");
    });
}

void CallLeg::retransmitAnswer() {
    if (!m_answer || !m_invite) return;
    struct sa dst;
    sip_reply_addr(&dst, m_invite, true);
    m_answer->pos = 0;
    (void)sip_send(m_stack.raw(), m_invite->sock, m_invite->tp, &dst, m_answer);
    ++m_answerTx;
    const uint32_t next = std::min<uint32_t>(SIP_T1 << std::min<uint32_t>(m_answerTx, 4), SIP_T2);
    m_answerTimer.start(next, [this] { retransmitAnswer(); });
}

void CallLeg::reject(uint16_t code, const std::string& reason, const std::string& extraHeaders) {
    if (m_role != Role::Uas || (m_state != State::Calling && m_state != State::Early)) return;
    replyInvite(code, reason, extraHeaders, {});
    m_state = State::Terminated;
}

void CallLeg::handleCancel() {
    // libre has answered the CANCEL with 200; the INVITE gets 487 (§9.2).
    if (m_state != State::Calling && m_state != State::Early) return;
    replyInvite(487, "Request Terminated", {}, {});
    m_state = State::Terminated;
    m_listener->onCancelled(*this);
}

}  // namespace sb::sip
