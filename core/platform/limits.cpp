#include "platform/limits.h"

#ifdef _WIN32

namespace sb::platform {
// Winsock has no per-process descriptor limit to raise; libre's select-based
// loop on Windows is sized by its own fd_setsize().
int raiseOpenFileLimit() { return 16384; }
}  // namespace sb::platform

#else
#include <sys/resource.h>

namespace sb::platform {

int raiseOpenFileLimit() {
    struct rlimit rl {};
    if (getrlimit(RLIMIT_NOFILE, &rl) != 0) return 1024;
    if (rl.rlim_cur < rl.rlim_max) {
        rlimit raised = rl;
        raised.rlim_cur = rl.rlim_max;
        if (setrlimit(RLIMIT_NOFILE, &raised) == 0) rl = raised;
    }
    constexpr rlim_t kCap = 1 << 20;  // epoll needs no more; keeps libre's fd table small
    return static_cast<int>(rl.rlim_cur == RLIM_INFINITY || rl.rlim_cur > kCap ? kCap : rl.rlim_cur);
}

}  // namespace sb::platform
#endif
