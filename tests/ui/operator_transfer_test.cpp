// The operator's Transfer… in the Calls tab, against a real engine and real
// phones: SIPp (sip-tester) registers 101 and 102 and places 100's call to
// 101 over loopback; the operator transfers it to 102 from the table. 101 is
// hung up, 102 is called on 100's behalf, and the call record says so.
// Every SIPp run stops on its own (-timeout); no timing is asserted.

#include <QAbstractItemModel>
#include <QDir>
#include <QFile>
#include <QPlainTextEdit>
#include <QProcess>
#include <QPushButton>
#include <QStatusBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QUdpSocket>

#include <atomic>
#include <limits>
#include <memory>

#include "core_bridge.h"
#include "engine/core.h"
#include "fixtures.h"
#include "main_window.h"
#include "models/calls_model.h"
#include "sip/sip_stack.h"
#include "store/store.h"
#include "widgets/calls_panel.h"

using namespace sb::ui;
using namespace sb::ui::test;

namespace {

const QString kScenarios = QStringLiteral(SB_SOURCE_DIR "/tests/sipp/scenarios");

quint16 freePort() {
    QUdpSocket s;
    s.bind(QHostAddress::LocalHost, 0);
    return s.localPort();
}

/// SIPp running @p scenario against the engine at @p serverPort.
std::unique_ptr<QProcess> sipp(const QString& scenario, quint16 serverPort, quint16 localPort,
                               const QStringList& keys, const char* authUser = nullptr) {
    QStringList args{QStringLiteral("-sf"), kScenarios + QLatin1Char('/') + scenario,
                     QStringLiteral("127.0.0.1:%1").arg(serverPort), QStringLiteral("-t"), QStringLiteral("u1"),
                     QStringLiteral("-i"), QStringLiteral("127.0.0.1"), QStringLiteral("-p"),
                     QString::number(localPort), QStringLiteral("-m"), QStringLiteral("1"),
                     QStringLiteral("-nostdin"), QStringLiteral("-timeout"), QStringLiteral("30s"),
                     QStringLiteral("-timeout_error")};
    for (int i = 0; i + 1 < keys.size(); i += 2) args << QStringLiteral("-key") << keys[i] << keys[i + 1];
    if (authUser)
        args << QStringLiteral("-au") << QString::fromLatin1(authUser) << QStringLiteral("-ap")
             << QStringLiteral("secret-%1").arg(QString::fromLatin1(authUser));  // fixtures.h
    auto process = std::make_unique<QProcess>();
    process->setProcessChannelMode(QProcess::MergedChannels);
    process->start(QStringLiteral("sipp"), args);
    return process;
}

/// Whether something (SIPp) listens on UDP 127.0.0.1:@p port within 10 s.
/// Read from the kernel's table, not probed with a bind: a probe holding the
/// port at the wrong moment would make SIPp's own bind fail.
bool listening(quint16 port) {
    const QByteArray local = "0100007F:" + QByteArray::number(port, 16).toUpper().rightJustified(4, '0');
    for (int i = 0; i < 200; ++i) {
        QFile table(QStringLiteral("/proc/net/udp"));
        if (table.open(QIODevice::ReadOnly) && table.readAll().contains(" " + local + " ")) return true;
        QTest::qWait(50);
    }
    return false;
}

/// 100's phone calling 101 with @p scenario.
std::unique_ptr<QProcess> callFrom100(const QString& scenario, quint16 server) {
    return sipp(scenario, server, freePort(),
                {QStringLiteral("ext"), QStringLiteral("100"), QStringLiteral("callee"), QStringLiteral("101"),
                 QStringLiteral("mport"), QString::number(freePort())},
                "100");
}

/// Wait until the Calls table shows its one call in @p state, then select it.
bool selectTheCall(MainWindow& window, const QString& state) {
    auto* view = window.findChild<QTableView*>(QStringLiteral("callsView"));
    const QAbstractItemModel* model = view->model();
    for (int i = 0; i < 600; ++i) {
        if (model->rowCount() == 1 && model->index(0, CallsModel::State).data().toString() == state) {
            view->selectRow(0);
            return true;
        }
        QTest::qWait(25);
    }
    return false;
}

bool finishedOk(QProcess& p) {
    if (!p.waitForFinished(40'000)) return false;
    return p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
}

}  // namespace

class OperatorTransferTest : public QObject {
    Q_OBJECT

private slots:
    void theOperatorTransfersTheCallerToAnotherExtension();
    void theOperatorSendsARingingCallElsewhere_data();
    void theOperatorSendsARingingCallElsewhere();

private:
    /// A running engine with extensions 100-102; its SIP port.
    quint16 startEngine(CoreBridge& bridge, const QTemporaryDir& dir);
    /// Extensions 101 and 102 registered from @p p101 and @p p102.
    void registerPhones(quint16 server, quint16 p101, quint16 p102);
};

quint16 OperatorTransferTest::startEngine(CoreBridge& bridge, const QTemporaryDir& dir) {
    const auto started = bridge.start(engineOptions(dir));
    if (!started) qFatal("engine: %s", started.error().message.c_str());
    sb::store::Configuration config = bridge.configuration();
    config.settings.domain = "127.0.0.1";
    config.extensions = {extension("100", "Caller"), extension("101", "Reception"), extension("102", "Office")};
    if (!bridge.applyConfiguration(config)) qFatal("the configuration was not sent");
    std::atomic<int> port{0};
    bridge.post([&port](sb::Core& core) {
        port = core.sip() && core.config().extensions.size() == 3 ? core.sip()->port() : -1;
    });
    for (int i = 0; i < 200 && port.load() == 0; ++i) QTest::qWait(25);
    return port.load() > 0 ? static_cast<quint16>(port.load()) : 0;
}

void OperatorTransferTest::registerPhones(quint16 server, quint16 p101, quint16 p102) {
    for (auto [number, local] : {std::pair{"101", p101}, std::pair{"102", p102}}) {
        auto reg = sipp(QStringLiteral("register_auth.xml"), server, local,
                        {QStringLiteral("ext"), QString::fromLatin1(number), QStringLiteral("expires"),
                         QStringLiteral("300")},
                        number);
        QVERIFY2(finishedOk(*reg), reg->readAll().constData());
    }
}

void OperatorTransferTest::theOperatorTransfersTheCallerToAnotherExtension() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    CoreBridge bridge;
    MainWindow window(bridge);
    const quint16 server = startEngine(bridge, dir);
    QVERIFY(server != 0);

    // 101 answers and waits for a BYE; 102 answers the transfer and hangs up.
    const quint16 p101 = freePort(), p102 = freePort();
    registerPhones(server, p101, p102);
    auto receptionist = sipp(QStringLiteral("calls/callee.xml"), server, p101,
                             {QStringLiteral("ext"), QStringLiteral("101"), QStringLiteral("mport"),
                              QString::number(freePort())});
    auto target = sipp(QStringLiteral("transfer/target_hangs_up.xml"), server, p102,
                       {QStringLiteral("ext"), QStringLiteral("102"), QStringLiteral("mport"),
                        QString::number(freePort())});
    QVERIFY2(listening(p101), receptionist->readAll().constData());
    QVERIFY2(listening(p102), target->readAll().constData());
    auto caller = callFrom100(QStringLiteral("calls/caller_receives_bye.xml"), server);

    // The call shows as talking; the operator picks it and transfers it.
    QVERIFY(selectTheCall(window, QStringLiteral("Talking")));
    QString asked;
    window.callsPanel()->setAskNumber([&asked](const QString& call) {
        asked = call;
        return QStringLiteral("102");
    });
    auto* button = window.findChild<QPushButton*>(QStringLiteral("transferButton"));
    QVERIFY(button->isEnabled());
    QTest::mouseClick(button, Qt::LeftButton);
    QCOMPARE(asked, QStringLiteral("from 100 to 101"));
    QVERIFY(window.statusBar()->currentMessage().startsWith(QStringLiteral("Transferring the call")));

    QVERIFY2(finishedOk(*receptionist), receptionist->readAll().constData());  // BYE from the PBX
    QVERIFY2(finishedOk(*target), target->readAll().constData());
    QVERIFY2(finishedOk(*caller), caller->readAll().constData());  // BYE once 102 hung up
    auto* log = window.findChild<QPlainTextEdit*>(QStringLiteral("logText"));
    QTRY_VERIFY2(log->toPlainText().contains(QStringLiteral("transferred by 101 to 102 (operator)")),
                 qPrintable(log->toPlainText()));
    QTRY_COMPARE(window.findChild<QTableView*>(QStringLiteral("callsView"))->model()->rowCount(), 0);

    // A call that is gone cannot be transferred: said, nothing else happens.
    std::atomic<int> refused{-1};
    QVERIFY(bridge.post([&refused](sb::Core& core) {
        const auto r = core.transferCall(424242, "102");
        refused = !r && r.error().message == "the call has ended" ? 1 : 0;
    }));
    QTRY_COMPARE(refused.load(), 1);
    bridge.stop();
}

void OperatorTransferTest::theOperatorSendsARingingCallElsewhere_data() {
    QTest::addColumn<QString>("target");
    QTest::addColumn<bool>("phoneAnswers");  // 102's phone; a room answers by itself
    QTest::addColumn<QString>("record");     // the call record's route | forwards
    QTest::newRow("to an extension") << QStringLiteral("102") << true
                                     << QStringLiteral("extension | 101>102 deflection");
    QTest::newRow("to a conference room") << QStringLiteral("*88123") << false
                                          << QStringLiteral("conference 123 | 101>*88123 deflection");
}

void OperatorTransferTest::theOperatorSendsARingingCallElsewhere() {
    QFETCH(QString, target);
    QFETCH(bool, phoneAnswers);
    QFETCH(QString, record);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    CoreBridge bridge;
    MainWindow window(bridge);
    const quint16 server = startEngine(bridge, dir);
    QVERIFY(server != 0);
    const quint16 p101 = freePort(), p102 = freePort();
    registerPhones(server, p101, p102);
    // 101 rings and is cancelled; the target answers; the caller (told 181) hangs up.
    auto ringing = sipp(QStringLiteral("calls/callee_noanswer.xml"), server, p101,
                        {QStringLiteral("ext"), QStringLiteral("101")});
    QVERIFY2(listening(p101), ringing->readAll().constData());
    std::unique_ptr<QProcess> office;
    if (phoneAnswers) {
        office = sipp(QStringLiteral("calls/callee.xml"), server, p102,
                      {QStringLiteral("ext"), QStringLiteral("102"), QStringLiteral("mport"),
                       QString::number(freePort())});
        QVERIFY2(listening(p102), office->readAll().constData());
    }
    auto caller = callFrom100(QStringLiteral("calls/caller_forwarded.xml"), server);
    QVERIFY(selectTheCall(window, QStringLiteral("Ringing")));
    window.callsPanel()->setAskNumber([target](const QString&) { return target; });
    window.callsPanel()->transferAction()->trigger();

    QVERIFY2(finishedOk(*ringing), ringing->readAll().constData());  // CANCEL
    QVERIFY2(finishedOk(*caller), caller->readAll().constData());
    if (office) QVERIFY2(finishedOk(*office), office->readAll().constData());
    auto* log = window.findChild<QPlainTextEdit*>(QStringLiteral("logText"));
    QTRY_VERIFY2(log->toPlainText().contains(QStringLiteral("the operator sends the call ringing at 101 to ") + target),
                 qPrintable(log->toPlainText()));
    bridge.stop();  // the call records are written by then
    auto store = sb::store::Store::open(engineOptions(dir).databasePath);
    QVERIFY(store.ok());
    auto rows = store.value()->cdrsBetween(0, std::numeric_limits<int64_t>::max());
    QVERIFY(rows.ok());
    QStringList seen;
    for (const auto& r : rows.value()) seen << QString::fromStdString(r.route + " | " + r.forwards);
    QVERIFY2(seen.contains(record), qPrintable(seen.join(u';')));
}

QTEST_MAIN(OperatorTransferTest)
#include "operator_transfer_test.moc"
