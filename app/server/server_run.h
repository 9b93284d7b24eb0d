#pragma once

// One serving run of the engine, in three steps shared by the console
// (runServer in main.cpp) and the Windows service (service_windows.cpp).
// Deliberately free of core headers: the service file sees only this.

#include <memory>

namespace sb::app {

struct ServerOptions;
struct ServerRun;  // the event queue and the engine; defined in main.cpp

struct ServerRunDeleter {
    void operator()(ServerRun* run) const;
};
using ServerRunPtr = std::unique_ptr<ServerRun, ServerRunDeleter>;

/// What startEngine() gave: a running engine, or why not.
struct EngineStart {
    ServerRunPtr run;  ///< null when the engine did not start
    /// When run is null: 2 when another Switchboard holds the database
    /// (retrying cannot help until it stops), 1 for any other failure.
    int exitCode = 0;
};

/// Lock the database against a second engine and start the engine with
/// @p options. Every failure is logged (logLine) before it returns.
/// @p options must outlive the run.
EngineStart startEngine(const ServerOptions& options);

/// Log the engine's events until a stop is requested (waitForStop()).
void drainUntilStopped(ServerRun& run);

/// Stop the engine in order (calls ended, queued call records written), log
/// its last events, release the database.
void stopEngine(ServerRun& run);

}  // namespace sb::app
