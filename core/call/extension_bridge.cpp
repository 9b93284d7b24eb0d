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
    for (size_t i = 0; i < m_setup.targets.size(); ++i) {
        const CallTarget& t = m_setup.targets[i];
        sip::OutgoingInvite inv;
        inv.requestUri = t.requestUri;
        inv.nextHop = t.nextHop;
        inv.toUri = "<sip:" + ownerOf(i) + "@" + m_setup.domain + ">";
        inv.fromUri = "<sip:" + safeUser(m_setup.caller) + "@" + m_setup.domain + ">";
        inv.offer = offer;
        std::string error;
        if (auto leg = sip::CallLeg::startInvite(m_stack, inv, *this, &error)) {
            m_forks.push_back(std::move(leg));
            m_forkOwners.push_back(ownerOf(i));
        } else if (m_events.log) {
            m_events.log(LogLevel::Warning, "extension " + ownerOf(i) + ": " + error);
        }
    }
    if (m_forks.empty() && m_setup.awaitPickup) return;
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
    for (auto& p : m_pickups)
        if (p->state() != sip::CallLeg::State::Terminated) p->hangup();
}

const std::string& ExtensionBridge::ownerOf(size_t target) const {
    return target < m_setup.owners.size() ? m_setup.owners[target] : m_setup.extension;
}

std::string ExtensionBridge::answeredBy() const {
    if (m_answered && isPickup(*m_answered)) return m_picker;
    for (size_t i = 0; i < m_forks.size(); ++i)
        if (m_forks[i].get() == m_answered) return m_forkOwners[i];
    return {};
}

bool ExtensionBridge::busy() const {
    const auto legBusy = [](const auto& f) { return f->busy(); };
    return std::any_of(m_forks.begin(), m_forks.end(), legBusy) ||
           std::any_of(m_pickups.begin(), m_pickups.end(), legBusy);
}

bool ExtensionBridge::isPickup(const sip::CallLeg& leg) const {
    return std::any_of(m_pickups.begin(), m_pickups.end(), [&](const auto& p) { return p.get() == &leg; });
}

std::vector<std::string> ExtensionBridge::ringingExtensions() const {
    if (m_answered || m_reported || m_ended) return {};
    std::vector<std::string> out;
    for (size_t i = 0; i < m_forks.size(); ++i)
        if (m_forks[i]->state() != sip::CallLeg::State::Terminated && !m_failures.count(m_forks[i].get()))
            out.push_back(m_forkOwners[i]);
    return out;
}

bool ExtensionBridge::pickUp(const ::sip_msg& invite, const std::string& picker) {
    if (m_answered || m_reported || m_ended) return false;
    if (ringingExtensions().empty() && !m_setup.awaitPickup) return false;
    auto leg = sip::CallLeg::acceptInvite(m_stack, invite, *this);
    if (!leg) return false;
    sip::CallLeg& ref = *leg;
    m_pickups.push_back(std::move(leg));
    auto answer = answerOffer(ref.initialBody());
    if (!answer) {
        // RFC 3261 §21.4.26; the phones go on ringing for the caller.
        ref.reject(488, "Not Acceptable Here");
        if (m_events.log)
            m_events.log(LogLevel::Warning, "pickup by " + picker + " refused: " + answer.error().message);
        return true;
    }
    m_pickupAwaitsAnswer = ref.initialBody().empty();
    if (!m_pickupAwaitsAnswer) m_codec = firstCodec(answer.value().content);
    m_answered = &ref;
    m_picker = picker;
    cancelOthers(nullptr);
    ref.answer(answer.value());
    if (m_events.log) m_events.log(LogLevel::Info, "picked up by extension " + picker);
    report(ConnectResult::Answered);
    return true;
}

void ExtensionBridge::onConfirmed(sip::CallLeg& leg, const sip::Body& ackBody) {
    if (&leg != m_answered || !m_pickupAwaitsAnswer) return;
    // A picker whose INVITE had no offer answers ours in the ACK (RFC 3264 §5).
    m_pickupAwaitsAnswer = false;
    auto sdp = media::parseSdp(ackBody.content);
    auto params = sdp ? media::paramsFromAnswer(sdp.value()) : Result<media::LegMediaParams>(sdp.error());
    if (!params) {
        if (m_events.log) m_events.log(LogLevel::Warning, "pickup: the ACK had no usable SDP answer");
        return;
    }
    m_codec = params->law == media::G711Law::MuLaw ? "PCMU" : "PCMA";
    m_engine.update(m_session, params.value());
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
    if (isPickup(leg)) return;
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
    if (!isPickup(leg)) failed(leg, 408);
}

}  // namespace sb::call
