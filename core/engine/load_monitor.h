#pragma once

// Overload detection for the engine loop: a timer that should fire every
// kIntervalMs fires late when the loop is saturated. Late by more than
// kLagMs means overloaded for the next kHoldMs, during which new dialogs and
// registrations are refused with 503 + Retry-After (cheap, stateless) rather
// than accepted and left to time out (RFC 3261 §21.5.4; RFC 7339 discusses
// why this beats silent queueing).

#include <cstdint>

namespace sb {

class LoadMonitor {
public:
    static constexpr int64_t kIntervalMs = 50;
    static constexpr int64_t kLagMs = 150;
    static constexpr int64_t kHoldMs = 2000;

    /// The periodic timer fired at @p nowMs; @p dueMs is when it should have.
    /// @return true when this tick starts an overload episode (for the log).
    bool tick(int64_t dueMs, int64_t nowMs) {
        const bool late = nowMs - dueMs > kLagMs;
        const bool wasOverloaded = overloaded(nowMs);
        if (late) m_until = nowMs + kHoldMs;
        if (late) ++m_lateTicks;
        return late && !wasOverloaded;
    }
    bool overloaded(int64_t nowMs) const { return nowMs < m_until; }
    uint64_t lateTicks() const { return m_lateTicks; }

private:
    int64_t m_until = 0;
    uint64_t m_lateTicks = 0;
};

}  // namespace sb
