#include "media/port_pool.h"

#include <re.h>

#include <cerrno>
#include <mutex>
#include <system_error>
#include <vector>

namespace sb::media {

namespace detail {

/// Shared between the pool and its pairs so that a pair outliving the pool
/// can still give its ports back without touching freed memory.
struct PortPoolState {
    // Pairs are handed out on the engine thread but a terminated leg's pair
    // is released on the media thread (docs/media.md, threads).
    std::mutex mutex;
    uint16_t firstRtpPort = 0;
    std::vector<bool> used;  // one entry per pair
    size_t inUse = 0;
    size_t cursor = 0;  // next pair index to try

    void release(uint16_t rtpPort) {
        std::lock_guard lock(mutex);
        const size_t index = static_cast<size_t>(rtpPort - firstRtpPort) / 2;
        if (rtpPort < firstRtpPort || index >= used.size() || !used[index]) return;
        used[index] = false;
        --inUse;
    }
};

}  // namespace detail

namespace {

std::string describe(int err) {
    return std::generic_category().message(err);
}

// Bind one UDP socket; no receive handler yet (the owner sets one).
int bindUdp(RePtr<struct ::udp_sock>& out, const struct sa& address) {
    struct ::udp_sock* sock = nullptr;
    const int err = udp_listen(&sock, &address, nullptr, nullptr);
    if (err == 0) out.reset(sock);
    return err;
}

}  // namespace

PortPair::PortPair(PortPair&& other) noexcept
    : m_pool(std::move(other.m_pool)),
      m_address(std::move(other.m_address)),
      m_rtpPort(other.m_rtpPort),
      m_rtp(std::move(other.m_rtp)),
      m_rtcp(std::move(other.m_rtcp)) {
    other.m_rtpPort = 0;
}

PortPair& PortPair::operator=(PortPair&& other) noexcept {
    if (this != &other) {
        release();
        m_pool = std::move(other.m_pool);
        m_address = std::move(other.m_address);
        m_rtpPort = other.m_rtpPort;
        m_rtp = std::move(other.m_rtp);
        m_rtcp = std::move(other.m_rtcp);
        other.m_rtpPort = 0;
    }
    return *this;
}

PortPair::~PortPair() {
    release();
}

void PortPair::release() {
    // Close first: the port is only free once nothing is bound to it.
    m_rtp.reset();
    m_rtcp.reset();
    if (m_pool) m_pool->release(m_rtpPort);
    m_pool.reset();
    m_rtpPort = 0;
}

void PortPair::detach() {
    if (m_rtp) udp_thread_detach(m_rtp.get());
    if (m_rtcp) udp_thread_detach(m_rtcp.get());
}

Result<void> PortPair::attach() {
    for (auto* sock : {m_rtp.get(), m_rtcp.get()}) {
        if (!sock) continue;
        if (int err = udp_thread_attach(sock))
            return makeError("cannot move RTP port " + std::to_string(m_rtpPort) + " to the media thread: " +
                                 describe(err),
                             err);
    }
    return {};
}

Result<PortPool> PortPool::create(PortRange range) {
    // RTP on even ports (RFC 3550 §11), so start at the first even port >= min.
    const uint32_t first = (range.minPort + 1u) & ~1u;
    if (range.minPort == 0 || first + 1 > range.maxPort) {
        return makeError("RTP port range " + std::to_string(range.minPort) + "-" +
                             std::to_string(range.maxPort) + " holds no even/odd port pair",
                         EINVAL);
    }
    auto state = std::make_shared<detail::PortPoolState>();
    state->firstRtpPort = static_cast<uint16_t>(first);
    state->used.assign((range.maxPort - first + 1) / 2, false);
    return PortPool(range, std::move(state));
}

PortPool::PortPool(PortRange range, std::shared_ptr<detail::PortPoolState> state)
    : m_range(range), m_state(std::move(state)) {}

PortPool::~PortPool() = default;

size_t PortPool::inUse() const {
    if (!m_state) return 0;
    std::lock_guard lock(m_state->mutex);
    return m_state->inUse;
}

size_t PortPool::capacity() const {
    return m_state ? m_state->used.size() : 0;
}

Result<PortPair> PortPool::allocate(const std::string& localAddress) {
    if (!m_state) return makeError("the port pool was moved from", EINVAL);
    struct sa address;
    if (sa_set_str(&address, localAddress.c_str(), 0) != 0) {
        return makeError("RTP address \"" + localAddress + "\" is not a numeric IP address", EINVAL);
    }
    detail::PortPoolState& s = *m_state;
    std::lock_guard lock(s.mutex);
    const size_t pairs = s.used.size();
    for (size_t step = 0; step < pairs; ++step) {
        const size_t index = (s.cursor + step) % pairs;
        if (s.used[index]) continue;
        const auto rtpPort = static_cast<uint16_t>(s.firstRtpPort + 2 * index);
        PortPair pair;
        sa_set_port(&address, rtpPort);
        int err = bindUdp(pair.m_rtp, address);
        if (err == 0) {
            sa_set_port(&address, static_cast<uint16_t>(rtpPort + 1));
            err = bindUdp(pair.m_rtcp, address);
            if (err != 0) pair.m_rtp.reset();
        }
        // Taken by another program (or a socket of ours outside the pool): try the next pair.
        if (err == EADDRINUSE || err == EACCES) continue;
        if (err != 0) {
            return makeError("cannot bind RTP port " + std::to_string(rtpPort) + " on " + localAddress +
                                 ": " + describe(err),
                             err);
        }
        s.used[index] = true;
        ++s.inUse;
        s.cursor = (index + 1) % pairs;
        pair.m_pool = m_state;
        pair.m_address = localAddress;
        pair.m_rtpPort = rtpPort;
        return pair;
    }
    return makeError("no free RTP port pair in " + std::to_string(m_range.minPort) + "-" +
                         std::to_string(m_range.maxPort) + " (" + std::to_string(s.inUse) +
                         " in use by calls)",
                     EADDRINUSE);
}

}  // namespace sb::media
