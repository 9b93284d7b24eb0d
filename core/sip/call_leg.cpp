// CallLeg: construction, sending inside the dialog, and requests the peer
// sends inside the dialog (ACK, BYE, re-INVITE, INFO, OPTIONS).
#include "sip/call_leg.h"

#include <re.h>

#include <atomic>

#include "sip/call_leg_callbacks.h"
#include "routing/text_util.h"
#include "sip/message.h"
#include "sip/refer.h"
#include "sip/sip_stack.h"

namespace sb::sip {

namespace {
std::atomic<uint64_t> g_nextLegId{1};
}  // namespace

std::string CallLeg::capabilityHeaders(bool with100rel) {
    return std::string("Allow: INVITE, ACK, CANCEL, BYE, OPTIONS, INFO, PRACK, UPDATE, REFER\r\nSupported: ") +
           (with100rel ? "100rel, timer, replaces" : "timer, replaces") + "\r\n";
}

CallLeg::CallLeg(SipStack& stack, CallLegListener& listener, Role role)
    : m_stack(stack), m_listener(&listener), m_role(role), m_id(g_nextLegId++) {}

CallLeg::~CallLeg() {
    m_stack.removeLeg(this);
    // Dereferencing a running request cancels it and clears our pointer;
    // its handler never fires afterwards.
    if (m_inviteReq) mem_deref(m_inviteReq);
    if (m_byeReq) mem_deref(m_byeReq);
    if (m_reinviteReq) mem_deref(m_reinviteReq);
    if (m_prackReq) mem_deref(m_prackReq);
    for (struct ::sip_request* side : m_sideReqs)
        if (side) mem_deref(side);
    mem_deref(m_auth);
    if (m_inviteTrans && m_invite && m_state != State::Terminated) {
        // An incoming INVITE still unanswered when its call goes away.
        (void)sip_treplyf(&m_inviteTrans, nullptr, m_stack.raw(), m_invite, false, 500, "Server Internal Error",
                          "Content-Length: 0\r\n\r\n");
    }
    if (m_reinviteTrans && m_reinvite)
        (void)sip_treplyf(&m_reinviteTrans, nullptr, m_stack.raw(), m_reinvite, false, 500,
                          "Server Internal Error", "Content-Length: 0\r\n\r\n");
    mem_deref(m_inviteTrans);
    mem_deref(m_reinviteTrans);
    mem_deref(const_cast<::sip_msg*>(m_invite));
    mem_deref(const_cast<::sip_msg*>(m_reinvite));
    mem_deref(m_answer);
}

bool CallLeg::sendInfo(const Body& body) {
    if (m_state != State::Established && m_state != State::Answered) return false;
    return sendSideRequest("INFO", "", body);
}

bool CallLeg::notifyRefer(uint32_t referCseq, uint16_t code, const std::string& reason, bool final) {
    if (m_state == State::Terminated) return false;
    // RFC 3515 §2.4.6: the id names which REFER's subscription this is.
    const std::string headers = "Event: refer;id=" + std::to_string(referCseq) + "\r\nSubscription-State: " +
                                (final ? "terminated;reason=noresource" : "active;expires=60") + "\r\n";
    return sendSideRequest("NOTIFY", headers,
                           Body{"message/sipfrag;version=2.0", sipfrag(code, reason)});
}

bool CallLeg::sendSideRequest(const std::string& method, const std::string& extra, const Body& body) {
    m_sideReqs.remove(nullptr);
    m_sideReqs.push_back(nullptr);
    if (sendInDialog(method, extra, body, &m_sideReqs.back(), true)) return true;
    m_sideReqs.pop_back();
    return false;
}

bool CallLeg::sendInDialog(const std::string& method, const std::string& extra, const Body& body,
                           struct ::sip_request** reqp, bool stateful) {
    const uint32_t cseq = method == "ACK" ? m_inviteCseq : m_dialog.localCseq++;
    if (method == "INVITE" && reqp == &m_reinviteReq) m_reinviteCseq = cseq;
    std::string headers = m_dialog.requestHeaders(method, cseq, false) + extra;
    if (method != "ACK" && method != "BYE" && method != "PRACK")
        headers += capabilityHeaders(!m_outgoing.omit100rel);
    if (!body.empty()) headers += "Content-Type: " + body.type + "\r\n";
    headers += "Content-Length: " + std::to_string(body.content.size()) + "\r\n\r\n" + body.content;

