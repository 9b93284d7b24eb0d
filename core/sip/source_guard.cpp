#include "sip/source_guard.h"

#include <algorithm>
#include <cctype>

#include "routing/address_match.h"

namespace sb::sip {

namespace {

bool containsNoCase(std::string_view text, std::string_view word) {
    auto it = std::search(text.begin(), text.end(), word.begin(), word.end(), [](char a, char b) {
        return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b));
    });
    return it != text.end();
}

}  // namespace

bool SourceGuard::isScannerAgent(std::string_view userAgent) {
    // The user agents of the common SIP attack tools (SIPVicious and its
    // forks, sipcli, SIPScan, sundayddr, VaxIPUserAgent, ...).
    static constexpr std::string_view kAgents[] = {"friendly-scanner", "sipvicious", "sipcli",     "sip-scan",
                                                   "sipsak",           "sundayddr",  "iWar",       "SIVuS",
                                                   "VaxSIPUserAgent",  "smap",       "PortSIP VoIP SDK"};
    return std::any_of(std::begin(kAgents), std::end(kAgents),
                       [&](std::string_view agent) { return containsNoCase(userAgent, agent); });
}

void SourceGuard::configure(Settings settings) { m_settings = std::move(settings); }

bool SourceGuard::allowListed(const std::string& address) const {
    const auto ip = routing::parseIp(address);
    if (!ip) return false;
    return std::any_of(m_settings.allowList.begin(), m_settings.allowList.end(),
                       [&](const std::string& block) { return routing::addressInBlock(*ip, block); });
}

void SourceGuard::restore(const std::vector<Ban>& bans, int64_t nowMs) {
    for (const auto& ban : bans) {
        if (ban.untilMs > nowMs) {
            m_bans[ban.address] = ban;
        } else if (m_hook) {
            m_hook(ban, true);
        }
    }
}

bool SourceGuard::isBanned(const std::string& address, int64_t nowMs) const {
    auto it = m_bans.find(address);
    return it != m_bans.end() && it->second.untilMs > nowMs;
}

SourceGuard::Verdict SourceGuard::admit(const std::string& address, std::string_view userAgent, int64_t nowMs) {
    if (!m_bans.empty() && isBanned(address, nowMs)) return Verdict::Banned;
    if (m_settings.dropScanners && !userAgent.empty() && isScannerAgent(userAgent)) return Verdict::Scanner;
    if (m_settings.rateLimit == 0 || allowListed(address)) return Verdict::Admit;
    Counter& c = m_counters[address];
    const int64_t second = nowMs / 1000;
    if (c.second != second) {
        c.second = second;
        c.requests = 0;
    }
    return ++c.requests > m_settings.rateLimit ? Verdict::RateLimited : Verdict::Admit;
}

void SourceGuard::authFailed(const std::string& address, int64_t nowMs) {
    if (m_settings.authFailLimit == 0 || allowListed(address) || isBanned(address, nowMs)) return;
    Counter& c = m_counters[address];
    const int64_t windowStart = nowMs - int64_t{m_settings.authFailWindowS} * 1000;
    c.failures.erase(c.failures.begin(),
                     std::find_if(c.failures.begin(), c.failures.end(), [&](int64_t t) { return t > windowStart; }));
    c.failures.push_back(nowMs);
    if (c.failures.size() < m_settings.authFailLimit) return;
    Ban ban{address,
            std::to_string(c.failures.size()) + " failed authentications in " +
                std::to_string(m_settings.authFailWindowS) + " s",
            nowMs, nowMs + int64_t{m_settings.banTimeS} * 1000};
    c.failures.clear();
    m_bans[address] = ban;
    if (m_hook) m_hook(ban, false);
}

bool SourceGuard::unban(const std::string& address) {
    auto it = m_bans.find(address);
    if (it == m_bans.end()) return false;
    const Ban ban = it->second;
    m_bans.erase(it);
    if (m_hook) m_hook(ban, true);
    return true;
}

void SourceGuard::sweep(int64_t nowMs) {
    for (auto it = m_bans.begin(); it != m_bans.end();) {
        if (it->second.untilMs <= nowMs) {
            const Ban ban = it->second;
            it = m_bans.erase(it);
            if (m_hook) m_hook(ban, true);
        } else {
            ++it;
        }
    }
    const int64_t windowStart = nowMs - int64_t{m_settings.authFailWindowS} * 1000;
    for (auto it = m_counters.begin(); it != m_counters.end();) {
        const bool idle = it->second.second < nowMs / 1000 - 1 &&
                          (it->second.failures.empty() || it->second.failures.back() <= windowStart);
        it = idle ? m_counters.erase(it) : std::next(it);
    }
}

std::vector<Ban> SourceGuard::bans() const {
    std::vector<Ban> out;
    for (const auto& [address, ban] : m_bans) out.push_back(ban);
    return out;
}

}  // namespace sb::sip
