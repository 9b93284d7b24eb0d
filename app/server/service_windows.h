#pragma once

// switchboard-server as a Windows service (docs/service.md). Compiled only on
// Windows; main() calls it for the hidden --service option.

namespace sb::app {

struct ServerOptions;

/// Hand the process to the service control manager and serve under it until
/// the service is stopped. The options come from the service's command line
/// (its ImagePath), parsed like a console start.
/// @return the process exit code: 0 after a normal stop, the engine's start
///         failure code (1, or 2 when the database is in use), or 2 when the
///         process was not started by the service control manager
int runAsService(const ServerOptions& options);

}  // namespace sb::app
