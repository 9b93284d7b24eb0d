#pragma once

// The two clocks the engine reads: wall-clock time for what people see and
// the database keeps (call records, bans, bindings), and a monotonic clock
// for measuring intervals that a clock change must not distort.

#include <chrono>
#include <cstdint>
#include <string>

namespace sb {

/// Unix epoch milliseconds.
inline int64_t wallClockMs() {
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

/// Milliseconds of a monotonic clock (arbitrary origin).
inline int64_t monotonicMs() {
    using namespace std::chrono;
    return duration_cast<milliseconds>(steady_clock::now().time_since_epoch()).count();
}

/// "2026-11-26 10:00:00.123" in local time, for logs and the SIP trace file.
std::string localTimestamp(int64_t wallClockMs);

}  // namespace sb
