// The Calls tab: the states the engine sends, Hang up and Transfer… (buttons
// and context menu) following the selection, the transfer dialog's checks,
// the command reaching a real engine, and a screenshot of the main window
// with calls in progress for the reviewer. operator_transfer_test.cpp
// transfers a real call.

#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QContextMenuEvent>
#include <QDateTime>
#include <QDir>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPushButton>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <algorithm>
#include <atomic>
#include <memory>
#include <vector>

#include "core_bridge.h"
#include "engine/core.h"
#include "fixtures.h"
#include "main_window.h"
#include "models/calls_model.h"
#include "dialogs/transfer_dialog.h"
#include "widgets/calls_panel.h"

using namespace sb::ui;
using namespace sb::ui::test;

namespace {

qint64 secondsAgo(int s) { return QDateTime::currentMSecsSinceEpoch() - s * 1000LL; }

/// Three calls in different states, as the engine describes them.
void publishThreeCalls(sb::EventSink& sink) {
    sink.publish(callUpdated(11, "100", "101", "101", "Talking", "PCMA", secondsAgo(140), secondsAgo(135)));
    sink.publish(callUpdated(12, "101", "+8613901088888", "carrier", "Early media", "PCMU", secondsAgo(7)));
    sink.publish(callUpdated(13, "+861088880000", "102", "office", "Ringing", "", secondsAgo(3)));
}

/// Select the view's rows of calls @p ids (and only those).
void selectCalls(QTableView* view, const std::vector<quint64>& ids) {
    view->clearSelection();
    const QAbstractItemModel* model = view->model();
    for (int row = 0; row < model->rowCount(); ++row) {
        const quint64 id = model->index(row, 0).data(CallsModel::CallIdRole).toULongLong();
        if (std::find(ids.begin(), ids.end(), id) == ids.end()) continue;
        view->selectionModel()->select(model->index(row, 0),
                                       QItemSelectionModel::Select | QItemSelectionModel::Rows);
    }
}

struct Fixture {
    CoreBridge bridge;  // no engine: events go straight into the bridge's sink
    MainWindow window{bridge};
    CallsPanel* panel = window.callsPanel();
    QTableView* view = window.findChild<QTableView*>(QStringLiteral("callsView"));
    QPushButton* button = window.findChild<QPushButton*>(QStringLiteral("hangUpButton"));
    std::vector<quint64> hungUp;

    Fixture() {
        panel->setHangUp([this](quint64 id) {
            hungUp.push_back(id);
            return true;
        });
    }
};

}  // namespace

class CallsTabTest : public QObject {
    Q_OBJECT

private slots:
    void showsEveryEngineState();
    void hundredCallsAreCoalesced();
    void hangUpFollowsTheSelection();
    void contextMenuHangsUp();
    void hangUpReachesTheEngine();
    void transferTakesOneCallAndAsksWhere();
    void transferDialogRefusesBadNumbers();
    void screenshotWithCallsInProgress();
};

