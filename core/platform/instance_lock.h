#pragma once

// One engine per database (docs/service.md): the GUI and switchboard-server
// both take this lock before they open the store. It is an OS advisory lock
// on a file next to the database, so the OS drops it when the holder exits
// in any way, kill -9 and power-cut reboots included; a stale lock file on
// disk means nothing by itself.

#include <filesystem>
#include <string>

#include "common/result.h"

namespace sb::platform {

/// Holds the lock for as long as it lives (move-only).
class InstanceLock {
public:
    InstanceLock() = default;
    ~InstanceLock();
    InstanceLock(InstanceLock&& other) noexcept;
    InstanceLock& operator=(InstanceLock&& other) noexcept;
    InstanceLock(const InstanceLock&) = delete;
    InstanceLock& operator=(const InstanceLock&) = delete;

    /// Take the lock on @p lockFile (its folder is created when missing) and
    /// write @p holder ("switchboard-server", "switchboard") and our process
    /// id into it, so a process that finds it taken can say by whom.
    /// @return the held lock, or an error naming the file and, when the lock
    ///         is taken, the holder ("... is in use by switchboard-server
    ///         (process 1234)"); Error::code is EWOULDBLOCK in that case
    static Result<InstanceLock> acquire(const std::filesystem::path& lockFile, const std::string& holder);

    /// Let go now instead of at destruction; safe to call twice.
    void release();
    bool held() const;
    const std::filesystem::path& path() const { return m_path; }

private:
    std::filesystem::path m_path;
#ifdef _WIN32
    void* m_handle = nullptr;  // HANDLE
#else
    int m_fd = -1;
#endif
};

/// The lock file that guards database @p databasePath: "<database>.lock".
std::filesystem::path lockFileFor(const std::filesystem::path& databasePath);

/// What the holder of @p lockFile wrote ("switchboard-server (process 1234)"),
/// or empty when nobody wrote anything readable.
std::string lockHolder(const std::filesystem::path& lockFile);

}  // namespace sb::platform
