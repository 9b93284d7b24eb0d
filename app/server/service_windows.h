#pragma once

// switchboard-server as a Windows service (docs/service.md). Compiled only on
// Windows; main() calls it for the hidden --service option.

#include <string>

namespace sb::app {

struct ServerOptions;

/// Hand the process to the service control manager and serve under it until
/// the service is stopped. The options come from the service's command line
/// (its ImagePath), parsed like a console start.
/// @return the process exit code: 0 after a normal stop, the engine's start
///         failure code (1, or 2 when the database is in use), or 2 when the
///         process was not started by the service control manager
int runAsService(const ServerOptions& options);

/// For a --service command line that did not parse. A service's stderr goes
/// nowhere, and a process that exits before it reaches the service control
/// manager leaves nothing but "the service did not respond" (and is
/// restarted by the failure actions, again and again). So the service
/// starts, logs @p error (file and event log) and stops with exit code 2.
/// From a console it prints @p error like any option error.
/// @return 2, or 1 when the service control manager could not be reached
int runAsFailedService(const std::string& error);

}  // namespace sb::app
