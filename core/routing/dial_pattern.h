#pragma once

// One compiled outbound dial pattern (Route::pattern). The grammar is the
// one config::checkRoutePattern() accepts, read the same way common PBX
// dial plans read it; docs/routing.md has the full description.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"

namespace sb::routing {

/// A pattern such as `9NXXXXXX`, `91[3-9]XXXXXXXXX` or `0.`.
///
/// Each element matches exactly one character of the dialled number:
/// a digit matches itself, `X` any of 0-9, `Z` 1-9, `N` 2-9, `[1-5]` /
/// `[137]` / `[135-7]` one digit of the set. These only ever match digits.
/// A final `.` matches one or more further characters of any kind (digits,
/// `*`, `#`, `+`, letters). Without a final `.` the pattern must cover the
/// whole number, so `9NXXXXXX` matches exactly 8 characters.
///
/// `+`, `*` and `#` written in a pattern match themselves. The configuration
/// validator refuses them today, so in practice these characters of a
/// dialled number can only be consumed by the `.` tail.
class DialPattern {
public:
    /// @return the compiled pattern, or why @p text is not one
    static Result<DialPattern> compile(std::string_view text);

    /// Whether @p number (as dialled, nothing removed) matches.
    bool matches(std::string_view number) const;

    const std::string& text() const { return m_text; }

private:
    DialPattern() = default;

    /// Bit i set = the character with index i is accepted: 0-9 are the
    /// digits, then `*`, `#`, `+` (see charBit()).
    std::vector<uint16_t> m_elements;
    bool m_tail = false;  ///< ends in `.`
    std::string m_text;
};

}  // namespace sb::routing
