#pragma once

#include <chrono>

namespace sb::app {

/// Route SIGINT/SIGTERM (Ctrl+C / console close on Windows) to waitForStop().
/// Call before any thread starts so every thread inherits the mask.
void installStopHandler();

/// Ask the run loop to stop, as a stop signal would. Safe from any thread
/// (the Windows service control handler calls it); once requested, a stop
/// stays requested.
void requestStop();

/// Wait up to @p timeout; true once a stop was requested.
bool waitForStop(std::chrono::milliseconds timeout);

}  // namespace sb::app
