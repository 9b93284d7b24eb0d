// switchboard-server: the headless PBX. Argument handling and the event log
// live here; everything else is in core.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <limits>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "config/carrier_profile.h"
#include "config/json_config.h"
#include "engine/core.h"
#include "engine/database.h"
#include "engine/engine.h"
#include "engine/event_queue.h"
#include "platform/instance_lock.h"
#include "platform/resources.h"
#include "sb_version.h"
#include "server_log.h"
#include "server_options.h"
#include "server_run.h"
#include "stop_signal.h"
#include "store/cdr_csv.h"
#include "store/store.h"
#ifdef _WIN32
#include "service_windows.h"
#endif

namespace {

using namespace sb;
using app::logLine;

int64_t nowMs() {
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

void printEvent(const Event& event, LogLevel level) {
    if (const auto* log = std::get_if<LogMessage>(&event)) {
        logLine(log->level, log->text, log->timeMs);
    } else if (const auto* trace = std::get_if<SipTraced>(&event); trace && level >= LogLevel::Debug) {
        logLine(LogLevel::Debug, std::string(trace->outgoing ? "sent to " : "received from ") +
                                     trace->transport + " " + trace->peer + ":\n" + trace->text,
                trace->timeMs);
    } else if (const auto* reg = std::get_if<RegistrationChanged>(&event); reg && level >= LogLevel::Debug) {
        std::string what = reg->removed     ? "removed"
                           : reg->reachable ? "bound, expires in " +
                                                  std::to_string((reg->expiresAtMs - nowMs() + 999) / 1000) + " s"
                                            : "unreachable";
        logLine(LogLevel::Debug, "registration " + reg->extension + " <" + reg->contact + "> from " +
                                     reg->transport + " " + reg->source + ": " + what);
    } else if (const auto* rejected = std::get_if<ConfigurationRejected>(&event)) {
        logLine(LogLevel::Error, "configuration refused: " + rejected->reason);
    }
}

int runImport(const app::ServerOptions& options) {
    auto config = config::readConfigurationFile(*options.importFile);
    if (!config) {
        logLine(LogLevel::Error, config.error().message);
        return 1;
    }
    auto db = openDatabase(options.engine.databasePath);
    if (!db) {
        logLine(LogLevel::Error, db.error().message);
        return 1;
    }
    if (auto saved = db->store->replaceConfiguration(*config); !saved) {
        logLine(LogLevel::Error, saved.error().message);
        return 1;
    }
    logLine(LogLevel::Info, "imported " + options.importFile->string() + " into " +
                                db->store->path().string() + ": " +
                                std::to_string(config->extensions.size()) + " extensions, " +
                                std::to_string(config->lines.size()) + " lines, " +
                                std::to_string(config->trunks.size()) + " trunks, " +
                                std::to_string(config->routes.size()) + " routes");
    return 0;
}

int runExport(const app::ServerOptions& options) {
    auto db = openDatabase(options.engine.databasePath);
    if (!db) {
        logLine(LogLevel::Error, db.error().message);
        return 1;
    }
    if (auto written = config::writeConfigurationFile(*options.exportFile, db->config); !written) {
        logLine(LogLevel::Error, written.error().message);
        return 1;
    }
    logLine(LogLevel::Info, "exported the configuration of " + db->store->path().string() + " to " +
                                options.exportFile->string());
    return 0;
}

int runCdrExport(const app::ServerOptions& options) {
    auto db = openDatabase(options.engine.databasePath);
    if (!db) {
        logLine(LogLevel::Error, db.error().message);
        return 1;
    }
    auto records = db->store->cdrsBetween(0, std::numeric_limits<int64_t>::max());
    if (!records) {
        logLine(LogLevel::Error, records.error().message);
        return 1;
    }
    const std::string csv = store::cdrCsv(records.value());
    const auto path = *options.cdrExportFile;
    std::FILE* f = std::fopen(path.string().c_str(), "wb");
    if (!f || std::fwrite(csv.data(), 1, csv.size(), f) != csv.size() || std::fclose(f) != 0) {
        logLine(LogLevel::Error, "cannot write " + path.string());
        return 1;
    }
    logLine(LogLevel::Info, "exported " + std::to_string(records->size()) + " calls to " + path.string());
    return 0;
}

// Serving and importing change the database: never behind another engine's
// back (the desktop application takes the same lock). Without a per-user
// folder there is nothing to lock, and opening the store says so.
Result<platform::InstanceLock> lockDatabase(const app::ServerOptions& options) {
    const auto& chosen = options.engine.databasePath;
    const auto database = chosen.empty() ? store::defaultDatabasePath() : chosen;
    if (database.empty()) return platform::InstanceLock();
    return platform::InstanceLock::acquire(platform::lockFileFor(database), "switchboard-server");
}

/// The shipped carrier profiles, read here so the engine thread reads no files.
std::vector<config::CarrierProfile> shippedProfiles() {
    std::vector<config::CarrierProfile> out;
    const auto folder = platform::resourceDirectory("profiles");
    if (folder.empty()) return out;
    std::error_code ec;
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(folder, ec))
        if (entry.path().extension() == ".json") files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    for (const auto& file : files) {
        auto profile = config::readCarrierProfileFile(file);
        if (profile) {
            out.push_back(std::move(profile.value()));
        } else {
            logLine(LogLevel::Warning, profile.error().message);
        }
    }
    return out;
}

int runSelfTest(const app::ServerOptions& options);

int runServer(const app::ServerOptions& options) {
    app::installStopHandler();
    auto started = app::startEngine(options);
    if (!started.run) return started.exitCode;
    app::drainUntilStopped(*started.run);
    app::stopEngine(*started.run);
    return 0;
}

}  // namespace

