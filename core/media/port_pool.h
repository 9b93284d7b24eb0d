#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "common/re_ptr.h"
#include "common/result.h"
#include "media/media_types.h"

struct udp_sock;

namespace sb::media {

namespace detail {
struct PortPoolState;
}

/// The UDP port range the relay may use, inclusive. RTP takes the even ports
/// and RTCP the odd port above (RFC 3550 §11), so a pair needs p and p + 1.
struct PortRange {
    uint16_t minPort = 10000;
    uint16_t maxPort = 20000;
};

/// An RTP/RTCP port pair handed out by a PortPool: two bound UDP sockets on
/// the engine thread's libre loop. Movable, not copyable; destroying it
/// closes both sockets and returns the ports to the pool (RAII), even if the
/// pool itself is already gone.
class PortPair {
public:
    PortPair() = default;
    PortPair(PortPair&& other) noexcept;
    PortPair& operator=(PortPair&& other) noexcept;
    PortPair(const PortPair&) = delete;
    PortPair& operator=(const PortPair&) = delete;
    ~PortPair();

    /// False for a default-constructed or moved-from pair.
    bool valid() const { return m_rtp != nullptr; }
    uint16_t rtpPort() const { return m_rtpPort; }
    uint16_t rtcpPort() const { return static_cast<uint16_t>(m_rtpPort + 1); }
    /// The local address both sockets are bound to.
    const std::string& localAddress() const { return m_address; }
    /// Where peers send RTP: localAddress() and rtpPort().
    Endpoint rtpEndpoint() const { return {m_address, m_rtpPort}; }

    /// The libre sockets; set their receive handler with udp_handler_set().
    struct ::udp_sock* rtpSocket() const {
        return m_rtp.get();
    }
    struct ::udp_sock* rtcpSocket() const {
        return m_rtcp.get();
    }

    /// Close the sockets and give the ports back now.
    void release();

    /// Hand the sockets to another thread's loop: detach() on the thread
    /// that has them, then attach() on the one that will read them (the
    /// media thread takes the pairs of terminated legs this way). The pair
    /// must then be destroyed on the attaching thread.
    void detach();
    Result<void> attach();

private:
    friend class PortPool;
    std::shared_ptr<detail::PortPoolState> m_pool;
    std::string m_address;
    uint16_t m_rtpPort = 0;
    RePtr<struct ::udp_sock> m_rtp;
    RePtr<struct ::udp_sock> m_rtcp;
};

/// Hands out RTP/RTCP port pairs from a configured range. Engine thread only.
///
/// Allocation walks the range round-robin from just after the last pair it
/// handed out, so a port freed by a call that just ended is not reused at
/// once (late packets of the old call would otherwise reach the new one).
/// Ports that another process has bound are skipped.
class PortPool {
public:
    /// @return an error when the range holds no even/odd pair (e.g. min > max).
    static Result<PortPool> create(PortRange range);

    PortPool(PortPool&&) noexcept = default;
    PortPool& operator=(PortPool&&) noexcept = default;
    ~PortPool();

    /// Bind a free pair on @p localAddress (numeric IPv4 or IPv6).
    /// @return the pair, or an error when the address cannot be bound or every
    ///         pair in the range is taken (code EADDRINUSE).
    Result<PortPair> allocate(const std::string& localAddress);

    /// Pairs currently handed out and not yet destroyed.
    size_t inUse() const;
    /// How many pairs the range holds.
    size_t capacity() const;
    PortRange range() const { return m_range; }

private:
    PortPool(PortRange range, std::shared_ptr<detail::PortPoolState> state);

    PortRange m_range;
    std::shared_ptr<detail::PortPoolState> m_state;
};

}  // namespace sb::media
