#include "platform/paths.h"

#ifdef _WIN32
#include <io.h>

#include <cstdlib>
#else
#include <fcntl.h>
#include <pwd.h>
#include <unistd.h>

#include <cstdlib>
#include <string>
#include <vector>
#endif

namespace sb::platform {

#ifdef _WIN32

std::filesystem::path userDataDirectory() {
    // The wide variant: the narrow one mangles user names outside the ANSI
    // code page.
    const wchar_t* appData = _wgetenv(L"APPDATA");
    if (!appData || !*appData) return {};
    return std::filesystem::path(appData) / L"Switchboard";
}

bool canWrite(const std::filesystem::path& path) {
    constexpr int kWriteAccess = 2;
    return _waccess(path.c_str(), kWriteAccess) == 0;
}

#else

namespace {

std::filesystem::path homeDirectory() {
    if (const char* home = std::getenv("HOME"); home && *home) return home;
    // Services and some sandboxes run without $HOME; the password database
    // still knows.
    long size = sysconf(_SC_GETPW_R_SIZE_MAX);
    std::vector<char> buffer(size > 0 ? static_cast<size_t>(size) : 16384);
    passwd entry{};
    passwd* found = nullptr;
    if (getpwuid_r(getuid(), &entry, buffer.data(), buffer.size(), &found) == 0 && found && found->pw_dir)
        return found->pw_dir;
    return {};
}

}  // namespace

std::filesystem::path userDataDirectory() {
    // The XDG spec says a relative value is invalid and must be ignored.
    if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg && *xdg) {
        std::filesystem::path dir(xdg);
        if (dir.is_absolute()) return dir / "switchboard";
    }
    const std::filesystem::path home = homeDirectory();
    if (home.empty()) return {};
    return home / ".local" / "share" / "switchboard";
}

bool canWrite(const std::filesystem::path& path) {
    // AT_EACCESS: ask about the identity that will do the writing, not the
    // real user id (they differ in a setuid launcher).
    return faccessat(AT_FDCWD, path.c_str(), W_OK, AT_EACCESS) == 0;
}

#endif

}  // namespace sb::platform
