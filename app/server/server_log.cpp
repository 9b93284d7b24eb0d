#include "server_log.h"

#include <chrono>
#include <cstdio>
#include <ctime>
#include <utility>

#include "common/clock.h"

namespace sb::app {

namespace {

LogSink& sink() {
    static LogSink s_sink;
    return s_sink;
}

}  // namespace

std::string logTimestamp(int64_t ms) { return localTimestamp(ms); }

void setLogSink(LogSink newSink) {
    sink() = std::move(newSink);
}

void logLine(LogLevel level, const std::string& text, int64_t ms) {
    char head[80];
    std::snprintf(head, sizeof(head), "%s %-7s ", logTimestamp(ms ? ms : wallClockMs()).c_str(),
                  logLevelName(level));
    if (sink()) {
        sink()(level, head + text);
        return;
    }
    std::fprintf(stderr, "%s%s\n", head, text.c_str());
}

}  // namespace sb::app
