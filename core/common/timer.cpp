#include "common/timer.h"

#include <re.h>

#include <map>

#include "platform/wakeup_timer.h"

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
        if (m_listening) fd_close(m_wakeup.fd());
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
        if (armWakeup(delay)) return;
        tmr_start(&m_tmr, delay, &TimerScheduler::fire, this);
    }

    void disarm() {
        m_armed = false;
        tmr_cancel(&m_tmr);
        if (m_listening) {
            m_wakeup.disarm();
            fd_close(m_wakeup.fd());  // an idle scheduler keeps nothing in the loop
            m_listening = false;
        }
    }

    static void fire(void* arg) { static_cast<TimerScheduler*>(arg)->runDue(); }

    bool armWakeup(uint64_t delayMs) {
        const int fd = m_wakeup.fd();
        if (fd < 0) return false;  // no such timer here: libre's tmr does it
        if (!m_listening) {
            if (fd_listen(fd, FD_READ, &TimerScheduler::onWakeup, this) != 0) return false;
            m_listening = true;
        }
        return m_wakeup.arm(delayMs);
    }

    static void onWakeup(int flags, void* arg) {
        (void)flags;
        auto* self = static_cast<TimerScheduler*>(arg);
        self->m_wakeup.acknowledge();
        self->runDue();
    }

    platform::WakeupTimer m_wakeup;
    bool m_listening = false;

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
