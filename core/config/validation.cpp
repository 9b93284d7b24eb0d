#include "config/validation.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdio>
#include <map>

#include "sip/digest.h"

#ifdef _WIN32
#include <ws2tcpip.h>
#else
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#endif

namespace sb::config {

namespace {

bool equalsIgnoreCaseAscii(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
           });
}

// ASCII only, unlike <cctype>, whose answers depend on the locale.
bool isDigit(char c) {
    return c >= '0' && c <= '9';
}
bool isAlnum(char c) {
    return isDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool isHex(char c) {
    return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

bool allDigits(std::string_view s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), isDigit);
}

// RFC 3261 §25.1: token = 1*(alphanum / "-" / "." / "!" / "%" / "*" / "_" / "+" / "`" / "'" / "~")
bool isTokenChar(char c) {
    return isAlnum(c) || std::string_view("-.!%*_+`'~").find(c) != std::string_view::npos;
}

// RFC 3261 §25.1: user = 1*(unreserved / escaped / user-unreserved); "%" is
// handled by the caller because it must start an escape.
bool isUserChar(char c) {
    return isAlnum(c) || std::string_view("-_.!~*'()&=+$,;?/").find(c) != std::string_view::npos;
}

std::string quoteChar(char c) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u >= 0x7f) {
        char buf[8];
        std::snprintf(buf, sizeof buf, "0x%02X", u);
        return buf;
    }
    return std::string("'") + c + "'";
}

/// Strict unsigned decimal: no sign, no blanks, fits in int64.
std::optional<int64_t> parseDecimal(std::string_view s) {
    if (!allDigits(s) || s.size() > 18) return std::nullopt;
    int64_t v = 0;
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
    return v;
}

std::vector<std::string_view> splitDots(std::string_view s) {
    std::vector<std::string_view> parts;
    for (size_t pos = 0;;) {
        const size_t end = s.find('.', pos);
        parts.push_back(s.substr(pos, end == std::string_view::npos ? end : end - pos));
        if (end == std::string_view::npos) return parts;
        pos = end + 1;
    }
}

bool isIpv4(std::string_view s) {
    // Own parser rather than inet_pton: the libc variants disagree on
    // leading zeros and shorthand forms ("1.2.3"), and this must not.
    const auto parts = splitDots(s);
    return parts.size() == 4 && std::all_of(parts.begin(), parts.end(), [](std::string_view p) {
               return allDigits(p) && p.size() <= 3 && (p.size() == 1 || p[0] != '0') &&
                      *parseDecimal(p) <= 255;
           });
}

bool isIpv6(std::string_view s) {
    if (s.empty() || s.size() > 45) return false;
    if (s.find_first_not_of("0123456789abcdefABCDEF:.") != std::string_view::npos) return false;
    in6_addr addr{};
    const std::string z(s);
    return inet_pton(AF_INET6, z.c_str(), &addr) == 1;
}

bool isHostname(std::string_view s) {
    if (s.empty() || s.size() > 253) return false;
    const auto labels = splitDots(s);
    for (std::string_view label : labels) {
        if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-') return false;
        if (!std::all_of(label.begin(), label.end(), [](char c) { return isAlnum(c) || c == '-'; }))
            return false;
    }
    // RFC 1123 §2.1: an all-numeric top label means the user meant an IPv4
    // address ("192.0.2.300"), so it must not pass as a hostname.
    return !allDigits(labels.back());
}

Check checkOneOf(std::string_view value, std::initializer_list<std::string_view> allowed) {
    std::string list;
    for (auto a : allowed) {
        if (value == a) return std::nullopt;
        list += list.empty() ? "" : ", ";
        list += a;
    }
    return "expected one of " + list;
}

bool isDialChar(char c) {
    return isDigit(c) || c == '*' || c == '#';
}

}  // namespace

Check checkExtensionNumber(std::string_view number) {
    if (number.empty()) return "required";
    if (!allDigits(number)) return "expected digits only";
    if (number.size() > 15) return "expected at most 15 digits";
    return std::nullopt;
}

Check checkDomain(std::string_view domain) {
    if (domain.empty()) return "required";
    if (domain.front() == '[') {
        if (domain.back() == ']' && isIpv6(domain.substr(1, domain.size() - 2))) return std::nullopt;
        return "expected an IPv6 address in brackets, e.g. [2001:db8::1]";
    }
    if (isIpv4(domain) || isHostname(domain)) return std::nullopt;
    if (isIpv6(domain)) return "write IPv6 addresses in brackets, e.g. [" + std::string(domain) + "]";
    return "expected a hostname, an IPv4 address or an [IPv6] address";
}

