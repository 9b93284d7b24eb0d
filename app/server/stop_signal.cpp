#include "stop_signal.h"

// The only platform-specific part of the headless server.
#ifdef _WIN32
#include <windows.h>

#include <atomic>
#include <thread>

namespace sb::app {
namespace {
std::atomic<bool> g_stop{false};
BOOL WINAPI onConsoleEvent(DWORD) {
    g_stop = true;
    return TRUE;
}
}  // namespace

void installStopHandler() { SetConsoleCtrlHandler(onConsoleEvent, TRUE); }

bool waitForStop(std::chrono::milliseconds timeout) {
    const auto until = std::chrono::steady_clock::now() + timeout;
    while (!g_stop && std::chrono::steady_clock::now() < until)
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    return g_stop;
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

bool waitForStop(std::chrono::milliseconds timeout) {
    sigset_t set = stopSignals();
    const auto ms = timeout.count();
    timespec ts{static_cast<time_t>(ms / 1000), static_cast<long>((ms % 1000) * 1000000)};
    return sigtimedwait(&set, nullptr, &ts) > 0;
}
}  // namespace sb::app
#endif
