#include "engine/events.h"

namespace sb {

const char* logLevelName(LogLevel level) {
    switch (level) {
    case LogLevel::Error: return "error";
    case LogLevel::Warning: return "warning";
    case LogLevel::Info: return "info";
    case LogLevel::Debug: return "debug";
    }
    return "info";
}

bool parseLogLevel(const std::string& s, LogLevel& out) {
    for (LogLevel l : {LogLevel::Error, LogLevel::Warning, LogLevel::Info, LogLevel::Debug}) {
        if (s == logLevelName(l)) {
            out = l;
            return true;
        }
    }
    return false;
}

}  // namespace sb
