#pragma once

// One conclusion of the explainer ("why did this call fail"): kept with the
// CDR row and carried in LineStatusChanged. No dependencies, so records and
// events can hold it.

#include <string>
#include <vector>

namespace sb::diagnostics {

/// What the wire showed and which setting fixes it, in words a person at
/// the desk understands.
struct Finding {
    std::string rule;  ///< stable identifier of the rule that fired, e.g. "prack-refused"
    std::string what;  ///< what happened, e.g. "The carrier demanded 100rel, then refused our PRACK (405)."
    std::string fix;   ///< what to change, e.g. "Tick \"Disable 100rel\" on line ims."
    std::string setting;  ///< configuration key that fixes it ("disable_100rel"); empty when none does

    bool operator==(const Finding&) const = default;
};

using Findings = std::vector<Finding>;

/// Findings as a compact JSON array (for the CDR column); "" when empty.
std::string findingsToJson(const Findings& findings);
/// The inverse; text that is not such an array gives no findings (a damaged
/// column must not make a whole call history unreadable).
Findings findingsFromJson(const std::string& json);

}  // namespace sb::diagnostics
