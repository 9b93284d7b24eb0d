#pragma once

// The message flow of one call (a "ladder"): every SIP message Switchboard
// exchanged on the call's legs, in order, with time, direction, method or
// status and an SDP summary. Built on the engine thread while the call
// runs, stored with its CDR row, drawn by the Call history's call-flow view
// and exported as text for a carrier's support desk. No dependencies.

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace sb::diagnostics {

/// The lane of Switchboard itself; the caller's is kCallerLane, each callee
/// attempt has its own (the line's or trunk's name, or "phone 1", ...).
inline constexpr const char* kSwitchboardLane = "Switchboard";
inline constexpr const char* kCallerLane = "caller";

/// One arrow of the ladder.
struct LadderItem {
    int64_t timeMs = 0;  ///< Unix epoch milliseconds
    std::string from;    ///< lane the message left
    std::string to;      ///< lane it went to
    std::string label;   ///< "INVITE sip:+86139...@ims;user=phone", "183 Session Progress"
    std::string detail;  ///< "SDP PCMU, PCMA; Require: 100rel", or empty

    bool operator==(const LadderItem&) const = default;
};

using Ladder = std::vector<LadderItem>;

/// Items kept per call: a call that re-INVITEs for hours stays small.
inline constexpr size_t kMaxLadderItems = 48;

/// Append @p item; past kMaxLadderItems it is only counted in @p dropped.
void appendLadder(Ladder& ladder, LadderItem item, size_t& dropped);

/// The lanes in the order they first appear (the caller and Switchboard first).
std::vector<std::string> ladderLanes(const Ladder& ladder);

/// Compact JSON for the CDR column; "" when empty.
std::string ladderToJson(const Ladder& ladder);
/// The inverse; text that is not such an array gives an empty ladder.
Ladder ladderFromJson(const std::string& json);

/// Plain text for a support desk: a heading (@p title), then one line per
/// message, "HH:MM:SS.mmm  +offset  from -> to  label  [detail]", times in
/// UTC so two sites compare.
std::string ladderText(const Ladder& ladder, const std::string& title);

}  // namespace sb::diagnostics
