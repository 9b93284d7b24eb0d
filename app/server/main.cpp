// switchboard-server: the headless PBX. Argument handling and the event log
// live here; everything else is in core.
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <ctime>
#include <limits>
#include <string>
#include <utility>
#include <vector>

#include "config/json_config.h"
#include "engine/database.h"
#include "engine/engine.h"
#include "engine/event_queue.h"
#include "platform/instance_lock.h"
#include "sb_version.h"
#include "store/cdr_csv.h"
#include "store/store.h"
#include "server_options.h"
#include "stop_signal.h"

namespace {

using namespace sb;

std::string timestamp(int64_t ms) {
    const std::time_t secs = static_cast<std::time_t>(ms / 1000);
    std::tm tm{};
#ifdef _WIN32
    localtime_s(&tm, &secs);
#else
    localtime_r(&secs, &tm);
#endif
    char buf[40];
    std::strftime(buf, sizeof(buf), "%Y-%m-%d %H:%M:%S", &tm);
    char out[48];
    std::snprintf(out, sizeof(out), "%s.%03d", buf, static_cast<int>(ms % 1000));
    return out;
}

int64_t nowMs() {
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

void logLine(LogLevel level, const std::string& text, int64_t ms = 0) {
    std::fprintf(stderr, "%s %-7s %s\n", timestamp(ms ? ms : nowMs()).c_str(), logLevelName(level),
                 text.c_str());
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

int runServer(const app::ServerOptions& options) {
    app::installStopHandler();
    EventQueue events(nullptr);  // drained by polling below; the wait is bounded by the signal wait
    Engine engine(events);
    if (auto started = engine.start(options.engine); !started) {
        for (const auto& e : events.drain()) printEvent(e, options.engine.logLevel);
        logLine(LogLevel::Error, "cannot start: " + started.error().message);
        return 1;
    }
    for (;;) {
        const bool stop = app::waitForStop(std::chrono::milliseconds(50));
        for (const auto& e : events.drain()) printEvent(e, options.engine.logLevel);
        if (stop) break;
    }
    logLine(LogLevel::Info, "stopping");
    engine.stop();
    for (const auto& e : events.drain()) printEvent(e, options.engine.logLevel);
    logLine(LogLevel::Info, "stopped");
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    auto options = app::parseServerOptions(args);
    if (!options) {
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
    if (options->exportFile) return runExport(*options);
    if (options->cdrExportFile) return runCdrExport(*options);
    // Serving and importing change the database: never behind another
    // engine's back (the desktop application takes the same lock). Exit 2:
    // restarting cannot help until the other one stops.
    const auto& chosen = options->engine.databasePath;
    const auto database = chosen.empty() ? store::defaultDatabasePath() : chosen;
    platform::InstanceLock held;
    if (!database.empty()) {  // without a per-user folder, opening the store says so
        auto lock = platform::InstanceLock::acquire(platform::lockFileFor(database), "switchboard-server");
        if (!lock) {
            logLine(LogLevel::Error, "cannot start: " + lock.error().message);
            return 2;
        }
        held = std::move(lock.value());
    }
    if (options->importFile) return runImport(*options);
    return runServer(*options);
}
