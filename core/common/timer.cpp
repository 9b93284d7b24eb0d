#include "common/timer.h"

#include <re.h>

#include <map>

#ifdef __linux__
#include <sys/timerfd.h>
#include <unistd.h>
#endif

namespace sb {

// All sb::Timers of a thread share one libre timer, armed for the earliest
// deadline, and wait in an ordered map. libre keeps its timers in a sorted
// list and walks it from the tail on every start: with thousands of calls
// each holding ring, session and retransmission timers of tens of seconds,
// every short SIP transaction timer had to walk past all of them (perf put
// half of the engine's CPU there at 400 calls/s). The map makes our starts
// O(log n) and leaves libre's list holding only its own short timers.
// On Linux even the one shared timer stays out of that list: a timerfd in
// libre's poll set wakes the loop, so re-arming it (after every 2xx
// retransmission, ring-back tick, ...) walks nothing.
class TimerScheduler {
public:
    using Queue = std::multimap<uint64_t, Timer::Impl*>;

    static TimerScheduler& forThisThread() {
        thread_local TimerScheduler scheduler;
        return scheduler;
    }

    ~TimerScheduler() {
        // Only reached with timers pending if an owner outlived the loop;
        // otherwise libre (perhaps already closed) is not touched.
        if (tmr_isrunning(&m_tmr)) tmr_cancel(&m_tmr);
#ifdef __linux__
        if (m_listening) fd_close(m_fd);
        if (m_fd >= 0) ::close(m_fd);
#endif
    }

    Queue::iterator add(uint64_t deadline, Timer::Impl* timer) {
        auto it = m_queue.emplace(deadline, timer);
        if (!m_armed || deadline < m_armedFor) arm(deadline);
        return it;
    }

    void remove(Queue::iterator it) {
        m_queue.erase(it);
        // An earlier arming that finds nothing due just re-arms; only an
        // empty queue must let go of libre's timer (so a loop can end).
        if (m_queue.empty()) disarm();
    }

private:
    TimerScheduler() { tmr_init(&m_tmr); }

    void arm(uint64_t deadline) {
        const uint64_t now = tmr_jiffies();
        const uint64_t delay = deadline > now ? deadline - now : 0;
        m_armed = true;
        m_armedFor = deadline;
#ifdef __linux__
        if (armTimerFd(delay)) return;
#endif
        tmr_start(&m_tmr, delay, &TimerScheduler::fire, this);
    }

    void disarm() {
        m_armed = false;
        tmr_cancel(&m_tmr);
#ifdef __linux__
        if (m_listening) {
            itimerspec off{};
            (void)timerfd_settime(m_fd, 0, &off, nullptr);
            fd_close(m_fd);  // an idle scheduler keeps nothing in the loop
            m_listening = false;
        }
#endif
    }

    static void fire(void* arg) { static_cast<TimerScheduler*>(arg)->runDue(); }

#ifdef __linux__
    bool armTimerFd(uint64_t delayMs) {
        if (m_fd < 0) m_fd = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK | TFD_CLOEXEC);
        if (m_fd < 0) return false;
        if (!m_listening) {
            if (fd_listen(m_fd, FD_READ, &TimerScheduler::onTimerFd, this) != 0) return false;
            m_listening = true;
        }
        itimerspec when{};
        when.it_value.tv_sec = static_cast<time_t>(delayMs / 1000);
        when.it_value.tv_nsec = static_cast<long>(delayMs % 1000) * 1000000L;
        if (delayMs == 0) when.it_value.tv_nsec = 1;  // zero would disarm it
        return timerfd_settime(m_fd, 0, &when, nullptr) == 0;
    }

    static void onTimerFd(int flags, void* arg) {
        (void)flags;
        auto* self = static_cast<TimerScheduler*>(arg);
        uint64_t expirations = 0;
        (void)!::read(self->m_fd, &expirations, sizeof(expirations));
        self->runDue();
    }

    int m_fd = -1;
    bool m_listening = false;
#endif

    void runDue();

    struct tmr m_tmr;
    Queue m_queue;
    bool m_armed = false;
    uint64_t m_armedFor = 0;
};

struct Timer::Impl {
    std::function<void()> callback;
    bool queued = false;
    TimerScheduler::Queue::iterator position;
};

void TimerScheduler::runDue() {
    m_armed = false;
    const uint64_t now = tmr_jiffies();
    // One at a time from the front: a callback may start, cancel or destroy
    // any timer, this one included.
    while (!m_queue.empty() && m_queue.begin()->first <= now) {
        Timer::Impl* timer = m_queue.begin()->second;
        m_queue.erase(m_queue.begin());
        timer->queued = false;
        auto callback = timer->callback;  // the callback may destroy its Timer
        if (callback) callback();
    }
    if (m_queue.empty())
        disarm();
    else if (!m_armed || m_queue.begin()->first < m_armedFor)
        arm(m_queue.begin()->first);
}

Timer::Timer() : m_impl(std::make_unique<Impl>()) {}

Timer::~Timer() { cancel(); }

void Timer::start(uint64_t delayMs, std::function<void()> callback) {
    cancel();
    m_impl->callback = std::move(callback);
    m_impl->position = TimerScheduler::forThisThread().add(tmr_jiffies() + delayMs, m_impl.get());
    m_impl->queued = true;
}

void Timer::cancel() {
    if (!m_impl->queued) return;
    m_impl->queued = false;
    TimerScheduler::forThisThread().remove(m_impl->position);
}

bool Timer::running() const { return m_impl->queued; }

}  // namespace sb
