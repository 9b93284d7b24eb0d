#pragma once

// IP literals and CIDR blocks, parsed without the socket API so that the
// routing module stays pure logic (and identical on Windows and Linux).
// Used to recognise which trunk or line a request's source address belongs to.

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

namespace sb::routing {

/// An IPv4 or IPv6 address. IPv4 is kept in the first 4 bytes.
struct IpAddress {
    std::array<uint8_t, 16> bytes{};
    bool isV4 = false;

    bool operator==(const IpAddress&) const = default;
};

/// Parse an IPv4 or IPv6 literal; IPv6 may be in brackets and carry a zone
/// (`%eth0`, ignored). An IPv4-mapped IPv6 address (`::ffff:192.0.2.1`,
/// what a dual-stack socket reports) is returned as IPv4.
std::optional<IpAddress> parseIp(std::string_view text);

/// Parse the address of an endpoint as the SIP layer writes it: `ip`,
/// `ip:port`, `[ipv6]`, `[ipv6]:port` or a bare IPv6 literal. The port is
/// dropped: a carrier may send from another port than it listens on.
std::optional<IpAddress> parseEndpointAddress(std::string_view text);

/// Whether @p address lies in @p block: an IP literal (exact match) or
/// `ip/prefix` (CIDR). A malformed block matches nothing.
bool addressInBlock(const IpAddress& address, std::string_view block);

}  // namespace sb::routing
