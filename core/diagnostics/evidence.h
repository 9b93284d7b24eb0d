#pragma once

// What a call or a line registration actually saw on the wire, reduced to
// what the explainer's rules read, plus the line or trunk settings in force.
// Plain values: gathered on the engine thread, judged by a pure function
// (diagnostics/rules.h), never pointing into live SIP state.

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "store/records.h"

struct sip_msg;

namespace sb::diagnostics {

/// One SIP message, as much of it as the rules need.
struct WireMessage {
    int64_t timeMs = 0;
    bool outgoing = false;        ///< sent by Switchboard
    std::string method;           ///< the request's method, or the CSeq method a response answers
    int code = 0;                 ///< status code; 0 for a request
    std::string reason;           ///< reason phrase of a response
    std::string requestUri;       ///< of a request
    bool requires100rel = false;  ///< "100rel" in Require
    bool supports100rel = false;  ///< "100rel" in Supported
    bool hasSdp = false;
    std::vector<std::string> codecs;  ///< encodings of the SDP's first audio m= line, in order

    bool isRequest() const { return code == 0; }
};

/// Kind of peer a call leg or a registration talked to. Zero is not a value.
enum class PeerKind : int { Extension = 1, Line, Trunk };

/// The settings of the line or trunk in force when the evidence was taken:
/// a rule's advice depends on them (no "tick X" when X is ticked).
struct PeerSettings {
    PeerKind kind = PeerKind::Extension;
    std::string name;
    store::Transport transport = store::Transport::Udp;
    std::string domain;  ///< a line's domain, a trunk's host
    std::string proxy;
    bool disable100rel = false;
    bool userPhone = false;        ///< a line's user_phone
    std::string requestUriParams;  ///< a trunk's request_uri_params
    bool authIdIncludesAddress = false;
    bool tlsVerify = false;
    bool prackAutoDisable = true;              ///< settings.prack_auto_disable
    std::vector<std::string> codecPreference;  ///< settings.codecs
};

PeerSettings peerSettingsOf(const store::ExternalLine& line, const store::Settings& settings);
PeerSettings peerSettingsOf(const store::SipTrunk& trunk, const store::Settings& settings);
/// The line or trunk named @p name in @p config; an Extension peer when none is.
PeerSettings peerSettingsOf(const store::Configuration& config, const std::string& name);

/// One attempt to reach the callee: the INVITE we sent and what came back.
struct CallAttempt {
    PeerSettings peer;
    std::vector<WireMessage> messages;  ///< oldest first, at most kMaxMessages
    bool noResponse = false;            ///< the INVITE failed with no final response (timeout, transport)
    std::string tlsProblem;             ///< why a TLS connection for it was refused, if one was
    size_t dropped = 0;                 ///< messages left out once the bound was reached
};

/// Everything a finished call saw on its callee side, and how it ended.
struct CallEvidence {
    std::vector<CallAttempt> attempts;  ///< at most kMaxAttempts
    bool answered = false;
    int finalCode = 0;              ///< what the caller was told (CDR sip_code)
    bool ringbackPlayed = false;    ///< Switchboard played its ring-back tone
    bool calleeMediaHeard = false;  ///< RTP came from the callee side at some point
};

/// What a line's registration saw.
struct RegistrationEvidence {
    PeerSettings peer;
    std::string authorizationName;      ///< the digest username we present
    std::vector<WireMessage> messages;  ///< responses to REGISTER, oldest first, bounded
    int transportError = 0;             ///< errno when no response came (0 = a response came)
    std::string tlsProblem;             ///< the certificate check's refusal, if any
};

/// Bounds, so a long call or a line retrying for days stays small.
inline constexpr size_t kMaxMessages = 24;
inline constexpr size_t kMaxAttempts = 4;

/// Append @p message, keeping at most kMaxMessages: past the bound the
/// first ones stay (the rules read how a call began) and @p dropped counts.
void appendBounded(std::vector<WireMessage>& messages, WireMessage message, size_t* dropped = nullptr);

/// The rules' view of a message libre decoded.
WireMessage wireMessageOf(const ::sip_msg& msg, bool outgoing, int64_t timeMs);

/// The encodings of the first audio m= line of @p sdp, in order ("PCMU", ...).
std::vector<std::string> audioCodecs(const std::string& sdp);

/// True when @p token is in the comma-separated option-tag list @p list.
bool hasOptionTag(const std::string& list, const std::string& token);

}  // namespace sb::diagnostics
