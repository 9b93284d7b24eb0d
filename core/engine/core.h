#pragma once

#include <memory>
#include <string>

#include "common/result.h"
#include "common/timer.h"
#include "engine/load_monitor.h"
#include "engine/events.h"
#include "sip/connection_guard.h"
#include "store/records.h"

namespace sb::store {
class Store;
class StoreWriter;
}
namespace sb::sip {
class SipStack;
class Registrar;
class Qualifier;
class LineRegistrations;
class SourceGuard;
struct ListenConfig;
}

namespace sb::call {
class CallManager;
class CarrierSelfTest;
}

namespace sb {

class TraceFile;

/// Everything that lives on the engine thread, handed to posted commands.
/// Only the engine thread may touch a Core.
class Core {
public:
    Core(EventSink& events, std::unique_ptr<store::Store> store, store::Configuration config,
         LogLevel logLevel);
    ~Core();
    Core(const Core&) = delete;
    Core& operator=(const Core&) = delete;

    EventSink& events() { return m_events; }
    store::Store& store() { return *m_store; }
    const store::Configuration& config() const { return m_config; }
    sip::SipStack* sip() { return m_sip.get(); }
    sip::Registrar* registrar() { return m_registrar.get(); }
    call::CallManager* calls() { return m_calls.get(); }

    void log(LogLevel level, std::string text);

    /// Validate, commit and apply a whole configuration. On success publishes
    /// ConfigurationChanged; on failure ConfigurationRejected, and the
    /// previous configuration stays in force.
    Result<void> applyConfiguration(store::Configuration config);

    /// Start the background writer for bindings and call records.
    Result<void> startStoreWriter();
    store::StoreWriter* storeWriter() { return m_writer.get(); }

    /// Offer 100rel again on a line/trunk that had refused PRACK (the GUI's
    /// "Clear warning").
    void clearPrackWarning(const std::string& lineOrTrunk);
    /// End call @p callId (the GUI's Hang up); false when there is no such call.
    bool hangUpCall(uint64_t callId);
    /// The GUI's Transfer: blind transfer of call @p callId by its extension
    /// to @p number (CallManager::transferCall); an error says why not.
    Result<void> transferCall(uint64_t callId, const std::string& number);
    /// Pause (false) or resume new calls: while paused every INVITE gets 503.
    void setAcceptingCalls(bool accepting);
    /// Lift the ban on @p address (the Security tab's Unban); false when not banned.
    bool unban(const std::string& address);
    /// Delete voicemail message @p id, row and file (the Voicemail tab).
    bool deleteVoicemail(int64_t id);
    /// Read calls that started in [fromMs, toMs) off the engine thread; the
    /// answer arrives as a CallHistory event with @p requestId.
    void queryCallHistory(uint64_t requestId, int64_t fromMs, int64_t toMs);
    /// Read the message flow of call record @p cdrId off the engine thread;
    /// the answer comes back as a CallLadder event with @p requestId.
    void queryCallLadder(uint64_t requestId, int64_t cdrId);

    /// Run the carrier self-test @p request (call/carrier_self_test.h) for
    /// one line or trunk; progress and result come back as SelfTestProgress
    /// and SelfTestFinished events. One at a time: a second request while
    /// one runs is answered at once with an error.
    void startSelfTest(diagnostics::SelfTestRequest request);
    /// Stop the self-test @p id early; its result reports what it saw.
    void stopSelfTest(uint64_t id);

    /// Bring up SIP (UDP, TCP and, when configured, TLS).
    Result<void> startSip(const sip::ListenConfig& listen, bool traceSip);

private:
    EventSink& m_events;
    std::unique_ptr<store::Store> m_store;
    std::unique_ptr<store::StoreWriter> m_writer;
    store::Configuration m_config;
    std::string m_warnedAuthAlgorithms;  ///< the list last checked by warnAboutSeveralDigestAlgorithms()
    void applyLive();
    /// Logs once per changed list when auth_algorithms offers more than one.
    void warnAboutSeveralDigestAlgorithms();

    std::unique_ptr<TraceFile> m_traceFile;  ///< before m_sip: outlives the stack that feeds it
    std::unique_ptr<sip::SipStack> m_sip;
    std::unique_ptr<sip::Registrar> m_registrar;
    std::unique_ptr<sip::Qualifier> m_qualifier;
    std::unique_ptr<call::CallManager> m_calls;
    std::unique_ptr<sip::LineRegistrations> m_lines;
    std::unique_ptr<sip::SourceGuard> m_guard;
    std::unique_ptr<call::CarrierSelfTest> m_selfTest;
    Timer m_selfTestReap;  ///< destroys a finished self-test outside its own callbacks
    /// Destroy the finished self-test once its calls' last transactions
    /// ended, waiting at most @p triesLeft half-seconds for them.
    void reapSelfTest(int triesLeft);
    Timer m_guardSweep;
    LoadMonitor m_load;
    Timer m_loadTimer;
    int64_t m_loadDueMs = 0;
    uint64_t m_shed = 0;  ///< requests refused for overload in the current episode
    bool m_inOverload = false;    ///< in an overload episode, as logged
    int64_t m_lastOverloadMs = 0;  ///< last load tick that found the engine overloaded
    LogLevel m_logLevel;
    sip::ConnectionGuard m_connections;
    int m_fileLimit = 0;                   ///< open-file limit in force
    uint64_t m_idleResident = 0;           ///< RSS when the engine had just started
    int64_t m_lastTrimMs = 0;
    std::vector<std::pair<int, uint32_t>> m_sipDatagramSockets;  ///< fd, drops seen so far
    uint32_t m_fileLimitSetting = ~0u;     ///< max_open_files it was applied for
    void startGuard();
    void sweepGuard();
    /// Once a second: close surplus and silent TCP/TLS connections, tell the
    /// call manager how many descriptors and how much memory are in use.
    void reviewResources();
    void watchLoad();
};

}  // namespace sb
