#pragma once

// "Why did this call fail": a table of rules, each a pure function from the
// evidence a call or a line registration gathered (diagnostics/evidence.h)
// to a finding that names the setting which fixes it. The rules encode the
// carrier quirks of the seed notes (ZTE's 403 to a short authorization name,
// the provider that demands 100rel and refuses PRACK, user=phone, logical
// IMS domains behind a proxy) and a few common ones (488, TLS).

#include <string>
#include <vector>

#include "diagnostics/evidence.h"
#include "diagnostics/finding.h"

namespace sb::diagnostics {

/// Identifiers of the rules (Finding::rule).
inline constexpr const char* kRuleShortAuthName = "register-403-short-auth-name";
inline constexpr const char* kRulePrackRefused = "prack-refused";
inline constexpr const char* kRuleUriFormat = "uri-format";
inline constexpr const char* kRuleCodecs = "codecs-rejected";
inline constexpr const char* kRuleRingbackSilence = "ringback-silence";
inline constexpr const char* kRuleNoAnswer = "no-answer-from-peer";
inline constexpr const char* kRuleTls = "tls-certificate";

/// Every call rule that fires on @p evidence, in table order; one finding
/// per rule and attempt, duplicates (same rule, same peer) left out.
Findings explainCall(const CallEvidence& evidence);

/// Every registration rule that fires on @p evidence, in table order.
Findings explainRegistration(const RegistrationEvidence& evidence);

/// One line per finding, "what — fix"; with @p withRules each starts with
/// its rule in brackets ("[prack-refused] ..."), as the log writes them.
std::string findingsText(const Findings& findings, bool withRules = false);

}  // namespace sb::diagnostics
