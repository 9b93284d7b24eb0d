#include "config/ivr_rules.h"

#include <algorithm>

#include "platform/calendar_time.h"

namespace sb::config {

namespace {

bool isNumber(std::string_view s) {
    return !s.empty() && s.size() <= 15 &&
           std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

std::optional<IvrDestination> parseIvrDestination(std::string_view text) {
    if (text == "hangup") return IvrDestination{IvrDestination::Kind::Hangup, {}};
    const auto colon = text.find(':');
    if (colon == std::string_view::npos) return std::nullopt;
    const std::string_view kind = text.substr(0, colon);
    const std::string_view target = text.substr(colon + 1);
    if (!isNumber(target)) return std::nullopt;
    IvrDestination d;
    d.target = std::string(target);
    if (kind == "extension")
        d.kind = IvrDestination::Kind::Extension;
    else if (kind == "voicemail")
        d.kind = IvrDestination::Kind::Voicemail;
    else if (kind == "menu")
        d.kind = IvrDestination::Kind::Menu;
    else if (kind == "group")
        d.kind = IvrDestination::Kind::Group;
    else
        return std::nullopt;
    return d;
}

std::string formatIvrDestination(const IvrDestination& d) {
    switch (d.kind) {
        case IvrDestination::Kind::Extension:
            return "extension:" + d.target;
        case IvrDestination::Kind::Voicemail:
            return "voicemail:" + d.target;
        case IvrDestination::Kind::Menu:
            return "menu:" + d.target;
        case IvrDestination::Kind::Group:
            return "group:" + d.target;
        case IvrDestination::Kind::Hangup:
            break;
    }
    return "hangup";
}

Check checkIvrDestination(std::string_view text) {
    if (parseIvrDestination(text)) return std::nullopt;
    if (text.empty())
        return "required: extension:<number>, voicemail:<number>, menu:<number>, group:<number> or hangup";
    return "\"" + std::string(text) +
           "\" is not a destination; expected extension:<number>, voicemail:<number>, menu:<number>, "
           "group:<number> or hangup";
}

Check checkIvrKey(std::string_view key) {
    if (key.size() == 1 && std::string_view("0123456789*#").find(key[0]) != std::string_view::npos)
        return std::nullopt;
    return "a menu key is one of 0-9, * or #";
}

std::optional<int> parseClockTime(std::string_view text) {
    if (text.size() != 5 || text[2] != ':') return std::nullopt;
    for (size_t i : {0u, 1u, 3u, 4u})
        if (text[i] < '0' || text[i] > '9') return std::nullopt;
    const int hours = (text[0] - '0') * 10 + (text[1] - '0');
    const int minutes = (text[3] - '0') * 10 + (text[4] - '0');
    if (hours > 23 || minutes > 59) return std::nullopt;
    return hours * 60 + minutes;
}

const std::array<const char*, 7>& weekdayNames() {
    static const std::array<const char*, 7> names{"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
    return names;
}

std::optional<int> parseWeekday(std::string_view name) {
    const auto& names = weekdayNames();
    for (size_t i = 0; i < names.size(); ++i)
        if (name == names[i]) return static_cast<int>(i);
    return std::nullopt;
}

LocalTime localTimeAt(int64_t unixSeconds) {
    const std::tm tm = platform::localCalendarTime(static_cast<std::time_t>(unixSeconds));
    // struct tm counts from Sunday; business hours from Monday.
    return LocalTime{(tm.tm_wday + 6) % 7, tm.tm_hour * 60 + tm.tm_min};
}

bool isOpen(const store::IvrMenu& menu, LocalTime now) {
    if (menu.openDays.empty()) return true;
    const bool today = std::any_of(menu.openDays.begin(), menu.openDays.end(), [&](const std::string& day) {
        const auto d = parseWeekday(day);
        return d && *d == now.weekday;
    });
    if (!today) return false;
    const auto from = parseClockTime(menu.openFrom);
    const auto to = parseClockTime(menu.openTo);
    if (!from || !to) return false;
    return now.minuteOfDay >= *from && now.minuteOfDay < *to;
}

}  // namespace sb::config
