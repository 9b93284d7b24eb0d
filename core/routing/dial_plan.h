#pragma once

// The dial plan: which external line or SIP trunk an outgoing call leaves
// by (routes, in order, first match wins, with a failover target), how its
// Request-URI is written for that carrier, and which extension an incoming
// call from a trunk or line rings. Pure logic over a configuration snapshot:
// the engine builds a new DialPlan whenever the configuration changes.
// docs/routing.md describes the rules for people configuring Switchboard.

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "routing/dial_pattern.h"
#include "routing/party.h"
#include "store/records.h"

namespace sb::routing {

/// What a route target names. Zero is deliberately not a value.
enum class TargetKind : int { Line = 1, Trunk = 2 };

const char* targetKindName(TargetKind kind);  ///< "line", "trunk"

/// The route an outgoing number matched.
struct RouteMatch {
    size_t ruleIndex = 0;  ///< 0-based index into Configuration::routes
    std::string pattern;
    std::string number;  ///< the dialled number after strip, then prepend
    std::string target;
    std::string failover;  ///< empty when the rule has none

    bool operator==(const RouteMatch&) const = default;
};

/// One way of placing the call: an INVITE to send.
struct Attempt {
    TargetKind kind = TargetKind::Trunk;
    std::string name;        ///< line or trunk name
    std::string number;      ///< user part sent (RouteMatch::number)
    std::string requestUri;  ///< always `sip:` (toSipUri)
    /// Where the INVITE is sent, host[:port]: the outbound proxy when one is
    /// set, otherwise the line's domain or the trunk's host:port.
    std::string nextHop;
    store::Transport transport = store::Transport::Udp;
    bool viaProxy = false;    ///< nextHop is a proxy, so it goes in a Route header
    bool omit100rel = false;  ///< disable_100rel: no `100rel` anywhere in the INVITE
    /// tls_verify with transport tls: the peer's certificate must chain to a
    /// trusted authority and name nextHop's host.
    bool tlsVerify = false;
    std::string fromUser;     ///< line: its account; trunk: the calling extension
    std::string fromHost;     ///< line: its domain; trunk: settings.domain
    /// Number asserted in an identity header, empty for none: a line's
    /// caller_id goes in P-Preferred-Identity (the carrier asserts it), a
    /// trunk's presented number in P-Asserted-Identity (the peer trusts us).
    std::string identityNumber;
    std::string identityHeader;  ///< "P-Preferred-Identity" or "P-Asserted-Identity"
    std::string authUser;        ///< credentials for a challenged INVITE; empty = none
    std::string authPassword;

    /// `sip:<nextHop>;transport=<udp|tcp|tls>`, plus `;lr` when viaProxy:
    /// the route libre's request functions take.
    std::string nextHopUri() const;

    bool operator==(const Attempt&) const = default;
};

/// Everything the call layer needs to place an outgoing call.
struct OutgoingPlan {
    std::optional<RouteMatch> route;  ///< nullopt: no rule matches (answer 404)
    /// Primary then failover; targets that are unknown or disabled are left
    /// out (and named in skipped). Empty with a route: answer 503.
    std::vector<Attempt> attempts;
    std::vector<std::string> skipped;  ///< e.g. `line "ims" is disabled`
    /// No route: a rule matched but the calling extension may not use it
    /// (answer 403 rather than 404).
    bool forbidden = false;
};

/// The SIP status 0 stands for "no final response": the transaction timed
/// out or the next hop could not be reached (DNS, ICMP, TCP/TLS connect).
inline constexpr int kNoResponse = 0;

/// Whether an attempt that ended with @p status should be followed by the
/// next one. True for kNoResponse, 408 Request Timeout and every 5xx (503
/// included): the carrier or its path failed. False for the other 4xx (the
/// number is wrong or busy, a second carrier would say the same), 6xx
/// (global: the callee declined), and 1xx-3xx. The call layer also stops
/// once the call was answered or the caller cancelled.
bool shouldFailOver(int status);

/// How an incoming request was tied to a trunk or line.
enum class InboundReason : int {
    TrunkDid = 1,     ///< trunk source address and a DID of that trunk
    LineAccount = 2,  ///< Request-URI user is the line's account
    LineAddress = 3,  ///< source is the line's proxy (or domain, without proxy)
    TrunkAddress = 4  ///< trunk source address, but no DID matched
};

/// An incoming request from a trunk or line and the extension it rings.
struct InboundMatch {
    TargetKind kind = TargetKind::Trunk;
    std::string name;  ///< trunk or line name
    /// Extension to ring; empty when the trunk/line is recognised but nothing
    /// is configured to ring (the SIP layer answers 404 Not Found).
    std::string extension;
    /// True when that number is an auto-attendant menu rather than an
    /// extension (a DID, incoming_extension or default_extension may name one).
    bool menu = false;
    /// True when that number is a ring group (the same DIDs and defaults may name one).
    bool group = false;
    std::string calledNumber;  ///< the request's number that matched (or the R-URI's)
    std::string did;           ///< the configured DID key for TrunkDid, else empty
    InboundReason reason = InboundReason::TrunkDid;

