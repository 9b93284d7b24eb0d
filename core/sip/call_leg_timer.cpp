// CallLeg: session timers (RFC 4028). A dialog whose peer asked for a
// session timer is refreshed by whoever the negotiation names; a dialog not
// refreshed in time is ended with BYE (the Call records why).
#include <re.h>

#include <algorithm>

#include "sip/call_leg.h"
#include "sip/call_leg_callbacks.h"
#include "sip/message.h"
#include "sip/sip_stack.h"

namespace sb::sip {

namespace {

constexpr uint32_t kMinSe = kMinSessionExpiresS;

}  // namespace

std::optional<SessionExpires> readSessionExpires(const ::sip_msg& msg) {
    auto value = headerValue(msg, SIP_HDR_SESSION_EXPIRES);
    if (!value) value = headerValue(msg, "x");  // compact form "x"
    if (!value) return std::nullopt;
    const auto semi = value->find(';');
    auto seconds = parseSeconds(value->substr(0, semi));
    if (!seconds || *seconds == 0) return std::nullopt;
    SessionExpires se{*seconds, {}};
    if (semi != std::string::npos) {
        const auto pos = value->find("refresher=", semi);
        if (pos != std::string::npos) se.refresher = value->substr(pos + 10, 3);
    }
    return se;
}

std::string CallLeg::sessionTimerHeaders() const {
    if (!m_invite) return {};
    auto se = readSessionExpires(*m_invite);
    if (!se) return {};
    // The caller refreshes when it supports timers and did not hand the job
    // to us (§9); otherwise we do.
    const bool callerCan = sip_msg_hdr_has_value(m_invite, SIP_HDR_SUPPORTED, "timer");
    const std::string refresher = se->refresher == "uas" || !callerCan ? "uas" : "uac";
    std::string h = "Session-Expires: " + std::to_string(se->seconds) + ";refresher=" + refresher + "\r\n";
    if (callerCan) h += "Require: timer\r\n";
    return h;
}

void CallLeg::startSessionTimer(const ::sip_msg* response) {
    SessionExpires se;
    if (m_role == Role::Uas) {
        if (!m_invite) return;
        auto asked = readSessionExpires(*m_invite);
        if (!asked) return;
        se = *asked;
        const bool callerCan = sip_msg_hdr_has_value(m_invite, SIP_HDR_SUPPORTED, "timer");
        m_weRefresh = se.refresher == "uas" || !callerCan;
    } else {
        if (!response) return;
        auto granted = readSessionExpires(*response);
        if (!granted) return;
        se = *granted;
        m_weRefresh = se.refresher != "uas";  // we are the UAC of this leg
    }
    m_sessionExpiresS = std::max(se.seconds, kMinSe);
    sessionRefreshed();
}

void CallLeg::sessionRefreshed() {
    if (!m_sessionExpiresS || m_state == State::Terminated) return;
    const uint64_t intervalMs = uint64_t{m_sessionExpiresS} * 1000;
    if (m_weRefresh) {
        // §10: refresh at half the interval.
        m_refreshTimer.start(intervalMs / 2, [this] { refreshSession(); });
    }
    // §10: without a refresh, BYE at interval - min(32 s, interval/3).
    const uint64_t slack = std::min<uint64_t>(32'000, intervalMs / 3);
    m_expiryTimer.start(intervalMs - slack, [this] { sessionExpired(); });
}

void CallLeg::refreshSession() {
    if (m_state != State::Established || m_reinviteReq || m_reinviteTrans) {
        m_refreshTimer.start(2000, [this] { refreshSession(); });
        return;
    }
    m_refreshing = true;
    const std::string se = "Session-Expires: " + std::to_string(m_sessionExpiresS) + ";refresher=" +
                           (m_role == Role::Uac ? "uac" : "uas") + "\r\n";
    if (!sendInDialog("INVITE", se, m_lastSdpSent, &m_reinviteReq, true)) m_refreshing = false;
}

void CallLeg::sessionExpired() {
    if (m_state == State::Terminated) return;
    m_refreshTimer.cancel();
    (void)sendBye("Reason: SIP;cause=408;text=\"session timer expired\"\r\n");
    m_state = State::Terminated;
    m_listener->onTerminated(*this, "session timer expired");
}

}  // namespace sb::sip
