#include "platform/instance_lock.h"

#include <cerrno>
#include <cstring>
#include <system_error>
#include <utility>

#ifdef _WIN32
#include <windows.h>
#else
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>
#endif

namespace sb::platform {

namespace {

std::string describeHolder(const std::filesystem::path& lockFile) {
    const std::string holder = lockHolder(lockFile);
    return holder.empty() ? "another Switchboard process" : holder;
}

std::string holderText(const std::string& holder) {
#ifdef _WIN32
    const unsigned long pid = GetCurrentProcessId();
#else
    const long pid = static_cast<long>(getpid());
#endif
    return holder + " (process " + std::to_string(pid) + ")\n";
}

Error inUse(const std::filesystem::path& lockFile) {
    // The lock file is "<database>.lock": name the database, which the user chose.
    const std::filesystem::path database = lockFile.parent_path() / lockFile.stem();
    return makeError("the database " + database.string() + " is in use by " + describeHolder(lockFile) +
                         "; only one Switchboard may run on a database at a time",
                     EWOULDBLOCK);
}

}  // namespace

std::filesystem::path lockFileFor(const std::filesystem::path& databasePath) {
    std::filesystem::path lock = databasePath;
    lock += ".lock";
    return lock;
}

std::string lockHolder(const std::filesystem::path& lockFile) {
    std::string text;
#ifdef _WIN32
    HANDLE h = CreateFileW(lockFile.c_str(), GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE,
                           nullptr, OPEN_EXISTING, FILE_ATTRIBUTE_NORMAL, nullptr);
    if (h == INVALID_HANDLE_VALUE) return {};
    char buffer[256];
    DWORD got = 0;
    if (ReadFile(h, buffer, sizeof(buffer), &got, nullptr)) text.assign(buffer, got);
    CloseHandle(h);
#else
    const int fd = ::open(lockFile.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return {};
    char buffer[256];
    const ssize_t got = ::read(fd, buffer, sizeof(buffer));
    if (got > 0) text.assign(buffer, static_cast<size_t>(got));
    ::close(fd);
#endif
    // One line of printable text, or nothing: the file may be half written.
    if (const auto end = text.find('\n'); end != std::string::npos) text.resize(end);
    for (char c : text)
        if (static_cast<unsigned char>(c) < 0x20) return {};
    return text;
}

#ifdef _WIN32

// The lock covers a byte range far beyond the text, so others can still read
// who holds it (a locked range cannot be read on Windows).
constexpr DWORD kLockOffsetHigh = 0x7fffffff;

Result<InstanceLock> InstanceLock::acquire(const std::filesystem::path& lockFile, const std::string& holder) {
    std::error_code ec;
    if (lockFile.has_parent_path()) std::filesystem::create_directories(lockFile.parent_path(), ec);
    HANDLE h = CreateFileW(lockFile.c_str(), GENERIC_READ | GENERIC_WRITE,
                           FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, nullptr, OPEN_ALWAYS,
                           FILE_ATTRIBUTE_NORMAL, nullptr);
    if (h == INVALID_HANDLE_VALUE)
        return makeError("cannot open the lock file " + lockFile.string() + " (Windows error " +
                         std::to_string(GetLastError()) + ")");
    OVERLAPPED at{};
    at.OffsetHigh = kLockOffsetHigh;
    if (!LockFileEx(h, LOCKFILE_EXCLUSIVE_LOCK | LOCKFILE_FAIL_IMMEDIATELY, 0, 1, 0, &at)) {
        CloseHandle(h);
        return inUse(lockFile);
    }
    const std::string text = holderText(holder);
    DWORD written = 0;
    SetEndOfFile(h);
    (void)WriteFile(h, text.data(), static_cast<DWORD>(text.size()), &written, nullptr);
    InstanceLock lock;
    lock.m_path = lockFile;
    lock.m_handle = h;
    return lock;
}

void InstanceLock::release() {
    if (!m_handle) return;
    // Closing the handle releases the lock; the file stays, harmlessly.
    CloseHandle(static_cast<HANDLE>(m_handle));
    m_handle = nullptr;
}

bool InstanceLock::held() const { return m_handle != nullptr; }

InstanceLock::InstanceLock(InstanceLock&& other) noexcept
    : m_path(std::move(other.m_path)), m_handle(std::exchange(other.m_handle, nullptr)) {}

InstanceLock& InstanceLock::operator=(InstanceLock&& other) noexcept {
    if (this != &other) {
        release();
        m_path = std::move(other.m_path);
        m_handle = std::exchange(other.m_handle, nullptr);
    }
    return *this;
}

#else

Result<InstanceLock> InstanceLock::acquire(const std::filesystem::path& lockFile, const std::string& holder) {
    std::error_code ec;
    if (lockFile.has_parent_path()) std::filesystem::create_directories(lockFile.parent_path(), ec);
    // No O_TRUNC: the holder's text must survive a failed attempt. CLOEXEC:
    // a child we start must not keep the database locked after we exit.
    const int fd = ::open(lockFile.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0)
        return makeError("cannot open the lock file " + lockFile.string() + ": " + std::strerror(errno), errno);
    // flock(), not fcntl(): its lock belongs to this open file, so a second
    // attempt from the same process fails as one from another process does.
    if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
        const int err = errno;
        ::close(fd);
        if (err == EWOULDBLOCK) return inUse(lockFile);
        return makeError("cannot lock " + lockFile.string() + ": " + std::strerror(err), err);
    }
    const std::string text = holderText(holder);
    if (::ftruncate(fd, 0) != 0 || ::write(fd, text.data(), text.size()) != static_cast<ssize_t>(text.size())) {
        // The lock itself holds; only the "who" is missing from the file.
    }
    InstanceLock lock;
    lock.m_path = lockFile;
    lock.m_fd = fd;
    return lock;
}

void InstanceLock::release() {
    if (m_fd < 0) return;
    // The file stays: removing it would race with a process that has just
    // opened it and is about to lock it (it would lock an unlinked file).
    ::close(m_fd);
    m_fd = -1;
}

bool InstanceLock::held() const { return m_fd >= 0; }

InstanceLock::InstanceLock(InstanceLock&& other) noexcept
    : m_path(std::move(other.m_path)), m_fd(std::exchange(other.m_fd, -1)) {}

InstanceLock& InstanceLock::operator=(InstanceLock&& other) noexcept {
    if (this != &other) {
        release();
        m_path = std::move(other.m_path);
        m_fd = std::exchange(other.m_fd, -1);
    }
    return *this;
}

#endif

InstanceLock::~InstanceLock() { release(); }

}  // namespace sb::platform
