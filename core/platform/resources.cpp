#include "platform/resources.h"

#ifdef _WIN32
#include <windows.h>
#endif

#include <string>
#include <system_error>

namespace sb::platform {

std::filesystem::path executableDirectory() {
#ifdef _WIN32
    std::wstring buffer(MAX_PATH, L'\0');
    for (;;) {
        const DWORD n = GetModuleFileNameW(nullptr, buffer.data(), static_cast<DWORD>(buffer.size()));
        if (n == 0) return {};
        if (n < buffer.size()) {
            buffer.resize(n);
            break;
        }
        buffer.resize(buffer.size() * 2);
    }
    return std::filesystem::path(buffer).parent_path();
#else
    std::error_code ec;
    const auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
    return ec ? std::filesystem::path() : exe.parent_path();
#endif
}

std::filesystem::path resourceDirectory(std::string_view name) {
    std::error_code ec;
    const auto exeDir = executableDirectory();
    std::filesystem::path candidates[] = {
        exeDir.empty() ? std::filesystem::path() : exeDir / name,
        exeDir.empty() ? std::filesystem::path() : exeDir / ".." / "share" / "switchboard" / name,
        std::filesystem::path(SB_SOURCE_RESOURCES) / name,
    };
    for (const auto& c : candidates)
        if (!c.empty() && std::filesystem::is_directory(c, ec)) return c.lexically_normal();
    return {};
}

}  // namespace sb::platform
