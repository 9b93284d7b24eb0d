#include "call/extension_bridge.h"

#include <algorithm>
#include <string_view>

#include "media/terminated_sdp.h"
#include "sip/dtmf_info.h"

namespace sb::call {

using services::ConnectResult;

namespace {
/// The caller's number may come from a carrier's header: only characters
/// that cannot reshape the From header are kept.
std::string safeUser(const std::string& user) {
    std::string out;
    for (char c : user)
        if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
            std::string_view("+*#.-_").find(c) != std::string_view::npos)
            out += c;
    return out.empty() ? "anonymous" : out;
}
}  // namespace

ExtensionBridge::ExtensionBridge(sip::SipStack& stack, media::MediaEngine& engine, media::PortPair pair,
                                 Setup setup, Events events)
    : m_stack(stack), m_engine(engine), m_setup(std::move(setup)), m_events(std::move(events)) {
    m_local = pair.rtpEndpoint();
    media::LegMediaParams params;
    params.peerDirection = media::Direction::Inactive;  // nothing is sent before a phone answers
    media::MediaEngine::SessionEvents sessionEvents;
    sessionEvents.digit = [this](char digit, media::DtmfMethod) {
        if (m_answered && !m_ended && m_events.digit) m_events.digit(digit);
    };
    sessionEvents.failed = [this](const std::string& why) {
        if (m_events.log) m_events.log(LogLevel::Warning, "extension side: " + why);
    };
    m_session = m_engine.open(std::move(pair), params, std::move(sessionEvents));

    const sip::Body offer = sip::Body::sdp(media::renderSdp(media::offerAsEndpoint(m_local, m_origin)));
    for (const auto& t : m_setup.targets) {
        sip::OutgoingInvite inv;
        inv.requestUri = t.requestUri;
        inv.nextHop = t.nextHop;
        inv.toUri = "<sip:" + m_setup.extension + "@" + m_setup.domain + ">";
        inv.fromUri = "<sip:" + safeUser(m_setup.caller) + "@" + m_setup.domain + ">";
        inv.offer = offer;
        std::string error;
        if (auto leg = sip::CallLeg::startInvite(m_stack, inv, *this, &error))
            m_forks.push_back(std::move(leg));
        else if (m_events.log)
            m_events.log(LogLevel::Warning, "extension " + m_setup.extension + ": " + error);
    }
    if (m_forks.empty()) {
        // Reported from the loop, not from inside the constructor's caller.
        m_ringTimer.start(0, [this] { report(ConnectResult::Unavailable); });
        return;
    }
    m_ringTimer.start(uint64_t{m_setup.ringTimeoutS} * 1000, [this] {
        cancelOthers(nullptr);
        report(ConnectResult::NoAnswer);
    });
}

ExtensionBridge::~ExtensionBridge() {
    hangUp();
    m_engine.close(m_session);
}

void ExtensionBridge::hangUp() {
    if (m_ended) return;
    m_ended = true;
    m_ringTimer.cancel();
    for (auto& f : m_forks)
        if (f->state() != sip::CallLeg::State::Terminated) f->hangup();
}

bool ExtensionBridge::busy() const {
    return std::any_of(m_forks.begin(), m_forks.end(), [](const auto& f) { return f->busy(); });
}

void ExtensionBridge::report(ConnectResult result) {
    if (m_reported) return;
    m_reported = true;
    m_ringTimer.cancel();
    if (m_events.outcome) m_events.outcome(result);
}

void ExtensionBridge::cancelOthers(const sip::CallLeg* except) {
    for (auto& f : m_forks)
        if (f.get() != except && f->state() != sip::CallLeg::State::Terminated) f->cancel();
}

void ExtensionBridge::onAnswered(sip::CallLeg& leg, const sip::Body& body) {
    if (m_answered || m_reported || m_ended) {
        leg.hangup();  // a second phone answered after the first, or too late
        return;
    }
    auto sdp = media::parseSdp(body.content);
    auto params = sdp ? media::paramsFromAnswer(sdp.value()) : Result<media::LegMediaParams>(sdp.error());
    if (!params) {
        leg.hangup();
        if (m_events.log)
            m_events.log(LogLevel::Warning,
                         "extension " + m_setup.extension +
                             " answered with SDP that cannot be used: " + params.error().message);
        return failed(leg, 488);
    }
    m_answered = &leg;
    cancelOthers(&leg);
    m_codec = params->law == media::G711Law::MuLaw ? "PCMU" : "PCMA";
    m_engine.update(m_session, params.value());
    report(ConnectResult::Answered);
}

void ExtensionBridge::failed(sip::CallLeg& leg, uint16_t code) {
    if (m_answered || m_reported || m_ended || m_failures.count(&leg)) return;
    m_failures[&leg] = code;
    if (m_failures.size() < m_forks.size()) return;
    const bool allBusy = std::all_of(m_failures.begin(), m_failures.end(), [](const auto& f) {
        return f.second == 486 || f.second == 600 || f.second == 603;
    });
    const bool noAnswer = std::all_of(m_failures.begin(), m_failures.end(), [](const auto& f) {
        return f.second == 408 || f.second == 480 || f.second == 487;
    });
    report(allBusy ? ConnectResult::Busy : noAnswer ? ConnectResult::NoAnswer : ConnectResult::Unavailable);
}

void ExtensionBridge::onRejected(sip::CallLeg& leg, uint16_t code, const std::string&) {
    failed(leg, code);
}

Result<sip::Body> ExtensionBridge::answerOffer(const sip::Body& offer) {
    if (offer.empty()) return sip::Body::sdp(media::renderSdp(media::offerAsEndpoint(m_local, m_origin)));
    auto sdp = media::parseSdp(offer.content);
    if (!sdp) return sdp.error();
    auto a = media::answerAsEndpoint(sdp.value(), m_local, m_origin);
    if (!a) return a.error();
    m_engine.update(m_session, a->params);
    return sip::Body::sdp(media::renderSdp(a->sdp));
}

void ExtensionBridge::onReinvite(sip::CallLeg& leg, const sip::Body& offer) {
    // The phone changes its media (hold, a new address): the bridge session
    // follows; the caller's leg needs no change, its session stays ours.
    auto answer = answerOffer(offer);
    if (!answer) return leg.rejectReinvite(488, "Not Acceptable Here");
    leg.answerReinvite(answer.value());
}

Result<sip::Body> ExtensionBridge::onUpdateOffer(sip::CallLeg&, const sip::Body& offer) {
    return answerOffer(offer);
}

void ExtensionBridge::onInfo(sip::CallLeg& leg, const sip::Body& body) {
    if (&leg != m_answered || m_ended || !m_events.digit) return;
    if (auto digit = sip::dtmfFromInfo(body)) m_events.digit(*digit);
}

void ExtensionBridge::onBye(sip::CallLeg& leg) {
    if (&leg != m_answered || m_ended) return;
    m_ended = true;
    if (m_events.hungUp) m_events.hungUp();
}

void ExtensionBridge::onTerminated(sip::CallLeg& leg, const std::string&) {
    if (&leg == m_answered) {
        if (m_ended) return;
        m_ended = true;
        if (m_events.hungUp) m_events.hungUp();
        return;
    }
    // A fork that ended without a final response (no route, timeout);
    // failed() ignores one already counted by onRejected().
    failed(leg, 408);
}

}  // namespace sb::call
