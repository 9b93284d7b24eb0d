#pragma once

#include <filesystem>

namespace sb::platform {

/// The per-user folder where Switchboard keeps its data:
/// %APPDATA%\Switchboard on Windows; $XDG_DATA_HOME/switchboard, else
/// $HOME/.local/share/switchboard, elsewhere. The folder may not exist yet.
/// @return the folder, or an empty path when no home folder can be found
std::filesystem::path userDataDirectory();

/// Whether this process may write the file, or create files in the folder.
/// Unlike permission bits this honours what the OS enforces: root is
/// refused by an immutable file, everyone by a read-only mount.
bool canWrite(const std::filesystem::path& path);

}  // namespace sb::platform