void CallsTabTest::showsEveryEngineState() {
    Fixture f;
    auto tester = std::make_unique<QAbstractItemModelTester>(
        f.window.callsModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    const QStringList states{QStringLiteral("Trying"),  QStringLiteral("Ringing"), QStringLiteral("Early media"),
                             QStringLiteral("Ring-back"), QStringLiteral("Talking"), QStringLiteral("On hold"),
                             QStringLiteral("Ending")};
    CallsModel* model = f.window.callsModel();
    sb::EventSink& sink = f.bridge.eventSink();
    // One call through every state, one drain per state.
    for (const QString& state : states) {
        sink.publish(callUpdated(7, "100", "101", "100", state.toStdString(), "PCMA", secondsAgo(5)));
        QTRY_COMPARE(model->index(0, CallsModel::State).data().toString(), state);
        QCOMPARE(model->rowCount(), 1);
        QCOMPARE(model->index(0, CallsModel::State).data(RawRole).toString(), state);
    }
    sink.publish(callUpdated(7, "100", "101", "100", "Transferring", "PCMA", secondsAgo(5)));
    QTRY_COMPARE(model->index(0, CallsModel::State).data().toString(), QStringLiteral("Transferring"));
    sink.publish(callEnded(7));
    QTRY_COMPARE(model->rowCount(), 0);
    QCOMPARE(f.view->model()->rowCount(), 0);
}

void CallsTabTest::hundredCallsAreCoalesced() {
    Fixture f;
    CallsModel* model = f.window.callsModel();
    QSignalSpy drained(&f.bridge, &CoreBridge::drained);
    QSignalSpy inserted(model, &QAbstractItemModel::rowsInserted);
    QSignalSpy changed(model, &QAbstractItemModel::dataChanged);
    QSignalSpy removed(model, &QAbstractItemModel::rowsRemoved);
    // A hundred calls each going through five states before the GUI looks:
    // one drain, one insertion, no per-event notifications.
    sb::EventSink& sink = f.bridge.eventSink();
    for (const char* state : {"Trying", "Ringing", "Early media", "Ring-back", "Talking"})
        for (uint64_t id = 1; id <= 100; ++id)
            sink.publish(callUpdated(id, "100", "101", "101", state, "PCMA", secondsAgo(1)));
    QTRY_COMPARE(model->rowCount(), 100);
    QCOMPARE(drained.count(), 1);
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(changed.count(), 0);
    QCOMPARE(model->index(99, CallsModel::State).data().toString(), QStringLiteral("Talking"));
    // They all end at once: one removal of one contiguous run.
    for (uint64_t id = 1; id <= 100; ++id) sink.publish(callEnded(id));
    QTRY_COMPARE(model->rowCount(), 0);
    QCOMPARE(removed.count(), 1);
}

void CallsTabTest::hangUpFollowsTheSelection() {
    Fixture f;
    QVERIFY(f.panel && f.view && f.button);
    QCOMPARE(f.panel->objectName(), QStringLiteral("callsPanel"));
    f.window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&f.window));
    QVERIFY(!f.button->isEnabled());  // no calls, no selection
    publishThreeCalls(f.bridge.eventSink());
    QTRY_COMPARE(f.view->model()->rowCount(), 3);
    QVERIFY(!f.button->isEnabled());
    QVERIFY(!f.panel->hangUpAction()->isEnabled());

    // Click a row, as a user would.
    selectCalls(f.view, {12});
    const QModelIndex row = f.view->selectionModel()->selectedRows().value(0);
    QVERIFY(row.isValid());
    f.view->clearSelection();
    QVERIFY(!f.button->isEnabled());
    QTest::mouseClick(f.view->viewport(), Qt::LeftButton, {}, f.view->visualRect(row).center());
    QVERIFY(f.button->isEnabled());
    QVERIFY(f.panel->hangUpAction()->isEnabled());
    QTest::mouseClick(f.button, Qt::LeftButton);
    QCOMPARE(f.hungUp, (std::vector<quint64>{12}));
    QCOMPARE(f.window.statusBar()->currentMessage(),
             QStringLiteral("Hanging up the call from 101 to +8613901088888…"));
    QCOMPARE(f.view->model()->rowCount(), 3);  // the row goes when the engine says the call ended

    // Several at once.
    f.hungUp.clear();
    selectCalls(f.view, {11, 13});
    QTest::mouseClick(f.button, Qt::LeftButton);
    std::sort(f.hungUp.begin(), f.hungUp.end());
    QCOMPARE(f.hungUp, (std::vector<quint64>{11, 13}));
    QCOMPARE(f.window.statusBar()->currentMessage(), QStringLiteral("Hanging up 2 calls…"));

    // The selected calls end: nothing is left selected, the button goes grey.
    f.bridge.eventSink().publish(callEnded(11));
    f.bridge.eventSink().publish(callEnded(13));
    QTRY_COMPARE(f.view->model()->rowCount(), 1);
    QVERIFY(!f.view->selectionModel()->hasSelection());
    QVERIFY(!f.button->isEnabled());
    QVERIFY(!f.panel->hangUpAction()->isEnabled());

    // A refused command (engine not running) is reported, not ignored.
    f.hungUp.clear();
    f.panel->setHangUp([](quint64) { return false; });
    selectCalls(f.view, {12});
    QTest::mouseClick(f.button, Qt::LeftButton);
    QVERIFY(f.window.statusBar()->currentMessage().contains(QStringLiteral("not running")));
}

void CallsTabTest::contextMenuHangsUp() {
    Fixture f;
    f.window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&f.window));
    publishThreeCalls(f.bridge.eventSink());
    QTRY_COMPARE(f.view->model()->rowCount(), 3);
    selectCalls(f.view, {13});
    QCOMPARE(f.view->contextMenuPolicy(), Qt::ActionsContextMenu);

    // Right-click: the menu runs its own event loop; act inside it.
    QStringList shown;
    QTimer::singleShot(0, this, [&shown] {
        auto* menu = qobject_cast<QMenu*>(QApplication::activePopupWidget());
        if (!menu) return;
        for (QAction* action : menu->actions()) {
            shown << action->text();
            if (action->objectName() == QLatin1String("hangUpAction") && action->isEnabled()) action->trigger();
        }
        menu->close();
    });
    const QPoint at = f.view->visualRect(f.view->selectionModel()->selectedRows().value(0)).center();
    QContextMenuEvent event(QContextMenuEvent::Mouse, at, f.view->viewport()->mapToGlobal(at));
    QApplication::sendEvent(f.view->viewport(), &event);
    QCOMPARE(shown, (QStringList{QStringLiteral("Hang &up"), QStringLiteral("&Transfer…")}));
    QCOMPARE(f.hungUp, (std::vector<quint64>{13}));
}

