// The real thing, offscreen: CoreBridge starts an Engine on a new database,
// the MainWindow shows what the engine publishes.

#include <QHostAddress>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QSortFilterProxyModel>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QUdpSocket>

#include <algorithm>
#include <fstream>

#include <QAction>
#include <QTableWidget>

#include "core_bridge.h"
#include "fixtures.h"
#include "dialogs/conference_rooms_dialog.h"
#include "main_window.h"
#include "models/call_history_model.h"
#include "models/model_roles.h"
#include "models/trace_model.h"
#include "widgets/call_history_panel.h"

using namespace sb::ui;
using namespace sb::ui::test;

namespace {

QStringList columnValues(const QAbstractItemModel* model, int column) {
    QStringList values;
    for (int row = 0; row < model->rowCount(); ++row) values << model->index(row, column).data().toString();
    return values;
}

QByteArray optionsRequest(quint16 localPort, quint16 serverPort) {
    const QByteArray local = "127.0.0.1:" + QByteArray::number(localPort);
    return "OPTIONS sip:127.0.0.1:" + QByteArray::number(serverPort) + " SIP/2.0\r\n"
           "Via: SIP/2.0/UDP " + local + ";branch=z9hG4bK-ui-test-1;rport\r\n"
           "Max-Forwards: 70\r\n"
           "From: <sip:ui-test@127.0.0.1>;tag=ui-test\r\n"
           "To: <sip:127.0.0.1>\r\n"
           "Call-ID: ui-test-options@127.0.0.1\r\n"
           "CSeq: 1 OPTIONS\r\n"
           "Contact: <sip:ui-test@" + local + ">\r\n"
           "Content-Length: 0\r\n\r\n";
}

}  // namespace

class MainWindowTest : public QObject {
    Q_OBJECT

private slots:
    void showsWhatTheEngineRuns();
    void startFailureNamesTheDatabase();
    void conferenceRoomsAreEditedAndApplied();
};

void MainWindowTest::conferenceRoomsAreEditedAndApplied() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    CoreBridge bridge;
    MainWindow window(bridge);
    const auto started = bridge.start(engineOptions(dir));
    QVERIFY2(started.ok(), started.ok() ? "" : started.error().message.c_str());
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QTRY_COMPARE(bridge.configuration().extensions.size(), size_t(3));  // the first snapshot came
    QVERIFY(bridge.configuration().conferenceRooms.empty());

    auto* action = window.findChild<QAction*>(QStringLiteral("conferenceRoomsAction"));
    QVERIFY(action);
    action->trigger();
    ConferenceRoomsDialog* dialog = nullptr;
    for (auto* d : window.findChildren<ConferenceRoomsDialog*>())
        if (d->isVisible()) dialog = d;
    QVERIFY(dialog);
    dialog->addRoom();
    auto* table = dialog->findChild<QTableWidget*>(QStringLiteral("roomsTable"));
    table->item(0, ConferenceRoomsDialog::NumberColumn)->setText(QStringLiteral("700"));
    table->item(0, ConferenceRoomsDialog::PinColumn)->setText(QStringLiteral("2468"));
    table->item(0, ConferenceRoomsDialog::NameColumn)->setText(QStringLiteral("Board"));
    QVERIFY(dialog->isInputValid());
    dialog->accept();

    // The engine validates, stores and publishes the new snapshot.
    QTRY_COMPARE(bridge.configuration().conferenceRooms.size(), size_t(1));
    QCOMPARE(bridge.configuration().conferenceRooms[0], (sb::store::ConferenceRoom{"700", "2468", "Board"}));
    window.close();
    bridge.stop();
}