Check checkHostPort(std::string_view hostPort) {
    const std::string expected = "expected host[:port]";
    constexpr auto npos = std::string_view::npos;
    // A bracketed IPv6 host has colons of its own; the port's colon follows ']'.
    const bool bracketed = !hostPort.empty() && hostPort.front() == '[';
    const size_t hostEnd = bracketed ? hostPort.find(']') : 0;
    if (hostEnd == npos) return expected + ", missing ']'";
    const size_t colon = hostPort.find(':', hostEnd);
    if (!bracketed && colon != npos && hostPort.find(':', colon + 1) != npos)
        return expected + ", with IPv6 addresses in brackets";
    if (auto why = checkDomain(hostPort.substr(0, colon))) return expected + ": host " + *why;
    if (colon != npos) {
        auto port = parseDecimal(hostPort.substr(colon + 1));
        if (!port || checkPort(*port)) return expected + " with port 1 to 65535";
    }
    return std::nullopt;
}

Check checkUriParams(std::string_view params) {
    static constexpr const char* kExpected = "expected name[=value](;name[=value])*";
    if (params.empty()) return std::nullopt;
    if (params.front() == ';') return std::string(kExpected) + " without a leading ';'";
    size_t pos = 0;
    while (pos <= params.size()) {
        size_t end = params.find(';', pos);
        if (end == std::string_view::npos) end = params.size();
        const std::string_view param = params.substr(pos, end - pos);
        const size_t eq = param.find('=');
        const std::string_view name = param.substr(0, eq);
        if (name.empty())
            return std::string(kExpected) + ": empty parameter name at position " + std::to_string(pos + 1);
        if (eq != std::string_view::npos && eq + 1 == param.size())
            return std::string(kExpected) + ": empty value for '" + std::string(name) + "'";
        for (size_t i = 0; i < param.size(); ++i) {
            if (i == eq) continue;
            if (!isTokenChar(param[i]))
                return std::string(kExpected) + ": invalid character " + quoteChar(param[i]) +
                       " at position " + std::to_string(pos + i + 1);
        }
        pos = end + 1;
    }
    return std::nullopt;
}

Check checkRoutePattern(std::string_view pattern) {
    if (pattern.empty()) return "required";
    if (pattern.size() > 64) return "expected at most 64 characters";
    for (size_t i = 0; i < pattern.size(); ++i) {
        const char c = pattern[i];
        if (isDigit(c) || c == 'X' || c == 'Z' || c == 'N') continue;
        if (c == 'x' || c == 'z' || c == 'n') return "write the wildcards X, Z and N in upper case";
        if (c == '.') {
            // "." swallows the rest of the number, so anything after it could never match.
            if (i + 1 != pattern.size()) return "'.' must be the last character";
            if (i == 0) return "'.' needs at least one digit or wildcard before it";
            continue;
        }
        if (c == '[') {
            const size_t close = pattern.find(']', i);
            if (close == std::string_view::npos)
                return "missing ']' after '[' at position " + std::to_string(i + 1);
            const std::string_view set = pattern.substr(i + 1, close - i - 1);
            if (set.empty()) return "empty range [] at position " + std::to_string(i + 1);
            for (size_t k = 0; k < set.size(); ++k) {
                if (!isDigit(set[k])) return "expected digits or ranges such as [1-5] inside [...]";
                if (k + 1 < set.size() && set[k + 1] == '-') {
                    if (k + 2 >= set.size() || !isDigit(set[k + 2]))
                        return "expected digits or ranges such as [1-5] inside [...]";
                    if (set[k + 2] < set[k]) return "range [" + std::string(set) + "] runs backwards";
                    k += 2;
                }
            }
            i = close;
            continue;
        }
        return "unexpected character " + quoteChar(c) + " (allowed: digits, X, Z, N, [1-5], final .)";
    }
    return std::nullopt;
}

Check checkPort(int64_t port) {
    if (port < 1 || port > 65535) return "expected a port number from 1 to 65535";
    return std::nullopt;
}

Check checkIpAddress(std::string_view address) {
    if (address.empty()) return "required";
    if (isIpv4(address) || isIpv6(address)) return std::nullopt;
    return "expected an IPv4 or IPv6 address";
}

