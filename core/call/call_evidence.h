#pragma once

// Gathers, on the engine thread, what a Call's callee side saw (the INVITEs
// it sent, every response that came back) as diagnostics::CallEvidence, and
// runs the explainer on it when the call ends; and the call's ladder (every
// message on both legs, bounded). Kept apart from call.cpp so the call
// logic only reports to it.

#include <cstdint>
#include <string>
#include <vector>

#include "diagnostics/evidence.h"
#include "diagnostics/finding.h"
#include "diagnostics/ladder.h"
#include "sip/call_leg.h"

struct sip_msg;

namespace sb::sip {
class TlsVerifier;
}

namespace sb::call {

class CallEvidenceRecorder {
public:
    /// The caller's leg and the INVITE that started the call.
    void callerInvite(const sip::CallLeg* callerLeg, const ::sip_msg& invite, int64_t nowMs);
    /// Switchboard sent @p label ("180 Ringing", "BYE") on @p leg.
    void sent(const sip::CallLeg* leg, std::string label, const sip::Body& body, int64_t nowMs);
    /// @p leg's peer sent @p label.
    void received(const sip::CallLeg* leg, std::string label, int64_t nowMs);
    /// The ladder so far (one more item says how many were not kept).
    diagnostics::Ladder ladder() const;

    /// An INVITE went out on @p leg to @p peer. Beyond kMaxAttempts forks
    /// (an extension with many phones) further attempts are not recorded.
    void attemptStarted(const sip::CallLeg* leg, diagnostics::PeerSettings peer,
                        const sip::OutgoingInvite& invite, int64_t nowMs);
    /// A response to @p leg's INVITE or PRACK (100 Trying is left out).
    void response(const sip::CallLeg* leg, const ::sip_msg& msg, int64_t nowMs);
    /// @p leg failed. When no final response came (timeout, connection
    /// refused or a refused certificate) the attempt says so, with the
    /// certificate check's reason when the connection was TLS.
    void rejected(const sip::CallLeg* leg, const sip::TlsVerifier& verifier);
    /// The call ended: judge the evidence.
    diagnostics::Findings explain(bool answered, int finalCode, bool ringbackPlayed, bool calleeMediaHeard);

    const diagnostics::CallEvidence& evidence() const { return m_evidence; }

private:
    diagnostics::CallAttempt* attemptOf(const sip::CallLeg* leg, size_t* index = nullptr);
    std::string laneOf(const sip::CallLeg* leg) const;

    diagnostics::CallEvidence m_evidence;
    std::vector<const sip::CallLeg*> m_legs;  ///< parallel to m_evidence.attempts
    std::vector<std::string> m_tlsHosts;      ///< host a TLS attempt's certificate must name, or ""
    std::vector<std::string> m_lanes;         ///< ladder lane of each attempt
    const sip::CallLeg* m_callerLeg = nullptr;
    diagnostics::Ladder m_ladder;
    size_t m_ladderDropped = 0;
};

}  // namespace sb::call
