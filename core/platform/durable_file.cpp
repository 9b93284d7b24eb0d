#include "platform/durable_file.h"

#include <cerrno>
#include <cstdio>

#ifdef _WIN32
#include <io.h>
#else
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#endif

namespace sb::platform {

int writeNewFileDurably(const std::filesystem::path& path, std::string_view data) {
#ifdef _WIN32
    FILE* f = _wfopen(path.c_str(), L"wbx");
    if (!f) return errno ? errno : EIO;
    const bool written = std::fwrite(data.data(), 1, data.size(), f) == data.size() && std::fflush(f) == 0 &&
                         _commit(_fileno(f)) == 0;
    const int err = written ? 0 : (errno ? errno : EIO);
    return std::fclose(f) != 0 && err == 0 ? EIO : err;
#else
    // 0600 from the start: the file carries SIP passwords.
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) return errno;
    int err = 0;
    for (size_t done = 0; done < data.size() && !err;) {
        const ssize_t n = ::write(fd, data.data() + done, data.size() - done);
        if (n < 0 && errno != EINTR) err = errno;
        if (n > 0) done += static_cast<size_t>(n);
    }
    if (!err && ::fsync(fd) != 0) err = errno;
    if (::close(fd) != 0 && !err) err = errno;
    return err;
#endif
}

void syncDirectory([[maybe_unused]] const std::filesystem::path& dir) {
#ifndef _WIN32
    if (int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC); dfd >= 0) {
        (void)::fsync(dfd);
        ::close(dfd);
    }
#endif
}

}  // namespace sb::platform