    bool operator==(const InboundMatch&) const = default;
};

/// Outbound routes and inbound recognition over one configuration snapshot.
class DialPlan {
public:
    /// Copies what it needs from @p config. Routes whose pattern does not
    /// compile never match; problems() lists them (validation refuses such
    /// configurations, so this only guards against an unchecked snapshot).
    explicit DialPlan(const store::Configuration& config);

    /// The first route, in configuration order, whose pattern matches
    /// @p dialled. A rule whose strip leaves no digits is passed over.
    /// Rules whose allowed_extensions leave @p callingExtension out are passed
    /// over; @p forbidden (optional) tells whether one of them matched.
    std::optional<RouteMatch> match(const std::string& dialled, const std::string& callingExtension,
                                    bool* forbidden = nullptr) const;

    /// Whether @p name is a line or a trunk (enabled or not); names are unique
    /// across both, and a line wins should a bad configuration repeat one.
    std::optional<TargetKind> targetKind(const std::string& name) const;

    /// The full outgoing plan: the matching route and its attempts.
    OutgoingPlan plan(const std::string& dialled, const std::string& callingExtension) const;

    /// One line for a person ("Test a number" on the Routes tab), e.g.
    /// `rule 1 (9.) → trunk "carrier": sip:013901088888@203.0.113.5:5060;user=phone; failover line
    /// "ims": sip:013901088888@gd.ctcims.cn;user=phone`, `no rule matches 12345`, or, for the
    /// number of an enabled extension, `100 is extension 100 "Reception"; routes are not consulted`.
    std::string explain(const std::string& dialled, const std::string& callingExtension) const;

    /// Which trunk or line an incoming request comes from and what it rings.
    /// Checked in this order, first hit wins:
    ///  1. an enabled trunk whose allowed_addresses contain @p sourceAddress
    ///     (or, with none listed, whose host is that IP literal) and which has
    ///     a DID for the Request-URI number, else for the To number;
    ///  2. an enabled line whose account is the Request-URI number;
    ///  3. an enabled line whose proxy (or, without proxy, domain) is the
    ///     IP literal @p sourceAddress;
    ///  4. the first enabled trunk matching by source alone.
    /// Numbers compare with findDid() / sameNumber().
    /// @param sourceAddress `ip`, `ip:port` or `[ipv6]:port` the request came from
    /// @return nullopt when it is no trunk's or line's call
    std::optional<InboundMatch> inbound(std::string_view sourceAddress, const Party& requestUri,
                                        const Party& to) const;

    /// How @p number would be sent through line or trunk @p name directly,
    /// without a route (the carrier self-test); nullopt with @p why when
    /// @p name is no enabled line or trunk. Trunks present "anonymous"
    /// unless they have a fixed caller_id.
    std::optional<Attempt> attemptThrough(const std::string& name, const std::string& number,
                                          std::string* why = nullptr) const;

    /// Routes left out of matching, as `routes[2].pattern: reason`.
    const std::vector<std::string>& problems() const { return m_problems; }

private:
    std::optional<Attempt> attemptFor(const std::string& name, const std::string& number,
                                      const std::string& callingExtension, std::string& skipped) const;
    const store::ExternalLine* findLine(const std::string& name) const;
    const store::SipTrunk* findTrunk(const std::string& name) const;
    /// @p m with InboundMatch::menu filled in.
    InboundMatch withTargetKind(InboundMatch m) const;

    store::Configuration m_config;
    std::vector<std::optional<DialPattern>> m_patterns;  ///< parallel to m_config.routes
    std::vector<std::string> m_problems;
};

/// The DID of @p dids (key → extension) that @p number reaches, or nullopt.
/// Numbers compare by significantDigits(), so `+8613901088888`,
/// `8613901088888`, `008613901088888` and `tel:+86-139-0108-8888` are one.
/// When no DID is equal that way, a DID whose significant digits end with
/// the number's (or the other way round) is taken, provided the shorter has
/// at least kMinSuffixDigits digits and exactly one DID matches so: this
/// lets a DID written as `+8613901088888` take a national `013901088888`
/// or `13901088888`.
std::optional<std::string> findDid(const std::map<std::string, std::string>& dids, std::string_view number);

/// Shortest number findDid() matches by its trailing digits.
inline constexpr size_t kMinSuffixDigits = 7;

}  // namespace sb::routing
