#pragma once

// First line of defence against the Internet's SIP scanners and password
// guessers, applied to every request before any expensive work: banned
// sources and known scanner user agents are dropped without an answer, a
// source sending faster than the rate limit is dropped for the rest of that
// second, and a source that fails digest authentication too often is banned.
// Pure bookkeeping: the caller supplies the time and reacts to the verdicts.

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace sb::sip {

/// One banned address (shown in the Security tab, kept in the database).
struct Ban {
    std::string address;  ///< IP literal, no port
    std::string reason;   ///< e.g. "10 failed authentications in 60 s"
    int64_t sinceMs = 0;  ///< Unix epoch milliseconds
    int64_t untilMs = 0;
    bool operator==(const Ban&) const = default;
};

class SourceGuard {
public:
    struct Settings {
        uint32_t authFailLimit = 10;   ///< failures within the window that ban
        uint32_t authFailWindowS = 60;
        uint32_t banTimeS = 3600;
        std::vector<std::string> allowList{"127.0.0.0/8", "::1"};  ///< never banned or limited
        bool dropScanners = true;
        uint32_t rateLimit = 0;  ///< requests per second per source; 0 = no limit
    };
    enum class Verdict : int { Admit = 1, Banned, Scanner, RateLimited };

    /// Called when a ban starts (removed = false) or ends (true).
    using BanHook = std::function<void(const Ban& ban, bool removed)>;

    void configure(Settings settings);
    void setBanHook(BanHook hook) { m_hook = std::move(hook); }

    /// Bans from the database; expired ones are dropped (and reported removed).
    void restore(const std::vector<Ban>& bans, int64_t nowMs);

    /// @param address  source IP literal (no port)
    /// @param userAgent the User-Agent header value, empty when absent
    Verdict admit(const std::string& address, std::string_view userAgent, int64_t nowMs);

    /// A request from @p address carried wrong credentials; may start a ban.
    void authFailed(const std::string& address, int64_t nowMs);

    /// Lift a ban now (the operator's Unban). False when not banned.
    bool unban(const std::string& address);

    /// Drop ended bans and forgotten counters (call about once a second).
    void sweep(int64_t nowMs);

    std::vector<Ban> bans() const;
    bool isBanned(const std::string& address, int64_t nowMs) const;
    bool allowListed(const std::string& address) const;

    /// Whether @p userAgent names a known SIP scanner (friendly-scanner,
    /// sipvicious, sipcli, ...), compared case-insensitively.
    static bool isScannerAgent(std::string_view userAgent);

private:
    struct Counter {
        std::vector<int64_t> failures;  ///< times within the window, oldest first
        int64_t second = 0;             ///< the rate-limit second being counted
        uint32_t requests = 0;
    };

    Settings m_settings;
    std::map<std::string, Ban> m_bans;
    std::unordered_map<std::string, Counter> m_counters;
    BanHook m_hook;
};

}  // namespace sb::sip
