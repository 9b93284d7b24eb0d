#include "common/clock.h"

#include <cstdio>
#include <ctime>

namespace sb {

std::string localTimestamp(int64_t ms) {
    const auto secs = static_cast<std::time_t>(ms / 1000);
    std::tm tm{};
#ifdef _WIN32
    localtime_s(&tm, &secs);
#else
    localtime_r(&secs, &tm);
#endif
    char date[32];
    std::strftime(date, sizeof(date), "%Y-%m-%d %H:%M:%S", &tm);
    char out[48];
    std::snprintf(out, sizeof(out), "%s.%03d", date, static_cast<int>(ms % 1000));
    return out;
}

}  // namespace sb
