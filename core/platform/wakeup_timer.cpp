#include "platform/wakeup_timer.h"

#ifdef __linux__
#include <sys/timerfd.h>
#include <unistd.h>

#include <ctime>

namespace sb::platform {

WakeupTimer::~WakeupTimer() {
    if (m_fd >= 0) ::close(m_fd);
}

int WakeupTimer::fd() {
    if (m_fd < 0) m_fd = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK | TFD_CLOEXEC);
    return m_fd;
}

bool WakeupTimer::arm(uint64_t delayMs) {
    if (fd() < 0) return false;
    itimerspec when{};
    when.it_value.tv_sec = static_cast<time_t>(delayMs / 1000);
    when.it_value.tv_nsec = static_cast<long>(delayMs % 1000) * 1000000L;
    if (delayMs == 0) when.it_value.tv_nsec = 1;  // zero would disarm it
    return timerfd_settime(m_fd, 0, &when, nullptr) == 0;
}

void WakeupTimer::disarm() {
    if (m_fd < 0) return;
    itimerspec off{};
    (void)timerfd_settime(m_fd, 0, &off, nullptr);
}

void WakeupTimer::acknowledge() {
    uint64_t expirations = 0;
    (void)!::read(m_fd, &expirations, sizeof(expirations));
}

}  // namespace sb::platform

#else

namespace sb::platform {

WakeupTimer::~WakeupTimer() = default;
int WakeupTimer::fd() { return -1; }
bool WakeupTimer::arm(uint64_t) { return false; }
void WakeupTimer::disarm() {}
void WakeupTimer::acknowledge() {}

}  // namespace sb::platform

#endif
