// bench/rtp/rtp_load: RTP load through Switchboard's relay (plain POSIX sockets + epoll).
//
// Reads a table of calls, one per line:
//   caller_port relayA_ip relayA_port callee_port relayB_ip relayB_port
// (relayA is the relay endpoint given to the caller in the 200's SDP, relayB the
// one in the INVITE the callee received). Binds every caller and callee port on
// 127.0.0.1 and sends 20 ms-paced PCMU RTP (160-byte payload) from each to its
// relay endpoint, both directions at 50 packets/s per call. Every payload carries
// a magic, the call index, the direction, the phase and the send time (ns,
// CLOCK_REALTIME); receive time is the kernel's SO_TIMESTAMPNS.
// Phases: warmup (not counted: latching, ring-back stop), measure, drain.
// Then a baseline: the same pump between N direct socket pairs (no relay).
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/timerfd.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cinttypes>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace {

constexpr int64_t kPeriodNs = 20'000'000;  // 20 ms: 50 packets/s
constexpr size_t kPayload = 160;           // PCMU, 20 ms at 8 kHz
constexpr uint32_t kMagic = 0x53425242;    // "SBRB"
constexpr size_t kFine = 1'000'000;        // 1 us buckets up to 1 s,
constexpr size_t kBuckets = kFine + 59'000;  // then 1 ms buckets up to 60 s

enum Phase : uint8_t { kWarmup = 0, kMeasure = 1 };

int64_t nowNs(clockid_t clock) {
    timespec ts{};
    clock_gettime(clock, &ts);
    return static_cast<int64_t>(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
}

[[noreturn]] void die(const std::string& what) {
    std::fprintf(stderr, "rtp_load: %s: %s\n", what.c_str(), std::strerror(errno));
    std::exit(2);
}

struct Histogram {
    std::vector<uint32_t> buckets = std::vector<uint32_t>(kBuckets, 0);
    uint64_t count = 0;
    int64_t maxNs = 0;
    void add(int64_t ns) {
        if (ns < 0) ns = 0;
        maxNs = std::max(maxNs, ns);
        auto us = static_cast<size_t>(ns / 1000);
        size_t b = us < kFine ? us : kFine + (us - kFine) / 1000;
        buckets[std::min(b, kBuckets - 1)]++;
        count++;
    }
    // Upper edge of the bucket holding quantile @q, in microseconds.
    double quantileUs(double q) const {
        if (count == 0) return 0.0;
        auto target = static_cast<uint64_t>(q * static_cast<double>(count - 1)) + 1;
        uint64_t seen = 0;
        for (size_t i = 0; i < kBuckets; ++i) {
            seen += buckets[i];
            if (seen >= target)
                return i < kFine ? static_cast<double>(i) + 0.5
                                 : static_cast<double>(kFine) + (static_cast<double>(i - kFine) + 0.5) * 1000.0;
        }
        return static_cast<double>(maxNs) / 1000.0;
    }
};

struct Sock {
    int fd = -1;
    uint32_t call = 0;
    uint8_t dir = 0;  // 0: sends A->B (caller socket), 1: sends B->A (callee socket)
    sockaddr_in dst{};
    uint16_t seq = 0;
    uint32_t ts = 0;
    uint32_t ssrc = 0;
};

struct Counts {
    uint64_t sent[2] = {0, 0};      // measured packets sent per direction
    uint64_t received[2] = {0, 0};  // measured packets received per direction
    uint64_t warmupSent = 0;
    uint64_t warmupReceived = 0;
    uint64_t foreign = 0;    // not ours (e.g. ring-back tone packets)
    uint64_t misrouted = 0;  // ours, but arrived on the wrong call's socket
    uint64_t sendErrors = 0;
    uint64_t lateSends = 0;  // sent > 5 ms after their slot (load generator behind)
    Histogram delay;
};

sockaddr_in loopback(uint16_t port, uint32_t host = INADDR_LOOPBACK) {
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(port);
    a.sin_addr.s_addr = htonl(host);
    return a;
}

int openSocket(uint16_t port, uint32_t host = INADDR_LOOPBACK) {
    int fd = socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0) die("socket");
    int on = 1;
    if (setsockopt(fd, SOL_SOCKET, SO_TIMESTAMPNS, &on, sizeof(on)) != 0) die("SO_TIMESTAMPNS");
    sockaddr_in a = loopback(port, host);
    if (bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof(a)) != 0) die("bind 127.0.0.1:" + std::to_string(port));
    return fd;
}