void CallsTabTest::hangUpReachesTheEngine() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    CoreBridge bridge;
    MainWindow window(bridge);
    const auto started = bridge.start(engineOptions(dir));
    QVERIFY2(started.ok(), started.ok() ? "" : started.error().message.c_str());

    // Unknown to the engine: hangUpCall says so and nothing else happens.
    std::atomic<int> answer{-1};
    QVERIFY(bridge.post([&answer](sb::Core& core) { answer = core.hangUpCall(424242) ? 1 : 0; }));
    QTRY_COMPARE(answer.load(), 0);

    // The default Hang up posts that command; the engine keeps serving after it.
    bridge.eventSink().publish(callUpdated(424242, "100", "101", "100", "Talking", "PCMA", secondsAgo(9)));
    auto* view = window.findChild<QTableView*>(QStringLiteral("callsView"));
    QTRY_COMPARE(view->model()->rowCount(), 1);
    selectCalls(view, {424242});
    QTest::mouseClick(window.findChild<QPushButton*>(QStringLiteral("hangUpButton")), Qt::LeftButton);
    QVERIFY(window.statusBar()->currentMessage().startsWith(QStringLiteral("Hanging up")));
    answer = -1;
    QVERIFY(bridge.post([&answer](sb::Core& core) { answer = core.hangUpCall(0) ? 1 : 0; }));
    QTRY_COMPARE(answer.load(), 0);
    QVERIFY(bridge.isRunning());
    bridge.stop();
}

void CallsTabTest::transferTakesOneCallAndAsksWhere() {
    Fixture f;
    std::vector<std::pair<quint64, QString>> transferred;
    f.panel->setTransfer([&transferred](quint64 id, const QString& number) {
        transferred.emplace_back(id, number);
        return true;
    });
    QString answer;
    QStringList asked;
    f.panel->setAskNumber([&](const QString& call) {
        asked << call;
        return answer;
    });
    auto* button = f.window.findChild<QPushButton*>(QStringLiteral("transferButton"));
    publishThreeCalls(f.bridge.eventSink());
    QTRY_COMPARE(f.view->model()->rowCount(), 3);
    QVERIFY(!button->isEnabled());
    selectCalls(f.view, {11, 12});  // one call at a time
    QVERIFY(!button->isEnabled());
    QVERIFY(!f.panel->transferAction()->isEnabled());
    selectCalls(f.view, {11});
    QVERIFY(button->isEnabled());
    // Cancelled: nothing is sent.
    QTest::mouseClick(button, Qt::LeftButton);
    QCOMPARE(asked, QStringList{QStringLiteral("from 100 to 101")});
    QVERIFY(transferred.empty());
    answer = QStringLiteral("102");
    f.panel->transferAction()->trigger();
    QCOMPARE(transferred, (std::vector<std::pair<quint64, QString>>{{11, QStringLiteral("102")}}));
    QCOMPARE(f.window.statusBar()->currentMessage(),
             QStringLiteral("Transferring the call from 100 to 101 to 102…"));
}

void CallsTabTest::transferDialogRefusesBadNumbers() {
    TransferDialog dialog(QStringLiteral("from 100 to 101"));
    dialog.show();
    auto* edit = dialog.findChild<QLineEdit*>(QStringLiteral("transferNumberEdit"));
    auto* problem = dialog.findChild<QLabel*>(QStringLiteral("transferProblem"));
    QVERIFY(edit && problem);
    // Empty: OK refuses and says why.
    dialog.accept();
    QVERIFY(dialog.isVisible());
    QVERIFY(problem->isVisible());
    QVERIFY(problem->text().contains(QStringLiteral("Enter the number")));
    // Told while typing.
    QTest::keyClicks(edit, QStringLiteral("10x"));
    QVERIFY(problem->isVisible());
    dialog.accept();
    QVERIFY(dialog.isVisible());
    QCOMPARE(dialog.result(), int(QDialog::Rejected));
    edit->setText(QStringLiteral("*97102"));
    QVERIFY(!problem->isVisible());
    dialog.accept();
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    QCOMPARE(dialog.number(), QStringLiteral("*97102"));
}

void CallsTabTest::screenshotWithCallsInProgress() {
    Fixture f;
    sb::EventSink& sink = f.bridge.eventSink();
    sink.publish(engineStarted("udp:0.0.0.0:5060 tcp:0.0.0.0:5060 tls:0.0.0.0:5061", "/tmp/switchboard.db"));
    publishThreeCalls(sink);
    f.window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&f.window));
    QTRY_COMPARE(f.view->model()->rowCount(), 3);
    QCOMPARE(f.window.findChild<QTabWidget*>(QStringLiteral("tabs"))->currentWidget(), f.panel);
    selectCalls(f.view, {12});
    QVERIFY(f.button->isEnabled());

    QString dir = qEnvironmentVariable("SB_UI_SCREENSHOT_DIR");
    if (dir.isEmpty()) dir = QDir::tempPath();
    QVERIFY(QDir().mkpath(dir));
    const QString path = QDir(dir).absoluteFilePath(QStringLiteral("main_window_calls.png"));
    QCoreApplication::processEvents();
    const QImage image = f.window.grab().toImage();
    QVERIFY(!image.isNull());
    QVERIFY(image.width() >= 800 && image.height() >= 500);
    QVERIFY(image.save(path));
    qInfo("Screenshot of the main window with calls in progress: %s", qPrintable(path));
    QVERIFY(QImage(path).size() == image.size());
}

QTEST_MAIN(CallsTabTest)
#include "calls_tab_test.moc"
