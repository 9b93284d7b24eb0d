#pragma once

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "common/result.h"
#include "engine/events.h"
#include "store/records.h"

struct mqueue;

namespace sb {

class Core;

/// Start-up choices that override the stored settings for this run only.
struct EngineOptions {
    std::filesystem::path databasePath;      ///< empty: store::defaultDatabasePath()
    std::optional<uint16_t> sipPort;         ///< UDP/TCP port; 0 picks a free one
    std::optional<uint16_t> tlsPort;
    std::optional<std::string> bindAddress;
    LogLevel logLevel = LogLevel::Info;
    /// Publish every SIP message as a SipTraced event (the GUI's trace view);
    /// off, the hot path copies nothing.
    bool traceSip = true;
    /// false: new calls are answered 503 from the first INVITE on (a pause
    /// kept across a restart of the engine; see Core::setAcceptingCalls).
    bool acceptingCalls = true;
};

/// Owns the SIP/media thread. Every piece of SIP, call and media state lives
/// on that thread; other threads only post() commands and receive events.
class Engine {
public:
    using Command = std::function<void(Core&)>;

    explicit Engine(EventSink& sink);
    ~Engine();
    Engine(const Engine&) = delete;
    Engine& operator=(const Engine&) = delete;

    /// Open the store, bring up SIP and start the loop thread. Returns once
    /// the thread has either started serving or failed (the error names the
    /// database file or the address that could not be bound).
    Result<void> start(const EngineOptions& options);

    /// Stop the loop and join the thread; safe to call twice.
    void stop();

    bool running() const { return m_running.load(); }

    /// Queue a command to run on the engine thread; returns immediately.
    /// @return false when the engine is not running (command dropped)
    bool post(Command command);

    /// Port SIP actually listens on (after start; useful with port 0).
    uint16_t sipPort() const { return m_sipPort.load(); }

private:
    void run(const EngineOptions& options, std::promise<Result<void>>* ready);
    static void onCommand(int id, void* data, void* arg);

    EventSink& m_sink;
    std::thread m_thread;
    std::atomic<bool> m_running{false};
    std::mutex m_postMutex;  // orders posts before the stop message: nothing is queued after it
    std::atomic<uint16_t> m_sipPort{0};
    struct mqueue* m_mqueue = nullptr;  // owned by the engine thread
    Core* m_core = nullptr;             // engine thread only
};

}  // namespace sb
