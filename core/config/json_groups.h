#pragma once

// The "ring_groups" array of the configuration file. Groups hold a list of
// member objects and a named strategy, which the one-table-per-record
// scheme of json_config.cpp does not describe. Private to core.

#include <vector>

#include <nlohmann/json.hpp>

#include "config/json_reader.h"
#include "store/records.h"

namespace sb::config {

/// "simultaneous" / "sequential".
const char* ringStrategyName(store::RingStrategy strategy);

/// Read @p parent's "ring_groups" (absent = none) into @p out; errors by path.
void readRingGroups(ObjectReader& parent, std::vector<store::RingGroup>& out);

/// The "ring_groups" array as written to a file.
nlohmann::ordered_json writeRingGroups(const std::vector<store::RingGroup>& groups);

}  // namespace sb::config