Check checkAddress(std::string_view address) {
    if (address.empty()) return "required";
    const size_t slash = address.find('/');
    const std::string_view ip = address.substr(0, slash);
    const bool v4 = isIpv4(ip);
    if (!v4 && !isIpv6(ip)) return "expected an IPv4 or IPv6 address, optionally with /prefix";
    if (slash == std::string_view::npos) return std::nullopt;
    auto prefix = parseDecimal(address.substr(slash + 1));
    const int64_t maxPrefix = v4 ? 32 : 128;
    if (!prefix || *prefix > maxPrefix)
        return "expected a prefix length from 0 to " + std::to_string(maxPrefix);
    return std::nullopt;
}

Check checkDidNumber(std::string_view did) {
    std::string_view digits = did;
    if (!digits.empty() && digits.front() == '+') digits.remove_prefix(1);
    if (!allDigits(digits) || digits.size() > 15) return "expected an optional '+' and 1 to 15 digits";
    return std::nullopt;
}

Check checkText(std::string_view text, size_t maxLength) {
    if (text.size() > maxLength) return "expected at most " + std::to_string(maxLength) + " characters";
    // Control characters would let a value break out of a SIP header line.
    for (size_t i = 0; i < text.size();) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c < 0x20 || c == 0x7f) return "contains a control character";
        size_t len = c < 0x80             ? 1
                     : (c & 0xE0) == 0xC0 ? 2
                     : (c & 0xF0) == 0xE0 ? 3
                     : (c & 0xF8) == 0xF0 ? 4
                                          : 0;
        if (len == 0 || (len == 2 && c < 0xC2) || i + len > text.size()) return "is not valid UTF-8";
        for (size_t k = 1; k < len; ++k)
            if ((static_cast<unsigned char>(text[i + k]) & 0xC0) != 0x80) return "is not valid UTF-8";
        i += len;
    }
    return std::nullopt;
}

Check checkName(std::string_view name) {
    if (name.empty()) return "required";
    if (auto why = checkText(name, 64)) return why;
    if (name.front() == ' ' || name.back() == ' ') return "must not start or end with a space";
    return std::nullopt;
}

Check checkAccount(std::string_view account) {
    if (account.empty()) return "required";
    if (account.size() > 64) return "expected at most 64 characters";
    for (size_t i = 0; i < account.size(); ++i) {
        const char c = account[i];
        if (c == '%') {
            if (i + 2 >= account.size() || !isHex(account[i + 1]) || !isHex(account[i + 2]))
                return "'%' must be followed by two hex digits";
            i += 2;
        } else if (c == '@') {
            return "expected the user part only; the domain goes in the domain field";
        } else if (!isUserChar(c)) {
            return "invalid character " + quoteChar(c) + " for a SIP user name";
        }
    }
    return std::nullopt;
}

Check checkAuthId(std::string_view authId) {
    if (authId.size() > 128) return "expected at most 128 characters";
    for (char c : authId) {
        const auto u = static_cast<unsigned char>(c);
        if (u <= 0x20 || u >= 0x7f || c == '"' || c == '\\')
            return "invalid character " + quoteChar(c) + " (no blanks, quotes or backslashes)";
    }
    return std::nullopt;
}

Check checkPassword(std::string_view password) {
    if (password.empty()) return "required";
    return checkText(password, 128);
}

Check checkExpires(int64_t expiresS) {
    if (expiresS < 30 || expiresS > 86400) return "expected 30 to 86400 seconds";
    return std::nullopt;
}

Check checkOutgroupPrefix(std::string_view prefix) {
    if (prefix.size() > 4 || !std::all_of(prefix.begin(), prefix.end(), isDialChar))
        return "expected up to 4 of 0-9, * and #";
    return std::nullopt;
}

Check checkPrepend(std::string_view prepend) {
    std::string_view rest = prepend;
    if (!rest.empty() && rest.front() == '+') rest.remove_prefix(1);
    if (rest.size() > 20 || !std::all_of(rest.begin(), rest.end(), isDialChar))
        return "expected an optional '+' and up to 20 of 0-9, * and #";
    return std::nullopt;
}

Check checkRingback(std::string_view ringback) {
    return checkOneOf(ringback, {"cn", "eu", "us", "uk"});
}

