// The carrier self-test wizard against a real engine: Self-test… on the SIP
// trunks tab opens it for the selected trunk, Run posts the test, the
// progress list fills from SelfTestProgress events, and the result page
// shows the conclusions; Apply suggested profile changes the trunk through
// applyConfiguration(), Save trace… writes the report with its message
// flow. The carrier is a UDP socket on 127.0.0.2 that answers OPTIONS with
// 200 and an INVITE without user=phone with 416 (with it: 486, the number
// was reached).

#include <QCheckBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QUdpSocket>

#include "core_bridge.h"
#include "dialog_helpers.h"
#include "dialogs/self_test_wizard.h"
#include "fixtures.h"
#include "main_window.h"
#include "widgets/trunks_panel.h"

using namespace sb::ui;
using namespace sb::ui::test;

namespace {

/// A carrier on loopback that answers what the self-test sends: 200 to
/// OPTIONS (with Allow), 416 to an INVITE without user=phone and 486 to one
/// with it, nothing to ACK.
class FakeCarrier final : public QObject {
public:
    FakeCarrier() {
        m_socket.bind(QHostAddress(QStringLiteral("127.0.0.2")), 0);
        connect(&m_socket, &QUdpSocket::readyRead, this, [this] { answer(); });
    }
    quint16 port() const { return m_socket.localPort(); }
    QStringList methods;  ///< every request method received, in order

private:
    void answer() {
        while (m_socket.hasPendingDatagrams()) {
            QHostAddress from;
            quint16 fromPort = 0;
            QByteArray data(int(m_socket.pendingDatagramSize()), '\0');
            m_socket.readDatagram(data.data(), data.size(), &from, &fromPort);
            const QList<QByteArray> lines = data.split('\n');
            const QByteArray method = lines.value(0).split(' ').value(0);
            methods << QString::fromLatin1(method);
            if (method == "ACK") continue;
            const bool userPhone = lines.value(0).split(' ').value(1).contains(";user=phone");
            QByteArray reply = method == "OPTIONS" ? "SIP/2.0 200 OK\r\n"
                               : userPhone         ? "SIP/2.0 486 Busy Here\r\n"
                                                   : "SIP/2.0 416 Unsupported URI Scheme\r\n";
            for (const QByteArray& raw : lines) {
                const QByteArray line = raw.trimmed();
                const QByteArray name = line.left(line.indexOf(':')).toLower();
                if (name == "via" || name == "from" || name == "call-id" || name == "cseq")
                    reply += line + "\r\n";
                if (name == "to") reply += line + ";tag=carrier\r\n";
            }
            if (method == "OPTIONS") reply += "Allow: INVITE, ACK, CANCEL, BYE, OPTIONS\r\n";
            reply += "Content-Length: 0\r\n\r\n";
            m_socket.writeDatagram(reply, from, fromPort);
        }
    }
    QUdpSocket m_socket;
};

}  // namespace

class SelfTestWizardTest : public QObject {
    Q_OBJECT

private slots:
    void runApplyAndSaveAgainstARealEngine();
    void closingTheWizardStopsTheTest();
};

