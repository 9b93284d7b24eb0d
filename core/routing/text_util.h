#pragma once

// Small text helpers shared by the routing files: case folding, splitting,
// and the name-addr grammar of SIP header values (RFC 3261 §20.10, §25.1).
// Used by sb::routing and by the SIP layer for URI-carrying headers (Refer-To).

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sb::routing {

std::string_view trim(std::string_view text);  ///< without surrounding blanks and tabs
std::string toLower(std::string_view text);    ///< ASCII lower case
bool equalsIgnoreCase(std::string_view a, std::string_view b);

/// Split at every @p separator; empty pieces are kept.
std::vector<std::string_view> splitOn(std::string_view text, char separator);

/// Split a header value list at top-level commas: commas inside a quoted
/// display name or inside `<...>` do not separate. Pieces are trimmed;
/// empty pieces dropped.
std::vector<std::string_view> splitHeaderList(std::string_view value);

/// One name-addr or addr-spec taken apart.
struct NameAddr {
    std::string_view uri;  ///< the URI, without angle brackets
    std::string_view
        headerParams;   ///< what follows the URI's `>` (or, without brackets, its first `;`), without the `;`
    std::string error;  ///< non-empty when the value is malformed
};

/// `"Alice" <sip:100@pbx>;tag=1` → uri `sip:100@pbx`, headerParams `tag=1`.
/// Without angle brackets the URI ends at the first `;`: RFC 3261 §20.10
/// gives those parameters to the header, not the URI.
NameAddr splitNameAddr(std::string_view value);

/// Value of header parameter @p name in `a=1;b;c="x"` (quotes removed),
/// "" for a bare flag, nullopt when absent. Names compare case-insensitively.
std::optional<std::string> headerParam(std::string_view params, std::string_view name);

}  // namespace sb::routing