uint16_t boundPort(int fd) {
    sockaddr_in a{};
    socklen_t len = sizeof(a);
    if (getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len) != 0) die("getsockname");
    return ntohs(a.sin_port);
}

struct ProcSample {
    double cpuS = 0;
    long rssKiB = 0;
};

ProcSample sampleProc(int pid) {
    ProcSample s;
    if (pid <= 0) return s;
    std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
    std::string text((std::istreambuf_iterator<char>(stat)), std::istreambuf_iterator<char>());
    auto close = text.rfind(')');
    if (close != std::string::npos) {
        std::istringstream in(text.substr(close + 2));
        std::string field;
        unsigned long long utime = 0, stime = 0;
        // Fields after the command: state(3) ... utime(14) stime(15).
        for (int i = 3; i <= 15 && in >> field; ++i) {
            if (i == 14) utime = std::stoull(field);
            if (i == 15) stime = std::stoull(field);
        }
        s.cpuS = static_cast<double>(utime + stime) / static_cast<double>(sysconf(_SC_CLK_TCK));
    }
    std::ifstream status("/proc/" + std::to_string(pid) + "/status");
    std::string line;
    while (std::getline(status, line))
        if (line.rfind("VmRSS:", 0) == 0) s.rssKiB = std::atol(line.c_str() + 6);
    return s;
}

// Busy CPU seconds of the whole machine (all CPUs) from /proc/stat.
double machineBusyS() {
    std::ifstream stat("/proc/stat");
    std::string cpu;
    unsigned long long v[8] = {};
    stat >> cpu;
    for (auto& x : v) stat >> x;
    // user nice system idle iowait irq softirq steal
    unsigned long long busy = v[0] + v[1] + v[2] + v[5] + v[6] + v[7];
    return static_cast<double>(busy) / static_cast<double>(sysconf(_SC_CLK_TCK));
}

struct PumpResult {
    Counts counts;
    double measureWallS = 0;
    ProcSample serverStart, serverEnd;
    ProcSample selfStart, selfEnd;
    double machineStart = 0, machineEnd = 0;
};

