#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace sb::media {

/// RFC 4566 §6 / RFC 3264 §5.1 media direction, always from the point of view
/// of the party that wrote the SDP. Zero is not a value (STYLE.md).
enum class Direction { SendRecv = 1, SendOnly, RecvOnly, Inactive };

/// "sendrecv", "sendonly", "recvonly" or "inactive".
std::string_view toString(Direction direction);

/// The inverse of toString(); std::nullopt for any other text.
std::optional<Direction> directionFromString(std::string_view text);

/// True when the party that wrote @p direction wants to receive media.
constexpr bool receives(Direction direction) {
    return direction == Direction::SendRecv || direction == Direction::RecvOnly;
}

/// True when the party that wrote @p direction will send media.
constexpr bool sends(Direction direction) {
    return direction == Direction::SendRecv || direction == Direction::SendOnly;
}

/// The direction an answerer mirrors to @p offered (RFC 3264 §6.1): sendonly
/// becomes recvonly and vice versa.
Direction mirrored(Direction offered);

/// A transport address as SDP carries it: a numeric IPv4/IPv6 address (or,
/// rarely, a host name) and a UDP port.
struct Endpoint {
    std::string address;
    uint16_t port = 0;

    /// "192.0.2.1:4000" or "[2001:db8::1]:4000".
    std::string toString() const;
    bool operator==(const Endpoint&) const = default;
};

}  // namespace sb::media
