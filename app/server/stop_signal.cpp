#include "stop_signal.h"

#include <atomic>

namespace sb::app {
namespace {
// Set by requestStop(): from the Windows console and service control
// handlers, which run on threads of their own.
std::atomic<bool> g_stopRequested{false};
}  // namespace

void requestStop() { g_stopRequested = true; }
}  // namespace sb::app

#ifdef _WIN32
#include <windows.h>

#include <thread>

namespace sb::app {
namespace {
BOOL WINAPI onConsoleEvent(DWORD) {
    requestStop();
    return TRUE;
}
}  // namespace

void installStopHandler() { SetConsoleCtrlHandler(onConsoleEvent, TRUE); }

bool waitForStop(std::chrono::milliseconds timeout) {
    const auto until = std::chrono::steady_clock::now() + timeout;
    while (!g_stopRequested && std::chrono::steady_clock::now() < until)
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    return g_stopRequested;
}
}  // namespace sb::app

#else
#include <csignal>
#include <ctime>

namespace sb::app {
namespace {
sigset_t stopSignals() {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    return set;
}
}  // namespace

// Blocked signals are collected synchronously with sigtimedwait: no handler
// runs in a random thread, and the engine thread inherits the mask.
void installStopHandler() {
    sigset_t set = stopSignals();
    pthread_sigmask(SIG_BLOCK, &set, nullptr);
}

// requestStop() has no signal to wake the wait; the caller's loop polls in
// short slices, so the flag is seen within one of them.
bool waitForStop(std::chrono::milliseconds timeout) {
    if (g_stopRequested) return true;
    sigset_t set = stopSignals();
    const auto ms = timeout.count();
    timespec ts{static_cast<time_t>(ms / 1000), static_cast<long>((ms % 1000) * 1000000)};
    if (sigtimedwait(&set, nullptr, &ts) > 0) g_stopRequested = true;
    return g_stopRequested;
}
}  // namespace sb::app
#endif
