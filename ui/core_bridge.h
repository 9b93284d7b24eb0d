#pragma once

#include <QObject>
#include <QSet>
#include <QString>

#include <memory>

#include "common/result.h"
#include "engine/engine.h"
#include "engine/event_queue.h"
#include "engine/events.h"
#include "models/calls_model.h"
#include "models/registrations_model.h"
#include "models/trace_model.h"
#include "store/records.h"

namespace sb::ui {

/// The GUI's side of the core/GUI seam. Owns the Engine and the EventQueue
/// it publishes into. The engine thread only *wakes* the bridge (a queued
/// call of drain()); drain() runs on the GUI thread, takes every pending
/// event in one go and re-emits them as typed signals, followed by one
/// batch signal per kind for the high-volume tables.
///
/// Nothing here blocks on the engine (except start(), which by the Engine's
/// contract returns once the loop serves or failed) and nothing keeps a
/// pointer to a core object: commands go in through post(), values come out.
class CoreBridge final : public QObject {
    Q_OBJECT
public:
    explicit CoreBridge(QObject* parent = nullptr);
    ~CoreBridge() override;

    /// Start the engine. The error, if any, names the database file or the
    /// address that could not be bound; show it to the user.
    sb::Result<void> start(const sb::EngineOptions& options);
    /// Stop the engine thread; safe to call twice. Events still queued are
    /// dropped.
    void stop();
    bool isRunning() const;
    /// Port SIP actually listens on (after start()).
    quint16 sipPort() const;

    /// Queue @p command for the engine thread; returns at once.
    /// @return false when the engine is not running
    bool post(sb::Engine::Command command);

    /// Ask the engine to validate, commit and apply @p config. The outcome
    /// arrives as configurationChanged() or configurationRejected().
    bool applyConfiguration(const sb::store::Configuration& config);

    /// Where the engine publishes. Anything published here (from any thread)
    /// comes out of drain() like an engine event: tests feed the GUI this way.
    sb::EventSink& eventSink() { return m_queue; }

    /// The last configuration snapshot received (empty before the first).
    const sb::store::Configuration& configuration() const { return m_configuration; }

    /// Pause (false) or resume (true) taking new calls; calls in progress go
    /// on. The core has no such switch yet, so the bridge ends every call
    /// that appears while paused as soon as its first event arrives (the
    /// caller gets 480; the called phone may ring for an instant). Replace
    /// the body with one posted core command once the core has it.
    void setAcceptingNewCalls(bool accepting);
    bool acceptingNewCalls() const { return m_acceptingNewCalls; }

    /// A request id no other query of this bridge has used (never 0), for
    /// commands whose answer comes back as an event carrying it. GUI thread.
    quint64 nextRequestId() { return ++m_lastRequestId; }

public slots:
    /// Take all pending events and emit them. Called (queued) by the wake
    /// callback; harmless to call when nothing is pending. Re-entrant calls
    /// (a slot spinning an event loop) only mark that more is pending, so
    /// events are always emitted in engine order.
    void drain();

signals:
    void logMessage(const sb::LogMessage& message);
    void engineStarted(const sb::EngineStarted& started);
    void configurationChanged(const sb::store::Configuration& config);
    void configurationRejected(const QString& reason);
    void sipTraced(const sb::SipTraced& message);
    void callUpdated(const sb::CallUpdated& call);
    void callEnded(const sb::CallEnded& call);
    void registrationChanged(const sb::RegistrationChanged& change);
    void lineStatusChanged(const sb::LineStatusChanged& change);
    void banChanged(const sb::BanChanged& change);
    /// Every voicemail message, after one was left, heard or deleted.
    void voicemailChanged(const sb::VoicemailChanged& change);
    /// The answer to a queryCallHistory() command; match it by requestId.
    void callHistory(const sb::CallHistory& history);
    /// The answer to a queryCallLadder() command; match it by requestId.
    void callLadder(const sb::CallLadder& ladder);
    /// A carrier self-test (Core::startSelfTest) made progress; match it by id.
    void selfTestProgress(const sb::SelfTestProgress& progress);
    /// A carrier self-test ended; its report and text.
    void selfTestFinished(const sb::SelfTestFinished& finished);

    /// Per drain, after the per-event signals, only when non-empty.
    void callsChanged(const sb::ui::CallChanges& changes);
    void sipTracedBatch(const sb::ui::TraceBatch& batch);
    void registrationsChanged(const sb::ui::RegistrationChanges& changes);
    /// setAcceptingNewCalls() changed the setting.
    void acceptingNewCallsChanged(bool accepting);
    /// Per drain: how many events it handled.
    void drained(int eventCount);

private:
    void drainOnce();

    sb::EventQueue m_queue;           // outlives m_engine, which publishes into it
    std::unique_ptr<sb::Engine> m_engine;
    sb::store::Configuration m_configuration;
    bool m_draining = false;
    bool m_drainAgain = false;
    quint64 m_lastRequestId = 0;
    bool m_acceptingNewCalls = true;
};

/// Register the sb:: value types with Qt's meta-type system (idempotent).
void registerMetaTypes();

}  // namespace sb::ui

Q_DECLARE_METATYPE(sb::LogMessage)
Q_DECLARE_METATYPE(sb::EngineStarted)
Q_DECLARE_METATYPE(sb::store::Configuration)
Q_DECLARE_METATYPE(sb::SipTraced)
Q_DECLARE_METATYPE(sb::CallUpdated)
Q_DECLARE_METATYPE(sb::CallEnded)
Q_DECLARE_METATYPE(sb::RegistrationChanged)
Q_DECLARE_METATYPE(sb::LineStatusChanged)
Q_DECLARE_METATYPE(sb::CallHistory)
Q_DECLARE_METATYPE(sb::VoicemailChanged)
Q_DECLARE_METATYPE(sb::CallLadder)
Q_DECLARE_METATYPE(sb::SelfTestProgress)
Q_DECLARE_METATYPE(sb::SelfTestFinished)
Q_DECLARE_METATYPE(sb::BanChanged)
Q_DECLARE_METATYPE(sb::ui::CallChanges)
Q_DECLARE_METATYPE(sb::ui::TraceBatch)
Q_DECLARE_METATYPE(sb::ui::RegistrationChanges)
