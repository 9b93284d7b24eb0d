// The tray icon: its summary follows the engine's events, its menu offers
// Show / Pause new calls / Quit, and closing the window hides it there.

#include <atomic>
#include <memory>

#include <QAction>
#include <QElapsedTimer>
#include <QHostAddress>
#include <QMenu>
#include <QSignalSpy>
#include <QSystemTrayIcon>
#include <QTemporaryDir>
#include <QTest>
#include <QUdpSocket>

#include "core_bridge.h"
#include "fixtures.h"
#include "main_window.h"
#include "tray_icon.h"

using namespace sb::ui;

class TrayIconTest : public QObject {
    Q_OBJECT

private slots:
    void summaryFollowsTheEngine();
    void pauseNewCalls();
    void pausedEngineAnswersInvites503();
    void showBringsTheWindowBack();
    void trayMenuAndCloseToTray();
};

void TrayIconTest::summaryFollowsTheEngine() {
    CoreBridge bridge;
    TrayIcon tray(bridge);
    sb::store::Configuration config;
    sb::store::ExternalLine a = sb::ui::test::imsLine("Telecom");
    sb::store::ExternalLine b = sb::ui::test::imsLine("Unicom");
    config.lines = {a, b};
    config.trunks = {sb::ui::test::trunk("Carrier")};
    bridge.eventSink().publish(sb::ConfigurationChanged{config});
    bridge.eventSink().publish(sb::ui::test::lineStatus("Telecom", "Registered", 200));
    bridge.eventSink().publish(sb::ui::test::lineStatus("Unicom", "Failed: 403 Forbidden", 403));
    bridge.eventSink().publish(
        sb::ui::test::lineStatus("Carrier", "Warning: PRACK refused", 405));  // a trunk
    bridge.eventSink().publish(sb::ui::test::callUpdated(1, "100", "101", "100", "Talking", "PCMU", 1));
    bridge.eventSink().publish(
        sb::ui::test::callUpdated(2, "101", "9013901088888", "Telecom", "Ringing", "", 2));
    bridge.eventSink().publish(sb::ui::test::callUpdated(3, "102", "100", "100", "Trying", "", 3));
    bridge.eventSink().publish(sb::ui::test::callEnded(3));

    QTRY_COMPARE(tray.activeCalls(), 2);
    QCOMPARE(tray.registeredLines(), 1);
    QCOMPARE(tray.failingLines(), 1);
    const QString status = tray.menu()->findChild<QAction*>(QStringLiteral("trayStatusAction"))->text();
    QVERIFY2(status.startsWith(QLatin1String("2 active call")), qPrintable(status));
    QVERIFY2(status.contains(QLatin1String("lines: 1 registered, 1 failing")), qPrintable(status));

    bridge.eventSink().publish(sb::ui::test::lineStatus("Unicom", "Registered", 200));
    bridge.eventSink().publish(sb::ui::test::callEnded(1));
    QTRY_COMPARE(tray.registeredLines(), 2);
    QCOMPARE(tray.failingLines(), 0);
    QCOMPARE(tray.activeCalls(), 1);
}

void TrayIconTest::pauseNewCalls() {
    CoreBridge bridge;
    TrayIcon tray(bridge);
    QAction* pause = tray.pauseAction();
    QCOMPARE(pause->objectName(), QStringLiteral("trayPauseAction"));
    QVERIFY(pause->isCheckable());
    QVERIFY(bridge.acceptingNewCalls());
    pause->trigger();
    QVERIFY(!bridge.acceptingNewCalls());
    QVERIFY(tray.statusText().contains(QLatin1String("new calls paused")));
    // The bridge's own switch shows in the menu too.
    bridge.setAcceptingNewCalls(true);
    QVERIFY(!pause->isChecked());
    QVERIFY(!tray.statusText().contains(QLatin1String("paused")));
}

