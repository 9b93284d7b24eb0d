// DialPlan::inbound and DID matching: which trunk or line an incoming request
// belongs to, and which extension it rings.

#include <algorithm>

#include "routing/address_match.h"
#include "routing/dial_plan.h"

namespace sb::routing {
namespace {

bool allDigits(std::string_view s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool endsWith(std::string_view text, std::string_view suffix) {
    return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

/// The host of "host[:port]" (IPv6 keeps its brackets; parseIp takes them).
std::string_view hostOf(std::string_view hostPort) {
    if (!hostPort.empty() && hostPort.front() == '[') return hostPort.substr(0, hostPort.find(']') + 1);
    return hostPort.substr(0, hostPort.find(':'));
}

/// Whether a request from @p source can be the trunk's. Hostnames are not
/// resolved here (no I/O in routing): a trunk known by name needs
/// allowed_addresses to be recognised.
bool fromTrunk(const store::SipTrunk& trunk, const IpAddress& source) {
    if (trunk.allowedAddresses.empty()) return addressInBlock(source, trunk.host);
    return std::any_of(trunk.allowedAddresses.begin(), trunk.allowedAddresses.end(),
                       [&](const std::string& block) { return addressInBlock(source, block); });
}

}  // namespace

std::optional<std::string> findDid(const std::map<std::string, std::string>& dids, std::string_view number) {
    const std::string wanted = significantDigits(number);
    if (wanted.empty()) return std::nullopt;
    for (const auto& [did, extension] : dids)
        if (significantDigits(did) == wanted) return did;
    // National or subscriber-only forms of an E.164 DID (and the reverse):
    // only when the overlap is long enough to be a subscriber number and no
    // other DID could claim the call.
    if (!allDigits(wanted)) return std::nullopt;
    std::optional<std::string> found;
    for (const auto& [did, extension] : dids) {
        const std::string key = significantDigits(did);
        if (!allDigits(key) || std::min(key.size(), wanted.size()) < kMinSuffixDigits) continue;
        if (!endsWith(key, wanted) && !endsWith(wanted, key)) continue;
        if (found) return std::nullopt;  // ambiguous: refuse rather than ring the wrong desk
        found = did;
    }
    return found;
}

std::optional<InboundMatch> DialPlan::inbound(std::string_view sourceAddress, const Party& requestUri,
                                              const Party& to) const {
    const auto source = parseEndpointAddress(sourceAddress);
    std::vector<const store::SipTrunk*> trunks;
    if (source)
        for (const auto& trunk : m_config.trunks)
            if (trunk.enabled && fromTrunk(trunk, *source)) trunks.push_back(&trunk);

    // Carriers put the DID in the Request-URI, except those that send to the
    // contact they know us by and leave the dialled number in To.
    std::vector<const std::string*> numbers;
    if (!requestUri.number.empty()) numbers.push_back(&requestUri.number);
    if (!to.number.empty()) numbers.push_back(&to.number);

    for (const std::string* number : numbers) {
        for (const auto* trunk : trunks) {
            if (auto did = findDid(trunk->dids, *number)) {
                InboundMatch m;
                m.kind = TargetKind::Trunk;
                m.name = trunk->name;
                m.extension = trunk->dids.at(*did);
                m.calledNumber = *number;
                m.did = *did;
                m.reason = InboundReason::TrunkDid;
                return withTargetKind(m);
            }
        }
    }

    auto lineMatch = [&](const store::ExternalLine& line, InboundReason reason) {
        InboundMatch m;
        m.kind = TargetKind::Line;
        m.name = line.name;
        m.extension = line.incomingExtension;
        m.calledNumber = requestUri.number;
        m.reason = reason;
        return m;
    };
    if (!requestUri.number.empty())
        for (const auto& line : m_config.lines)
            if (line.enabled && sameNumber(line.account, requestUri.number))
                return withTargetKind(lineMatch(line, InboundReason::LineAccount));
    if (source) {
        for (const auto& line : m_config.lines) {
            if (!line.enabled) continue;
            // The proxy is the carrier's edge; without one, the domain is
            // (when it is an address at all and not a logical IMS name).
            const auto edge = parseIp(hostOf(line.proxy.empty() ? line.domain : line.proxy));
            if (edge && *edge == *source) return withTargetKind(lineMatch(line, InboundReason::LineAddress));
        }
    }

    if (!trunks.empty()) {
        // The trunk's own address, but none of its DIDs: its default
        // extension rings; without one nothing does (404).
        InboundMatch m;
        m.kind = TargetKind::Trunk;
        m.name = trunks.front()->name;
        m.extension = trunks.front()->defaultExtension;
        m.calledNumber = numbers.empty() ? std::string() : *numbers.front();
        m.reason = InboundReason::TrunkAddress;
        return withTargetKind(m);
    }
    return std::nullopt;
}

InboundMatch DialPlan::withTargetKind(InboundMatch m) const {
    // Validation keeps menu and extension numbers apart, so the number alone says which.
    m.menu = !m.extension.empty() && std::any_of(m_config.menus.begin(), m_config.menus.end(),
                                                 [&](const store::IvrMenu& menu) { return menu.number == m.extension; });
    m.group = !m.extension.empty() && std::any_of(m_config.groups.begin(), m_config.groups.end(),
                                                  [&](const store::RingGroup& g) { return g.number == m.extension; });
    return m;
}

}  // namespace sb::routing
