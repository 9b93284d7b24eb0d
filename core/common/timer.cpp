#include "common/timer.h"

#include <re.h>

namespace sb {

struct Timer::Impl {
    struct tmr tmr;
    std::function<void()> callback;

    static void fire(void* arg) {
        auto* self = static_cast<Impl*>(arg);
        // The callback may restart or destroy the timer: run a copy.
        auto cb = self->callback;
        if (cb) cb();
    }
};

Timer::Timer() : m_impl(std::make_unique<Impl>()) { tmr_init(&m_impl->tmr); }

Timer::~Timer() { tmr_cancel(&m_impl->tmr); }

void Timer::start(uint64_t delayMs, std::function<void()> callback) {
    m_impl->callback = std::move(callback);
    tmr_start(&m_impl->tmr, delayMs, &Impl::fire, m_impl.get());
}

void Timer::cancel() { tmr_cancel(&m_impl->tmr); }

bool Timer::running() const { return tmr_isrunning(&m_impl->tmr); }

}  // namespace sb
