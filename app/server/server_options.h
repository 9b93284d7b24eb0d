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
    /// --self-test NAME: run the carrier self-test of line or trunk NAME,
    /// print its report on stdout and exit (docs/diagnostics.md).
    std::optional<std::string> selfTestTarget;
    std::string selfTestNumber;   ///< --number N: the test call's number; none = no call
    bool selfTestOptions = true;  ///< --steps: which of options, register, call run
    bool selfTestRegister = true;
    bool selfTestCall = true;
    uint32_t selfTestStepTimeoutMs = 8000;                    ///< --step-timeout S
    uint32_t selfTestRingMs = 6000;                           ///< --ring-time S
    std::optional<std::filesystem::path> selfTestReportFile;  ///< --report FILE: also write the report there
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
