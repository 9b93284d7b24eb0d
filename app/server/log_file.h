#pragma once

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>

#include "common/result.h"

namespace sb::app {

/// A log file that never grows past a size: when the next line would take it
/// over the cap, the file becomes its "old" file (replacing the previous old
/// one) and a new file starts. At most twice the cap is ever on disk, which
/// matters for a service that runs for months with nobody reading its log.
class SizeCappedLogFile {
public:
    /// @param path     the live file, e.g. ...\logs\switchboard-server.log
    /// @param maxBytes cap of each of the two files
    SizeCappedLogFile(std::filesystem::path path, std::uintmax_t maxBytes);

    /// Create the folder if needed and open @p path for appending (a
    /// restarted service continues its log).
    /// @return an error naming the file when it cannot be opened
    Result<void> open();

    /// Append @p line and a line break and flush, so a crash loses nothing
    /// already logged. A line longer than the cap is written whole into a
    /// fresh file rather than cut.
    /// @return false when the line could not be written
    bool write(const std::string& line);

    const std::filesystem::path& path() const { return m_path; }

    /// Where @p path goes when it is full: "switchboard-server.old.log" for
    /// "switchboard-server.log" (the extension stays last so the file still
    /// opens in an editor with a double click).
    static std::filesystem::path oldFileFor(const std::filesystem::path& path);

private:
    bool rotate();

    std::filesystem::path m_path;
    std::uintmax_t m_maxBytes;
    std::uintmax_t m_size = 0;
    std::ofstream m_out;
};

}  // namespace sb::app