void MainWindowTest::showsWhatTheEngineRuns() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    CoreBridge bridge;
    MainWindow window(bridge);
    const auto started = bridge.start(engineOptions(dir));
    QVERIFY2(started.ok(), started.ok() ? "" : started.error().message.c_str());
    QVERIFY(bridge.isRunning());
    QVERIFY(bridge.sipPort() != 0);

    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QCOMPARE(window.windowTitle(), QStringLiteral("Switchboard"));

    auto* tabs = window.findChild<QTabWidget*>(QStringLiteral("tabs"));
    QVERIFY(tabs);
    const QStringList expected{QStringLiteral("Calls"),        QStringLiteral("Registrations"),
                               QStringLiteral("Extensions"),   QStringLiteral("External lines"),
                               QStringLiteral("SIP trunks"),   QStringLiteral("Routes"),
                               QStringLiteral("SIP trace"),    QStringLiteral("Call history"),
                               QStringLiteral("Security"),     QStringLiteral("Voicemail"),
                               QStringLiteral("Auto attendant"), QStringLiteral("Groups")};
    QStringList titles;
    for (int i = 0; i < tabs->count(); ++i) titles << tabs->tabText(i);
    QCOMPARE(titles, expected);
    for (const char* name : {"callsView", "registrationsView", "extensionsView", "linesView", "trunksView",
                             "routesView", "traceView", "historyView", "bansView", "voicemailView", "ivrMenusView",
                             "ringGroupsView"})
        QVERIFY2(window.findChild<QTableView*>(QLatin1String(name)), name);

    // EngineStarted reaches the status bar.
    auto* listening = window.findChild<QLabel*>(QStringLiteral("listeningLabel"));
    QVERIFY(listening);
    const QString address = QStringLiteral("127.0.0.1:%1").arg(bridge.sipPort());
    QTRY_VERIFY2(listening->text().contains(address), qPrintable(listening->text()));

    // ConfigurationChanged after start: a new database has extensions 100-102.
    tabs->setCurrentIndex(2);
    auto* extensionsView = window.findChild<QTableView*>(QStringLiteral("extensionsView"));
    QTRY_COMPARE(extensionsView->model()->rowCount(), 3);
    QStringList numbers = columnValues(extensionsView->model(), 0);
    numbers.sort();
    QCOMPARE(numbers, (QStringList{QStringLiteral("100"), QStringLiteral("101"), QStringLiteral("102")}));
    QCOMPARE(bridge.configuration().extensions.size(), size_t(3));

    // A SIP message sent to the engine shows up in the SIP trace tab.
    tabs->setCurrentIndex(6);
    QUdpSocket phone;
    QVERIFY(phone.bind(QHostAddress::LocalHost, 0));
    const QByteArray request = optionsRequest(phone.localPort(), bridge.sipPort());
    QCOMPARE(phone.writeDatagram(request, QHostAddress::LocalHost, bridge.sipPort()), qint64(request.size()));
    TraceModel* trace = window.traceModel();
    auto traceHas = [trace](const QString& firstLinePrefix) {
        for (int row = 0; row < trace->rowCount(); ++row) {
            const TraceRow& r = trace->rowAt(row);
            if (r.callId == QLatin1String("ui-test-options@127.0.0.1") && r.firstLine.startsWith(firstLinePrefix))
                return true;
        }
        return false;
    };
    QTRY_VERIFY(traceHas(QStringLiteral("OPTIONS sip:127.0.0.1")));
    QTRY_VERIFY(traceHas(QStringLiteral("SIP/2.0 200")));

    auto* filter = window.findChild<QLineEdit*>(QStringLiteral("traceFilter"));
    auto* traceView = window.findChild<QTableView*>(QStringLiteral("traceView"));
    auto* detail = window.findChild<QPlainTextEdit*>(QStringLiteral("traceDetail"));
    QVERIFY(filter && traceView && detail);
    QVERIFY(detail->isReadOnly());
    QTest::keyClicks(filter, QStringLiteral("ui-test-OPTIONS"));  // filter is case-insensitive
    QTRY_COMPARE(traceView->model()->rowCount(), 2);
    QTest::keyClicks(filter, QStringLiteral("-nothing-matches"));
    QCOMPARE(traceView->model()->rowCount(), 0);
    filter->clear();
    QVERIFY(traceView->model()->rowCount() >= 2);

    const QModelIndex first = traceView->model()->index(0, TraceModel::FirstLine);
    traceView->setCurrentIndex(first);
    QString full = first.data(TraceModel::FullTextRole).toString();
    full.replace(QLatin1String("\r\n"), QLatin1String("\n"));
    QCOMPARE(detail->toPlainText().trimmed(), full.trimmed());
    QVERIFY(!detail->toPlainText().isEmpty());

    // The Call history tab asks the real engine when first shown; a new
    // database has no calls, and that is an answer, not an error.
    CallHistoryPanel* history = window.callHistoryPanel();
    QCOMPARE(history->objectName(), QStringLiteral("callHistory"));
    tabs->setCurrentWidget(history);
    QVERIFY(history->pendingRequestId() != 0);
    QTRY_COMPARE(history->pendingRequestId(), quint64(0));
    QCOMPARE(window.callHistoryModel()->rowCount(), 0);
    QVERIFY2(!window.statusBar()->currentMessage().contains(QStringLiteral("could not")),
             qPrintable(window.statusBar()->currentMessage()));

    if (const QString shots = qEnvironmentVariable("SB_UI_SCREENSHOT_DIR"); !shots.isEmpty()) {
        for (int tab : {2, 6}) {
            tabs->setCurrentIndex(tab);
            QCoreApplication::processEvents();
            QVERIFY(window.grab().save(QStringLiteral("%1/main_window_tab%2.png").arg(shots).arg(tab)));
        }
    }

    window.close();
    bridge.stop();
    QVERIFY(!bridge.isRunning());
    QVERIFY(!bridge.post([](sb::Core&) {}));  // commands after stop are refused, not queued
}

void MainWindowTest::startFailureNamesTheDatabase() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("not-a-database.db"));
    {
        std::ofstream junk(path.toStdString(), std::ios::binary);
        for (int i = 0; i < 512; ++i) junk << "this is not an SQLite database\n";
    }
    sb::EngineOptions options = engineOptions(dir);
    options.databasePath = path.toStdString();

    CoreBridge bridge;
    const auto started = bridge.start(options);
    QVERIFY(!started.ok());
    QVERIFY2(QString::fromStdString(started.error().message).contains(QStringLiteral("not-a-database.db")),
             started.error().message.c_str());
    QVERIFY(!bridge.isRunning());
}

QTEST_MAIN(MainWindowTest)
#include "main_window_test.moc"
