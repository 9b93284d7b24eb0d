#include "routing/party.h"

#include <algorithm>
#include <cctype>

#include "routing/text_util.h"

namespace sb::routing {
namespace {

bool isDigit(char c) {
    return c >= '0' && c <= '9';
}
bool isHex(char c) {
    return std::isxdigit(static_cast<unsigned char>(c)) != 0;
}
bool isVisualSeparator(char c) {
    return c == '-' || c == '.' || c == '(' || c == ')';
}

int hexValue(char c) {
    if (isDigit(c)) return c - '0';
    return std::tolower(static_cast<unsigned char>(c)) - 'a' + 10;
}

/// Characters a URI may carry at all; everything else (blanks, controls,
/// quotes, angle brackets) means the text was not a bare URI.
bool isUriChar(char c) {
    const auto u = static_cast<unsigned char>(c);
    return u > 0x20 && u < 0x7f && c != '"' && c != '<' && c != '>' && c != '\\';
}

/// RFC 3966 telephone-subscriber digits (before any parameter): a global
/// number is `+` and phonedigits with at least one DIGIT; a local number is
/// phonedigit-hex (HEXDIG * #) with at least one of them. Visual separators
/// may appear anywhere after the `+`.
bool isTelephoneSubscriber(std::string_view text) {
    if (text.empty()) return false;
    const bool global = text.front() == '+';
    if (global) text.remove_prefix(1);
    bool sawDigit = false;
    for (char c : text) {
        if (isVisualSeparator(c)) continue;
        const bool ok = global ? isDigit(c) : (isHex(c) || c == '*' || c == '#');
        if (!ok) return false;
        sawDigit = true;
    }
    return sawDigit;
}

/// Split `a=b;c;d=e` into lower-cased names and values. Empty segments
/// (`;;`) are skipped: some carriers emit them and they carry nothing.
Result<std::vector<std::pair<std::string, std::string>>> parseParams(std::string_view text) {
    std::vector<std::pair<std::string, std::string>> out;
    for (std::string_view segment : splitOn(text, ';')) {
        if (segment.empty()) continue;
        const size_t eq = segment.find('=');
        const std::string_view name = segment.substr(0, eq);
        if (name.empty()) return makeError("empty parameter name in \"" + std::string(segment) + "\"");
        std::string value =
            eq == std::string_view::npos ? std::string() : std::string(segment.substr(eq + 1));
        out.emplace_back(toLower(name), std::move(value));
    }
    return out;
}

/// Fill number/isPhoneNumber/isGlobal/phoneContext from a telephone-subscriber
/// (`+86-139-0108-8888;phone-context=...;ext=12`); the caller has checked
/// the digits with isTelephoneSubscriber().
Result<void> takeSubscriber(Party& party, std::string_view digits, std::string_view subscriberParams) {
    auto params = parseParams(subscriberParams);
    if (!params) return params.error();
    party.user = std::string(digits);
    party.number = removeVisualSeparators(digits);
    party.isPhoneNumber = true;
    party.isGlobal = party.number.front() == '+';
    for (auto& [name, value] : *params) {
        if (name == "phone-context")
            party.phoneContext = value;
        else
            party.params.emplace_back(std::move(name), std::move(value));
    }
    return {};
}

Result<Party> parseTel(std::string_view rest) {
    if (rest.find_first_of("@?/") != std::string_view::npos)
        return makeError("a tel: URI has no '@', '/' or '?' part");
    const size_t semi = rest.find(';');
    auto digits = percentDecode(rest.substr(0, semi));
    if (!digits) return makeError("bad %-escape in the number");
    if (!isTelephoneSubscriber(*digits))
        return makeError("\"" + *digits + "\" is not a telephone number (RFC 3966)");
    Party party;
    party.scheme = UriScheme::Tel;
    auto ok = takeSubscriber(party, *digits, semi == std::string_view::npos ? "" : rest.substr(semi + 1));
    if (!ok) return ok.error();
    return party;
}

bool validHostName(std::string_view host) {
    return !host.empty() && std::all_of(host.begin(), host.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '.' || c == '_';
    });
}

bool validIpv6Literal(std::string_view host) {
    // "[...]" with hex, ':' and '.' (IPv4 tail) inside; exact IPv6 syntax is
    // left to whoever connects to it: here it only has to be one token.
    if (host.size() < 4 || host.front() != '[' || host.back() != ']') return false;
    const std::string_view inner = host.substr(1, host.size() - 2);
    return inner.find(':') != std::string_view::npos &&
           std::all_of(inner.begin(), inner.end(), [](char c) { return isHex(c) || c == ':' || c == '.'; });
}

Result<Party> parseSip(std::string_view rest, UriScheme scheme) {
    Party party;
    party.scheme = scheme;
    std::string_view userinfo;
    // '@' cannot appear unescaped in a user, password, parameter or header
    // (RFC 3261 §25.1), so the first one ends the userinfo.
    if (const size_t at = rest.find('@'); at != std::string_view::npos) {
        userinfo = rest.substr(0, at);
        if (userinfo.empty()) return makeError("empty user part before '@'");
        rest.remove_prefix(at + 1);
    }

    size_t hostEnd = 0;
    if (!rest.empty() && rest.front() == '[') {
        hostEnd = rest.find(']');
        if (hostEnd == std::string_view::npos) return makeError("missing ']' after an IPv6 host");
        ++hostEnd;
        party.host = std::string(rest.substr(0, hostEnd));
        if (!validIpv6Literal(party.host)) return makeError("bad IPv6 host " + party.host);
    } else {
        hostEnd = std::min(rest.find_first_of(":;?"), rest.size());
        party.host = std::string(rest.substr(0, hostEnd));
        if (party.host.empty()) return makeError("missing host");
        if (!validHostName(party.host)) return makeError("bad host \"" + party.host + "\"");
    }
    rest.remove_prefix(hostEnd);

    if (!rest.empty() && rest.front() == ':') {
        const size_t end = std::min(rest.find_first_of(";?"), rest.size());
        const std::string_view digits = rest.substr(1, end - 1);
        unsigned long port = 0;
        if (digits.empty() || digits.size() > 5 || !std::all_of(digits.begin(), digits.end(), isDigit) ||
            (port = std::stoul(std::string(digits))) == 0 || port > 65535)
            return makeError("bad port \"" + std::string(digits) + "\"");
        party.port = static_cast<uint16_t>(port);
        rest.remove_prefix(end);
    }
    if (!rest.empty() && rest.front() == ';') {
        const size_t end = std::min(rest.find('?'), rest.size());
        auto params = parseParams(rest.substr(1, end - 1));
        if (!params) return params.error();
        party.params = std::move(*params);
        rest.remove_prefix(end);
    }
    if (!rest.empty() && rest.front() != '?') return makeError("unexpected text after the host");
    // ?headers are dropped: they describe a request to build, not the party.

    const std::string_view user = userinfo.substr(0, userinfo.find(':'));  // password dropped
    const auto userParam = party.param("user");
    if (userParam && toLower(*userParam) == "phone") {
        // user=phone: the user part is a telephone-subscriber with its own
        // ';' parameters (RFC 3261 §19.1.6), e.g. "1234;phone-context=+86".
        const size_t semi = user.find(';');
        auto digits = percentDecode(user.substr(0, semi));
        if (!digits) return makeError("bad %-escape in the user part");
        if (isTelephoneSubscriber(*digits)) {
            auto subscriberParams = party.params;
            party.params.clear();
            auto ok =
                takeSubscriber(party, *digits, semi == std::string_view::npos ? "" : user.substr(semi + 1));
            if (!ok) return ok.error();
            party.params.insert(party.params.end(), subscriberParams.begin(), subscriberParams.end());
            return party;
        }
        // Not a number after all: accepted as a plain user, because refusing
        // would fail a call over a carrier's cosmetic mistake.
    }
    auto decoded = percentDecode(user);
    if (!decoded) return makeError("bad %-escape in the user part");
    party.user = std::move(*decoded);
    party.number = party.user;
    party.isPhoneNumber = looksLikePhoneNumber(party.number);
    party.isGlobal = party.isPhoneNumber && party.number.front() == '+';
    return party;
}

/// Characters written unescaped in a SIP user part: RFC 3261 unreserved and
/// user-unreserved, except ';' and '?' which a parser could take as the
/// start of subscriber parameters or headers.
bool isPlainUserChar(char c) {
    if (std::isalnum(static_cast<unsigned char>(c))) return true;
    return std::string_view("-_.!~*'()&=+$,/").find(c) != std::string_view::npos;
}

std::string escapeUser(std::string_view user) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string out;
    for (char c : user) {
        if (isPlainUserChar(c)) {
            out += c;
        } else {
            const auto u = static_cast<unsigned char>(c);
            out += '%';
            out += kHex[u >> 4];
            out += kHex[u & 0x0f];
        }
    }
    return out;
}

}  // namespace

