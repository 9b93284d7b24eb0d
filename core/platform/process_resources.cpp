#include "platform/process_resources.h"

#ifdef _WIN32
#include <winsock2.h>
#include <windows.h>
#include <psapi.h>

#include <algorithm>

namespace sb::platform {

ProcessSnapshot snapshotProcess(const std::vector<uint16_t>&) { return {}; }

DatagramQueue datagramQueue(int) { return {}; }

uint64_t residentBytes() {
    PROCESS_MEMORY_COUNTERS counters{};
    if (!GetProcessMemoryInfo(GetCurrentProcess(), &counters, sizeof(counters))) return 0;
    return counters.WorkingSetSize;
}

void shutDownStream(int fd) { (void)shutdown(static_cast<SOCKET>(fd), SD_BOTH); }

void releaseFreeMemory() {}  // the Windows heap decommits on its own

// libre waits with select() here, and its loop holds at most FD_SETSIZE
// sockets (core/CMakeLists.txt raises it to match libre's build): a larger
// fd_setsize() fails and leaves the loop with no room for any socket.
int applyOpenFileLimit(uint32_t wanted) {
    constexpr int kLoopCapacity = FD_SETSIZE;
    return wanted ? std::min(static_cast<int>(wanted), kLoopCapacity) : kLoopCapacity;
}

// What applyOpenFileLimit() grants: the media threads size their loops with
// it, and 16384 here made fd_setsize() fail there (no socket, no queue).
int openFileLimit() { return applyOpenFileLimit(0); }

}  // namespace sb::platform

#else
#include <dirent.h>
#include <linux/sock_diag.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>

namespace sb::platform {
namespace {

uint16_t portOf(const sockaddr_storage& a) {
    if (a.ss_family == AF_INET) return ntohs(reinterpret_cast<const sockaddr_in&>(a).sin_port);
    if (a.ss_family == AF_INET6) return ntohs(reinterpret_cast<const sockaddr_in6&>(a).sin6_port);
    return 0;
}

}  // namespace

ProcessSnapshot snapshotProcess(const std::vector<uint16_t>& listenPorts) {
    ProcessSnapshot snap;
    DIR* dir = opendir("/proc/self/fd");
    if (!dir) return snap;
    snap.supported = true;
    const int own = dirfd(dir);
    while (const dirent* entry = readdir(dir)) {
        if (entry->d_name[0] == '.') continue;
        const int fd = std::atoi(entry->d_name);
        if (fd == own) continue;
        ++snap.openFiles;
        int type = 0;
        socklen_t len = sizeof(type);
        // Fails with ENOTSOCK for files and pipes: one call sorts them out.
        if (getsockopt(fd, SOL_SOCKET, SO_TYPE, &type, &len) != 0) continue;
        if (type != SOCK_STREAM && type != SOCK_DGRAM) continue;
        AcceptedStream s;
        s.fd = fd;
        sockaddr_storage local{};
        len = sizeof(local);
        if (getsockname(fd, reinterpret_cast<sockaddr*>(&local), &len) != 0) continue;
        s.localPort = portOf(local);
        if (std::find(listenPorts.begin(), listenPorts.end(), s.localPort) == listenPorts.end()) continue;
        if (type == SOCK_DGRAM) {
            snap.datagramSockets.push_back(fd);
            continue;
        }
        len = sizeof(s.peer);
        // The listening socket itself has no peer.
        if (getpeername(fd, reinterpret_cast<sockaddr*>(&s.peer), &len) != 0) continue;
        tcp_info info{};
        len = sizeof(info);
        if (getsockopt(fd, IPPROTO_TCP, TCP_INFO, &info, &len) == 0) s.idleMs = info.tcpi_last_data_recv;
        snap.streams.push_back(s);
    }
    closedir(dir);
    return snap;
}

uint64_t residentBytes() {
    FILE* f = std::fopen("/proc/self/statm", "r");
    if (!f) return 0;
    unsigned long long size = 0, resident = 0;
    const int n = std::fscanf(f, "%llu %llu", &size, &resident);
    std::fclose(f);
    if (n != 2) return 0;
    return resident * static_cast<uint64_t>(sysconf(_SC_PAGESIZE));
}

void shutDownStream(int fd) { (void)shutdown(fd, SHUT_RDWR); }

void releaseFreeMemory() {
#ifdef __GLIBC__
    (void)malloc_trim(0);
#endif
}

DatagramQueue datagramQueue(int fd) {
    uint32_t info[SK_MEMINFO_VARS] = {};
    socklen_t len = sizeof(info);
    DatagramQueue q;
    if (getsockopt(fd, SOL_SOCKET, SO_MEMINFO, info, &len) != 0 || len < sizeof(uint32_t) * (SK_MEMINFO_DROPS + 1))
        return q;
    q.known = true;
    q.queuedBytes = info[SK_MEMINFO_RMEM_ALLOC];
    q.capacityBytes = info[SK_MEMINFO_RCVBUF];
    q.drops = info[SK_MEMINFO_DROPS];
    return q;
}

int applyOpenFileLimit(uint32_t wanted) {
    struct rlimit rl {};
    if (getrlimit(RLIMIT_NOFILE, &rl) != 0) return 1024;
    rlim_t target = rl.rlim_max;
    if (wanted != 0 && (rl.rlim_max == RLIM_INFINITY || wanted < rl.rlim_max)) target = wanted;
    if (target != rl.rlim_cur) {
        rlimit changed = rl;
        changed.rlim_cur = target;
        if (setrlimit(RLIMIT_NOFILE, &changed) == 0) rl = changed;
    }
    constexpr rlim_t kCap = 1 << 20;
    return static_cast<int>(rl.rlim_cur == RLIM_INFINITY || rl.rlim_cur > kCap ? kCap : rl.rlim_cur);
}

int openFileLimit() {
    struct rlimit rl {};
    if (getrlimit(RLIMIT_NOFILE, &rl) != 0) return 1024;
    constexpr rlim_t kCap = 1 << 20;
    return static_cast<int>(rl.rlim_cur == RLIM_INFINITY || rl.rlim_cur > kCap ? kCap : rl.rlim_cur);
}

}  // namespace sb::platform
#endif
