#pragma once

#include <functional>
#include <mutex>
#include <vector>

#include "engine/events.h"

namespace sb {

/// An EventSink that batches: the engine appends, and the consumer is woken
/// only when the queue turns non-empty; it then drains everything in one go.
/// This keeps a burst of events to one wake-up of the GUI (or server) thread.
class EventQueue final : public EventSink {
public:
    /// @param wake  called on the engine thread when the queue turns non-empty;
    ///              it must only schedule a drain (never drain inline)
    explicit EventQueue(std::function<void()> wake) : m_wake(std::move(wake)) {}

    void publish(Event event) override {
        bool wasEmpty;
        {
            std::lock_guard lock(m_mutex);
            wasEmpty = m_events.empty();
            m_events.push_back(std::move(event));
        }
        if (wasEmpty && m_wake) m_wake();
    }

    /// Take every pending event, oldest first.
    std::vector<Event> drain() {
        std::vector<Event> out;
        std::lock_guard lock(m_mutex);
        out.swap(m_events);
        return out;
    }

private:
    std::function<void()> m_wake;
    std::mutex m_mutex;
    std::vector<Event> m_events;
};

}  // namespace sb
