// The main window comes back as it was left: size, current tab, and every
// table's column widths and sort order.

#include <QHeaderView>
#include <QSettings>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include "core_bridge.h"
#include "main_window.h"

using namespace sb::ui;

class WindowLayoutTest : public QObject {
    Q_OBJECT

private slots:
    void savedAndRestored();
    void firstStartKeepsDefaults();
};

void WindowLayoutTest::savedAndRestored() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QSettings settings(dir.filePath(QStringLiteral("layout.ini")), QSettings::IniFormat);

    QList<QByteArray> headerStates;
    {
        CoreBridge bridge;
        MainWindow window(bridge);
        window.resize(900, 600);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        auto* tabs = window.findChild<QTabWidget*>(QStringLiteral("tabs"));
        tabs->setCurrentIndex(4);
        auto* calls = window.findChild<QTableView*>(QStringLiteral("callsView"));
        calls->horizontalHeader()->resizeSection(1, 237);
        calls->horizontalHeader()->setSortIndicator(2, Qt::DescendingOrder);
        auto* extensions = window.findChild<QTableView*>(QStringLiteral("extensionsView"));
        extensions->horizontalHeader()->resizeSection(0, 61);
        for (const char* name : {"callsView", "extensionsView"})
            headerStates
                << window.findChild<QTableView*>(QLatin1String(name))->horizontalHeader()->saveState();
        window.saveLayout(settings);
    }
    settings.sync();

    CoreBridge bridge;
    MainWindow window(bridge);
    window.restoreLayout(settings);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QCOMPARE(window.size(), QSize(900, 600));
    QCOMPARE(window.findChild<QTabWidget*>(QStringLiteral("tabs"))->currentIndex(), 4);
    QHeaderView* calls = window.findChild<QTableView*>(QStringLiteral("callsView"))->horizontalHeader();
    QCOMPARE(calls->sectionSize(1), 237);
    QCOMPARE(calls->sortIndicatorSection(), 2);
    QCOMPARE(calls->sortIndicatorOrder(), Qt::DescendingOrder);
    QCOMPARE(
        window.findChild<QTableView*>(QStringLiteral("extensionsView"))->horizontalHeader()->sectionSize(0),
        61);
    QCOMPARE(calls->saveState(), headerStates[0]);
}

void WindowLayoutTest::firstStartKeepsDefaults() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QSettings empty(dir.filePath(QStringLiteral("none.ini")), QSettings::IniFormat);
    CoreBridge bridge;
    MainWindow window(bridge);
    const QByteArray before =
        window.findChild<QTableView*>(QStringLiteral("callsView"))->horizontalHeader()->saveState();
    window.restoreLayout(empty);
    QCOMPARE(window.findChild<QTabWidget*>(QStringLiteral("tabs"))->currentIndex(), 0);
    QCOMPARE(window.findChild<QTableView*>(QStringLiteral("callsView"))->horizontalHeader()->saveState(),
             before);
}

QTEST_MAIN(WindowLayoutTest)
#include "window_layout_test.moc"
