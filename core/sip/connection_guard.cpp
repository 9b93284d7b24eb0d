#include "sip/connection_guard.h"

#include <algorithm>
#include <map>

#include "routing/address_match.h"

namespace sb::sip {

std::vector<ConnectionGuard::Closing> ConnectionGuard::review(
    const std::vector<Connection>& open, const std::function<bool(const std::string& peer)>& inUse, int64_t nowMs) {
    struct Entry {
        const Connection* c;
        int64_t firstSeenMs;
        bool used;
    };
    std::unordered_map<int, std::pair<std::string, int64_t>> seen;
    std::map<std::string, std::vector<Entry>> byAddress;  // peer IP → its connections
    std::vector<Closing> closing;
    for (const Connection& c : open) {
        auto it = m_seen.find(c.fd);
        const int64_t first = (it != m_seen.end() && it->second.first == c.peer) ? it->second.second : nowMs;
        seen.emplace(c.fd, std::make_pair(c.peer, first));
        const bool used = inUse && inUse(c.peer);
        if (!used && m_settings.idleTimeoutS != 0 && c.idleMs >= uint64_t{m_settings.idleTimeoutS} * 1000) {
            closing.push_back({c.fd, c.peer,
                               "silent for " + std::to_string(c.idleMs / 1000) +
                                   " s without a registration or call (setting tcp_idle_timeout)"});
            continue;
        }
        const auto ip = routing::parseEndpointAddress(c.peer);
        if (!ip) continue;
        const bool exempt = std::any_of(m_settings.allowList.begin(), m_settings.allowList.end(),
                                        [&](const std::string& block) { return routing::addressInBlock(*ip, block); });
        if (exempt) continue;
        const std::string host = c.peer.substr(0, c.peer.rfind(':'));
        byAddress[host].push_back({&c, first, used});
    }
    m_seen = std::move(seen);

    if (m_settings.maxPerAddress == 0) return closing;
    for (auto& [host, entries] : byAddress) {
        if (entries.size() <= m_settings.maxPerAddress) continue;
        // Newest first; descriptor numbers break ties within one sweep.
        std::sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) {
            return a.firstSeenMs != b.firstSeenMs ? a.firstSeenMs > b.firstSeenMs : a.c->fd > b.c->fd;
        });
        size_t excess = entries.size() - m_settings.maxPerAddress;
        for (const Entry& e : entries) {
            if (excess == 0) break;
            if (e.used) continue;
            closing.push_back({e.c->fd, e.c->peer,
                               "more than " + std::to_string(m_settings.maxPerAddress) + " connections from " + host +
                                   " (setting tcp_max_per_address)"});
            --excess;
        }
    }
    return closing;
}

}  // namespace sb::sip
