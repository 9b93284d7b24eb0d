#pragma once

// The server's own log: one timestamped line per message. In a console it
// goes to stderr (systemd's journal on Linux); the Windows service, which has
// no console, points it at a file and the event log with setLogSink().

#include <cstdint>
#include <functional>
#include <string>

#include "engine/events.h"

namespace sb::app {

/// Receives each finished line ("2026-01-31 12:00:00.123 info    text",
/// without a line break) together with its level.
using LogSink = std::function<void(LogLevel level, const std::string& line)>;

/// Send every following line to @p sink; an empty sink restores stderr.
/// Not synchronised: set it before the engine starts or after it stopped.
void setLogSink(LogSink sink);

/// Log @p text at @p level, stamped with @p ms (milliseconds since the
/// epoch, local time in the output) or with the current time when 0.
void logLine(LogLevel level, const std::string& text, int64_t ms = 0);

/// "YYYY-MM-DD HH:MM:SS.mmm" in local time.
std::string logTimestamp(int64_t ms);

}  // namespace sb::app
