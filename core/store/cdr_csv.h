#pragma once

#include <string>
#include <vector>

#include "store/records.h"

namespace sb::store {

/// Call history as CSV (RFC 4180): a header line, then one row per record,
/// times in UTC ISO 8601, durations in seconds.
std::string cdrCsv(const std::vector<CdrRecord>& records);

/// "2026-11-26T07:40:00.123Z" for epoch milliseconds; empty for 0.
std::string isoTime(int64_t epochMs);

}  // namespace sb::store
