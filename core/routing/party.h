#pragma once

// One internal type for anyone a URI names. Carriers and IMS cores hand us
// parties as SIP URIs, SIPS URIs, SIP URIs with `user=phone` and TEL URIs
// (RFC 3966); everything behind this header works with the normalised Party
// so the rest of the PBX never has to care which form arrived.
// Switchboard never *sends* a TEL URI: toSipUri() always writes `sip:`.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/result.h"

namespace sb::routing {

/// URI scheme a party arrived with. Zero is deliberately not a value.
enum class UriScheme : int { Sip = 1, Sips = 2, Tel = 3 };

/// A party named by a URI, normalised.
struct Party {
    UriScheme scheme = UriScheme::Sip;
    /// The user part, percent-decoded; for a TEL URI (or `user=phone`) the
    /// telephone-subscriber text before its parameters, as written.
    std::string user;
    /// The number to work with: for a telephone number the user with the
    /// RFC 3966 visual separators `- . ( )` removed (a leading `+` kept);
    /// for anything else the same as user.
    std::string number;
    std::string host;   ///< as written, IPv6 with brackets; empty for TEL URIs
    uint16_t port = 0;  ///< 0 = no port in the URI
    /// The user is a telephone number: a TEL URI, a SIP URI with
    /// `user=phone`, or a SIP user of an optional `+` and 0-9 * # only.
    bool isPhoneNumber = false;
    bool isGlobal = false;     ///< number starts with `+` (E.164)
    std::string phoneContext;  ///< RFC 3966 `phone-context`, empty when absent
    /// URI parameters in order, names lower-cased, values as written. For
    /// telephone numbers the subscriber's own parameters (`ext`, `isub`, ...)
    /// come first; `phone-context` is kept in its own field, not here.
    std::vector<std::pair<std::string, std::string>> params;

    /// Value of parameter @p name (case-insensitive); "" for a bare flag.
    std::optional<std::string> param(std::string_view name) const;

    bool operator==(const Party&) const = default;
};

/// Parse a SIP, SIPS or TEL URI (an addr-spec, no angle brackets, no
/// display name). Scheme names are case-insensitive; a password in the
/// userinfo and `?headers` are accepted and dropped.
/// @return the party, or an error saying what is wrong with the text
Result<Party> fromUri(std::string_view uri);

/// Parse a header value of the name-addr / addr-spec form (From, To,
/// P-Asserted-Identity, Remote-Party-ID): `"Alice" <sip:100@pbx>;tag=x`,
/// `<tel:+861234>` or `sip:100@pbx;tag=x` (without brackets the `;`
/// parameters belong to the header, RFC 3261 §20.10). Only the first value
/// of a comma-separated list is read.
Result<Party> fromNameAddr(std::string_view value);

/// Percent-decode URI text; fails on a broken escape or an escaped control
/// character, which would let a URI smuggle line breaks into headers and logs.
std::optional<std::string> percentDecode(std::string_view text);

/// A party for a number dialled or produced by the dial plan (no host).
/// The number is classified as in Party::isPhoneNumber; separators are not
/// removed (dialled numbers carry none).
Party fromNumber(std::string_view number);

/// Write @p party as a `sip:` URI at @p domain (host[:port], written as
/// given). The user is the party's normalised number, escaped for a SIP
/// user part (`#` becomes `%23`).
/// @param addUserPhone append `;user=phone` when the party is a phone number
/// @param extraParams a trunk's "additional parameter of Request-URI"
///        (`name[=value](;name[=value])*`, a leading `;` is tolerated),
///        appended once. No parameter name is written twice (RFC 3261
///        §19.1.1): when extraParams names `user` itself, its value wins
///        and no second `user=` is added.
/// @return e.g. `sip:+8613901088888@ims.bj.chinamobile.com;user=phone`
std::string toSipUri(const Party& party, const std::string& domain, bool addUserPhone,
                     const std::string& extraParams);

/// The caller's number for call history and caller ID, from the first of
/// P-Asserted-Identity, Remote-Party-ID (values with `party=called` are
/// skipped) and From that is present and parses. Each header value may be
/// a comma-separated list; its entries are tried in order.
/// @return the normalised number (Party::number), or nullopt when none parses
std::optional<std::string> callerNumber(const std::optional<std::string>& pAssertedIdentity,
                                        const std::optional<std::string>& remotePartyId,
                                        const std::optional<std::string>& from);

/// Remove the RFC 3966 visual separators `- . ( )` from @p number.
std::string removeVisualSeparators(std::string_view number);

/// An optional `+` then only 0-9 * # with at least one digit.
bool looksLikePhoneNumber(std::string_view number);

/// The digits that identify a number across its written forms: separators,
/// a leading `+` and leading zeros (national/international access prefixes)
/// removed, so `+8613901088888`, `8613901088888`, `008613901088888` and
/// `tel:+86-139-0108-8888` all give `8613901088888`. A number that is not a
/// phone number is returned unchanged, so it only equals itself.
std::string significantDigits(std::string_view number);

/// Two numbers name the same subscriber: equal significantDigits().
bool sameNumber(std::string_view a, std::string_view b);

}  // namespace sb::routing
