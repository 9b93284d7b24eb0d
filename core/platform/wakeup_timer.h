#pragma once

#include <cstdint>

namespace sb::platform {

/// A one-shot kernel timer that an event loop polls as a file descriptor
/// (Linux: timerfd on CLOCK_MONOTONIC). Where the OS has none, fd() is -1
/// and the caller keeps to libre's own timers.
class WakeupTimer {
public:
    WakeupTimer() = default;
    ~WakeupTimer();
    WakeupTimer(const WakeupTimer&) = delete;
    WakeupTimer& operator=(const WakeupTimer&) = delete;

    /// The descriptor, created on first use; -1 where there is no such timer.
    int fd();

    /// Becomes readable after @p delayMs (0: as soon as possible).
    /// @return false when the timer could not be armed
    bool arm(uint64_t delayMs);

    /// Stops a pending expiry.
    void disarm();

    /// Consumes an expiry, so the descriptor is no longer readable.
    void acknowledge();

private:
    int m_fd = -1;
};

}  // namespace sb::platform
