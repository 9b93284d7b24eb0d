#pragma once

#include <filesystem>
#include <string_view>

namespace sb::platform {

/// Creates @p path exclusively (it must not exist), readable by the owner
/// only where the OS has such modes (the data may carry SIP passwords),
/// writes @p data and flushes it to the disk before returning.
/// @return 0, or an errno value
int writeNewFileDurably(const std::filesystem::path& path, std::string_view data);

/// Makes a rename inside @p dir durable (fsync of the folder) where the OS
/// needs that; on Windows the rename is already. Failure is ignored: it
/// loses nothing already written.
void syncDirectory(const std::filesystem::path& dir);

}  // namespace sb::platform
