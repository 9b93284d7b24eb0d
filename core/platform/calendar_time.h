#pragma once

#include <ctime>

namespace sb::platform {

/// @p t broken down in the local time zone (thread-safe: localtime_r, or
/// localtime_s on Windows).
std::tm localCalendarTime(std::time_t t);

/// @p t broken down in UTC (thread-safe: gmtime_r, or gmtime_s on Windows).
std::tm utcCalendarTime(std::time_t t);

}  // namespace sb::platform
