#include "service_windows.h"

#include <windows.h>
// After windows.h, which they need.
#include <knownfolders.h>
#include <sddl.h>
#include <shlobj.h>

#include <atomic>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <optional>
#include <string>

#include "log_file.h"
#include "server_log.h"
#include "server_run.h"
#include "stop_signal.h"

namespace sb::app {

namespace {

wchar_t g_defaultServiceName[] = L"Switchboard";  // mutable: SERVICE_TABLE_ENTRYW wants LPWSTR
constexpr const wchar_t* kEventSource = L"Switchboard";
constexpr const wchar_t* kServerMarker = L"Global\\Switchboard.Server";
constexpr std::uintmax_t kLogFileMaxBytes = 10 * 1024 * 1024;
constexpr DWORD kStartWaitHintMs = 10'000;
// The engine's stop ends every call and writes the queued call records; the
// same budget systemd gives it (TimeoutStopSec=20s).
constexpr DWORD kStopWaitHintMs = 20'000;

// serviceMain gets only the start parameters of `sc start`, not the command
// line that was parsed into these; runAsService leaves them here for it.
const ServerOptions* g_options = nullptr;
// Set instead when the command line did not parse: the service still starts,
// only to put the error where an administrator will see it.
const std::string* g_commandLineError = nullptr;
std::atomic<int> g_exitCode{0};

std::string toUtf8(const std::wstring& text) {
    if (text.empty()) return {};
    const int size = WideCharToMultiByte(CP_UTF8, 0, text.data(), static_cast<int>(text.size()), nullptr, 0,
                                         nullptr, nullptr);
    std::string out(static_cast<size_t>(size > 0 ? size : 0), '\0');
    WideCharToMultiByte(CP_UTF8, 0, text.data(), static_cast<int>(text.size()), out.data(), size, nullptr,
                        nullptr);
    return out;
}

std::wstring fromUtf8(const std::string& text) {
    if (text.empty()) return {};
    const int size = MultiByteToWideChar(CP_UTF8, 0, text.data(), static_cast<int>(text.size()), nullptr, 0);
    std::wstring out(static_cast<size_t>(size > 0 ? size : 0), L'\0');
    MultiByteToWideChar(CP_UTF8, 0, text.data(), static_cast<int>(text.size()), out.data(), size);
    return out;
}

std::string windowsErrorText(DWORD code) {
    wchar_t* raw = nullptr;
    const DWORD length = FormatMessageW(
        FORMAT_MESSAGE_ALLOCATE_BUFFER | FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_IGNORE_INSERTS, nullptr,
        code, 0, reinterpret_cast<wchar_t*>(&raw), 0, nullptr);
    std::wstring text = length ? std::wstring(raw, length) : std::wstring();
    LocalFree(raw);
    while (!text.empty() && (text.back() == L'\n' || text.back() == L'\r' || text.back() == L'.'))
        text.pop_back();
    return toUtf8(text) + " (error " + std::to_string(code) + ")";
}

std::filesystem::path programDataFolder() {
    PWSTR raw = nullptr;
    std::filesystem::path folder;
    if (SUCCEEDED(SHGetKnownFolderPath(FOLDERID_ProgramData, 0, nullptr, &raw))) folder = raw;
    CoTaskMemFree(raw);  // the API asks for it on failure too
    return folder;
}

/// The service's log: a service has no console, so every line goes to a
/// size-capped file under %ProgramData%, and errors also to the event log,
/// where administrators look first when a service will not start. Used from
/// the service thread only: the engine's events are drained and logged there.
class ServiceLog {
public:
    ServiceLog() = default;
    ~ServiceLog() { close(); }
    ServiceLog(const ServiceLog&) = delete;
    ServiceLog& operator=(const ServiceLog&) = delete;

    void open() {
        m_eventSource = RegisterEventSourceW(nullptr, kEventSource);
        const auto programData = programDataFolder();
        if (programData.empty()) {
            reportError("cannot find the ProgramData folder: the log goes to the event log only (errors)");
            return;
        }
        m_file.emplace(programData / L"Switchboard" / L"logs" / L"switchboard-server.log", kLogFileMaxBytes);
        if (auto opened = m_file->open(); !opened) {
            reportError(opened.error().message + ": the log goes to the event log only (errors)");
            m_file.reset();
        }
    }

