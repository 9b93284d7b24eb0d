#pragma once

// What this process holds right now: open descriptors, resident memory and
// the TCP/TLS connections phones opened to us. libre accepts connections
// itself and gives us no hook, so the engine looks at its own descriptors
// (once a second) to cap and expire connections.

#include <cstdint>
#include <vector>

#ifdef _WIN32
#include <winsock2.h>
#include <ws2tcpip.h>
#else
#include <sys/socket.h>
#endif

namespace sb::platform {

/// A connection a peer opened to one of our listening ports.
struct AcceptedStream {
    int fd = -1;
    sockaddr_storage peer{};
    uint16_t localPort = 0;
    uint32_t idleMs = 0;  ///< since data last arrived (or since it was opened)
};

struct ProcessSnapshot {
    bool supported = false;  ///< false where descriptors cannot be listed (Windows)
    size_t openFiles = 0;
    std::vector<AcceptedStream> streams;  ///< only those whose local port is in listenPorts
    std::vector<int> datagramSockets;     ///< UDP sockets bound to one of listenPorts
};

/// How full a UDP socket's receive queue is: requests the engine has not
/// read yet, and how many the system has dropped since the socket opened.
struct DatagramQueue {
    bool known = false;  ///< false where the system does not say (Windows)
    uint32_t queuedBytes = 0;
    uint32_t capacityBytes = 0;
    uint32_t drops = 0;
};
DatagramQueue datagramQueue(int fd);

/// One pass over this process's descriptors. Cost: a few system calls per
/// descriptor; called once a second.
ProcessSnapshot snapshotProcess(const std::vector<uint16_t>& listenPorts);

/// Resident memory of this process in bytes; 0 when unknown.
uint64_t residentBytes();

/// Hand freed heap memory back to the system. After a burst the allocator
/// keeps what it grew to; an office PC should see the PBX shrink again.
void releaseFreeMemory();

/// End a connection from under its owner: the owner's next read sees the
/// close and it cleans up as for any peer that hung up. The descriptor
/// itself stays the owner's to close.
void shutDownStream(int fd);

/// Set the soft open-file limit to @p wanted (0 = as far as the system
/// allows) and return the limit now in force. Every call holds four RTP/RTCP
/// sockets, so the common default soft limit of 1024 would cap a PBX at ~250
/// calls. Winsock has no such limit, but libre's select() loop there holds
/// FD_SETSIZE sockets: on Windows the answer is at most that.
int applyOpenFileLimit(uint32_t wanted);

/// The soft open-file limit in force, unchanged (what applyOpenFileLimit() last set).
int openFileLimit();

}  // namespace sb::platform
