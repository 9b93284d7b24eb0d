#pragma once

// Which outgoing TLS connections must prove who they are, and as whom.
//
// libre keeps one TCP/TLS connection per peer address and opens it itself,
// for our requests and for its own (a line's REGISTER refreshes come from
// its timers), so the policy is kept per peer address:
//  - a line's or trunk's hop written as an IP literal maps to its address
//    (port as configured, else 5061);
//  - each request we send over TLS tells, from its send handler, where it
//    is going and what the peer must show (a hop written as a DNS name is
//    known this way once libre has resolved it; phones need no check);
//  - a connection to an address neither knows must show a certificate
//    naming one of the DNS-named hops that verify (fail closed), or nothing
//    when no such hop exists.
// Plain logic without OpenSSL; tls_verifier.cpp applies it.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/records.h"

namespace sb::sip {

/// What the peer of a TLS connection must show before anything is sent.
struct TlsExpectation {
    bool verify = false;
    /// The certificate must name one of these: DNS names (lower case) or IP
    /// literals (IPv6 without brackets).
    std::vector<std::string> hosts;
    /// Who asked, for messages: `line "ims"`, `trunk "carrier"`.
    std::string who;

    bool operator==(const TlsExpectation&) const = default;
};

/// A "host[:port]" as configured.
struct HostPort {
    std::string host;   ///< lower case; IPv6 without brackets
    uint16_t port = 0;  ///< 0 = none given
};

/// Split "host", "host:port", "[v6]" or "[v6]:port" (a bare IPv6 address
/// is taken whole); nullopt when empty or the port is not 1-65535.
std::optional<HostPort> splitHostPort(std::string_view text);

/// True when @p host is an IPv4 or IPv6 literal (no brackets).
bool isIpLiteral(const std::string& host);

/// The host a line's carrier certificate must name: its outbound proxy's
/// host when it has one, else its domain.
std::string expectedTlsHost(const store::ExternalLine& line);
/// The host a trunk peer's certificate must name: its proxy's host when it
/// has one, else its host.
std::string expectedTlsHost(const store::SipTrunk& trunk);

/// A hop of an enabled line or trunk that uses TLS.
struct TlsHop {
    std::string who;     ///< `line "ims"`
    std::string host;    ///< as expectedTlsHost()
    uint16_t port = 0;   ///< as configured; 0 = none (5061 for an IP literal)
    bool verify = true;  ///< tls_verify

    bool operator==(const TlsHop&) const = default;
};

/// The TLS hops of @p config's enabled lines and trunks.
std::vector<TlsHop> tlsHops(const store::Configuration& config);

class TlsPeerPolicy {
public:
    /// How long a send handler's word about an address counts: a TCP
    /// connect plus a handshake finish well within it.
    static constexpr int64_t kExpectationTtlMs = 120'000;
    /// How long a refusal is reported to a line asking why it failed.
    static constexpr int64_t kFailureTtlMs = 60'000;

    /// Replace the configured hops (configuration change).
    void setHops(const std::vector<TlsHop>& hops);

    /// One of our requests is being sent to @p address ("ip:port") over TLS.
    void expect(const std::string& address, TlsExpectation expectation, int64_t nowMs);

    /// What a new client connection to @p address must show; nullopt when
    /// its address could not be found out (then every hop that verifies
    /// is a candidate).
    TlsExpectation forConnection(const std::optional<std::string>& address, int64_t nowMs) const;

    /// Remember why a connection meant for @p hosts was refused.
    void recordFailure(const std::vector<std::string>& hosts, const std::string& why, int64_t nowMs);
    /// A connection meant for @p hosts proved itself: forget older refusals.
    void recordSuccess(const std::vector<std::string>& hosts);
    /// Why the latest connection meant for @p host was refused, when that
    /// happened within kFailureTtlMs.
    std::optional<std::string> recentFailure(const std::string& host, int64_t nowMs) const;

private:
    struct Expected {
        TlsExpectation expectation;
        int64_t atMs = 0;
    };
    struct Failure {
        std::string why;
        int64_t atMs = 0;
    };
    std::map<std::string, TlsExpectation> m_byAddress;  ///< IP-literal hops, merged per address
    TlsExpectation m_namedHops;                         ///< DNS-named hops that verify, merged
    TlsExpectation m_allHops;                           ///< every hop that verifies, merged
    std::map<std::string, Expected> m_expected;         ///< from send handlers, by address
    int64_t m_prunedAtMs = 0;
    std::map<std::string, Failure> m_failures;  ///< by host
};

}  // namespace sb::sip
