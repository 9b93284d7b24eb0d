#include "routing/dial_pattern.h"

namespace sb::routing {
namespace {

constexpr uint16_t kAnyDigit = 0x3ff;

/// Bit index of a dialled character, or -1 for characters no element matches.
int charBit(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c == '*') return 10;
    if (c == '#') return 11;
    if (c == '+') return 12;
    return -1;
}

uint16_t digitRange(char from, char to) {
    uint16_t mask = 0;
    for (char c = from; c <= to; ++c) mask = static_cast<uint16_t>(mask | (1u << (c - '0')));
    return mask;
}

bool isDigit(char c) {
    return c >= '0' && c <= '9';
}

}  // namespace

Result<DialPattern> DialPattern::compile(std::string_view text) {
    DialPattern pattern;
    pattern.m_text = std::string(text);
    if (text.empty()) return makeError("empty pattern");
    for (size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        const std::string at = " at position " + std::to_string(i + 1);
        if (const int bit = charBit(c); bit >= 0) {
            pattern.m_elements.push_back(static_cast<uint16_t>(1u << bit));
        } else if (c == 'X') {
            pattern.m_elements.push_back(kAnyDigit);
        } else if (c == 'Z') {
            pattern.m_elements.push_back(digitRange('1', '9'));
        } else if (c == 'N') {
            pattern.m_elements.push_back(digitRange('2', '9'));
        } else if (c == '.') {
            // Same rule as checkRoutePattern: '.' swallows the rest, so only last.
            if (i + 1 != text.size()) return makeError("'.' must be the last character");
            if (i == 0) return makeError("'.' needs at least one digit or wildcard before it");
            pattern.m_tail = true;
        } else if (c == '[') {
            const size_t close = text.find(']', i);
            if (close == std::string_view::npos) return makeError("missing ']'" + at);
            const std::string_view set = text.substr(i + 1, close - i - 1);
            if (set.empty()) return makeError("empty range []" + at);
            uint16_t mask = 0;
            for (size_t k = 0; k < set.size(); ++k) {
                if (!isDigit(set[k]))
                    return makeError("expected digits or ranges such as [1-5] inside [...]");
                const char first = set[k];
                char last = first;
                if (k + 1 < set.size() && set[k + 1] == '-') {
                    if (k + 2 >= set.size() || !isDigit(set[k + 2]))
                        return makeError("expected digits or ranges such as [1-5] inside [...]");
                    last = set[k + 2];
                    if (last < first) return makeError("range [" + std::string(set) + "] runs backwards");
                    k += 2;
                }
                mask = static_cast<uint16_t>(mask | digitRange(first, last));
            }
            pattern.m_elements.push_back(mask);
            i = close;
        } else {
            return makeError("unexpected character '" + std::string(1, c) + "'" + at);
        }
    }
    return pattern;
}

bool DialPattern::matches(std::string_view number) const {
    const size_t fixed = m_elements.size();
    // The tail needs at least one character of its own.
    if (m_tail ? number.size() <= fixed : number.size() != fixed) return false;
    for (size_t i = 0; i < fixed; ++i) {
        const int bit = charBit(number[i]);
        if (bit < 0 || (m_elements[i] & (1u << bit)) == 0) return false;
    }
    return true;
}

}  // namespace sb::routing
