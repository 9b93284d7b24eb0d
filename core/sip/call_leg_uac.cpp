// CallLeg, outgoing side: the INVITE we send (RFC 3261 §13.2).
#include <re.h>

#include <cstring>

#include "sip/call_leg.h"
#include "sip/call_leg_callbacks.h"
#include "sip/message.h"
#include "sip/sip_stack.h"

namespace sb::sip {

namespace {
int answerChallenge(char** username, char** password, const char*, void* arg) {
    const auto* invite = static_cast<const OutgoingInvite*>(arg);
    int err = str_dup(username, invite->authUser.c_str());
    if (!err) err = str_dup(password, invite->authPassword.c_str());
    return err;
}
}  // namespace

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
    d.routeSet = invite.routeSet;
    d.localCseq = static_cast<uint32_t>(rand_u16()) + 1;
    leg->m_contactUser = invite.contactUser;
    leg->m_peerAddress = invite.nextHop;
    leg->m_outgoing = invite;
    if (!invite.authUser.empty() &&
        sip_auth_alloc(&leg->m_auth, &answerChallenge, &leg->m_outgoing, false) != 0) {
        if (error) *error = "out of memory";
        return nullptr;
    }
    stack.addLeg(leg.get());
    if (!leg->sendInvite(error)) return nullptr;
    if (invite.firstResponseTimeoutMs) {
        CallLeg* raw = leg.get();
        leg->m_firstResponseTimer.start(invite.firstResponseTimeoutMs, [raw] { raw->giveUpUnanswered(); });
    }
    return leg;
}

bool CallLeg::sendInvite(std::string* error) {
    Dialog& d = m_dialog;
    m_inviteCseq = d.localCseq++;
    const OutgoingInvite& invite = m_outgoing;
    std::string headers =
        d.requestHeaders("INVITE", m_inviteCseq, false) + capabilityHeaders(!invite.omit100rel) + invite.extraHeaders;
    if (!invite.offer.empty()) headers += "Content-Type: " + invite.offer.type + "\r\n";
    headers += "Content-Length: " + std::to_string(invite.offer.content.size()) + "\r\n\r\n" + invite.offer.content;

    const std::string hop = d.firstHop();
    struct uri route;
    struct pl hopPl;
    pl_set_str(&hopPl, hop.c_str());
    if (uri_decode(&route, &hopPl) != 0) {
        if (error) *error = "cannot route to " + hop;
        return false;
    }
    const int err = sip_requestf(&m_inviteReq, m_stack.raw(), true, "INVITE", invite.requestUri.c_str(), &route,
                                 m_auth, &CallLegCallbacks::send, &CallLegCallbacks::inviteResponse, this, "%s",
                                 headers.c_str());
    if (err) {
        if (error) *error = std::string("cannot send INVITE to ") + hop + ": " + strerror(err);
        return false;
    }
    return true;
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

void CallLeg::giveUpUnanswered() {
    if (m_heard || m_state == State::Terminated) return;
    // libre waits for a provisional before it may CANCEL (RFC 3261 §9.1) and
    // keeps retransmitting until timer B; we stop listening instead. The
    // request is detached from us, so no handler of ours runs for it again.
    if (m_inviteReq) mem_deref(m_inviteReq);
    m_inviteReq = nullptr;
    m_state = State::Terminated;
    m_listener->onRejected(*this, 408, "Request Timeout");
}

void CallLeg::handleInviteResponse(int err, const ::sip_msg* msg) {
    if (msg) m_heard = true;
    m_firstResponseTimer.cancel();
    if (err || !msg) {
        if (m_state == State::Terminated) return;
        m_state = State::Terminated;
        m_listener->onRejected(*this, err == ETIMEDOUT ? 408 : 503,
                              err == ETIMEDOUT ? "Request Timeout" : "Service Unavailable");
        return;
    }
    // A response with control characters in its headers is malformed and
    // would carry them into our requests (header injection): ignored.
    if (hasControlCharacters(*msg)) return;
    m_listener->onResponse(*this, *msg);
    const uint16_t code = msg->scode;
    const std::string reason = toString(msg->reason);
    if (code == 100) return;
    if (code < 200) {
        if (m_state == State::Terminated) return;
        if (pl_isset(&msg->to.tag) && !m_dialog.established()) m_dialog.updateFromResponse(*msg);
        if (!acceptReliableResponse(*msg)) return;
        m_state = State::Early;
        m_listener->onProgress(*this, code, reason, bodyOf(*msg));
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
        m_lastSdpSent = m_outgoing.offer;
        startSessionTimer(msg);
        m_listener->onAnswered(*this, bodyOf(*msg));
        return;
    }
    if (m_state == State::Terminated) return;
    // A carrier challenging our INVITE: answer with the line's or trunk's
    // credentials, once per challenge round (RFC 3261 §22.2).
    if ((code == 401 || code == 407) && m_auth && !m_cancelWanted && m_authAttempts < 2 &&
        sip_auth_authenticate(m_auth, msg) == 0) {
        ++m_authAttempts;
        std::string error;
        if (sendInvite(&error)) return;
    }
    m_state = State::Terminated;
    m_listener->onRejected(*this, code, reason);
}

void CallLeg::onStrayResponse(const ::sip_msg& msg) {
    // A 2xx retransmitted because our ACK was lost: ACK it again.
    if (msg.scode >= 200 && msg.scode < 300 && pl_strcmp(&msg.cseq.met, "INVITE") == 0) sendAck(msg.cseq.num);
}

}  // namespace sb::sip
