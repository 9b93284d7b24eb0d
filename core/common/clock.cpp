#include "common/clock.h"

#include <cstdio>
#include <ctime>

#include "platform/calendar_time.h"

namespace sb {

std::string localTimestamp(int64_t ms) {
    const auto secs = static_cast<std::time_t>(ms / 1000);
    const std::tm tm = platform::localCalendarTime(secs);
    char date[32];
    std::strftime(date, sizeof(date), "%Y-%m-%d %H:%M:%S", &tm);
    char out[48];
    std::snprintf(out, sizeof(out), "%s.%03d", date, static_cast<int>(ms % 1000));
    return out;
}

}  // namespace sb
