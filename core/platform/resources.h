#pragma once

#include <filesystem>
#include <string_view>

namespace sb::platform {

/// The folder of the running executable; empty when it cannot be told.
std::filesystem::path executableDirectory();

/// Where the shipped resource folder @p name (e.g. "prompts") is: beside
/// the executable (Windows installs), in ../share/switchboard/ (Linux
/// installs), else in the source tree the program was built from.
/// @return the first that exists, or an empty path.
std::filesystem::path resourceDirectory(std::string_view name);

}  // namespace sb::platform
