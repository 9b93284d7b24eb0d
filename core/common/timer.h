#pragma once

#include <cstdint>
#include <functional>
#include <memory>

namespace sb {

/// A one-shot timer on the calling thread's libre loop. Cancelled when
/// destroyed, so an owner going away never leaves a callback behind. Start,
/// cancel and destroy it on the thread that runs that loop.
class Timer {
public:
    Timer();
    ~Timer();
    Timer(const Timer&) = delete;
    Timer& operator=(const Timer&) = delete;

    void start(uint64_t delayMs, std::function<void()> callback);
    void cancel();
    bool running() const;

    struct Impl;  ///< public only so the per-thread scheduler can name it

private:
    std::unique_ptr<Impl> m_impl;
};

}  // namespace sb