// Sends from every socket in @socks, 20 ms apart each, slots spread evenly over
// the period; receives on all of them (a socket must only get its own call's
// other direction). Runs warmup + measure, then drains.
PumpResult pump(std::vector<Sock>& socks, double warmupS, double measureS, double drainS, int serverPid) {
    PumpResult r;
    Counts& c = r.counts;
    int ep = epoll_create1(EPOLL_CLOEXEC);
    if (ep < 0) die("epoll_create1");
    int tfd = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK | TFD_CLOEXEC);
    if (tfd < 0) die("timerfd_create");
    itimerspec its{};
    its.it_interval.tv_nsec = 1'000'000;  // 1 ms tick: send what is due
    its.it_value.tv_nsec = 1'000'000;
    if (timerfd_settime(tfd, 0, &its, nullptr) != 0) die("timerfd_settime");
    epoll_event ev{};
    ev.events = EPOLLIN;
    ev.data.u64 = UINT64_MAX;
    if (epoll_ctl(ep, EPOLL_CTL_ADD, tfd, &ev) != 0) die("epoll_ctl timer");
    for (size_t i = 0; i < socks.size(); ++i) {
        ev.data.u64 = i;
        if (epoll_ctl(ep, EPOLL_CTL_ADD, socks[i].fd, &ev) != 0) die("epoll_ctl");
    }

    const size_t n = socks.size();
    const int64_t t0 = nowNs(CLOCK_MONOTONIC) + 5'000'000;
    const auto warmupNs = static_cast<int64_t>(warmupS * 1e9);
    const auto measureNs = static_cast<int64_t>(measureS * 1e9);
    const int64_t measureStart = t0 + warmupNs;
    const int64_t sendEnd = measureStart + measureNs;
    const int64_t end = sendEnd + static_cast<int64_t>(drainS * 1e9);
    auto slot = [&](size_t i, int64_t round) {
        return t0 + round * kPeriodNs + static_cast<int64_t>(i) * kPeriodNs / static_cast<int64_t>(n);
    };
    size_t next = 0;
    int64_t round = 0;
    bool measuring = false, sending = true;

    uint8_t pkt[12 + kPayload];
    std::memset(pkt, 0xff, sizeof(pkt));
    constexpr unsigned kBatch = 16;
    uint8_t rxbuf[kBatch][2048];
    iovec iov[kBatch];
    mmsghdr msgs[kBatch];
    alignas(cmsghdr) char ctrl[kBatch][CMSG_SPACE(sizeof(timespec))];
    epoll_event events[512];

    for (;;) {
        int64_t now = nowNs(CLOCK_MONOTONIC);
        if (!measuring && now >= measureStart) {
            measuring = true;
            r.serverStart = sampleProc(serverPid);
            r.selfStart = sampleProc(getpid());
            r.machineStart = machineBusyS();
        }
        while (sending) {
            int64_t due = slot(next, round);
            if (due > now) break;
            if (due >= sendEnd) {
                sending = false;
                r.serverEnd = sampleProc(serverPid);
                r.selfEnd = sampleProc(getpid());
                r.machineEnd = machineBusyS();
                r.measureWallS = static_cast<double>(now - measureStart) / 1e9;
                break;
            }
            Sock& s = socks[next];
            Phase phase = due >= measureStart ? kMeasure : kWarmup;
            if (now - due > 5'000'000 && phase == kMeasure) c.lateSends++;
            pkt[0] = 0x80;
            pkt[1] = 0;  // PT 0 PCMU
            uint16_t seq = htons(s.seq++);
            uint32_t ts = htonl(s.ts);
            s.ts += 160;
            uint32_t ssrc = htonl(s.ssrc);
            std::memcpy(pkt + 2, &seq, 2);
            std::memcpy(pkt + 4, &ts, 4);
            std::memcpy(pkt + 8, &ssrc, 4);
            uint8_t* p = pkt + 12;
            std::memcpy(p, &kMagic, 4);
            std::memcpy(p + 4, &s.call, 4);
            p[8] = s.dir;
            p[9] = phase;
            int64_t sentAt = nowNs(CLOCK_REALTIME);
            std::memcpy(p + 16, &sentAt, 8);
            ssize_t w = sendto(s.fd, pkt, sizeof(pkt), 0, reinterpret_cast<sockaddr*>(&s.dst), sizeof(s.dst));
            if (w != static_cast<ssize_t>(sizeof(pkt))) {
                c.sendErrors++;
            } else if (phase == kMeasure) {
                c.sent[s.dir]++;
            } else {
                c.warmupSent++;
            }
            if (++next == n) {
                next = 0;
                round++;
            }
        }
        if (now >= end) break;

        int ne = epoll_wait(ep, events, 512, 5);
        if (ne < 0 && errno != EINTR) die("epoll_wait");
        for (int e = 0; e < ne; ++e) {
            if (events[e].data.u64 == UINT64_MAX) {
                uint64_t ticks;
                (void)!read(tfd, &ticks, sizeof(ticks));
                continue;
            }
            Sock& s = socks[events[e].data.u64];
            for (unsigned k = 0; k < kBatch; ++k) {
                iov[k] = {rxbuf[k], sizeof(rxbuf[k])};
                std::memset(&msgs[k], 0, sizeof(msgs[k]));
                msgs[k].msg_hdr.msg_iov = &iov[k];
                msgs[k].msg_hdr.msg_iovlen = 1;
                msgs[k].msg_hdr.msg_control = ctrl[k];
                msgs[k].msg_hdr.msg_controllen = sizeof(ctrl[k]);
            }
            int got = recvmmsg(s.fd, msgs, kBatch, MSG_DONTWAIT, nullptr);
            if (got <= 0) continue;
            int64_t userRx = nowNs(CLOCK_REALTIME);
            for (int k = 0; k < got; ++k) {
                const uint8_t* q = rxbuf[k];
                if (msgs[k].msg_len != 12 + kPayload || std::memcmp(q + 12, &kMagic, 4) != 0) {
                    c.foreign++;
                    continue;
                }
                uint32_t call;
                int64_t sentAt;
                std::memcpy(&call, q + 16, 4);
                uint8_t dir = q[20], phase = q[21];
                std::memcpy(&sentAt, q + 28, 8);
                if (call != s.call || dir == s.dir) {
                    c.misrouted++;
                    continue;
                }
                if (phase != kMeasure) {
                    c.warmupReceived++;
                    continue;
                }
                int64_t rxAt = userRx;
                for (cmsghdr* cm = CMSG_FIRSTHDR(&msgs[k].msg_hdr); cm; cm = CMSG_NXTHDR(&msgs[k].msg_hdr, cm)) {
                    if (cm->cmsg_level == SOL_SOCKET && cm->cmsg_type == SCM_TIMESTAMPNS) {
                        timespec t;
                        std::memcpy(&t, CMSG_DATA(cm), sizeof(t));
                        rxAt = static_cast<int64_t>(t.tv_sec) * 1'000'000'000 + t.tv_nsec;
                    }
                }
                c.received[dir]++;
                c.delay.add(rxAt - sentAt);
            }
        }
    }
    close(tfd);
    close(ep);
    return r;
}

