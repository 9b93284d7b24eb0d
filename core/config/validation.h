#pragma once

// Field checks for the configuration model, shared by the JSON import, the
// engine (before it commits a change) and the GUI dialogs (inline hints).
// Every check returns std::nullopt when the value is acceptable, otherwise a
// short reason a person can act on ("expected host[:port]"); the caller puts
// the field path in front of it. The rules are documented in docs/config.md.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/records.h"

namespace sb::config {

/// nullopt = acceptable; otherwise why not.
using Check = std::optional<std::string>;

/// Extension number: digits only, 1–15 of them (E.164 length).
Check checkExtensionNumber(std::string_view number);

/// Conference room number: what follows *88, 1–8 digits.
Check checkConferenceRoomNumber(std::string_view number);

/// Conference room PIN: empty (no PIN) or 4–12 digits.
Check checkConferencePin(std::string_view pin);

/// SIP domain or host: a DNS hostname, an IPv4 literal or a bracketed IPv6
/// literal ("[2001:db8::1]"). Empty is rejected; callers decide if optional.
Check checkDomain(std::string_view domain);

/// "host[:port]" where host passes checkDomain() and port is 1–65535.
/// Reason always starts with "expected host[:port]".
Check checkHostPort(std::string_view hostPort);

/// Additional Request-URI parameters: `name[=value](;name[=value])*`, names
/// and values made of RFC 3261 token characters. Empty is acceptable.
Check checkUriParams(std::string_view params);

/// Outbound dial pattern: digits, X (0-9), Z (1-9), N (2-9), ranges such as
/// [1-5] or [135-7], and a final "." (one or more of anything).
Check checkRoutePattern(std::string_view pattern);

/// TCP/UDP port 1–65535. Takes a wide type so out-of-range input from JSON
/// or a text field is judged before it is narrowed.
Check checkPort(int64_t port);

/// An IPv4 or IPv6 literal without brackets or prefix ("0.0.0.0", "::").
Check checkIpAddress(std::string_view address);

/// An IPv4 or IPv6 literal, optionally with a CIDR prefix ("203.0.113.0/24").
Check checkAddress(std::string_view address);

/// Trunk DID: an optional "+" then 1–15 digits.
Check checkDidNumber(std::string_view did);

/// Line or trunk name: 1–64 printable characters without leading or
/// trailing blanks (it appears in routes, call history and the GUI).
Check checkName(std::string_view name);

/// SIP user part of a line account (RFC 3261 "user" characters; no "@").
Check checkAccount(std::string_view account);

/// Authorization name: empty, or printable without blanks, quotes or
/// backslashes (it is sent as a digest quoted-string).
Check checkAuthId(std::string_view authId);

/// Free text that ends up in SIP headers or the database (display names,
/// passwords): no control characters, at most maxLength bytes.
Check checkText(std::string_view text, size_t maxLength = 128);

/// Extension password: non-empty text.
Check checkPassword(std::string_view password);

/// Registration interval in seconds: 30–86400.
Check checkExpires(int64_t expiresS);

/// Leading digits dialled to reach an outside line: empty or 1–4 of 0-9 * #.
Check checkOutgroupPrefix(std::string_view prefix);

/// Digits a route puts in front of the number: empty, or an optional "+"
/// followed by up to 20 of 0-9 * #.
Check checkPrepend(std::string_view prepend);

/// Ring-back tone preset: "cn", "eu", "us" or "uk".
Check checkRingback(std::string_view ringback);

/// Codec (encoding) name as in a=rtpmap, e.g. "PCMU", "telephone-event":
/// 1–32 letters, digits, '-', '_' or '.'.
Check checkCodecName(std::string_view name);

/// Log level: "error", "warning", "info" or "debug".
Check checkLogLevel(std::string_view level);

/// Digest algorithms the registrar offers: a comma-separated list of MD5 and
/// SHA-256 (RFC 8760), no repeats, in order of preference.
Check checkAuthAlgorithms(std::string_view list);

/// A file path setting (TLS certificate, key): empty or text of at most 1024 bytes.
Check checkFilePath(std::string_view path);

/// Call-forward target: an extension, ring group or auto-attendant menu
/// number, "*97" (the forwarding extension's own voicemail), "*97" + an
/// extension number (that one's voicemail), or an outside number: an
/// optional "+" then 1-20 of 0-9 * #. Empty (forwarding off) is acceptable.
Check checkForwardTarget(std::string_view target);

/// How a forwarded call names its forwarder toward a line or trunk:
/// "none", "diversion" or "history-info".
Check checkForwardHeader(std::string_view header);

/// Blacklist entry: "anonymous", or a number prefix (optional "+", then
/// 1-20 digits).
Check checkBlacklistEntry(std::string_view entry);

/// Transport enum holds one of its named values (guards values cast from ints).
Check checkTransport(store::Transport transport);

/// One problem in a configuration, located by a path such as
/// `lines[1].proxy`, `trunks[0].dids["+8613901088888"]`, `settings.sip_port`.
struct FieldError {
    std::string path;
    std::string reason;

    /// "path: reason" — the form every error message in this module takes.
    std::string toString() const;
    bool operator==(const FieldError&) const = default;
};

/// Check a whole configuration: every field, plus the rules that span
/// records (unique numbers and names, routes and DIDs naming things that
/// exist, RTP range vs. SIP ports). Errors come in document order.
/// @return all problems found; empty means the configuration may be used
std::vector<FieldError> validate(const store::Configuration& config);

/// Path helpers, so every producer of FieldError spells paths the same way.
std::string indexPath(std::string_view array, size_t index);            ///< `lines[1]`
std::string memberPath(std::string_view parent, std::string_view key);  ///< `lines[1].proxy`
std::string keyPath(std::string_view parent, std::string_view key);     ///< `x.dids["+86..."]`

}  // namespace sb::config
