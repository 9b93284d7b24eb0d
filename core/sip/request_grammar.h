#pragma once

// The SIP grammar (RFC 3261 §25) shared by the raw-byte and the decoded
// request checks: character classes, Via and parameter syntax, URIs and
// addresses. Private to core/sip (request_checks*.cpp, request_grammar.cpp).

#include <charconv>
#include <cstdint>
#include <optional>
#include <string_view>

namespace sb::sip::grammar {

inline bool isLws(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }
inline bool isDigit(char c) { return c >= '0' && c <= '9'; }
inline bool isAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
// token (RFC 3261 §25.1): alphanum / "-" / "." / "!" / "%" / "*" / "_" / "+" / "`" / "'" / "~"
inline bool isTokenChar(char c) {
    return isAlpha(c) || isDigit(c) || std::string_view("-.!%*_+`'~").find(c) != std::string_view::npos;
}

inline char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

inline bool iequals(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i)
        if (lower(a[i]) != lower(b[i])) return false;
    return true;
}

inline std::string_view trim(std::string_view s) {
    while (!s.empty() && isLws(s.front())) s.remove_prefix(1);
    while (!s.empty() && isLws(s.back())) s.remove_suffix(1);
    return s;
}

inline size_t skipLws(std::string_view s, size_t i) {
    while (i < s.size() && isLws(s[i])) ++i;
    return i;
}

inline size_t skipToken(std::string_view s, size_t i) {
    while (i < s.size() && isTokenChar(s[i])) ++i;
    return i;
}

inline bool allDigits(std::string_view s) {
    if (s.empty()) return false;
    for (char c : s)
        if (!isDigit(c)) return false;
    return true;
}

/// Decimal value of 1*DIGIT, nullopt when it does not fit in 32 bits.
inline std::optional<uint32_t> u32(std::string_view s) {
    if (!allDigits(s)) return std::nullopt;
    uint32_t v = 0;
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
    return v;
}

/// Parsed "SIP/2.0/transport sent-by": offsets into @p v.
struct ViaParts {
    size_t sentByEnd = 0;  ///< just after host[:port]
    std::optional<uint16_t> port;
    size_t paramsBegin = 0;
};

std::optional<ViaParts> parseViaHead(std::string_view v);

/// ";name[=value]" parameters, LWS around ";" and "=" allowed (SEMI, EQUAL).
/// Values are tokens, host names or quoted strings. Stops at @p stop.
bool validParams(std::string_view v, size_t i, size_t& end, std::string_view stops = "");

bool hasParam(std::string_view params, std::string_view name);

/// Request-URI (RFC 3261 §25.1): scheme ":" then no LWS, "<", ">" or quotes.
bool validRequestUri(std::string_view uri);

/// One name-addr or addr-spec with its header parameters (§20.10).
bool isValidAddress(std::string_view value);

}  // namespace sb::sip::grammar
