#pragma once

// Character classes and number parsing shared by the configuration checks
// (address_checks.cpp, field_checks.cpp, validation.cpp). Private to core/config.

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>
#include <string_view>

namespace sb::config::detail {

// ASCII only, unlike <cctype>, whose answers depend on the locale.
inline bool isDigit(char c) {
    return c >= '0' && c <= '9';
}
inline bool isAlnum(char c) {
    return isDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
inline bool isHex(char c) {
    return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

inline bool allDigits(std::string_view s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), isDigit);
}

inline std::string quoteChar(char c) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u >= 0x7f) {
        char buf[8];
        std::snprintf(buf, sizeof buf, "0x%02X", u);
        return buf;
    }
    return std::string("'") + c + "'";
}

/// Strict unsigned decimal: no sign, no blanks, fits in int64.
inline std::optional<int64_t> parseDecimal(std::string_view s) {
    if (!allDigits(s) || s.size() > 18) return std::nullopt;
    int64_t v = 0;
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
    return v;
}

}  // namespace sb::config::detail