std::optional<std::string> percentDecode(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (size_t i = 0; i < text.size(); ++i) {
        if (text[i] != '%') {
            out += text[i];
            continue;
        }
        if (i + 2 >= text.size() || !isHex(text[i + 1]) || !isHex(text[i + 2])) return std::nullopt;
        const int value = hexValue(text[i + 1]) * 16 + hexValue(text[i + 2]);
        if (value < 0x20 || value == 0x7f) return std::nullopt;
        out += static_cast<char>(value);
        i += 2;
    }
    return out;
}


std::optional<std::string> Party::param(std::string_view name) const {
    for (const auto& [key, value] : params)
        if (equalsIgnoreCase(key, name)) return value;
    return std::nullopt;
}

Result<Party> fromUri(std::string_view uri) {
    uri = trim(uri);
    if (uri.empty()) return makeError("empty URI");
    if (!std::all_of(uri.begin(), uri.end(), isUriChar))
        return makeError("URI contains a blank, control character, quote or angle bracket");
    const size_t colon = uri.find(':');
    if (colon == std::string_view::npos) return makeError("expected a sip:, sips: or tel: URI");
    const std::string scheme = toLower(uri.substr(0, colon));
    const std::string_view rest = uri.substr(colon + 1);
    auto party = [&]() -> Result<Party> {
        if (scheme == "tel") return parseTel(rest);
        if (scheme == "sip") return parseSip(rest, UriScheme::Sip);
        if (scheme == "sips") return parseSip(rest, UriScheme::Sips);
        return makeError("unsupported URI scheme \"" + std::string(uri.substr(0, colon)) +
                         "\" (expected sip, sips or tel)");
    }();
    if (!party) return makeError(std::string(uri) + ": " + party.error().message);
    return party;
}

