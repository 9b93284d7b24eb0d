#include "server_options.h"

#include <charconv>

namespace sb::app {

namespace {

Result<uint16_t> parsePort(const std::string& flag, const std::string& text) {
    unsigned value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size() || value > 65535)
        return makeError(flag + ": expected a port number 0-65535, got '" + text + "'");
    return static_cast<uint16_t>(value);
}

Result<uint32_t> parseSeconds(const std::string& flag, const std::string& text) {
    unsigned value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size() || value < 1 || value > 120)
        return makeError(flag + ": expected seconds 1-120, got '" + text + "'");
    return static_cast<uint32_t>(value) * 1000;
}

Result<void> parseSteps(const std::string& text, ServerOptions& out) {
    out.selfTestOptions = out.selfTestRegister = out.selfTestCall = false;
    size_t start = 0;
    while (start <= text.size()) {
        const size_t comma = text.find(',', start);
        const std::string step = text.substr(start, comma == std::string::npos ? comma : comma - start);
        if (step == "options") {
            out.selfTestOptions = true;
        } else if (step == "register") {
            out.selfTestRegister = true;
        } else if (step == "call") {
            out.selfTestCall = true;
        } else {
            return makeError("--steps: expected a comma-separated list of options, register and call, got '" +
                             step + "'");
        }
        if (comma == std::string::npos) break;
        start = comma + 1;
    }
    return {};
}

}  // namespace

std::string serverUsage() {
    return "Usage: switchboard-server [options]\n"
           "Runs the Switchboard PBX without a window.\n\n"
           "  --db FILE            database file (default: per-user data folder)\n"
           "  --import FILE.json   replace the whole configuration from FILE.json, then exit\n"
           "  --export FILE.json   write the configuration to FILE.json, then exit\n"
           "  --cdr-export FILE.csv  write the call history to FILE.csv, then exit\n"
           "  --sip-port N         SIP port for UDP and TCP (default: from settings, 5060; 0 = any free)\n"
           "  --tls-port N         SIP over TLS port (default: from settings, 5061)\n"
           "  --bind ADDR          address to listen on (default: from settings, 0.0.0.0)\n"
           "  --log-level LEVEL    error, warning, info or debug (default: info)\n"
           "  --self-test NAME     test line or trunk NAME against its carrier (OPTIONS, REGISTER\n"
           "                       with both authorization-name forms, a test call), print the\n"
           "                       report and exit\n"
           "  --number N           the self-test's call goes to N (without it: no test call)\n"
           "  --steps LIST         self-test steps, of options,register,call (default: all)\n"
           "  --step-timeout S     no answer within S seconds ends a step (default 8)\n"
           "  --ring-time S        a test call still ringing after S seconds is cancelled (default 6)\n"
           "  --report FILE        also write the self-test report (with the message flow) to FILE\n"
           "  --version            print the version and exit\n"
           "  --help               print this help and exit\n";
}

Result<ServerOptions> parseServerOptions(const std::vector<std::string>& args) {
    ServerOptions out;
    for (size_t i = 0; i < args.size(); ++i) {
        const std::string& flag = args[i];
        auto value = [&]() -> Result<std::string> {
            if (i + 1 >= args.size()) return makeError(flag + ": missing value");
            return args[++i];
        };
        if (flag == "--help" || flag == "-h") {
            out.showHelp = true;
        } else if (flag == "--version") {
            out.showVersion = true;
        } else if (flag == "--service") {
            // Left out of --help: only the service control manager starts the
            // server this way, with the command line `sc create` recorded.
#ifdef _WIN32
            out.runAsService = true;
#else
            return makeError("--service is only available on Windows");
#endif
        } else if (flag == "--self-test" || flag == "--number" || flag == "--steps" ||
                   flag == "--step-timeout" || flag == "--ring-time" || flag == "--report") {
            auto v = value();
            if (!v) return v.error();
            if (flag == "--self-test") out.selfTestTarget = *v;
            if (flag == "--number") out.selfTestNumber = *v;
            if (flag == "--report") out.selfTestReportFile = *v;
            if (flag == "--steps")
                if (auto ok = parseSteps(*v, out); !ok) return ok.error();
            if (flag == "--step-timeout" || flag == "--ring-time") {
                auto ms = parseSeconds(flag, *v);
                if (!ms) return ms.error();
                (flag == "--step-timeout" ? out.selfTestStepTimeoutMs : out.selfTestRingMs) = *ms;
            }
        } else if (flag == "--db" || flag == "--import" || flag == "--export" || flag == "--bind" ||
                   flag == "--cdr-export" || flag == "--log-level" || flag == "--sip-port" ||
                   flag == "--tls-port") {
            auto v = value();
            if (!v) return v.error();
            if (flag == "--db") out.engine.databasePath = *v;
            if (flag == "--import") out.importFile = *v;
            if (flag == "--export") out.exportFile = *v;
            if (flag == "--cdr-export") out.cdrExportFile = *v;
            if (flag == "--bind") out.engine.bindAddress = *v;
            if (flag == "--log-level" && !parseLogLevel(*v, out.engine.logLevel))
                return makeError("--log-level: expected error, warning, info or debug, got '" + *v + "'");
            if (flag == "--sip-port" || flag == "--tls-port") {
                auto port = parsePort(flag, *v);
                if (!port) return port.error();
                (flag == "--sip-port" ? out.engine.sipPort : out.engine.tlsPort) = *port;
            }
        } else {
            return makeError("unknown option '" + flag + "' (see --help)");
        }
    }
    out.engine.traceSip = out.engine.logLevel == LogLevel::Debug;
    if (out.selfTestTarget && (out.importFile || out.exportFile || out.cdrExportFile || out.runAsService))
        return makeError("--self-test cannot be combined with --import, --export, --cdr-export or --service");
    if (out.importFile && out.exportFile) return makeError("--import and --export cannot be combined");
    if (out.runAsService && (out.importFile || out.exportFile || out.cdrExportFile))
        return makeError("--service cannot be combined with --import, --export or --cdr-export");
    return out;
}

}  // namespace sb::app