    const std::string hop = m_dialog.firstHop();
    struct uri route;
    struct pl hopPl;
    pl_set_str(&hopPl, hop.c_str());
    if (uri_decode(&route, &hopPl) != 0) return false;
    sip_resp_h* handler = nullptr;
    if (method == "BYE") handler = &CallLegCallbacks::byeResponse;
    if (method == "PRACK") handler = &CallLegCallbacks::prackResponse;
    if (method == "INVITE") handler = &CallLegCallbacks::reinviteResponse;
    if (method == "INFO" || method == "NOTIFY") handler = &CallLegCallbacks::sideResponse;
    const int err = sip_requestf(reqp, m_stack.raw(), stateful, method.c_str(), m_dialog.remoteTarget.c_str(), &route,
                                 nullptr, &CallLegCallbacks::send, handler, this, "%s", headers.c_str());
    return err == 0;
}

void CallLeg::hangup() {
    switch (m_state) {
    case State::Calling:
    case State::Early:
        if (m_role == Role::Uac) {
            cancel();
        } else {
            reject(487, "Request Terminated");
        }
        return;
    case State::Answered:
    case State::Established:
        if (!sendBye()) terminate("BYE could not be sent");
        m_state = State::Terminated;
        return;
    case State::Terminated:
        return;
    }
}

namespace {
/// "ip:port" when @p hop (a SIP URI) names a literal address reached over
/// UDP, as a phone's or trunk's source address does; empty otherwise.
std::string literalUdpDestination(const std::string& hop) {
    struct uri u;
    struct pl text;
    pl_set_str(&text, hop.c_str());
    if (uri_decode(&u, &text) != 0 || pl_strcasecmp(&u.scheme, "sip") != 0) return {};
    struct pl value;
    if (msg_param_decode(&u.params, "maddr", &value) == 0) return {};
    if (msg_param_decode(&u.params, "transport", &value) == 0 && pl_strcasecmp(&value, "udp") != 0) return {};
    struct sa dst;
    if (sa_set(&dst, &u.host, u.port ? u.port : 5060) != 0) return {};
    return addressText(dst);
}
}  // namespace

bool CallLeg::sendBye(const std::string& extra) {
    const std::string destination = literalUdpDestination(m_dialog.firstHop());
    struct sa dst, local;
    if (destination.empty() || sa_decode(&dst, destination.c_str(), destination.size()) != 0 ||
        sip_transp_laddr(m_stack.raw(), &local, SIP_TRANSP_UDP, &dst) != 0)
        return sendInDialog("BYE", extra, {}, &m_byeReq, true);
    std::string branch = ClientTransaction::newBranch();
    const std::string request = "BYE " + m_dialog.remoteTarget + " SIP/2.0\r\nVia: SIP/2.0/UDP " +
                                addressText(local) + ";branch=" + branch + ";rport\r\nContact: <" +
                                m_stack.contactUri(m_contactUser, SIP_TRANSP_UDP, local) + ">\r\n" +
                                m_dialog.requestHeaders("BYE", m_dialog.localCseq++) + extra +
                                "Content-Length: 0\r\n\r\n";
    m_byeTrans = ClientTransaction::start(m_stack, destination, std::move(branch), request,
                                          [this](int err, const ::sip_msg* msg) {
                                              if (msg && msg->scode < 200) return;
                                              m_byeTrans.reset();
                                              handleByeResponse(err, msg);
                                          });
    return m_byeTrans != nullptr;
}

void CallLeg::handleByeResponse(int, const ::sip_msg* msg) {
    // Any final answer (or none) ends the dialog; 1xx to BYE are rare and meaningless.
    if (msg && msg->scode < 200) return;
    terminate("hung up");
}

void CallLeg::reinvite(const Body& offer) {
    if (m_reinviteReq || m_reinviteTrans) {
        m_listener->onReinviteAnswered(*this, 491, {});
        return;
    }
    m_lastSdpSent = offer;
    if (!sendInDialog("INVITE", "", offer, &m_reinviteReq, true)) m_listener->onReinviteAnswered(*this, 500, {});
}

void CallLeg::handleReinviteResponse(int err, const ::sip_msg* msg) {
    if (err || !msg) {
        m_listener->onReinviteAnswered(*this, 408, {});
        return;
    }
    if (msg->scode < 200) return;
    const Body body = bodyOf(*msg);
    if (msg->scode < 300) {
        m_dialog.refreshTarget(*msg);
        const uint32_t saved = m_inviteCseq;
        m_inviteCseq = m_reinviteCseq;
        (void)sendInDialog("ACK", "", {}, nullptr, false);
        m_inviteCseq = saved;
        sessionRefreshed();
    }
    if (m_refreshing) {
        // Our own session refresh: nothing for the Call to relay.
        m_refreshing = false;
        if (msg->scode == 491) {
            // Glare (RFC 3261 §14.1): the Call-ID's owner waits 2.1-4 s,
            // the other side 0-2 s, in units of 10 ms.
            const uint64_t wait = m_role == Role::Uac ? 2100 + rand_u32() % 191 * 10 : rand_u32() % 201 * 10;
            m_refreshTimer.start(wait, [this] { refreshSession(); });
        }
        return;
    }
    m_listener->onReinviteAnswered(*this, msg->scode, body);
}

void CallLeg::replyInDialog(const ::sip_msg& msg, uint16_t code, const std::string& reason, const std::string& headers,
                            const Body& body) {
    std::string h = headers;
    if (code >= 200 && code < 300) h += "Contact: <" + m_stack.contactFor(m_contactUser, msg) + ">\r\n";
    if (!body.empty()) h += "Content-Type: " + body.type + "\r\n";
    m_stack.replyFinal(msg, code, reason.c_str(), h, body.content);
}

void CallLeg::onRequest(const ::sip_msg& msg) {
    const std::string method = requestMethod(msg);
    if (method == "ACK") {
        if (m_answer && msg.cseq.num == m_invite->cseq.num) {
            // The ACK for our 2xx: stop retransmitting (RFC 3261 §13.3.1.4).
            m_answerTimer.cancel();
            m_ackTimeout.cancel();
            m_answer = static_cast<::mbuf*>(mem_deref(m_answer));
            m_state = State::Established;
            startSessionTimer(nullptr);
            m_listener->onConfirmed(*this, bodyOf(msg));
        } else if (m_reinvite && msg.cseq.num == m_reinvite->cseq.num) {
            m_reinvite = static_cast<const ::sip_msg*>(mem_deref(const_cast<::sip_msg*>(m_reinvite)));
        }
        return;
    }
    if (!m_dialog.acceptRemoteCseq(msg.cseq.num)) {
        replyInDialog(msg, 500, "Out of Order");
        return;
    }
    if (method == "BYE") {
        replyInDialog(msg, 200, "OK");
        m_state = State::Terminated;
        m_listener->onBye(*this);
        return;
    }
    if (method == "INVITE") {
        handleReinvite(msg);
        return;
    }
    if (method == "PRACK") {
        handlePrack(msg);
        return;
    }
    if (method == "UPDATE") {
        handleUpdate(msg);
        return;
    }
    if (method == "REFER") {
        handleRefer(msg);
        return;
    }
    if (method == "INFO" || method == "OPTIONS") {
        replyInDialog(msg, 200, "OK", capabilityHeaders());
        if (method == "INFO") m_listener->onInfo(*this, bodyOf(msg));
        return;
    }
    replyInDialog(msg, 501, "Not Implemented", capabilityHeaders());
}

void CallLeg::handleRefer(const ::sip_msg& msg) {
    // RFC 3515 §2.4.1: exactly one Refer-To.
    const auto referTo = headerValues(msg, "Refer-To");
    const auto compact = headerValues(msg, "r");
    if (referTo.size() + compact.size() != 1) {
        replyInDialog(msg, 400, "Exactly One Refer-To Required");
        return;
    }
    ReferRequest request;
    request.referTo = referTo.empty() ? compact.front() : referTo.front();
    request.referredBy = headerValue(msg, "Referred-By").value_or(headerValue(msg, "b").value_or(""));
    request.cseq = msg.cseq.num;
    if (const auto sub = headerValue(msg, "Refer-Sub"); sub && routing::equalsIgnoreCase(routing::trim(*sub), "false"))
        request.subscription = false;
    const ReferAnswer answer = m_listener->onRefer(*this, request);
    if (answer.code < 200 || answer.code >= 300) {
        replyInDialog(msg, answer.code, answer.reason, answer.code == 501 ? capabilityHeaders() : std::string());
        return;
    }
    // A 2xx to a non-INVITE request needs no Contact, but RFC 3515 §2.4.2 asks for one: replyInDialog adds it.
    replyInDialog(msg, 202, "Accepted", request.subscription ? std::string() : "Refer-Sub: false\r\n");
    m_listener->onReferAccepted(*this, request);
}

void CallLeg::handleReinvite(const ::sip_msg& msg) {
    // RFC 3261 §14.2: one offer/answer at a time in each direction.
    if (m_reinviteReq) {
        replyInDialog(msg, 491, "Request Pending");
        return;
    }
    if (m_reinviteTrans || m_state != State::Established) {
        replyInDialog(msg, 500, "Server Internal Error", "Retry-After: 1\r\n");
        return;
    }
    if (sip_strans_alloc(&m_reinviteTrans, m_stack.raw(), &msg, nullptr, nullptr) != 0) {
        replyInDialog(msg, 500, "Server Internal Error");
        return;
    }
    mem_deref(const_cast<::sip_msg*>(m_reinvite));
    m_reinvite = static_cast<const ::sip_msg*>(mem_ref(const_cast<::sip_msg*>(&msg)));
    m_dialog.refreshTarget(msg);
    sessionRefreshed();  // a re-INVITE refreshes the session (RFC 4028 §10)
    m_listener->onReinvite(*this, bodyOf(msg));
}

void CallLeg::answerReinvite(const Body& answer) {
    if (!m_reinviteTrans || !m_reinvite) return;
    std::string h = capabilityHeaders() + "Contact: <" + m_stack.contactFor(m_contactUser, *m_reinvite) + ">\r\n";
    if (!answer.empty()) h += "Content-Type: " + answer.type + "\r\n";
    if (m_sessionExpiresS)
        h += "Session-Expires: " + std::to_string(m_sessionExpiresS) + ";refresher=" + (m_weRefresh ? "uas" : "uac") +
             "\r\n";
    m_lastSdpSent = answer;
    (void)sip_treplyf(&m_reinviteTrans, nullptr, m_stack.raw(), m_reinvite, true, 200, "OK",
                      "%sContent-Length: %zu\r\n\r\n%s", h.c_str(), answer.content.size(), answer.content.c_str());
    m_reinviteTrans = nullptr;
}

void CallLeg::rejectReinvite(uint16_t code, const std::string& reason) {
    if (!m_reinviteTrans || !m_reinvite) return;
    (void)sip_treplyf(&m_reinviteTrans, nullptr, m_stack.raw(), m_reinvite, false, code, reason.c_str(),
                      "Content-Length: 0\r\n\r\n");
    m_reinviteTrans = nullptr;
    m_reinvite = static_cast<const ::sip_msg*>(mem_deref(const_cast<::sip_msg*>(m_reinvite)));
}

void CallLeg::terminate(const std::string& reason) {
    if (m_state == State::Terminated && reason.empty()) return;
    m_state = State::Terminated;
    m_refreshTimer.cancel();
    m_expiryTimer.cancel();
    m_answerTimer.cancel();
    m_ackTimeout.cancel();
    m_listener->onTerminated(*this, reason);
}

}  // namespace sb::sip