void SelfTestWizardTest::runApplyAndSaveAgainstARealEngine() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    FakeCarrier carrier;
    QVERIFY(carrier.port() != 0);
    CoreBridge bridge;
    MainWindow window(bridge);
    const auto started = bridge.start(engineOptions(dir));
    QVERIFY2(started.ok(), started.ok() ? "" : started.error().message.c_str());
    QTRY_VERIFY(!bridge.configuration().extensions.empty() ||
                !bridge.configuration().settings.domain.empty());
    sb::store::Configuration config = bridge.configuration();
    config.trunks = {trunk("cmcc", "127.0.0.2", carrier.port())};
    QVERIFY(bridge.applyConfiguration(config));
    child<QTabWidget>(window, "tabs")->setCurrentWidget(window.trunksPanel());
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    auto* view = child<QTableView>(window, "trunksView");
    auto* selfTest = child<QPushButton>(window, "selfTestTrunkButton");
    QVERIFY(view && selfTest);
    QTRY_COMPARE(view->model()->rowCount(), 1);
    QVERIFY(!selfTest->isEnabled());  // nothing selected
    view->setFocus();
    view->selectRow(0);
    QTRY_VERIFY(selfTest->isEnabled());

    QTest::mouseClick(selfTest, Qt::LeftButton);
    SelfTestWizard* wizard = nullptr;
    QTRY_VERIFY((wizard = openDialog<SelfTestWizard>(*window.trunksPanel(), "selfTestWizard")));
    auto* registerBox = child<QCheckBox>(*wizard, "selfTestRegister");
    auto* number = child<QLineEdit>(*wizard, "selfTestNumber");
    QVERIFY(registerBox && number);
    QVERIFY(!registerBox->isEnabled());                            // a trunk does not register
    QVERIFY(!wizard->button(QWizard::CommitButton)->isEnabled());  // the call needs a number
    type(number, QStringLiteral("013901088888"));
    QVERIFY(wizard->button(QWizard::CommitButton)->isEnabled());
    wizard->next();  // Run
    QCOMPARE(wizard->currentId(), int(SelfTestWizard::RunPage));
    auto* progress = child<QListWidget>(*wizard, "selfTestProgress");
    QVERIFY(progress);
    // Bounded by the engine: each step ends by its answer or its timeout.
    QTRY_VERIFY_WITH_TIMEOUT(wizard->hasResult(), 30000);
    QTRY_COMPARE(wizard->currentId(), int(SelfTestWizard::ResultPage));
    QVERIFY(progress->count() >= 4);  // start, OPTIONS, its answer, the call, ..., finished
    QCOMPARE(carrier.methods.value(0), QStringLiteral("OPTIONS"));
    QCOMPARE(carrier.methods.count(QStringLiteral("INVITE")), 2);  // the second with user=phone

    const auto& report = wizard->report();
    QVERIFY2(report.error.empty(), report.error.c_str());
    QCOMPARE(QString::fromStdString(report.matchingPreset), QStringLiteral("China Mobile SIP trunk"));
    auto* summary = child<QLabel>(*wizard, "selfTestSummary");
    auto* conclusions = child<QPlainTextEdit>(*wizard, "selfTestConclusions");
    QVERIFY(summary && conclusions);
    QVERIFY2(summary->text().contains(QStringLiteral("China Mobile SIP trunk")), qPrintable(summary->text()));
    QVERIFY2(conclusions->toPlainText().contains(QStringLiteral("416 Unsupported URI Scheme")),
             qPrintable(conclusions->toPlainText()));
    QVERIFY(conclusions->toPlainText().contains(
        QStringLiteral("\"Additional parameter of Request-URI\": user=phone")));
    screenshot(wizard, "self_test_wizard_result");

    // Save trace… (the file dialog is skipped: the path is given).
    const QString path = dir.filePath(QStringLiteral("trace.txt"));
    QVERIFY(wizard->saveTraceTo(path));
    QFile saved(path);
    QVERIFY(saved.open(QIODevice::ReadOnly));
    const QString text = QString::fromUtf8(saved.readAll());
    QVERIFY(text.contains(QStringLiteral("Message flow:")));
    QVERIFY(text.contains(QStringLiteral("OPTIONS sip:127.0.0.2:")));
    QVERIFY(text.contains(QStringLiteral("[uri-format]")));
    QVERIFY(text.contains(QStringLiteral("[uri-format-confirmed]")));

    // Apply suggested profile: through the engine, like the trunk dialog.
    auto* apply = child<QPushButton>(*wizard, "applySuggestedButton");
    QVERIFY(apply && apply->isEnabled());
    QTest::mouseClick(apply, Qt::LeftButton);
    QTRY_COMPARE(QString::fromStdString(bridge.configuration().trunks.at(0).requestUriParams),
                 QStringLiteral("user=phone"));
    QVERIFY(!apply->isEnabled());

    wizard->accept();
    window.close();
    bridge.stop();
}

void SelfTestWizardTest::closingTheWizardStopsTheTest() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QUdpSocket silent;  // a carrier that never answers
    QVERIFY(silent.bind(QHostAddress(QStringLiteral("127.0.0.2")), 0));
    CoreBridge bridge;
    const auto started = bridge.start(engineOptions(dir));
    QVERIFY2(started.ok(), started.ok() ? "" : started.error().message.c_str());
    QTRY_VERIFY(!bridge.configuration().settings.domain.empty());
    sb::store::Configuration config = bridge.configuration();
    config.trunks = {trunk("quiet", "127.0.0.2", silent.localPort())};
    QVERIFY(bridge.applyConfiguration(config));
    QTRY_COMPARE(bridge.configuration().trunks.size(), size_t(1));

    QSignalSpy progress(&bridge, &CoreBridge::selfTestProgress);
    QSignalSpy finished(&bridge, &CoreBridge::selfTestFinished);
    auto* wizard = new SelfTestWizard(bridge, SelfTestWizard::Target::Trunk, QStringLiteral("quiet"));
    wizard->show();
    clickBox(child<QCheckBox>(*wizard, "selfTestCall"));  // OPTIONS only
    QVERIFY(wizard->button(QWizard::CommitButton)->isEnabled());
    wizard->next();
    QTRY_VERIFY(progress.count() >= 1);  // OPTIONS went out; its step waits 8 s for an answer
    QVERIFY(!wizard->hasResult());
    wizard->reject();  // Cancel: the engine stops the test and reports what it saw
    QTRY_COMPARE(finished.count(), 1);
    const auto result = finished[0][0].value<sb::SelfTestFinished>();
    QVERIFY(result.report.error.empty());
    QVERIFY(QString::fromStdString(result.text).contains(QStringLiteral("OPTIONS sip:127.0.0.2:")));
    delete wizard;

    // One at a time, and the stopped one is gone: a new test runs.
    auto* again = new SelfTestWizard(bridge, SelfTestWizard::Target::Trunk, QStringLiteral("quiet"));
    again->show();
    clickBox(child<QCheckBox>(*again, "selfTestCall"));
    again->next();
    QTRY_VERIFY(progress.count() >= 3);  // "stopped by the user", then the new OPTIONS
    again->reject();
    QTRY_COMPARE(finished.count(), 2);
    QVERIFY(finished[1][0].value<sb::SelfTestFinished>().report.error.empty());
    delete again;
    bridge.stop();
}

QTEST_MAIN(SelfTestWizardTest)
#include "self_test_wizard_test.moc"