void usage() {
    std::fprintf(stderr,
                 "usage: rtp_load --table FILE [--seconds 20] [--warmup 2] [--drain 1] "
                 "[--baseline-seconds 10] [--server-pid PID]\n");
    std::exit(2);
}

double pct(uint64_t lost, uint64_t sent) {
    return sent ? 100.0 * static_cast<double>(lost) / static_cast<double>(sent) : 0.0;
}

void printPump(const char* name, const PumpResult& r) {
    const Counts& c = r.counts;
    uint64_t sent = c.sent[0] + c.sent[1];
    uint64_t recv = c.received[0] + c.received[1];
    uint64_t lost = sent > recv ? sent - recv : 0;
    std::printf("%s: sent %" PRIu64 " received %" PRIu64 " lost %" PRIu64 " (%.4f %%; lost = not received by the "
                "end of the drain)\n", name, sent, recv, lost, pct(lost, sent));
    for (int d = 0; d < 2; ++d) {
        uint64_t l = c.sent[d] > c.received[d] ? c.sent[d] - c.received[d] : 0;
        std::printf("  %s: sent %" PRIu64 " received %" PRIu64 " lost %" PRIu64 " (%.4f %%)\n",
                    d == 0 ? "caller->callee" : "callee->caller", c.sent[d], c.received[d], l, pct(l, c.sent[d]));
    }
    std::printf("  send rate %.0f packets/s over %.2f s; late sends (>5 ms after slot) %" PRIu64
                "; send errors %" PRIu64 "\n",
                r.measureWallS > 0 ? static_cast<double>(sent) / r.measureWallS : 0.0, r.measureWallS, c.lateSends,
                c.sendErrors);
    std::printf("  delay: median %.3f ms, p99 %.3f ms, max %.3f ms (%" PRIu64 " samples)\n",
                c.delay.quantileUs(0.5) / 1000.0, c.delay.quantileUs(0.99) / 1000.0,
                static_cast<double>(c.delay.maxNs) / 1e6, c.delay.count);
    std::printf("  warmup: sent %" PRIu64 " received %" PRIu64 "; foreign packets %" PRIu64 "; misrouted %" PRIu64
                "\n",
                c.warmupSent, c.warmupReceived, c.foreign, c.misrouted);
    double selfCpu = r.selfEnd.cpuS - r.selfStart.cpuS;
    std::printf("  rtp_load CPU %.2f s = %.1f %% of one core\n", selfCpu,
                r.measureWallS > 0 ? 100.0 * selfCpu / r.measureWallS : 0.0);
    // Other load on the machine skews every number: say how much there was.
    double machine = r.machineEnd - r.machineStart;
    double server = r.serverEnd.cpuS - r.serverStart.cpuS;
    std::printf("  machine (approximate: /proc/stat is tick-sampled): %ld CPUs busy %.2f of %.2f CPU-seconds; other processes %.2f CPU-seconds "
                "(%.2f CPUs on average)\n",
                sysconf(_SC_NPROCESSORS_ONLN), machine,
                r.measureWallS * static_cast<double>(sysconf(_SC_NPROCESSORS_ONLN)),
                std::max(0.0, machine - selfCpu - server),
                r.measureWallS > 0 ? std::max(0.0, machine - selfCpu - server) / r.measureWallS : 0.0);
}

}  // namespace

