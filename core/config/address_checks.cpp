// Network syntax of configuration fields: hosts, ports, addresses, URI
// parameters.
#include "config/validation.h"

#include <algorithm>
#include <vector>

#include "config/check_chars.h"

#ifdef _WIN32
#include <ws2tcpip.h>
#else
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#endif

namespace sb::config {

using detail::allDigits;
using detail::isAlnum;
using detail::parseDecimal;
using detail::quoteChar;

namespace {

// RFC 3261 §25.1: token = 1*(alphanum / "-" / "." / "!" / "%" / "*" / "_" / "+" / "`" / "'" / "~")
bool isTokenChar(char c) {
    return isAlnum(c) || std::string_view("-.!%*_+`'~").find(c) != std::string_view::npos;
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

}  // namespace

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

}  // namespace sb::config
