// The tray icon: its summary follows the engine's events, its menu offers
// Show / Pause new calls / Quit, and closing the window hides it there.

#include <QAction>
#include <QMenu>
#include <QSignalSpy>
#include <QSystemTrayIcon>
#include <QTest>

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
    // Calls there before the pause go on; calls that appear during it are
    // ended (the posted command fails quietly here: no engine runs).
    QSignalSpy refused(&bridge, &CoreBridge::newCallRefused);
    bridge.setAcceptingNewCalls(true);
    bridge.eventSink().publish(sb::ui::test::callUpdated(1, "100", "101", "101", "Talking", "PCMU", 1));
    QTRY_COMPARE(tray.activeCalls(), 1);
    pause->trigger();
    bridge.eventSink().publish(sb::ui::test::callUpdated(1, "100", "101", "101", "On hold", "PCMU", 1));
    bridge.eventSink().publish(sb::ui::test::callUpdated(2, "102", "100", "100", "Trying", "", 2));
    bridge.eventSink().publish(sb::ui::test::callUpdated(2, "102", "100", "100", "Ringing", "", 2));
    QTRY_COMPARE(tray.activeCalls(), 2);
    QCOMPARE(refused.count(), 1);
    QCOMPARE(refused.at(0).at(0).value<sb::CallUpdated>().callId, uint64_t(2));
    bridge.eventSink().publish(sb::ui::test::callEnded(2));
    // The bridge's own switch shows in the menu too.
    bridge.setAcceptingNewCalls(true);
    QVERIFY(!pause->isChecked());
    QVERIFY(!tray.statusText().contains(QLatin1String("paused")));
    bridge.eventSink().publish(sb::ui::test::callUpdated(3, "101", "100", "100", "Trying", "", 3));
    QTRY_COMPARE(tray.activeCalls(), 2);
    QCOMPARE(refused.count(), 1);
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
