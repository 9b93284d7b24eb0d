#pragma once

// Overload detection for the engine loop, from two signs: a timer that
// should fire every kIntervalMs fires late when the loop is saturated (late
// by more than kLagMs while requests wait to be read: overloaded for
// kHoldMs), and requests pile up in the
// SIP socket's receive queue faster than the loop reads them (above its
// mark on two looks in a row, or dropping: overloaded for kBacklogHoldMs,
// extended while it stays above half the mark, so refusing stops as soon as
// the queue has drained). Meanwhile new dialogs and
// registrations are refused with 503 + Retry-After (cheap, stateless) rather
// than accepted and left to time out (RFC 3261 §21.5.4; RFC 7339 discusses
// why this beats silent queueing).

#include <algorithm>
#include <cstdint>
#include <optional>

namespace sb {

class LoadMonitor {
public:
    static constexpr int64_t kIntervalMs = 50;
    static constexpr int64_t kLagMs = 150;
    static constexpr int64_t kHoldMs = 2000;
    static constexpr int64_t kBacklogHoldMs = 100;
    static constexpr uint32_t kBacklogHighBytes = 512 * 1024;  ///< ~500 INVITEs waiting

    static constexpr uint32_t kLagBacklogBytes = 16 * 1024;  ///< some 30 requests

    /// The periodic timer fired at @p nowMs; @p dueMs is when it should have.
    /// @p queuedBytes: the most any SIP receive queue holds now, or nullopt
    /// when that cannot be read (then lateness alone decides).
    /// @return true when this tick starts an overload episode (for the log).
    bool tick(int64_t dueMs, int64_t nowMs, std::optional<uint32_t> queuedBytes = std::nullopt) {
        const bool late = nowMs - dueMs > kLagMs;
        const bool wasOverloaded = overloaded(nowMs);
        if (late) ++m_lateTicks;
        // Issue 19: a loop that is late with nothing waiting was not given a
        // core (a busy desktop, a sanitizer build): refusing then turned away
        // the REGISTERs of phones starting at that moment, and baresip 1.0
        // ignores Retry-After and waits a minute of its own.
        if (!late || (queuedBytes && *queuedBytes < kLagBacklogBytes)) return false;
        m_until = std::max(m_until, nowMs + kHoldMs);
        return !wasOverloaded;
    }
    /// The receive queue of a SIP socket: @p queued of @p capacity bytes,
    /// @p newDrops datagrams dropped by the system since the last look.
    /// @return true when this starts an overload episode.
    bool backlog(uint32_t queued, uint32_t capacity, uint32_t newDrops, int64_t nowMs) {
        const bool wasOverloaded = overloaded(nowMs);
        // Relative to the queue, but capped: a large queue (kept large so a
        // moment without a core drops nothing) must not hold seconds of work.
        const uint32_t highMark = std::min(capacity / 2, kBacklogHighBytes);
        // Above the mark on two looks in a row (50 ms apart): one look can
        // catch a burst of a few ms that the loop is about to drain (at
        // 1,400 calls/s 512 KiB is some 15 ms of requests).
        m_highStreak = capacity != 0 && queued >= highMark ? m_highStreak + 1 : 0;
        const bool high = newDrops != 0 || m_highStreak >= 2;
        const bool draining = wasOverloaded && capacity != 0 && queued >= highMark / 2;
        if (!high && !draining) return false;
        m_until = std::max(m_until, nowMs + kBacklogHoldMs);
        ++m_backlogTicks;
        return !wasOverloaded;
    }
    bool overloaded(int64_t nowMs) const { return nowMs < m_until; }
    uint64_t backlogTicks() const { return m_backlogTicks; }
    uint64_t lateTicks() const { return m_lateTicks; }

private:
    int64_t m_until = 0;
    uint64_t m_lateTicks = 0;
    uint64_t m_backlogTicks = 0;
    uint32_t m_highStreak = 0;  ///< consecutive looks above the mark
};

}  // namespace sb
