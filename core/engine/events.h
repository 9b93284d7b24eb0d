#pragma once

// Events the engine publishes: plain values, copied across the thread seam.
// Nothing here points into live core state; things are named by id.

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "diagnostics/finding.h"
#include "diagnostics/self_test.h"
#include "store/records.h"

namespace sb {

enum class LogLevel : int { Error = 1, Warning, Info, Debug };
const char* logLevelName(LogLevel level);
bool parseLogLevel(const std::string& s, LogLevel& out);

/// A line of the engine's log, for the GUI and the server's stderr.
struct LogMessage {
    LogLevel level = LogLevel::Info;
    std::string text;
    int64_t timeMs = 0;
};

/// The engine is up: SIP listens on these addresses ("udp:0.0.0.0:5060", ...).
struct EngineStarted {
    std::string listening;
    std::string databasePath;
    std::string tlsFingerprint;  ///< SHA-256 of the certificate SIP over TLS serves
    bool createdNow = false;     ///< the database was new (empty) and got the default configuration
};

/// A committed configuration (after start, import or an edit from the GUI).
struct ConfigurationChanged {
    store::Configuration config;
};

/// A configuration edit that was refused; the previous one stays in force.
struct ConfigurationRejected {
    std::string reason;
};

/// One SIP message sent or received.
struct SipTraced {
    bool outgoing = false;
    std::string transport;  ///< "UDP", "TCP", "TLS"
    std::string peer;       ///< "127.0.0.1:5062"
    std::string local;
    std::string text;       ///< the raw message
    int64_t timeMs = 0;
};

/// An address was banned (removed = false) or its ban ended or was lifted.
struct BanChanged {
    std::string address;
    std::string reason;
    int64_t sinceMs = 0;
    int64_t untilMs = 0;
    bool removed = false;
};

/// A call appeared or changed. CallId is stable for the call's lifetime.
struct CallUpdated {
    uint64_t callId = 0;
    std::string caller;
    std::string callee;
    std::string route;
    std::string state;   ///< Trying, Ringing, Early media, Ring-back, Talking, On hold, Ending
    std::string codec;
    int64_t startMs = 0;
    int64_t answerMs = 0;
};

struct CallEnded {
    uint64_t callId = 0;
};

/// A binding of an extension appeared, changed or went away (expiresS == 0).
struct RegistrationChanged {
    std::string extension;
    std::string contact;
    std::string source;     ///< address the phone actually used
    std::string transport;
    std::string userAgent;
    int64_t expiresAtMs = 0;
    bool removed = false;
    bool reachable = true;  ///< false when qualify pings go unanswered
};

/// Status of an external line's registration.
struct LineStatusChanged {
    std::string line;
    std::string status;   ///< "Registered", "Failed: 403 Forbidden", "Unreachable", ...
    int lastCode = 0;
    /// Why it fails and which setting fixes it (diagnostics::explainRegistration);
    /// empty while the line works, or for statuses that are not about its registration.
    diagnostics::Findings findings{};
};

/// The answer to a call history query (Core::queryCallHistory).
struct CallHistory {
    uint64_t requestId = 0;
    std::vector<store::CdrRecord> records;  ///< oldest first
    std::string error;                      ///< empty on success
};

/// Every voicemail message, after any was left, heard or deleted (the
/// Voicemail tab). Files are relative to @p folder.
struct VoicemailChanged {
    std::string folder;
    std::vector<store::VoicemailMessage> messages;  ///< oldest first
};

/// The answer to a call-flow query (Core::queryCallLadder).
struct CallLadder {
    uint64_t requestId = 0;
    int64_t cdrId = 0;
    diagnostics::Ladder ladder{};
    std::string error{};  ///< empty on success
};

/// A step of a carrier self-test (Core::startSelfTest) began or saw something.
struct SelfTestProgress {
    uint64_t id = 0;     ///< SelfTestRequest::id
    int step = 0;        ///< 1 OPTIONS, 2 and 3 REGISTER (short, full name), 4 the test call
    std::string text{};  ///< "REGISTER as \"+8612345678\": 403 Forbidden"
};

/// A carrier self-test ended (or could not start: report.error).
struct SelfTestFinished {
    diagnostics::SelfTestReport report{};
    std::string text{};  ///< diagnostics::selfTestReportText(report): what "Save trace…" writes
};

using Event = std::variant<LogMessage, EngineStarted, ConfigurationChanged, ConfigurationRejected, SipTraced,
                           CallUpdated, CallEnded, RegistrationChanged, LineStatusChanged, CallHistory,
                           BanChanged, VoicemailChanged, CallLadder, SelfTestProgress, SelfTestFinished>;

/// Receives engine events. Called on the engine thread: implementations must
/// only queue the event and return (never block, never touch GUI objects).
class EventSink {
public:
    virtual ~EventSink() = default;
    virtual void publish(Event event) = 0;
};

}  // namespace sb
