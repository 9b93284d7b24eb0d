// CoreBridge without an engine: events published into its sink from another
// thread come out on the GUI thread, in order, in batches, and reach the
// MainWindow's models.

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>
#include <QThread>

#include <memory>
#include <string>
#include <thread>

#include "core_bridge.h"
#include "main_window.h"
#include "models/calls_model.h"
#include "models/extensions_model.h"
#include "models/lines_model.h"
#include "models/registrations_model.h"
#include "models/trace_model.h"
#include "fixtures.h"

using namespace sb::ui;
using namespace sb::ui::test;

namespace {

sb::CallUpdated callUpdate(quint64 id, const std::string& state) {
    sb::CallUpdated c;
    c.callId = id;
    c.caller = "100";
    c.callee = "101";
    c.state = state;
    c.startMs = 1;
    return c;
}

sb::LogMessage logLine(const char* text) { return sb::ui::test::logLine(sb::LogLevel::Info, text); }

}  // namespace

class CoreBridgeTest : public QObject {
    Q_OBJECT

private slots:
    void eventsFromAnotherThreadArriveInBatches();
    void reentrantDrainKeepsOrder();
    void mainWindowModelsFollowEvents();
    void stopWithoutStartIsHarmless();
};

void CoreBridgeTest::eventsFromAnotherThreadArriveInBatches() {
    CoreBridge bridge;
    QThread* gui = QThread::currentThread();
    int updates = 0;
    int ends = 0;
    bool onGuiThread = true;
    quint64 lastId = 0;
    bool inOrder = true;
    connect(&bridge, &CoreBridge::callUpdated, this, [&](const sb::CallUpdated& c) {
        onGuiThread = onGuiThread && QThread::currentThread() == gui;
        inOrder = inOrder && c.callId == lastId + 1;
        lastId = c.callId;
        ++updates;
    });
    connect(&bridge, &CoreBridge::callEnded, this, [&](const sb::CallEnded&) { ++ends; });
    QSignalSpy batches(&bridge, &CoreBridge::callsChanged);
    QSignalSpy drained(&bridge, &CoreBridge::drained);

    constexpr int kCalls = 2000;
    std::thread engine([&bridge] {
        for (int i = 1; i <= kCalls; ++i) {
            bridge.eventSink().publish(callUpdate(static_cast<quint64>(i), "Trying"));
            if (i % 2 == 0) bridge.eventSink().publish(callEnded(static_cast<quint64>(i)));
        }
    });
    engine.join();
    QTRY_COMPARE(updates, kCalls);
    QTRY_COMPARE(ends, kCalls / 2);
    QVERIFY(onGuiThread);
    QVERIFY(inOrder);
    // Published before the GUI thread ran at all: far fewer drains than events.
    QVERIFY2(drained.count() < 10, qPrintable(QString::number(drained.count())));
    QCOMPARE(batches.count(), drained.count());
    qsizetype changes = 0;
    for (const auto& args : batches) changes += qsizetype(args[0].value<CallChanges>().size());
    QCOMPARE(changes, qsizetype(kCalls + kCalls / 2));
}

void CoreBridgeTest::reentrantDrainKeepsOrder() {
    CoreBridge bridge;
    QStringList seen;
    connect(&bridge, &CoreBridge::logMessage, this, [&](const sb::LogMessage& m) {
        seen << QString::fromStdString(m.text);
        if (m.text == "a") {
            // A slot that spins the event loop (a modal dialog would) while
            // the engine publishes more.
            bridge.eventSink().publish(logLine("c"));
            QCoreApplication::processEvents();
        }
    });
    bridge.eventSink().publish(logLine("a"));
    bridge.eventSink().publish(logLine("b"));
    QTRY_COMPARE(seen.size(), 3);
    QCOMPARE(seen, (QStringList{QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")}));
}

void CoreBridgeTest::mainWindowModelsFollowEvents() {
    CoreBridge bridge;
    MainWindow window(bridge);
    auto calls = std::make_unique<QAbstractItemModelTester>(
        window.callsModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    auto trace = std::make_unique<QAbstractItemModelTester>(
        window.traceModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    sb::EventSink& sink = bridge.eventSink();

    sb::store::Configuration config;
    config.extensions = {extension("200", "Desk")};
    sb::store::ExternalLine line;
    line.name = "carrier";
    line.domain = "example.net";
    line.account = "alice";
    config.lines = {line};
    sink.publish(engineStarted("udp:127.0.0.1:5099 tcp:127.0.0.1:5099", "/tmp/x.db"));
    sink.publish(sb::ConfigurationChanged{config});
    sink.publish(lineStatus("carrier", "Registered", 200));
    sink.publish(callUpdate(7, "Ringing"));
    sink.publish(callUpdate(8, "Trying"));
    sink.publish(callEnded(8));
    sink.publish(binding("200", "sip:200@192.0.2.1", 1));
    sink.publish(traced(false, "REGISTER sip:example.net SIP/2.0\r\ni: reg-1\r\n\r\n", 1));

    QTRY_COMPARE(window.extensionsModel()->rowCount(), 1);
    QCOMPARE(window.callsModel()->rowCount(), 1);
    QCOMPARE(window.callsModel()->index(0, CallsModel::State).data().toString(), QStringLiteral("Ringing"));
    QCOMPARE(window.registrationsModel()->rowCount(), 1);
    QCOMPARE(window.traceModel()->rowCount(), 1);
    QCOMPARE(window.traceModel()->rowAt(0).callId, QStringLiteral("reg-1"));
    QCOMPARE(window.linesModel()->index(0, LinesModel::Status).data().toString(), QStringLiteral("Registered"));
    QCOMPARE(bridge.configuration(), config);

    sink.publish(rejected("extensions[0].number: expected digits"));
    sink.publish(logLine(sb::LogLevel::Error, "cannot bind 127.0.0.1:5099"));
    sink.publish(callEnded(7));
    QTRY_COMPARE(window.callsModel()->rowCount(), 0);
    QCOMPARE(window.extensionsModel()->rowCount(), 1);  // a rejection changes nothing
}

void CoreBridgeTest::stopWithoutStartIsHarmless() {
    CoreBridge bridge;
    QVERIFY(!bridge.isRunning());
    QVERIFY(!bridge.post([](sb::Core&) {}));
    QVERIFY(!bridge.applyConfiguration({}));
    bridge.stop();
    bridge.stop();
}

QTEST_MAIN(CoreBridgeTest)
#include "core_bridge_test.moc"
