#include "diagnostics/finding.h"

#include <nlohmann/json.hpp>

namespace sb::diagnostics {

using nlohmann::json;

std::string findingsToJson(const Findings& findings) {
    if (findings.empty()) return {};
    json out = json::array();
    for (const auto& f : findings)
        out.push_back({{"rule", f.rule}, {"what", f.what}, {"fix", f.fix}, {"setting", f.setting}});
    // Replace, not throw, on invalid UTF-8 (a carrier's reason phrase can hold anything).
    return out.dump(-1, ' ', false, json::error_handler_t::replace);
}

Findings findingsFromJson(const std::string& text) {
    Findings out;
    if (text.empty()) return out;
    const json doc = json::parse(text, nullptr, false);
    if (!doc.is_array()) return out;
    auto field = [](const json& item, const char* key) {
        auto it = item.find(key);
        return it != item.end() && it->is_string() ? it->get<std::string>() : std::string();
    };
    for (const auto& item : doc) {
        if (!item.is_object()) continue;
        out.push_back(
            Finding{field(item, "rule"), field(item, "what"), field(item, "fix"), field(item, "setting")});
    }
    return out;
}

}  // namespace sb::diagnostics
