#include "log_file.h"

#include <system_error>
#include <utility>

namespace sb::app {

namespace fs = std::filesystem;

SizeCappedLogFile::SizeCappedLogFile(fs::path path, std::uintmax_t maxBytes)
    : m_path(std::move(path)), m_maxBytes(maxBytes) {}

fs::path SizeCappedLogFile::oldFileFor(const fs::path& path) {
    // Built in the native encoding: no narrow conversion of a Windows path.
    fs::path name = path.stem();
    name += ".old";
    name += path.extension();
    return path.parent_path() / name;
}

Result<void> SizeCappedLogFile::open() {
    std::error_code ec;
    if (m_path.has_parent_path()) fs::create_directories(m_path.parent_path(), ec);
    if (ec)
        return makeError("cannot create the folder of " + m_path.string() + ": " + ec.message(), ec.value());
    m_out.close();
    m_out.clear();
    // Binary: the same bytes on every platform; "\n" line ends read fine in
    // every Windows editor since Notepad learnt them in 2018.
    m_out.open(m_path, std::ios::binary | std::ios::app);
    if (!m_out) return makeError("cannot open " + m_path.string() + " for writing");
    const auto size = fs::file_size(m_path, ec);
    m_size = ec ? 0 : size;
    return {};
}

bool SizeCappedLogFile::rotate() {
    m_out.close();  // Windows cannot rename a file that is open
    std::error_code ec;
    const fs::path old = oldFileFor(m_path);
    // Removed first: whether rename replaces an existing file differs
    // between standard libraries on Windows.
    fs::remove(old, ec);
    fs::rename(m_path, old, ec);
    // If the rename failed, truncating is still better than growing forever.
    m_out.clear();
    m_out.open(m_path, std::ios::binary | std::ios::trunc);
    m_size = 0;
    return static_cast<bool>(m_out);
}

bool SizeCappedLogFile::write(const std::string& line) {
    const std::uintmax_t bytes = line.size() + 1;
    if (m_size > 0 && m_size + bytes > m_maxBytes && !rotate()) return false;
    if (!m_out.is_open()) return false;
    m_out.write(line.data(), static_cast<std::streamsize>(line.size()));
    m_out.put('\n');
    m_out.flush();
    if (!m_out) {
        m_out.clear();  // try again with the next line (the disk may have room by then)
        return false;
    }
    m_size += bytes;
    return true;
}

}  // namespace sb::app
