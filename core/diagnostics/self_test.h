#pragma once

// The carrier self-test (issue #17), its pure part: what the probes of one
// line or trunk saw (OPTIONS, REGISTER with each form of the authorization
// name, a test call) → what the carrier supports → the settings to use and
// the shipped carrier profile that has them. The engine side that runs the
// probes is call/carrier_self_test.*; the call's evidence is judged by the
// explainer's own rules (diagnostics/rules.h), not by copies of them.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "config/carrier_profile.h"
#include "diagnostics/evidence.h"
#include "diagnostics/finding.h"
#include "diagnostics/ladder.h"

namespace sb::diagnostics {

/// What to run, for which line or trunk. A command's value, copied to the engine.
struct SelfTestRequest {
    uint64_t id = 0;                ///< echoed in the progress and result events
    std::string target;             ///< line or trunk name
    std::string number;             ///< number to call; empty = no test call
    bool options = true;            ///< step (a): OPTIONS
    bool registration = true;       ///< step (b): REGISTER with both authorization-name forms (lines only)
    bool call = true;               ///< step (c): a test call to @p number
    uint32_t stepTimeoutMs = 8000;  ///< no final answer to a step's request by then = no answer
    uint32_t ringMs = 6000;         ///< a call still ringing this long after the INVITE is cancelled
    /// The shipped (and imported) carrier profiles to match the result
    /// against; read by the caller, so the engine thread reads no files.
    std::vector<config::CarrierProfile> presets;
};

/// Step (a): the OPTIONS request.
struct OptionsProbe {
    bool ran = false;
    bool answered = false;  ///< a final response came within the step's time
    int code = 0;
    std::string reason;
    std::string allow;  ///< the response's Allow, Supported and Accept values, as sent
    std::string supported;
    std::string accept;
};

/// Step (b): one REGISTER with one form of the authorization name.
struct RegisterProbe {
    std::string authorizationName;  ///< "+8612345678" or "+8612345678@gd.ctcims.cn"
    bool fullForm = false;          ///< the name includes "@domain"
    bool answered = false;          ///< a final response (after any digest challenge) came in time
    int code = 0;
    std::string reason;
};

/// Step (c): the test call.
struct CallProbe {
    bool ran = false;
    std::string requestUri;
    CallEvidence evidence;           ///< one attempt, as the explainer's rules read it
    std::vector<std::string> allow;  ///< Allow values of the responses to the INVITE
    bool prackSent = false;          ///< we acknowledged a reliable 18x
    bool answered = false;
    bool cancelledByUs = false;  ///< still ringing after ringMs: CANCEL
    std::string endedBy;         ///< "BYE after answer", "CANCEL while ringing", "rejected 486", ...
};

/// Everything the self-test saw, with the settings in force when it ran.
struct SelfTestEvidence {
    SelfTestRequest request;
    PeerSettings peer;
    OptionsProbe options;
    std::vector<RegisterProbe> registrations;  ///< short form first
    CallProbe call;
    /// The same call with user=phone the other way, made when the carrier
    /// refused the first for its URI format (wantsUriRetry).
    CallProbe retry;
    Ladder ladder;      ///< the message flow of every step
    std::string error;  ///< why it could not run at all (unknown line, ...)
};

/// Three-valued: zero is not a value, Unknown is what a step that did not
/// run (or did not get that far) leaves.
enum class Support : int { Unknown = 1, Yes, No };

/// Which authorization name the carrier took.
enum class AuthIdForm : int { Unknown = 1, Short, Full, Neither };

/// What the carrier showed it supports.
struct CarrierCapabilities {
    Support answersOptions = Support::Unknown;
    Support reliableProvisional = Support::Unknown;  ///< sent a reliable 18x and took our PRACK
    Support prackAccepted = Support::Unknown;        ///< No: required 100rel, then refused the PRACK
    Support update = Support::Unknown;               ///< UPDATE in an Allow it sent
    /// Yes: refused the number without user=phone (416/404) and, when the
    /// call was repeated with it, took it then; No: took it without.
    Support needsUserPhone = Support::Unknown;
    AuthIdForm authId = AuthIdForm::Unknown;
    std::vector<std::string> answerCodecs;  ///< codecs of its SDP answer (18x or 200), in order
    bool rejectedCodecs = false;            ///< 488/606 to our offer
};

/// The self-test's conclusions about one line or trunk.
struct SelfTestReport {
    uint64_t id = 0;
    std::string target;
    PeerKind kind = PeerKind::Line;
    std::string error;  ///< non-empty: the test did not run
    CarrierCapabilities capabilities;
    /// Every conclusion, "[rule] what — fix": the explainer's findings on
    /// the probes plus the self-test's own (kSelfTest* identifiers).
    Findings findings;
    /// The settings the test determined; a field left empty was not determined.
    config::CarrierProfile suggested;
    std::string matchingPreset;  ///< name of the shipped profile that agrees with suggested, or ""
    Ladder ladder;
};

/// Identifiers of the self-test's own conclusions (Finding::rule).
inline constexpr const char* kSelfTestOptionsAnswered = "options-answered";
inline constexpr const char* kSelfTestOptionsNoAnswer = "options-no-answer";
inline constexpr const char* kSelfTestAuthIdShort = "auth-id-short-accepted";
inline constexpr const char* kSelfTestAuthIdFull = "auth-id-full-accepted";
inline constexpr const char* kSelfTestRegisterRefused = "register-refused";
inline constexpr const char* kSelfTestRegisterNoAnswer = "register-no-answer";
inline constexpr const char* kSelfTest100rel = "100rel-supported";
inline constexpr const char* kSelfTestNo100rel = "100rel-not-used";
inline constexpr const char* kSelfTestUpdate = "update-allowed";
inline constexpr const char* kSelfTestNoUpdate = "update-not-allowed";
inline constexpr const char* kSelfTestEarly = "early-responses";
inline constexpr const char* kSelfTestAnswered = "call-answered";
inline constexpr const char* kSelfTestRejected = "call-rejected";
inline constexpr const char* kSelfTestUriConfirmed = "uri-format-confirmed";
inline constexpr const char* kSelfTestUriNotCause = "uri-format-not-the-cause";

/// Whether @p call was refused for its URI format (the explainer's
/// uri-format rule fires on it), so that the same call with user=phone the
/// other way tells whether the format is the cause.
bool wantsUriRetry(const CallProbe& call);

/// What @p evidence shows the carrier supports.
CarrierCapabilities capabilitiesOf(const SelfTestEvidence& evidence);

/// The settings @p capabilities call for on @p peer (only those determined).
config::CarrierProfile suggestedSettings(const CarrierCapabilities& capabilities, const PeerSettings& peer);

/// The preset of @p presets for @p kind that agrees with every determined
/// setting of @p suggested and shares the most of them; nullopt when none
/// agrees with at least one and contradicts none.
std::optional<config::CarrierProfile> matchingPreset(const config::CarrierProfile& suggested, PeerKind kind,
                                                     const std::vector<config::CarrierProfile>& presets);

/// The whole judgement: capabilities, findings, suggestion, preset, ladder.
SelfTestReport selfTestReport(const SelfTestEvidence& evidence,
                              const std::vector<config::CarrierProfile>& presets);

/// The suggested settings as "field = value" lines in the dialogs' words.
std::string suggestedSettingsText(const config::CarrierProfile& suggested, PeerKind kind);

/// The report as plain text for a person and a carrier's support desk:
/// conclusions, suggestion, then the message flow (ladderText).
std::string selfTestReportText(const SelfTestReport& report);

}  // namespace sb::diagnostics
