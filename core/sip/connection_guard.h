#pragma once

// Which TCP/TLS connections from phones and strangers to close: more than
// the per-address cap, or silent for too long without carrying anything we
// need (a registration or a call). Pure policy: the engine feeds it what the
// process holds once a second and shuts down what it names.

#include <cstdint>
#include <functional>
#include <string>
#include <unordered_map>
#include <vector>

namespace sb::sip {

class ConnectionGuard {
public:
    struct Settings {
        uint32_t maxPerAddress = 32;  ///< 0 = no cap
        uint32_t idleTimeoutS = 30;   ///< 0 = never idle-closed
        std::vector<std::string> allowList;  ///< IPs/CIDR blocks exempt from the cap
    };
    struct Connection {
        int fd = -1;
        std::string peer;  ///< "ip:port" / "[ipv6]:port", as bindings record sources
        uint32_t idleMs = 0;
    };
    struct Closing {
        int fd = -1;
        std::string peer;
        std::string reason;
    };

    void configure(Settings settings) { m_settings = std::move(settings); }

    /// @p inUse says whether a peer endpoint carries a registration or a
    /// call; such connections count towards the cap but are never closed.
    /// Of the rest, the most recently opened go first.
    std::vector<Closing> review(const std::vector<Connection>& open,
                                const std::function<bool(const std::string& peer)>& inUse, int64_t nowMs);

private:
    Settings m_settings;
    /// fd → (peer, first seen): descriptors are reused, so a new peer on a
    /// known fd is a new connection.
    std::unordered_map<int, std::pair<std::string, int64_t>> m_seen;
};

}  // namespace sb::sip
