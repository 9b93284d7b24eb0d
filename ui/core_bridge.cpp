#include "core_bridge.h"

#include <QMetaObject>

#include <type_traits>
#include <variant>

#include "engine/core.h"

namespace sb::ui {

namespace {

template <class>
inline constexpr bool kAlwaysFalse = false;

}  // namespace

void registerMetaTypes() {
    qRegisterMetaType<sb::LogMessage>();
    qRegisterMetaType<sb::BanChanged>();
    qRegisterMetaType<sb::EngineStarted>();
    qRegisterMetaType<sb::store::Configuration>();
    qRegisterMetaType<sb::SipTraced>();
    qRegisterMetaType<sb::CallUpdated>();
    qRegisterMetaType<sb::CallEnded>();
    qRegisterMetaType<sb::RegistrationChanged>();
    qRegisterMetaType<sb::LineStatusChanged>();
    qRegisterMetaType<sb::CallHistory>();
    qRegisterMetaType<sb::VoicemailChanged>();
    qRegisterMetaType<sb::CallLadder>();
    qRegisterMetaType<sb::SelfTestProgress>();
    qRegisterMetaType<sb::SelfTestFinished>();
    qRegisterMetaType<sb::ui::CallChanges>();
    qRegisterMetaType<sb::ui::TraceBatch>();
    qRegisterMetaType<sb::ui::RegistrationChanges>();
}

CoreBridge::CoreBridge(QObject* parent)
    : QObject(parent),
      // Runs on the engine thread: only schedule the drain on ours.
      m_queue([this] { QMetaObject::invokeMethod(this, &CoreBridge::drain, Qt::QueuedConnection); }),
      m_engine(std::make_unique<sb::Engine>(m_queue)) {
    registerMetaTypes();
}

CoreBridge::~CoreBridge() { stop(); }

sb::Result<void> CoreBridge::start(const sb::EngineOptions& options) {
    // A pause outlives a restart of the engine.
    sb::EngineOptions withPause = options;
    withPause.acceptingCalls = options.acceptingCalls && m_acceptingNewCalls;
    return m_engine->start(withPause);
}

void CoreBridge::stop() {
    m_engine->stop();
    (void)m_queue.drain();  // the loop is gone; what it said last no longer matters
}

bool CoreBridge::isRunning() const { return m_engine->running(); }

quint16 CoreBridge::sipPort() const { return m_engine->sipPort(); }

bool CoreBridge::post(sb::Engine::Command command) { return m_engine->post(std::move(command)); }

bool CoreBridge::applyConfiguration(const sb::store::Configuration& config) {
    return post([config](sb::Core& core) { (void)core.applyConfiguration(config); });
}

void CoreBridge::setAcceptingNewCalls(bool accepting) {
    if (accepting == m_acceptingNewCalls) return;
    m_acceptingNewCalls = accepting;
    // The engine answers new INVITEs 503 itself, before anything rings; with
    // no engine running the choice waits for start().
    (void)post([accepting](sb::Core& core) { core.setAcceptingCalls(accepting); });
    emit acceptingNewCallsChanged(accepting);
}

void CoreBridge::drain() {
    if (m_draining) {
        m_drainAgain = true;
        return;
    }
    m_draining = true;
    do {
        m_drainAgain = false;
        drainOnce();
    } while (m_drainAgain);
    m_draining = false;
}

void CoreBridge::drainOnce() {
    std::vector<sb::Event> events = m_queue.drain();
    if (events.empty()) return;

    CallChanges calls;
    TraceBatch traces;
    RegistrationChanges registrations;
    for (sb::Event& event : events) {
        std::visit(
            [&](auto& e) {
                using T = std::decay_t<decltype(e)>;
                if constexpr (std::is_same_v<T, sb::LogMessage>) {
                    emit logMessage(e);
                } else if constexpr (std::is_same_v<T, sb::EngineStarted>) {
                    emit engineStarted(e);
                } else if constexpr (std::is_same_v<T, sb::ConfigurationChanged>) {
                    m_configuration = e.config;
                    emit configurationChanged(m_configuration);
                } else if constexpr (std::is_same_v<T, sb::ConfigurationRejected>) {
                    emit configurationRejected(QString::fromStdString(e.reason));
                } else if constexpr (std::is_same_v<T, sb::SipTraced>) {
                    emit sipTraced(e);
                    traces.push_back(std::move(e));
                } else if constexpr (std::is_same_v<T, sb::CallUpdated>) {
                    emit callUpdated(e);
                    calls.push_back(CallChange{std::move(e), false});
                } else if constexpr (std::is_same_v<T, sb::CallEnded>) {
                    emit callEnded(e);
                    CallChange change;
                    change.call.callId = e.callId;
                    change.ended = true;
                    calls.push_back(std::move(change));
                } else if constexpr (std::is_same_v<T, sb::RegistrationChanged>) {
                    emit registrationChanged(e);
                    registrations.push_back(std::move(e));
                } else if constexpr (std::is_same_v<T, sb::LineStatusChanged>) {
                    emit lineStatusChanged(e);
                } else if constexpr (std::is_same_v<T, sb::CallHistory>) {
                    emit callHistory(e);
                } else if constexpr (std::is_same_v<T, sb::BanChanged>) {
                    emit banChanged(e);
                } else if constexpr (std::is_same_v<T, sb::VoicemailChanged>) {
                    emit voicemailChanged(e);
                } else if constexpr (std::is_same_v<T, sb::CallLadder>) {
                    emit callLadder(e);
                } else if constexpr (std::is_same_v<T, sb::SelfTestProgress>) {
                    emit selfTestProgress(e);
                } else if constexpr (std::is_same_v<T, sb::SelfTestFinished>) {
                    emit selfTestFinished(e);
                } else {
                    static_assert(kAlwaysFalse<T>, "CoreBridge::drain does not handle an Event type");
                }
            },
            event);
    }
    if (!calls.empty()) emit callsChanged(calls);
    if (!traces.empty()) emit sipTracedBatch(traces);
    if (!registrations.empty()) emit registrationsChanged(registrations);
    emit drained(static_cast<int>(events.size()));
}

}  // namespace sb::ui
