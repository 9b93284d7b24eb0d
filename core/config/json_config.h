#pragma once

// The configuration as a JSON document: import/export for
// `switchboard-server --import/--export` and for backups. The key names are a
// contract with users' files and are documented in docs/config.md.

#include <filesystem>
#include <string>
#include <string_view>

#include "common/result.h"
#include "store/records.h"

namespace sb::config {

/// The JSON format version this build reads and writes.
inline constexpr int kConfigurationJsonVersion = 1;

/// Parse and fully check a configuration document. All or nothing: either a
/// configuration that passed validate(), or an error.
/// @param text  UTF-8 JSON text
/// @return the configuration, or an error whose message is one line per
///         problem, each "path: reason" (e.g. "lines[1].proxy: expected
///         host[:port]"); syntax errors read "line L, column C: ..."
Result<store::Configuration> parseConfigurationJson(std::string_view text);

/// Render a configuration as pretty JSON (2-space indent, keys in the
/// documented order, trailing newline). Does not validate; never throws.
std::string configurationToJson(const store::Configuration& config);

/// Read and parse a file; messages are prefixed with the file name.
Result<store::Configuration> readConfigurationFile(const std::filesystem::path& path);

/// Write atomically: a temporary file in the same folder is written, flushed
/// to disk and renamed over the target, so a failed export never leaves half
/// a file. The file holds passwords and is created readable by its owner only.
Result<void> writeConfigurationFile(const std::filesystem::path& path, const store::Configuration& config);

}  // namespace sb::config
