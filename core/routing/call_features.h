#pragma once

// Call features that decide where a call to an extension goes before and
// after it rings: call forwarding (unconditional, busy, no answer), do not
// disturb, and the blacklist; the feature codes that change them from a
// phone; and the headers that tell a carrier who forwarded a call (RFC 5806
// Diversion, RFC 7044 History-Info). Pure logic, like the dial plan: the
// call layer (call_manager, call) acts on what these functions say.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/records.h"

namespace sb::routing {

/// Why a call was forwarded. Zero is not a value.
/// Deflection: the operator sent a ringing call elsewhere (the Calls tab's Transfer…).
enum class ForwardReason : int { Unconditional = 1, Busy, NoAnswer, Deflection };

/// RFC 5806 reason: "unconditional", "user-busy", "no-answer", "deflection".
const char* diversionReason(ForwardReason reason);
/// RFC 4458 cause carried in a History-Info Reason: 302, 486, 408, 487.
int historyInfoCause(ForwardReason reason);

/// Where a forward sends a call.
struct ForwardTarget {
    enum class Kind : int { Extension = 1, Voicemail, Outside, Group, Menu };
    Kind kind = Kind::Extension;
    std::string number;  ///< the extension, the mailbox, the group, the menu, or the number to dial

    bool operator==(const ForwardTarget&) const = default;
};

/// Read the forward target @p text configured on extension @p owner:
/// "*97" is @p owner's voicemail, "*97" + number that extension's voicemail,
/// the number of an extension, ring group or auto-attendant menu in
/// @p config that one, anything else a number for the dial plan. nullopt
/// when @p text is empty.
std::optional<ForwardTarget> parseForwardTarget(const std::string& text, const std::string& owner,
                                                const store::Configuration& config);

/// What happens to a call reaching @p ext before any phone rings.
struct Arrival {
    enum class Action : int { Ring = 1, Forward, Busy, Voicemail };
    Action action = Action::Ring;
    ForwardReason reason = ForwardReason::Unconditional;  ///< for Forward
    std::string target;                                   ///< for Forward: the configured target text
};
/// forward_always wins; then do not disturb, which counts as busy:
/// forward_busy if set, else voicemail if on, else busy (486).
Arrival onArrival(const store::Extension& ext);

/// The target configured for @p reason on @p ext (empty = none).
const std::string& forwardSetting(const store::Extension& ext, ForwardReason reason);

/// How the call record and the log name @p target: the extension or number
/// itself, "voicemail 102", "group 600" or "menu 500".
std::string forwardTargetName(const ForwardTarget& target);

/// One forward a call went through.
struct ForwardHop {
    std::string from;  ///< the extension that forwarded
    std::string to;    ///< forwardTargetName() of where it went
    ForwardReason reason = ForwardReason::Unconditional;

    bool operator==(const ForwardHop&) const = default;
};

/// At most this many forwards per call; with the "no extension twice" rule
/// of forwardAllowed() it stops forward loops (101 → 102 → 101 ...).
inline constexpr size_t kMaxForwardHops = 5;

/// Whether a call that has reached the extensions @p chain (in order) may
/// be forwarded once more to @p target. A mailbox, a ring group or a menu
/// ends the chain (group members and menu options ring phones without
/// their forwards), so only the number of hops limits a forward there.
bool forwardAllowed(const std::vector<std::string>& chain, size_t hops, const ForwardTarget& target);

/// The Diversion header line (RFC 5806, CRLF-terminated), most recent
/// forward first, each forwarder as sip:<extension>@@p domain; empty
/// without hops.
std::string diversionHeader(const std::vector<ForwardHop>& hops, const std::string& domain);

/// The History-Info header line (RFC 7044, CRLF-terminated): the first
/// forwarder, each later target, and @p finalUri (the Request-URI sent),
/// with the cause (RFC 4458) of each forward in the Reason of the entry it
/// left and mp= naming the entry it came from. Empty without hops.
std::string historyInfoHeader(const std::vector<ForwardHop>& hops, const std::string& domain,
                              const std::string& finalUri);

/// For the CDR: "101>102 unconditional, 102>0123 no-answer".
std::string forwardsText(const std::vector<ForwardHop>& hops);

/// Whether the blacklist @p entries refuses a call from @p callerNumber
/// (empty or "anonymous", in any case, is an anonymous caller). A prefix
/// matches the number as written, and "+86..." also matches "0086...".
bool blacklisted(const std::vector<std::string>& entries, const std::string& callerNumber);

/// A feature code a phone dialled to change its own forwarding or DND.
struct FeatureCodeChange {
    enum class Kind : int { ForwardAlways = 1, ForwardBusy, ForwardNoAnswer, DndOn, DndOff };
    Kind kind = Kind::ForwardAlways;
    std::string target;  ///< forwards: the new target; empty clears it

    bool operator==(const FeatureCodeChange&) const = default;
};

/// The codes (docs/features.md). Setting codes take the target right after
/// them: *72102 forwards every call to 102, *72*97 to voicemail.
struct ForwardCodes {
    std::string alwaysOn = "*72", alwaysOff = "*73";
    std::string busyOn = "*90", busyOff = "*91";
    std::string noAnswerOn = "*92", noAnswerOff = "*93";
    std::string dndOn = "*78", dndOff = "*79";
};

/// The change @p dialled asks for, if it is one of @p codes. A setting code
/// without a target is not a change (nullopt): the phone then hears 484.
std::optional<FeatureCodeChange> matchFeatureCode(const ForwardCodes& codes, const std::string& dialled);

/// Whether @p dialled starts with a setting code but names no target.
bool incompleteFeatureCode(const ForwardCodes& codes, const std::string& dialled);

/// Apply @p change to @p ext.
void applyFeatureCode(const FeatureCodeChange& change, store::Extension& ext);

}  // namespace sb::routing