Result<Party> fromNameAddr(std::string_view value) {
    const auto entries = splitHeaderList(value);
    if (entries.empty()) return makeError("empty header value");
    const NameAddr parts = splitNameAddr(entries.front());
    if (!parts.error.empty()) return makeError(parts.error);
    return fromUri(parts.uri);
}

Party fromNumber(std::string_view number) {
    Party party;
    party.user = std::string(number);
    party.number = party.user;
    party.isPhoneNumber = looksLikePhoneNumber(number);
    party.isGlobal = party.isPhoneNumber && number.front() == '+';
    return party;
}

std::string toSipUri(const Party& party, const std::string& domain, bool addUserPhone,
                     const std::string& extraParams) {
    std::string out = "sip:";
    if (!party.number.empty()) out += escapeUser(party.number) + "@";
    out += domain;

    std::vector<std::string> written;  // lower-cased names already in `out`
    auto extra = parseParams(extraParams);
    const bool extraNamesUser =
        extra && std::any_of(extra->begin(), extra->end(), [](const auto& p) { return p.first == "user"; });
    if (addUserPhone && party.isPhoneNumber && !extraNamesUser) {
        out += ";user=phone";
        written.emplace_back("user");
    }
    if (!extra) return out;  // validation refuses such text; sending it half-parsed would be worse
    for (std::string_view segment : splitOn(extraParams, ';')) {
        if (segment.empty()) continue;
        const std::string name = toLower(segment.substr(0, segment.find('=')));
        if (std::find(written.begin(), written.end(), name) != written.end()) continue;
        written.push_back(name);
        out += ';';
        out += segment;  // as the operator wrote it: carriers can be picky about case
    }
    return out;
}

std::optional<std::string> callerNumber(const std::optional<std::string>& pAssertedIdentity,
                                        const std::optional<std::string>& remotePartyId,
                                        const std::optional<std::string>& from) {
    // RFC 3325 identity first: the network vouches for it; Remote-Party-ID is
    // its pre-standard ancestor still sent by older softswitches; From is
    // whatever the caller chose to write.
    const std::optional<std::string>* sources[] = {&pAssertedIdentity, &remotePartyId, &from};
    for (const auto* source : sources) {
        if (!*source) continue;
        const bool isRpid = source == sources[1];
        for (std::string_view entry : splitHeaderList(**source)) {
            const NameAddr parts = splitNameAddr(entry);
            if (!parts.error.empty()) continue;
            if (isRpid && equalsIgnoreCase(headerParam(parts.headerParams, "party").value_or(""), "called"))
                continue;
            auto party = fromUri(parts.uri);
            if (party && !party->number.empty()) return party->number;
        }
    }
    return std::nullopt;
}

std::string removeVisualSeparators(std::string_view number) {
    std::string out;
    out.reserve(number.size());
    for (char c : number)
        if (!isVisualSeparator(c)) out += c;
    return out;
}

bool looksLikePhoneNumber(std::string_view number) {
    if (!number.empty() && number.front() == '+') number.remove_prefix(1);
    bool sawDigit = false;
    for (char c : number) {
        if (isDigit(c))
            sawDigit = true;
        else if (c != '*' && c != '#')
            return false;
    }
    return sawDigit;
}

std::string significantDigits(std::string_view number) {
    const std::string plain = removeVisualSeparators(number);
    std::string_view digits = plain;
    if (!digits.empty() && digits.front() == '+') digits.remove_prefix(1);
    if (digits.empty() || !std::all_of(digits.begin(), digits.end(), isDigit)) return std::string(number);
    const size_t first = digits.find_first_not_of('0');
    // All zeros stays "0" so that "0" and "" never compare equal.
    return first == std::string_view::npos ? std::string("0") : std::string(digits.substr(first));
}

bool sameNumber(std::string_view a, std::string_view b) {
    return significantDigits(a) == significantDigits(b);
}

}  // namespace sb::routing
