#include "diagnostics/ladder.h"

#include <algorithm>
#include <cstdio>
#include <ctime>

#include <nlohmann/json.hpp>

namespace sb::diagnostics {

using nlohmann::json;

void appendLadder(Ladder& ladder, LadderItem item, size_t& dropped) {
    if (ladder.size() >= kMaxLadderItems) {
        ++dropped;
        return;
    }
    ladder.push_back(std::move(item));
}

std::vector<std::string> ladderLanes(const Ladder& ladder) {
    std::vector<std::string> lanes{kCallerLane, kSwitchboardLane};
    for (const auto& item : ladder)
        for (const std::string* lane : {&item.from, &item.to})
            if (std::find(lanes.begin(), lanes.end(), *lane) == lanes.end()) lanes.push_back(*lane);
    return lanes;
}

std::string ladderToJson(const Ladder& ladder) {
    if (ladder.empty()) return {};
    json out = json::array();
    for (const auto& i : ladder)
        out.push_back(
            {{"t", i.timeMs}, {"from", i.from}, {"to", i.to}, {"label", i.label}, {"detail", i.detail}});
    // A carrier's reason phrase may hold anything: replace, never throw.
    return out.dump(-1, ' ', false, json::error_handler_t::replace);
}

Ladder ladderFromJson(const std::string& text) {
    Ladder out;
    if (text.empty()) return out;
    const json doc = json::parse(text, nullptr, false);
    if (!doc.is_array()) return out;
    auto str = [](const json& item, const char* key) {
        auto it = item.find(key);
        return it != item.end() && it->is_string() ? it->get<std::string>() : std::string();
    };
    for (const auto& item : doc) {
        if (!item.is_object()) continue;
        LadderItem i;
        if (auto t = item.find("t"); t != item.end() && t->is_number_integer()) i.timeMs = t->get<int64_t>();
        i.from = str(item, "from");
        i.to = str(item, "to");
        i.label = str(item, "label");
        i.detail = str(item, "detail");
        out.push_back(std::move(i));
    }
    return out;
}

namespace {
std::string clockText(int64_t ms) {
    const std::time_t s = static_cast<std::time_t>(ms / 1000);
    std::tm tm{};
#ifdef _WIN32
    gmtime_s(&tm, &s);
#else
    gmtime_r(&s, &tm);
#endif
    char buf[96];  // room for any int the compiler can imagine in each field
    std::snprintf(buf, sizeof(buf), "%04d-%02d-%02d %02d:%02d:%02d.%03d", tm.tm_year + 1900, tm.tm_mon + 1,
                  tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, static_cast<int>(ms % 1000));
    return buf;
}
}  // namespace

std::string ladderText(const Ladder& ladder, const std::string& title) {
    std::string out = title + "\n";
    const int64_t start = ladder.empty() ? 0 : ladder.front().timeMs;
    size_t width = 0;
    for (const auto& i : ladder) width = std::max(width, i.from.size() + 4 + i.to.size());
    for (const auto& i : ladder) {
        char offset[64];
        std::snprintf(offset, sizeof(offset), "+%lld.%03llds",
                      static_cast<long long>((i.timeMs - start) / 1000),
                      static_cast<long long>((i.timeMs - start) % 1000));
        std::string arrow = i.from + " -> " + i.to;
        arrow.resize(width, ' ');
        out += clockText(i.timeMs) + " UTC  " + offset + "  " + arrow + "  " + i.label;
        if (!i.detail.empty()) out += "  [" + i.detail + "]";
        out += "\n";
    }
    return out;
}

}  // namespace sb::diagnostics
