#include "sip/tls_peer_policy.h"

#include <re.h>

#include <algorithm>
#include <cctype>

#include "sip/message.h"

namespace sb::sip {

namespace {

constexpr uint16_t kSipsPort = 5061;  // RFC 3261 §19.1.2: the default for TLS

std::string lowerAscii(std::string_view text) {
    std::string out(text);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

std::optional<uint16_t> parsePort(std::string_view text) {
    if (text.empty() || text.size() > 5) return std::nullopt;
    uint32_t port = 0;
    for (char c : text) {
        if (c < '0' || c > '9') return std::nullopt;
        port = port * 10 + static_cast<uint32_t>(c - '0');
    }
    if (port == 0 || port > 65535) return std::nullopt;
    return static_cast<uint16_t>(port);
}

/// "127.0.0.1:5061" / "[::1]:5061", as libre prints a peer (addressText).
std::optional<std::string> literalAddress(const std::string& host, uint16_t port) {
    struct sa address;
    if (sa_set_str(&address, host.c_str(), port) != 0) return std::nullopt;
    return addressText(address);
}

std::string joinWho(const std::string& a, const std::string& b) {
    if (a.empty() || a == b) return b;
    if (b.empty() || a.find(b) != std::string::npos) return a;
    return a + ", " + b;
}

/// Both must be satisfied by the one connection libre keeps to an address:
/// it is checked when either asks, against the names of those that ask.
TlsExpectation merged(TlsExpectation a, const TlsExpectation& b) {
    if (!b.verify) {
        if (!a.verify) a.who = joinWho(a.who, b.who);
        return a;
    }
    if (!a.verify) return b;
    for (const auto& host : b.hosts)
        if (std::find(a.hosts.begin(), a.hosts.end(), host) == a.hosts.end()) a.hosts.push_back(host);
    a.who = joinWho(a.who, b.who);
    return a;
}

std::optional<TlsHop> hopOf(std::string who, const std::string& hostPort, uint16_t defaultPort, bool verify) {
    auto split = splitHostPort(hostPort);
    if (!split) return std::nullopt;
    return TlsHop{std::move(who), split->host, split->port ? split->port : defaultPort, verify};
}

}  // namespace

std::optional<HostPort> splitHostPort(std::string_view text) {
    if (text.empty()) return std::nullopt;
    HostPort out;
    std::string_view portText;
    if (text.front() == '[') {
        const size_t close = text.find(']');
        if (close == std::string_view::npos || close == 1) return std::nullopt;
        out.host = lowerAscii(text.substr(1, close - 1));
        const std::string_view rest = text.substr(close + 1);
        if (!rest.empty()) {
            if (rest.front() != ':') return std::nullopt;
            portText = rest.substr(1);
            if (portText.empty()) return std::nullopt;
        }
    } else if (std::count(text.begin(), text.end(), ':') > 1) {
        out.host = lowerAscii(text);  // a bare IPv6 address has no port
    } else {
        const size_t colon = text.find(':');
        out.host = lowerAscii(text.substr(0, colon));
        if (colon != std::string_view::npos) {
            portText = text.substr(colon + 1);
            if (portText.empty()) return std::nullopt;
        }
    }
    if (out.host.empty()) return std::nullopt;
    if (!portText.empty()) {
        auto port = parsePort(portText);
        if (!port) return std::nullopt;
        out.port = *port;
    }
    return out;
}

bool isIpLiteral(const std::string& host) {
    struct sa address;
    return sa_set_str(&address, host.c_str(), 0) == 0;
}

std::string expectedTlsHost(const store::ExternalLine& line) {
    auto split = splitHostPort(line.proxy.empty() ? line.domain : line.proxy);
    return split ? split->host : std::string();
}

std::string expectedTlsHost(const store::SipTrunk& trunk) {
    auto split = splitHostPort(trunk.proxy.empty() ? trunk.host : trunk.proxy);
    return split ? split->host : std::string();
}

std::vector<TlsHop> tlsHops(const store::Configuration& config) {
    std::vector<TlsHop> hops;
    for (const auto& line : config.lines) {
        if (!line.enabled || line.transport != store::Transport::Tls) continue;
        if (auto hop = hopOf("line \"" + line.name + "\"", line.proxy.empty() ? line.domain : line.proxy, 0,
                             line.tlsVerify))
            hops.push_back(std::move(*hop));
    }
    for (const auto& trunk : config.trunks) {
        if (!trunk.enabled || trunk.transport != store::Transport::Tls) continue;
        const bool direct = trunk.proxy.empty();
        if (auto hop = hopOf("trunk \"" + trunk.name + "\"", direct ? trunk.host : trunk.proxy,
                             direct ? trunk.port : 0, trunk.tlsVerify))
            hops.push_back(std::move(*hop));
    }
    return hops;
}

void TlsPeerPolicy::setHops(const std::vector<TlsHop>& hops) {
    m_byAddress.clear();
    m_namedHops = {};
    m_allHops = {};
    for (const auto& hop : hops) {
        const TlsExpectation expectation{hop.verify, {hop.host}, hop.who};
        if (auto address = literalAddress(hop.host, hop.port ? hop.port : kSipsPort)) {
            auto it = m_byAddress.find(*address);
            if (it == m_byAddress.end())
                m_byAddress.emplace(*address, expectation);
            else
                it->second = merged(it->second, expectation);
        } else if (hop.verify) {
            m_namedHops = merged(m_namedHops, expectation);
        }
        if (hop.verify) m_allHops = merged(m_allHops, expectation);
    }
}

void TlsPeerPolicy::expect(const std::string& address, TlsExpectation expectation, int64_t nowMs) {
    // Keyed by address, so this stays as small as the set of recent peers.
    if (nowMs - m_prunedAtMs >= 1000) {
        std::erase_if(m_expected,
                      [nowMs](const auto& e) { return nowMs - e.second.atMs > kExpectationTtlMs; });
        m_prunedAtMs = nowMs;
    }
    auto it = m_expected.find(address);
    if (it != m_expected.end() && nowMs - it->second.atMs <= kExpectationTtlMs)
        expectation = merged(it->second.expectation, expectation);
    m_expected[address] = Expected{std::move(expectation), nowMs};
}

TlsExpectation TlsPeerPolicy::forConnection(const std::optional<std::string>& address, int64_t nowMs) const {
    if (!address) return m_allHops;
    const auto configured = m_byAddress.find(*address);
    const auto said = m_expected.find(*address);
    const bool fresh = said != m_expected.end() && nowMs - said->second.atMs <= kExpectationTtlMs;
    if (configured != m_byAddress.end() && fresh) return merged(configured->second, said->second.expectation);
    if (configured != m_byAddress.end()) return configured->second;
    if (fresh) return said->second.expectation;
    return m_namedHops;
}

void TlsPeerPolicy::recordFailure(const std::vector<std::string>& hosts, const std::string& why,
                                  int64_t nowMs) {
    for (const auto& host : hosts) m_failures[lowerAscii(host)] = Failure{why, nowMs};
}

void TlsPeerPolicy::recordSuccess(const std::vector<std::string>& hosts) {
    for (const auto& host : hosts) m_failures.erase(lowerAscii(host));
}

std::optional<std::string> TlsPeerPolicy::recentFailure(const std::string& host, int64_t nowMs) const {
    auto it = m_failures.find(lowerAscii(host));
    if (it == m_failures.end() || nowMs - it->second.atMs > kFailureTtlMs) return std::nullopt;
    return it->second.why;
}

}  // namespace sb::sip