int main(int argc, char** argv) {
    std::string table;
    double seconds = 20, warmup = 2, drain = 1, baselineSeconds = 10;
    int serverPid = 0;
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        if (i + 1 >= argc) usage();
        std::string v = argv[++i];
        if (a == "--table") table = v;
        else if (a == "--seconds") seconds = std::stod(v);
        else if (a == "--warmup") warmup = std::stod(v);
        else if (a == "--drain") drain = std::stod(v);
        else if (a == "--baseline-seconds") baselineSeconds = std::stod(v);
        else if (a == "--server-pid") serverPid = std::stoi(v);
        else usage();
    }
    if (table.empty() || seconds <= 0 || seconds > 600 || warmup < 0 || warmup > 60 || drain < 0 || drain > 10 ||
        baselineSeconds < 0 || baselineSeconds > 600)
        usage();

    rlimit rl{};
    if (getrlimit(RLIMIT_NOFILE, &rl) == 0) {
        rl.rlim_cur = rl.rlim_max;
        (void)setrlimit(RLIMIT_NOFILE, &rl);
    }

    std::ifstream in(table);
    if (!in) die("open " + table);
    std::vector<Sock> socks;
    std::string line;
    uint32_t call = 0;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#') continue;
        std::istringstream row(line);
        unsigned callerPort, relayAPort, calleePort, relayBPort;
        std::string relayA, relayB;
        if (!(row >> callerPort >> relayA >> relayAPort >> calleePort >> relayB >> relayBPort)) {
            std::fprintf(stderr, "rtp_load: bad table line: %s\n", line.c_str());
            return 2;
        }
        Sock a, b;
        a.fd = openSocket(static_cast<uint16_t>(callerPort));
        b.fd = openSocket(static_cast<uint16_t>(calleePort));
        a.call = b.call = call;
        a.dir = 0;
        b.dir = 1;
        a.ssrc = 0x10000000u + call;
        b.ssrc = 0x20000000u + call;
        a.dst = loopback(static_cast<uint16_t>(relayAPort));
        b.dst = loopback(static_cast<uint16_t>(relayBPort));
        if (inet_pton(AF_INET, relayA.c_str(), &a.dst.sin_addr) != 1 ||
            inet_pton(AF_INET, relayB.c_str(), &b.dst.sin_addr) != 1) {
            std::fprintf(stderr, "rtp_load: bad address in: %s\n", line.c_str());
            return 2;
        }
        socks.push_back(a);
        socks.push_back(b);
        call++;
    }
    if (call == 0) {
        std::fprintf(stderr, "rtp_load: empty table\n");
        return 2;
    }
    std::printf("calls: %u (%zu sockets, %u packets/s per direction per call, %zu-byte payload), "
                "measure %.1f s after %.1f s warmup\n",
                call, socks.size(), 1'000'000'000 / static_cast<unsigned>(kPeriodNs), kPayload, seconds, warmup);
    std::fflush(stdout);

    PumpResult relay = pump(socks, warmup, seconds, drain, serverPid);
    for (Sock& s : socks) close(s.fd);
    printPump("through relay", relay);
    double serverCpu = relay.serverEnd.cpuS - relay.serverStart.cpuS;
    if (serverPid > 0)
        std::printf("switchboard-server: CPU %.2f s over %.2f s = %.1f %% of one core; RSS %.1f MiB\n", serverCpu,
                    relay.measureWallS, relay.measureWallS > 0 ? 100.0 * serverCpu / relay.measureWallS : 0.0,
                    static_cast<double>(relay.serverEnd.rssKiB) / 1024.0);
    std::fflush(stdout);

    if (baselineSeconds > 0) {
        // Same pump, same socket count, but each pair sends straight to each other,
        // on 127.0.0.2: relay packets still in flight toward 127.0.0.1 cannot land here.
        constexpr uint32_t kBaselineHost = INADDR_LOOPBACK + 1;
        std::vector<Sock> direct;
        for (uint32_t i = 0; i < call; ++i) {
            Sock a, b;
            a.fd = openSocket(0, kBaselineHost);
            b.fd = openSocket(0, kBaselineHost);
            a.call = b.call = i;
            a.dir = 0;
            b.dir = 1;
            a.ssrc = 0x30000000u + i;
            b.ssrc = 0x40000000u + i;
            a.dst = loopback(boundPort(b.fd), kBaselineHost);
            b.dst = loopback(boundPort(a.fd), kBaselineHost);
            direct.push_back(a);
            direct.push_back(b);
        }
        PumpResult base = pump(direct, std::min(warmup, 1.0), baselineSeconds, drain, 0);
        for (Sock& s : direct) close(s.fd);
        printPump("baseline (direct, no relay)", base);
        std::printf("relay-added delay: median %.3f ms, p99 %.3f ms\n",
                    (relay.counts.delay.quantileUs(0.5) - base.counts.delay.quantileUs(0.5)) / 1000.0,
                    (relay.counts.delay.quantileUs(0.99) - base.counts.delay.quantileUs(0.99)) / 1000.0);
    }
    uint64_t sent = relay.counts.sent[0] + relay.counts.sent[1];
    uint64_t recv = relay.counts.received[0] + relay.counts.received[1];
    return (sent > 0 && recv <= sent) ? 0 : 1;
}