    void write(LogLevel level, const std::string& line) {
        if (m_file) m_file->write(line);
        if (level == LogLevel::Error) reportError(line);
    }

    void close() {
        m_file.reset();
        if (m_eventSource) DeregisterEventSource(m_eventSource);
        m_eventSource = nullptr;
    }

private:
    void reportError(const std::string& text) {
        if (!m_eventSource) return;
        // Within the event log's limit for one insertion string (31,839).
        const std::wstring wide = fromUtf8(text.substr(0, 30'000));
        const wchar_t* strings[] = {wide.c_str()};
        ReportEventW(m_eventSource, EVENTLOG_ERROR_TYPE, 0, 1, nullptr, 1, 0, strings, nullptr);
    }

    std::optional<SizeCappedLogFile> m_file;
    HANDLE m_eventSource = nullptr;
};

/// The marker the desktop application looks for to learn that a server runs
/// on this machine, whatever database it uses (docs/service.md). Its
/// existence is the message: nobody ever owns it.
HANDLE createServerMarker() {
    // SYSTEM, Administrators and the service itself (OWNER RIGHTS) full
    // control; interactive users SYNCHRONIZE only, enough for OpenMutexW to
    // see it but not to hold or squat it.
    PSECURITY_DESCRIPTOR descriptor = nullptr;
    if (!ConvertStringSecurityDescriptorToSecurityDescriptorW(
            L"D:P(A;;GA;;;SY)(A;;GA;;;BA)(A;;GA;;;OW)(A;;0x00100000;;;IU)", SDDL_REVISION_1, &descriptor,
            nullptr)) {
        logLine(LogLevel::Warning,
                "cannot build the access rules of the server marker: " + windowsErrorText(GetLastError()));
        return nullptr;
    }
    SECURITY_ATTRIBUTES attributes{sizeof(attributes), descriptor, FALSE};
    HANDLE marker = CreateMutexW(&attributes, FALSE, kServerMarker);
    const DWORD error = GetLastError();
    LocalFree(descriptor);
    // Only a warning either way: the marker informs the desktop application;
    // the database lock and the SIP port are what keep two engines apart.
    if (!marker) {
        logLine(LogLevel::Warning, "cannot create " + toUtf8(kServerMarker) + ": " + windowsErrorText(error));
    } else if (error == ERROR_ALREADY_EXISTS) {
        logLine(LogLevel::Warning,
                toUtf8(kServerMarker) + " already exists: is another Switchboard server running?");
    }
    return marker;
}

/// SetServiceStatus with the bookkeeping the service control manager expects:
/// controls only while running, a checkpoint that grows through each pending
/// state, and the exit code on the final report.
class StatusReporter {
public:
    explicit StatusReporter(SERVICE_STATUS_HANDLE handle) : m_handle(handle) {
        m_status.dwServiceType = SERVICE_WIN32_OWN_PROCESS;
    }

    void startPending() { report(SERVICE_START_PENDING, kStartWaitHintMs); }
    void running() { report(SERVICE_RUNNING, 0); }
    /// Call at each step of stopping: a new checkpoint tells the manager the
    /// stop is progressing and restarts its wait.
    void stopPending() { report(SERVICE_STOP_PENDING, kStopWaitHintMs); }
    void stopped(int exitCode) {
        if (exitCode != 0) {
            m_status.dwWin32ExitCode = ERROR_SERVICE_SPECIFIC_ERROR;
            m_status.dwServiceSpecificExitCode = static_cast<DWORD>(exitCode);
        }
        report(SERVICE_STOPPED, 0);
    }

private:
    void report(DWORD state, DWORD waitHintMs) {
        const bool pending = state == SERVICE_START_PENDING || state == SERVICE_STOP_PENDING;
        if (pending && m_status.dwCurrentState != state) m_checkPoint = 0;
        m_status.dwCurrentState = state;
        m_status.dwControlsAccepted =
            state == SERVICE_RUNNING
                ? SERVICE_ACCEPT_STOP | SERVICE_ACCEPT_SHUTDOWN | SERVICE_ACCEPT_PRESHUTDOWN
                : 0;
        m_status.dwCheckPoint = pending ? ++m_checkPoint : 0;
        m_status.dwWaitHint = waitHintMs;
        SetServiceStatus(m_handle, &m_status);
    }

    SERVICE_STATUS_HANDLE m_handle;
    SERVICE_STATUS m_status{};
    DWORD m_checkPoint = 0;
};

// Runs on the dispatcher's thread (the process's main thread). It only asks
// for the stop: the service thread's run loop sees the flag within 50 ms,
// reports STOP_PENDING and stops the engine, which must be stopped from the
// thread that started it.
DWORD WINAPI handlerEx(DWORD control, DWORD, LPVOID, LPVOID) {
    switch (control) {
        case SERVICE_CONTROL_STOP:
        case SERVICE_CONTROL_SHUTDOWN:
        case SERVICE_CONTROL_PRESHUTDOWN:
            requestStop();
            return NO_ERROR;
        case SERVICE_CONTROL_INTERROGATE:
            return NO_ERROR;
        default:
            return ERROR_CALL_NOT_IMPLEMENTED;
    }
}

void WINAPI serviceMain(DWORD argc, LPWSTR* argv) {
    // An own-process service answers to whatever name `sc create` gave it;
    // the manager passes that name as argv[0].
    const wchar_t* name = argc > 0 && argv[0] ? argv[0] : g_defaultServiceName;
    SERVICE_STATUS_HANDLE handle = RegisterServiceCtrlHandlerExW(name, handlerEx, nullptr);
    if (!handle) {
        g_exitCode = 1;  // nothing to report to, and no log opened yet
        return;
    }
    StatusReporter status(handle);
    status.startPending();

    ServiceLog log;
    log.open();
    setLogSink([&log](LogLevel level, const std::string& line) { log.write(level, line); });
    logLine(LogLevel::Info, "starting as the Windows service " + toUtf8(name));
    int exitCode = 2;
    HANDLE marker = nullptr;
    if (g_commandLineError) {
        logLine(LogLevel::Error, "cannot start: " + *g_commandLineError);
    } else {
        marker = createServerMarker();
        auto started = startEngine(*g_options);
        exitCode = started.exitCode;
        if (started.run) {
            status.running();
            drainUntilStopped(*started.run);
            status.stopPending();
            stopEngine(*started.run);
            started.run.reset();
            status.stopPending();
        }
    }

    // Everything is closed before the last report: once the manager sees
    // SERVICE_STOPPED, the process may end at any moment.
    if (marker) CloseHandle(marker);
    setLogSink({});
    log.close();
    g_exitCode = exitCode;
    status.stopped(exitCode);
}

}  // namespace

namespace {

/// Run serviceMain under the service control manager until it stops.
/// @return its exit code, or nothing when the process was not started by
///         the service control manager (from a console)
std::optional<int> dispatch() {
    SERVICE_TABLE_ENTRYW services[] = {{g_defaultServiceName, serviceMain}, {nullptr, nullptr}};
    if (StartServiceCtrlDispatcherW(services)) return g_exitCode.load();
    const DWORD error = GetLastError();
    if (error == ERROR_FAILED_SERVICE_CONTROLLER_CONNECT) return std::nullopt;
    std::fprintf(stderr, "switchboard-server: cannot connect to the service manager: %s\n",
                 windowsErrorText(error).c_str());
    return 1;
}

}  // namespace

int runAsService(const ServerOptions& options) {
    g_options = &options;
    if (auto exitCode = dispatch()) return *exitCode;
    std::fputs(
        "switchboard-server: --service is for the Windows service manager "
        "(sc start Switchboard); in a console, run without --service\n",
        stderr);
    return 2;
}

int runAsFailedService(const std::string& error) {
    g_commandLineError = &error;
    if (auto exitCode = dispatch()) return *exitCode;
    std::fprintf(stderr, "switchboard-server: %s\n", error.c_str());
    return 2;
}

}  // namespace sb::app
