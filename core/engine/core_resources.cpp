// Core's once-a-second look at what the process holds: TCP/TLS connections
// (libre accepts them with no hook of ours), descriptors and memory.

#include <re.h>

#include <algorithm>
#include <unordered_set>

#include "call/call_manager.h"
#include "common/clock.h"
#include "engine/core.h"
#include "platform/process_resources.h"
#include "sip/message.h"
#include "sip/registrar.h"
#include "sip/sip_stack.h"
#include "store/store.h"
#include "store/store_writer.h"

namespace sb {

void Core::reviewResources() {
    if (!m_sip) return;
    const auto& s = m_config.settings;
    if (s.maxOpenFiles != m_fileLimitSetting) {
        m_fileLimit = platform::applyOpenFileLimit(s.maxOpenFiles);
        m_fileLimitSetting = s.maxOpenFiles;
    }
    std::vector<uint16_t> ports{m_sip->port()};
    if (m_sip->tlsPort()) ports.push_back(m_sip->tlsPort());
    const platform::ProcessSnapshot snap = platform::snapshotProcess(ports);
    uint64_t resident = platform::residentBytes();
    // No call left but well above the idle size: a burst is over (or its
    // transactions are still ending), so give freed memory back. A few ms,
    // at most every 10 s, and only after such bursts.
    if (m_idleResident == 0) m_idleResident = resident;
    const int64_t now = monotonicMs();
    if (m_calls && m_calls->activeCalls() == 0 && resident > m_idleResident + m_idleResident / 10 &&
        now - m_lastTrimMs >= 10000) {
        // The database connections' page caches first (the writer's on its
        // own thread; its pages are freed at the next trim).
        if (m_store) m_store->releaseMemory();
        if (m_writer) m_writer->read([](store::Store& db) { db.releaseMemory(); });
        platform::releaseFreeMemory();
        const uint64_t trimmed = platform::residentBytes();
        if (resident > trimmed + (1u << 20))
            log(LogLevel::Info, "no calls: freed memory given back, resident " + std::to_string(resident >> 20) +
                                    " -> " + std::to_string(trimmed >> 20) + " MiB");
        resident = trimmed;
        m_lastTrimMs = now;
    }
    if (m_calls) m_calls->setResourceUsage({snap.supported ? snap.openFiles : 0, m_fileLimit, resident});
    std::vector<std::pair<int, uint32_t>> sockets;
    for (int fd : snap.datagramSockets) {
        auto known = std::find_if(m_sipDatagramSockets.begin(), m_sipDatagramSockets.end(),
                                  [fd](const auto& entry) { return entry.first == fd; });
        sockets.emplace_back(fd, known != m_sipDatagramSockets.end() ? known->second
                                                                     : platform::datagramQueue(fd).drops);
    }
    m_sipDatagramSockets = std::move(sockets);
    if (!snap.supported || snap.streams.empty()) return;

    std::vector<sip::ConnectionGuard::Connection> open;
    open.reserve(snap.streams.size());
    for (const auto& stream : snap.streams) {
        ::sa peer{};
        if (sa_set_sa(&peer, reinterpret_cast<const struct sockaddr*>(&stream.peer)) != 0) continue;
        open.push_back({stream.fd, sip::addressText(peer), stream.idleMs});
    }
    std::unordered_set<std::string> used;
    if (m_registrar)
        for (const auto& b : m_registrar->bindings().all())
            if (b.transport != "UDP") used.insert(b.source);
    for (auto& peer : m_sip->legPeers()) used.insert(std::move(peer));

    const auto closing =
        m_connections.review(open, [&](const std::string& peer) { return used.count(peer) != 0; }, now);
    for (const auto& c : closing) platform::shutDownStream(c.fd);
    // A flood closes hundreds at once: one line per sweep, not per connection.
    if (!closing.empty())
        log(LogLevel::Info, "closed " + std::to_string(closing.size()) + " TCP/TLS connection(s), e.g. from " +
                                closing.front().peer + ": " + closing.front().reason);
}

}  // namespace sb