Check checkCodecName(std::string_view name) {
    if (name.empty() || name.size() > 32) return "expected a codec name of 1 to 32 characters, e.g. PCMA";
    for (char c : name)
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_' && c != '.')
            return std::string("unexpected character '") + c + "' (codec names are letters, digits, - _ .)";
    return std::nullopt;
}

Check checkLogLevel(std::string_view level) {
    return checkOneOf(level, {"error", "warning", "info", "debug"});
}

Check checkAuthAlgorithms(std::string_view list) {
    if (list.empty()) return "required, e.g. MD5 or SHA-256,MD5";
    // The registrar's own parser decides, so what passes here is what it offers.
    auto parsed = sip::parseDigestAlgorithmList(list);
    if (!parsed) return parsed.error().message;
    return std::nullopt;
}

Check checkFilePath(std::string_view path) {
    return checkText(path, 1024);
}

Check checkTransport(store::Transport transport) {
    switch (transport) {
        case store::Transport::Udp:
        case store::Transport::Tcp:
        case store::Transport::Tls:
            return std::nullopt;
    }
    return "expected udp, tcp or tls";
}

std::string FieldError::toString() const {
    return path + ": " + reason;
}

std::string indexPath(std::string_view array, size_t index) {
    return std::string(array) + "[" + std::to_string(index) + "]";
}

std::string memberPath(std::string_view parent, std::string_view key) {
    const bool plain =
        !key.empty() && std::all_of(key.begin(), key.end(), [](char c) { return isAlnum(c) || c == '_'; });
    if (!plain) return keyPath(parent, key);
    return parent.empty() ? std::string(key) : std::string(parent) + "." + std::string(key);
}

std::string keyPath(std::string_view parent, std::string_view key) {
    std::string out(parent);
    out += "[\"";
    for (char c : key) {
        const auto u = static_cast<unsigned char>(c);
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (u < 0x20) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\u%04x", u);
            out += buf;
        } else {
            out += c;
        }
    }
    out += "\"]";
    return out;
}

namespace {

class Validator {
public:
    explicit Validator(const store::Configuration& config) : m_config(config) {}

    std::vector<FieldError> run() {
        if (m_config.version != 1) add("version", "expected 1, got " + std::to_string(m_config.version));
        settings();
        for (size_t i = 0; i < m_config.extensions.size(); ++i) extension(i);
        for (size_t i = 0; i < m_config.lines.size(); ++i) line(i);
        for (size_t i = 0; i < m_config.trunks.size(); ++i) trunk(i);
        for (size_t i = 0; i < m_config.routes.size(); ++i) route(i);
        return std::move(m_errors);
    }

private:
    void add(std::string path, std::string reason) {
        m_errors.push_back({std::move(path), std::move(reason)});
    }
    void check(const std::string& path, const Check& result) {
        if (result) add(path, *result);
    }
    void range(const std::string& path, int64_t value, int64_t lo, int64_t hi, const char* unit) {
        if (value < lo || value > hi)
            add(path, "expected " + std::to_string(lo) + " to " + std::to_string(hi) + unit);
    }
    void checkOptional(const std::string& path, std::string_view value, Check (*fn)(std::string_view)) {
        if (!value.empty()) check(path, fn(value));
    }

    bool extensionExists(const std::string& number) const {
        return std::any_of(m_config.extensions.begin(), m_config.extensions.end(),
                           [&](const store::Extension& e) { return e.number == number; });
    }
    bool lineOrTrunkExists(const std::string& name) const {
        return std::any_of(m_config.lines.begin(), m_config.lines.end(),
                           [&](const store::ExternalLine& l) { return l.name == name; }) ||
               std::any_of(m_config.trunks.begin(), m_config.trunks.end(),
                           [&](const store::SipTrunk& t) { return t.name == name; });
    }

