#include "call/call_evidence.h"

#include <re.h>

#include <algorithm>

#include "diagnostics/rules.h"
#include "sip/tls_verifier.h"

namespace sb::call {

void CallEvidenceRecorder::attemptStarted(const sip::CallLeg* leg, diagnostics::PeerSettings peer,
                                          const sip::OutgoingInvite& invite, int64_t nowMs) {
    if (m_evidence.attempts.size() >= diagnostics::kMaxAttempts) return;
    diagnostics::WireMessage sent;
    sent.timeMs = nowMs;
    sent.outgoing = true;
    sent.method = "INVITE";
    sent.requestUri = invite.requestUri;
    sent.supports100rel = !invite.omit100rel;
    sent.hasSdp = !invite.offer.empty();
    if (sent.hasSdp) sent.codecs = diagnostics::audioCodecs(invite.offer.content);
    auto& attempt = m_evidence.attempts.emplace_back();
    attempt.peer = std::move(peer);
    attempt.messages.push_back(std::move(sent));
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
    if (auto* a = attemptOf(leg))
        appendBounded(a->messages, diagnostics::wireMessageOf(msg, false, nowMs), &a->dropped);
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
