#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "common/result.h"
#include "engine/engine.h"

namespace sb::app {

/// What switchboard-server was asked to do.
struct ServerOptions {
    EngineOptions engine;
    std::optional<std::filesystem::path> importFile;
    std::optional<std::filesystem::path> exportFile;
    std::optional<std::filesystem::path> cdrExportFile;
    bool showVersion = false;
    bool showHelp = false;
    /// --service (Windows only, not in --help): run under the service control
    /// manager instead of in a console (docs/service.md).
    bool runAsService = false;
};

/// Parse argv (without argv[0]); errors name the offending argument.
Result<ServerOptions> parseServerOptions(const std::vector<std::string>& args);

std::string serverUsage();

}  // namespace sb::app