    void settings() {
        const auto& s = m_config.settings;
        check("settings.domain", checkDomain(s.domain));
        check("settings.bind", checkIpAddress(s.bindAddress));
        check("settings.sip_port", checkPort(s.sipPort));
        check("settings.tls_port", checkPort(s.tlsPort));
        if (s.tlsPort == s.sipPort && s.sipPort != 0)
            add("settings.tls_port", "must differ from sip_port (" + std::to_string(s.sipPort) + ")");
        check("settings.rtp_port_min", checkPort(s.rtpPortMin));
        check("settings.rtp_port_max", checkPort(s.rtpPortMax));
        if (s.rtpPortMin >= s.rtpPortMax)
            add("settings.rtp_port_min",
                "must be less than rtp_port_max (" + std::to_string(s.rtpPortMax) + ")");
        else if (s.sipPort >= s.rtpPortMin && s.sipPort <= s.rtpPortMax)
            // SIP and RTP are both UDP on the same address: a media relay
            // socket could take the signalling port.
            add("settings.sip_port", "lies inside the RTP port range " + std::to_string(s.rtpPortMin) + "-" +
                                         std::to_string(s.rtpPortMax));
        check("settings.outgroup_prefix", checkOutgroupPrefix(s.outgroupPrefix));
        check("settings.ringback", checkRingback(s.ringback));
        check("settings.log_level", checkLogLevel(s.logLevel));
        check("settings.auth_algorithms", checkAuthAlgorithms(s.authAlgorithms));
        range("settings.min_expires", s.minExpiresS, 1, 86400, " seconds");
        range("settings.max_expires", s.maxExpiresS, 1, 86400, " seconds");
        if (s.minExpiresS > s.maxExpiresS)
            add("settings.min_expires",
                "must not exceed max_expires (" + std::to_string(s.maxExpiresS) + ")");
        else if (s.defaultExpiresS < s.minExpiresS || s.defaultExpiresS > s.maxExpiresS)
            add("settings.default_expires", "must lie between min_expires and max_expires (" +
                                                std::to_string(s.minExpiresS) + "-" +
                                                std::to_string(s.maxExpiresS) + ")");
        range("settings.max_contacts", s.maxContacts, 1, 100, "");
        range("settings.nonce_lifetime", s.nonceLifetimeS, 1, 86400, " seconds");
        range("settings.qualify_interval", s.qualifyIntervalS, 1, 3600, " seconds");
        check("settings.tls_certificate", checkFilePath(s.tlsCertificate));
        check("settings.tls_private_key", checkFilePath(s.tlsPrivateKey));
        if (!s.tlsPrivateKey.empty() && s.tlsCertificate.empty())
            add("settings.tls_private_key", "needs tls_certificate (a key alone cannot be used)");
        range("settings.media_timeout", s.mediaTimeoutS, 0, 86400, " seconds");
        check("settings.trace_file", checkFilePath(s.traceFile));
        range("settings.trace_file_max_mb", s.traceFileMaxMb, 1, 1024, " MB");
        range("settings.auth_fail_limit", s.authFailLimit, 0, 1000, "");
        range("settings.auth_fail_window", s.authFailWindowS, 1, 86400, " seconds");
        range("settings.ban_time", s.banTimeS, 1, 30 * 86400, " seconds");
        for (size_t k = 0; k < s.allowList.size(); ++k)
            check(indexPath("settings.allow_list", k), checkAddress(s.allowList[k]));
        range("settings.rate_limit", s.rateLimit, 0, 100000, " requests per second");
        range("settings.max_calls", s.maxCalls, 0, 100000, " calls");
        for (size_t k = 0; k < s.codecs.size(); ++k) {
            check(indexPath("settings.codecs", k), checkCodecName(s.codecs[k]));
            for (size_t j = 0; j < k; ++j)
                if (equalsIgnoreCaseAscii(s.codecs[j], s.codecs[k]))
                    add(indexPath("settings.codecs", k), s.codecs[k] + " is listed twice");
        }
        check("settings.tls_ca_file", checkFilePath(s.tlsCaFile));
        range("settings.tcp_max_per_address", s.tcpMaxPerAddress, 0, 100000, " connections");
        range("settings.tcp_idle_timeout", s.tcpIdleTimeoutS, 0, 86400, " seconds");
        // Below 256 descriptors the SIP sockets, database and log leave no room for calls.
        if (s.maxOpenFiles != 0) range("settings.max_open_files", s.maxOpenFiles, 256, 1048576, " descriptors");
        if (s.maxMemoryMb != 0) range("settings.max_memory_mb", s.maxMemoryMb, 64, 1048576, " MB");
    }

    void extension(size_t i) {
        const auto& e = m_config.extensions[i];
        const std::string base = indexPath("extensions", i);
        check(base + ".number", checkExtensionNumber(e.number));
        if (!e.number.empty()) {
            auto [it, inserted] = m_extensionNumbers.emplace(e.number, i);
            if (!inserted)
                add(base + ".number",
                    e.number + " is already used by " + indexPath("extensions", it->second));
        }
        check(base + ".password", checkPassword(e.password));
        check(base + ".name", checkText(e.name, 64));
        range(base + ".ring_timeout", e.ringTimeoutS, 1, 600, " seconds");
    }

