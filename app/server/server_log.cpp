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

std::string logTimestamp(int64_t ms) {
    const std::time_t secs = static_cast<std::time_t>(ms / 1000);
    std::tm tm{};
#ifdef _WIN32
    localtime_s(&tm, &secs);
#else
    localtime_r(&secs, &tm);
#endif
    char buf[40];
    std::strftime(buf, sizeof(buf), "%Y-%m-%d %H:%M:%S", &tm);
    char out[48];
    std::snprintf(out, sizeof(out), "%s.%03d", buf, static_cast<int>(ms % 1000));
    return out;
}

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