namespace sb::app {

struct ServerRun {
    ServerRun(const ServerOptions& runOptions, platform::InstanceLock held)
        : options(runOptions), lock(std::move(held)) {}

    void printEvents() {
        for (const auto& e : events.drain()) printEvent(e, options.engine.logLevel);
    }

    const ServerOptions& options;
    platform::InstanceLock lock;  // declared before the engine: released after it is gone
    EventQueue events{nullptr};   // drained by polling; the wait is bounded by waitForStop
    Engine engine{events};
};

void ServerRunDeleter::operator()(ServerRun* run) const { delete run; }

EngineStart startEngine(const ServerOptions& options) {
    auto lock = lockDatabase(options);
    if (!lock) {
        // Exit 2: restarting cannot help until the other engine stops.
        logLine(LogLevel::Error, "cannot start: " + lock.error().message);
        return {nullptr, 2};
    }
    ServerRunPtr run(new ServerRun(options, std::move(lock.value())));
    if (auto started = run->engine.start(options.engine); !started) {
        run->printEvents();
        logLine(LogLevel::Error, "cannot start: " + started.error().message);
        return {nullptr, 1};
    }
    return {std::move(run), 0};
}

void drainUntilStopped(ServerRun& run) {
    for (;;) {
        const bool stop = waitForStop(std::chrono::milliseconds(50));
        run.printEvents();
        if (stop) break;
    }
}

void stopEngine(ServerRun& run) {
    logLine(LogLevel::Info, "stopping");
    run.engine.stop();
    run.printEvents();
    logLine(LogLevel::Info, "stopped");
    run.lock.release();
}

}  // namespace sb::app

int main(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    auto options = app::parseServerOptions(args);
    if (!options) {
#ifdef _WIN32
        if (std::find(args.begin(), args.end(), "--service") != args.end())
            return app::runAsFailedService(options.error().message);
#endif
        std::fprintf(stderr, "switchboard-server: %s\n", options.error().message.c_str());
        return 2;
    }
    if (options->showHelp) {
        std::fputs(app::serverUsage().c_str(), stdout);
        return 0;
    }
    if (options->showVersion) {
        std::printf("switchboard-server %s\n", SB_VERSION);
        return 0;
    }
    if (options->selfTestTarget) return runSelfTest(*options);
    if (options->exportFile) return runExport(*options);
    if (options->cdrExportFile) return runCdrExport(*options);
    if (options->importFile) {
        auto lock = lockDatabase(*options);
        if (!lock) {
            logLine(LogLevel::Error, "cannot start: " + lock.error().message);
            return 2;
        }
        return runImport(*options);
    }
#ifdef _WIN32
    if (options->runAsService) return app::runAsService(*options);
#endif
    return runServer(*options);
}

namespace {

int runSelfTest(const app::ServerOptions& options) {
    app::installStopHandler();
    auto started = app::startEngine(options);
    if (!started.run) return started.exitCode;
    app::ServerRun& run = *started.run;
    diagnostics::SelfTestRequest request;
    request.id = 1;
    request.target = *options.selfTestTarget;
    request.number = options.selfTestNumber;
    request.options = options.selfTestOptions;
    request.registration = options.selfTestRegister;
    request.call = options.selfTestCall;
    request.stepTimeoutMs = options.selfTestStepTimeoutMs;
    request.ringMs = options.selfTestRingMs;
    request.presets = shippedProfiles();
    run.engine.post([request](Core& core) { core.startSelfTest(request); });

    // Every step is bounded by the engine; this bound only guards against a
    // test that never reports (4 steps, the call's ringing time, a margin).
    const auto limit =
        std::chrono::milliseconds(4 * uint64_t{request.stepTimeoutMs} + request.ringMs + 10000);
    const auto deadline = std::chrono::steady_clock::now() + limit;
    std::optional<SelfTestFinished> result;
    bool stopAsked = false;
    while (!result) {
        const bool stop = app::waitForStop(std::chrono::milliseconds(50));
        for (auto& e : run.events.drain()) {
            printEvent(e, options.engine.logLevel);
            if (auto* finished = std::get_if<SelfTestFinished>(&e)) result = std::move(*finished);
        }
        if (!stopAsked && (stop || std::chrono::steady_clock::now() > deadline)) {
            stopAsked = true;
            run.engine.post([](Core& core) { core.stopSelfTest(1); });
        }
        if (stopAsked && std::chrono::steady_clock::now() > deadline + std::chrono::seconds(5)) break;
    }
    app::stopEngine(run);
    if (!result) {
        logLine(LogLevel::Error, "the self-test did not report");
        return 1;
    }
    std::fputs(result->text.c_str(), stdout);
    std::fflush(stdout);
    if (options.selfTestReportFile) {
        std::FILE* f = std::fopen(options.selfTestReportFile->string().c_str(), "wb");
        if (!f || std::fwrite(result->text.data(), 1, result->text.size(), f) != result->text.size() ||
            std::fclose(f) != 0) {
            logLine(LogLevel::Error, "cannot write " + options.selfTestReportFile->string());
            return 1;
        }
    }
    return result->report.error.empty() ? 0 : 1;
}

}  // namespace
