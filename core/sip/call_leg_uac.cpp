// CallLeg, outgoing side: the INVITE we send (RFC 3261 §13.2).
#include <re.h>

#include <cstring>

#include "sip/call_leg.h"
#include "sip/call_leg_callbacks.h"
#include "sip/message.h"
#include "sip/sip_stack.h"

namespace sb::sip {

std::unique_ptr<CallLeg> CallLeg::startInvite(SipStack& stack, const OutgoingInvite& invite, CallLegListener& listener,
                                              std::string* error) {
    std::unique_ptr<CallLeg> leg(new CallLeg(stack, listener, Role::Uac));
    Dialog& d = leg->m_dialog;
    d.callId = randomToken() + randomToken();
    d.localTag = randomToken();
    d.localUri = invite.fromUri;
    d.remoteUri = invite.toUri;
    d.remoteTarget = invite.requestUri;
    d.nextHop = invite.nextHop;
    d.localCseq = static_cast<uint32_t>(rand_u16()) + 1;
    leg->m_contactUser = invite.contactUser;
    leg->m_inviteCseq = d.localCseq++;
    leg->m_peerAddress = invite.nextHop;

    std::string headers = d.requestHeaders("INVITE", leg->m_inviteCseq) + capabilityHeaders() + invite.extraHeaders;
    if (!invite.offer.empty()) headers += "Content-Type: " + invite.offer.type + "\r\n";
    headers += "Content-Length: " + std::to_string(invite.offer.content.size()) + "\r\n\r\n" + invite.offer.content;

    const std::string hop = d.firstHop();
    struct uri route;
    struct pl hopPl;
    pl_set_str(&hopPl, hop.c_str());
    if (uri_decode(&route, &hopPl) != 0) {
        if (error) *error = "cannot route to " + hop;
        return nullptr;
    }
    stack.addLeg(leg.get());
    const int err = sip_requestf(&leg->m_inviteReq, stack.raw(), true, "INVITE", invite.requestUri.c_str(), &route,
                                 nullptr, &CallLegCallbacks::send, &CallLegCallbacks::inviteResponse, leg.get(), "%s",
                                 headers.c_str());
    if (err) {
        if (error) *error = std::string("cannot send INVITE to ") + hop + ": " + strerror(err);
        return nullptr;
    }
    return leg;
}

void CallLeg::cancel() {
    if (m_role != Role::Uac || m_state == State::Terminated) return;
    if (m_state == State::Answered || m_state == State::Established) {
        hangup();
        return;
    }
    m_cancelWanted = true;
    // libre sends the CANCEL once the INVITE is proceeding (RFC 3261 §9.1).
    if (m_inviteReq) sip_request_cancel(m_inviteReq);
}

void CallLeg::sendAck(uint32_t cseq) {
    const uint32_t saved = m_inviteCseq;
    m_inviteCseq = cseq;
    (void)sendInDialog("ACK", "", {}, nullptr, false);
    m_inviteCseq = saved;
}

void CallLeg::handleInviteResponse(int err, const ::sip_msg* msg) {
    if (err || !msg) {
        if (m_state == State::Terminated) return;
        m_state = State::Terminated;
        m_listener.onRejected(*this, err == ETIMEDOUT ? 408 : 503,
                              err == ETIMEDOUT ? "Request Timeout" : "Service Unavailable");
        return;
    }
    const uint16_t code = msg->scode;
    const std::string reason = toString(msg->reason);
    if (code == 100) return;
    if (code < 200) {
        if (m_state == State::Terminated) return;
        if (pl_isset(&msg->to.tag) && !m_dialog.established()) m_dialog.updateFromResponse(*msg);
        m_state = State::Early;
        m_listener.onProgress(*this, code, reason, bodyOf(*msg));
        return;
    }
    if (code < 300) {
        m_dialog.updateFromResponse(*msg);
        sendAck(m_inviteCseq);
        if (m_cancelWanted || m_state == State::Terminated) {
            // Our CANCEL crossed the callee's 200: take the call and end it.
            m_state = State::Established;
            hangup();
            return;
        }
        m_state = State::Established;
        m_listener.onAnswered(*this, bodyOf(*msg));
        return;
    }
    if (m_state == State::Terminated) return;
    m_state = State::Terminated;
    m_listener.onRejected(*this, code, reason);
}

void CallLeg::onStrayResponse(const ::sip_msg& msg) {
    // A 2xx retransmitted because our ACK was lost: ACK it again.
    if (msg.scode >= 200 && msg.scode < 300 && pl_strcmp(&msg.cseq.met, "INVITE") == 0) sendAck(msg.cseq.num);
}

}  // namespace sb::sip