namespace {

/// Send one INVITE to the engine and return the status line of its first
/// final response ("" when none comes within two seconds).
QString inviteStatus(quint16 port, int n) {
    QUdpSocket sock;
    if (!sock.bind(QHostAddress::LocalHost, 0)) return QStringLiteral("bind failed");
    const QByteArray body = "v=0\r\no=a 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                            "m=audio 40000 RTP/AVP 0\r\n";
    const QByteArray invite =
        "INVITE sip:101@127.0.0.1 SIP/2.0\r\n"
        "Via: SIP/2.0/UDP 127.0.0.1:" + QByteArray::number(sock.localPort()) + ";branch=z9hG4bKpause" +
        QByteArray::number(n) + ";rport\r\n"
        "Max-Forwards: 70\r\nFrom: <sip:100@127.0.0.1>;tag=p" + QByteArray::number(n) +
        "\r\nTo: <sip:101@127.0.0.1>\r\nCall-ID: pause-" + QByteArray::number(n) +
        "@test\r\nCSeq: 1 INVITE\r\nContact: <sip:100@127.0.0.1:" + QByteArray::number(sock.localPort()) +
        ">\r\nContent-Type: application/sdp\r\nContent-Length: " + QByteArray::number(body.size()) +
        "\r\n\r\n" + body;
    sock.writeDatagram(invite, QHostAddress::LocalHost, port);
    QElapsedTimer clock;
    clock.start();
    while (clock.elapsed() < 2000) {
        if (!sock.waitForReadyRead(100)) continue;
        while (sock.hasPendingDatagrams()) {
            QByteArray reply(static_cast<int>(sock.pendingDatagramSize()), '\0');
            sock.readDatagram(reply.data(), reply.size());
            const QByteArray line = reply.left(reply.indexOf("\r\n"));
            if (line.startsWith("SIP/2.0 1")) continue;
            QString text = QString::fromLatin1(line);
            if (reply.contains("\r\nRetry-After: ")) text += QStringLiteral(" +Retry-After");
            return text;
        }
    }
    return {};
}

/// Waits until the engine thread has run every command posted before this
/// one (its queue is FIFO): the INVITE sent next meets the pause (or its
/// end), instead of racing the command on the engine's loop.
bool engineCaughtUp(CoreBridge& bridge) {
    auto done = std::make_shared<std::atomic<bool>>(false);
    if (!bridge.post([done](sb::Core&) { *done = true; })) return false;
    QElapsedTimer clock;
    clock.start();
    while (!*done && clock.elapsed() < 5000) QTest::qWait(5);
    return *done;
}

}  // namespace

void TrayIconTest::pausedEngineAnswersInvites503() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    CoreBridge bridge;
    sb::EngineOptions options;
    options.databasePath = dir.filePath(QStringLiteral("switchboard.db")).toStdString();
    options.sipPort = 0;
    options.tlsPort = 0;
    options.bindAddress = "127.0.0.1";
    auto started = bridge.start(options);
    QVERIFY2(started.ok(), started ? "" : started.error().message.c_str());
    const quint16 port = bridge.sipPort();

    // Running: the INVITE is challenged as usual.
    QCOMPARE(inviteStatus(port, 1), QStringLiteral("SIP/2.0 407 Proxy Authentication Required"));
    bridge.setAcceptingNewCalls(false);
    QVERIFY(engineCaughtUp(bridge));
    QCOMPARE(inviteStatus(port, 2), QStringLiteral("SIP/2.0 503 Service Unavailable +Retry-After"));
    bridge.setAcceptingNewCalls(true);
    QVERIFY(engineCaughtUp(bridge));
    QCOMPARE(inviteStatus(port, 3), QStringLiteral("SIP/2.0 407 Proxy Authentication Required"));

    // A pause set while no engine runs takes hold when one starts.
    bridge.stop();
    bridge.setAcceptingNewCalls(false);
    started = bridge.start(options);
    QVERIFY(started.ok());
    QCOMPARE(inviteStatus(bridge.sipPort(), 4), QStringLiteral("SIP/2.0 503 Service Unavailable +Retry-After"));
    bridge.stop();
}

void TrayIconTest::showBringsTheWindowBack() {
    CoreBridge bridge;
    MainWindow window(bridge);
    QVERIFY(window.trayIcon());
    QMenu* menu = window.trayIcon()->menu();
    QStringList names;
    for (QAction* action : menu->actions())
        if (!action->objectName().isEmpty()) names << action->objectName();
    QCOMPARE(names, (QStringList{QStringLiteral("trayStatusAction"), QStringLiteral("trayShowAction"),
                                 QStringLiteral("trayPauseAction"), QStringLiteral("trayQuitAction")}));
    QVERIFY(!window.isVisible());
    window.trayIcon()->showAction()->trigger();
    QVERIFY(window.isVisible());
}

void TrayIconTest::trayMenuAndCloseToTray() {
    if (!QSystemTrayIcon::isSystemTrayAvailable())
        QSKIP("this platform has no system tray (the offscreen platform never has one)");
    CoreBridge bridge;
    MainWindow window(bridge);
    QVERIFY(window.trayIcon()->isShown());
    window.setDesktopPreferences({true, false});
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.close();
    QVERIFY(!window.isVisible());  // hidden to the tray, still running
    window.trayIcon()->showAction()->trigger();
    QVERIFY(window.isVisible());
    window.setDesktopPreferences({false, false});
    window.close();
    QVERIFY(!window.isVisible());
}

QTEST_MAIN(TrayIconTest)
#include "tray_icon_test.moc"
