#include "call/call_evidence.h"

#include <re.h>

#include <algorithm>

#include "diagnostics/rules.h"
#include "sip/tls_verifier.h"

namespace sb::call {

namespace {
/// "SDP PCMU, PCMA" for a body, plus the 100rel headers of a message.
std::string summary(bool hasSdp, const std::vector<std::string>& codecs, bool requires100rel,
                    bool supports100rel) {
    std::string out;
    if (hasSdp) {
        out = "SDP";
        for (size_t i = 0; i < codecs.size(); ++i) out += (i ? ", " : " ") + codecs[i];
    }
    auto add = [&out](const char* text) { out += (out.empty() ? "" : "; ") + std::string(text); };
    if (requires100rel) add("Require: 100rel");
    if (supports100rel) add("Supported: 100rel");
    return out;
}
}  // namespace

void CallEvidenceRecorder::callerInvite(const sip::CallLeg* callerLeg, const ::sip_msg& invite,
                                        int64_t nowMs) {
    m_callerLeg = callerLeg;
    const auto m = diagnostics::wireMessageOf(invite, false, nowMs);
    diagnostics::appendLadder(
        m_ladder,
        {nowMs, diagnostics::kCallerLane, diagnostics::kSwitchboardLane, "INVITE " + m.requestUri,
         summary(m.hasSdp, m.codecs, m.requires100rel, m.supports100rel)},
        m_ladderDropped);
}

std::string CallEvidenceRecorder::laneOf(const sip::CallLeg* leg) const {
    if (leg == m_callerLeg) return diagnostics::kCallerLane;
    const auto it = std::find(m_legs.begin(), m_legs.end(), leg);
    return it == m_legs.end() ? std::string("callee") : m_lanes[static_cast<size_t>(it - m_legs.begin())];
}

void CallEvidenceRecorder::sent(const sip::CallLeg* leg, std::string label, const sip::Body& body,
                                int64_t nowMs) {
    diagnostics::appendLadder(
        m_ladder,
        {nowMs, diagnostics::kSwitchboardLane, laneOf(leg), std::move(label),
         summary(!body.empty(),
                 body.empty() ? std::vector<std::string>{} : diagnostics::audioCodecs(body.content), false,
                 false)},
        m_ladderDropped);
}

void CallEvidenceRecorder::received(const sip::CallLeg* leg, std::string label, int64_t nowMs) {
    diagnostics::appendLadder(
        m_ladder, {nowMs, laneOf(leg), diagnostics::kSwitchboardLane, std::move(label), {}}, m_ladderDropped);
}

diagnostics::Ladder CallEvidenceRecorder::ladder() const {
    diagnostics::Ladder out = m_ladder;
    if (m_ladderDropped)
        out.push_back({out.empty() ? 0 : out.back().timeMs,
                       diagnostics::kSwitchboardLane,
                       diagnostics::kSwitchboardLane,
                       "(" + std::to_string(m_ladderDropped) + " more messages not kept)",
                       {}});
    return out;
}

void CallEvidenceRecorder::attemptStarted(const sip::CallLeg* leg, diagnostics::PeerSettings peer,
                                          const sip::OutgoingInvite& invite, int64_t nowMs) {
    if (m_evidence.attempts.size() >= diagnostics::kMaxAttempts) return;
    diagnostics::WireMessage invited;
    invited.timeMs = nowMs;
    invited.outgoing = true;
    invited.method = "INVITE";
    invited.requestUri = invite.requestUri;
    invited.supports100rel = !invite.omit100rel;
    invited.hasSdp = !invite.offer.empty();
    if (invited.hasSdp) invited.codecs = diagnostics::audioCodecs(invite.offer.content);
    const std::string lane = peer.kind == diagnostics::PeerKind::Extension
                                 ? "phone " + std::to_string(m_evidence.attempts.size() + 1)
                                 : peer.name;
    diagnostics::appendLadder(m_ladder,
                              {nowMs, diagnostics::kSwitchboardLane, lane, "INVITE " + invited.requestUri,
                               summary(invited.hasSdp, invited.codecs, false, invited.supports100rel)},
                              m_ladderDropped);
    m_lanes.push_back(lane);
    auto& attempt = m_evidence.attempts.emplace_back();
    attempt.peer = std::move(peer);
    attempt.messages.push_back(std::move(invited));
    m_legs.push_back(leg);
    m_tlsHosts.push_back(invite.tls.verify && !invite.tls.hosts.empty() ? invite.tls.hosts.front()
                                                                        : std::string());
}

diagnostics::CallAttempt* CallEvidenceRecorder::attemptOf(const sip::CallLeg* leg, size_t* index) {
    const auto it = std::find(m_legs.begin(), m_legs.end(), leg);
    if (it == m_legs.end()) return nullptr;
    const auto i = static_cast<size_t>(it - m_legs.begin());
    if (index) *index = i;
    return &m_evidence.attempts[i];
}

void CallEvidenceRecorder::response(const sip::CallLeg* leg, const ::sip_msg& msg, int64_t nowMs) {
    if (msg.scode == 100) return;
    auto* a = attemptOf(leg);
    if (!a) return;
    auto m = diagnostics::wireMessageOf(msg, false, nowMs);
    std::string label = std::to_string(m.code) + " " + m.reason;
    if (m.method != "INVITE") label += " (" + m.method + ")";
    diagnostics::appendLadder(m_ladder,
                              {nowMs, laneOf(leg), diagnostics::kSwitchboardLane, std::move(label),
                               summary(m.hasSdp, m.codecs, m.requires100rel, false)},
                              m_ladderDropped);
    appendBounded(a->messages, std::move(m), &a->dropped);
}

void CallEvidenceRecorder::rejected(const sip::CallLeg* leg, const sip::TlsVerifier& verifier) {
    size_t i = 0;
    auto* a = attemptOf(leg, &i);
    if (!a) return;
    const bool finalCame =
        std::any_of(a->messages.begin(), a->messages.end(), [](const diagnostics::WireMessage& m) {
            return !m.outgoing && m.method == "INVITE" && m.code >= 200;
        });
    if (finalCame) return;
    a->noResponse = true;
    if (!m_tlsHosts[i].empty()) {
        if (auto why = verifier.recentFailure(m_tlsHosts[i])) a->tlsProblem = *why;
    }
}

diagnostics::Findings CallEvidenceRecorder::explain(bool answered, int finalCode, bool ringbackPlayed,
                                                    bool calleeMediaHeard) {
    m_evidence.answered = answered;
    m_evidence.finalCode = finalCode;
    m_evidence.ringbackPlayed = ringbackPlayed;
    m_evidence.calleeMediaHeard = calleeMediaHeard;
    return diagnostics::explainCall(m_evidence);
}

}  // namespace sb::call
