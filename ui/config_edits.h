#pragma once

// Edits of a configuration snapshot that span records: what the Lines,
// Trunks and Routes tabs change besides the one record a dialog returned,
// so that the engine's cross-record checks (routes name lines or trunks
// that exist) keep passing. Pure functions over sb::store values.

#include <QString>

#include <optional>
#include <string>
#include <vector>

#include "store/records.h"

namespace sb::ui {

/// 0-based indexes of the routes naming @p name as target, and as failover.
struct RouteUses {
    std::vector<size_t> asTarget;
    std::vector<size_t> asFailover;
    bool empty() const { return asTarget.empty() && asFailover.empty(); }
};
RouteUses routeUses(const sb::store::Configuration& config, const std::string& name);

/// Make every route naming @p from name @p to (a line or trunk was renamed).
void renameInRoutes(sb::store::Configuration& config, const std::string& from, const std::string& to);

/// Remove the routes whose target is @p name and clear it where it is a
/// failover (the line or trunk is being deleted).
void dropFromRoutes(sb::store::Configuration& config, const std::string& name);

/// "1 (9.), 3 (0X.)": routes by 1-based priority and pattern.
QString describeRoutes(const sb::store::Configuration& config, const std::vector<size_t>& indexes);

/// Replace the record named @p originalName with @p replacement, remove it
/// (@p replacement empty), or append @p replacement (@p originalName
/// empty). Routes follow a rename and lose a deleted target.
/// @return false when @p originalName is not in @p list
template <class Record>
bool replaceNamed(sb::store::Configuration& config, std::vector<Record>& list,
                  const std::string& originalName, const std::optional<Record>& replacement) {
    if (originalName.empty()) {
        if (!replacement) return false;
        list.push_back(*replacement);
        return true;
    }
    auto it = list.begin();
    while (it != list.end() && it->name != originalName) ++it;
    if (it == list.end()) return false;
    if (replacement) {
        *it = *replacement;
        if (replacement->name != originalName) renameInRoutes(config, originalName, replacement->name);
    } else {
        list.erase(it);
        dropFromRoutes(config, originalName);
    }
    return true;
}

}  // namespace sb::ui