    void uniqueName(const std::string& base, const std::string& name) {
        if (name.empty()) return;
        auto [it, inserted] = m_lineTrunkNames.emplace(name, base);
        if (!inserted) add(base + ".name", "\"" + name + "\" is already used by " + it->second);
    }

    void line(size_t i) {
        const auto& l = m_config.lines[i];
        const std::string base = indexPath("lines", i);
        check(base + ".name", checkName(l.name));
        uniqueName(base, l.name);
        check(base + ".domain", checkDomain(l.domain));
        check(base + ".account", checkAccount(l.account));
        check(base + ".auth_id", checkAuthId(l.authId));
        check(base + ".password", checkText(l.password, 128));
        checkOptional(base + ".proxy", l.proxy, checkHostPort);
        check(base + ".transport", checkTransport(l.transport));
        check(base + ".expires", checkExpires(l.expiresS));
        if (!l.incomingExtension.empty() && !extensionExists(l.incomingExtension))
            add(base + ".incoming_extension", "no extension " + l.incomingExtension);
        checkOptional(base + ".caller_id", l.callerId, checkDidNumber);
    }

    void trunk(size_t i) {
        const auto& t = m_config.trunks[i];
        const std::string base = indexPath("trunks", i);
        check(base + ".name", checkName(t.name));
        uniqueName(base, t.name);
        check(base + ".host", checkDomain(t.host));
        check(base + ".port", checkPort(t.port));
        check(base + ".transport", checkTransport(t.transport));
        checkOptional(base + ".proxy", t.proxy, checkHostPort);
        check(base + ".request_uri_params", checkUriParams(t.requestUriParams));
        for (size_t k = 0; k < t.allowedAddresses.size(); ++k)
            check(indexPath(base + ".allowed_addresses", k), checkAddress(t.allowedAddresses[k]));
        for (const auto& [did, extension] : t.dids) {
            const std::string path = keyPath(base + ".dids", did);
            if (auto why = checkDidNumber(did))
                add(path, "DID " + *why);
            else if (!extensionExists(extension))
                add(path, "no extension " + (extension.empty() ? std::string("\"\"") : extension));
        }
        check(base + ".auth_user", checkAuthId(t.authUser));
        check(base + ".auth_password", checkText(t.authPassword, 128));
        if (!t.authPassword.empty() && t.authUser.empty())
            add(base + ".auth_user", "required when auth_password is set");
        checkOptional(base + ".caller_id", t.callerId, checkDidNumber);
        check(base + ".caller_id_prefix", checkPrepend(t.callerIdPrefix));
        if (!t.defaultExtension.empty() && !extensionExists(t.defaultExtension))
            add(base + ".default_extension", "no extension " + t.defaultExtension);
    }

    void route(size_t i) {
        const auto& r = m_config.routes[i];
        const std::string base = indexPath("routes", i);
        check(base + ".pattern", checkRoutePattern(r.pattern));
        if (r.strip < 0) add(base + ".strip", "must not be negative");
        check(base + ".prepend", checkPrepend(r.prepend));
        if (r.target.empty())
            add(base + ".target", "required");
        else if (!lineOrTrunkExists(r.target))
            add(base + ".target", "no line or trunk named \"" + r.target + "\"");
        if (!r.failover.empty()) {
            if (!lineOrTrunkExists(r.failover))
                add(base + ".failover", "no line or trunk named \"" + r.failover + "\"");
            else if (r.failover == r.target)
                add(base + ".failover", "names the same line or trunk as target");
        }
        for (size_t k = 0; k < r.allowedExtensions.size(); ++k)
            if (!extensionExists(r.allowedExtensions[k]))
                add(indexPath(base + ".allowed_extensions", k), "no extension " + r.allowedExtensions[k]);
    }

    const store::Configuration& m_config;
    std::vector<FieldError> m_errors;
    std::map<std::string, size_t> m_extensionNumbers;
    std::map<std::string, std::string> m_lineTrunkNames;
};

}  // namespace

std::vector<FieldError> validate(const store::Configuration& config) {
    return Validator(config).run();
}

}  // namespace sb::config
