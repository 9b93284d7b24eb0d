// The Call history tab without an engine: queries are observed through the
// panel's injectable Query, answers are published into the bridge's event
// sink as the engine would. The model runs under QAbstractItemModelTester.

#include <QAbstractItemModelTester>
#include <QDateEdit>
#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include <memory>
#include <vector>

#include "core_bridge.h"
#include "fixtures.h"
#include "main_window.h"
#include "models/call_history_model.h"
#include "models/model_roles.h"
#include "routing/call_features.h"
#include "store/cdr_csv.h"
#include "store/store.h"
#include "widgets/call_flow_dialog.h"
#include "widgets/call_history_panel.h"
#include "widgets/findings_view.h"
#include "widgets/ladder_view.h"

using namespace sb::ui;
using namespace sb::ui::test;
using sb::store::Disposition;

namespace {

struct Query {
    quint64 requestId;
    qint64 fromMs;
    qint64 toMs;
};

std::unique_ptr<QAbstractItemModelTester> attachTester(QAbstractItemModel* model) {
    return std::make_unique<QAbstractItemModelTester>(model,
                                                      QAbstractItemModelTester::FailureReportingMode::QtTest);
}

QString cell(const QAbstractItemModel& model, int row, int column, int role = Qt::DisplayRole) {
    return model.index(row, column).data(role).toString();
}

/// Three calls of today, oldest first, as the engine answers.
std::vector<sb::store::CdrRecord> todaysCalls() {
    const qint64 t = QDate::currentDate().startOfDay().toMSecsSinceEpoch() + 9 * 3'600'000;
    return {cdr(1, "100", "101", Disposition::Answered, 200, t, t + 4'000, t + 604'000),
            cdr(2, "101", "+8613901088888", Disposition::Busy, 486, t + 60'000, 0, t + 62'500),
            cdr(3, "102", "100", Disposition::NoAnswer, 480, t + 120'000, 0, t + 150'000)};
}

/// A main window with no engine whose history panel records its queries.
struct Fixture {
    CoreBridge bridge;
    MainWindow window{bridge};
    CallHistoryPanel* panel = window.callHistoryPanel();
    std::vector<Query> queries;

    Fixture() {
        panel->setQuery([this](quint64 id, qint64 from, qint64 to) {
            queries.push_back({id, from, to});
            return true;
        });
    }
    bool showHistory() {
        window.findChild<QTabWidget*>(QStringLiteral("tabs"))->setCurrentWidget(panel);
        window.show();
        return QTest::qWaitForWindowExposed(&window);
    }
    QAbstractItemModel* view() const { return panel->view()->model(); }
};

}  // namespace

class CallHistoryTest : public QObject {
    Q_OBJECT

private slots:
    void modelShowsRecords();
    void forwardsAndTransfersShow();
    void queryFillsFromTheMatchingAnswer();
    void errorGoesToTheStatusBar();
    void rangeIsWholeDays();
    void exportWritesCsv();
    void exportFailureIsShown();
    void callEndsRefreshAtMostOncePerSecond();
    void todayMovesOnAtMidnight();
    void failedCallShowsWhyAndTheFix();
    void callFlowOpensDrawsAndExports();
};

void CallHistoryTest::modelShowsRecords() {
    CallHistoryModel model;
    auto tester = attachTester(&model);
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    const auto records = todaysCalls();
    QVERIFY(model.setRecords(records));
    QVERIFY(!model.setRecords(records));  // the same answer again: no reset
    QCOMPARE(resets.count(), 1);
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.columnCount(), int(CallHistoryModel::ColumnCount));
    QCOMPARE(model.headerData(CallHistoryModel::Billable, Qt::Horizontal).toString(),
             QStringLiteral("Billable"));

    QCOMPARE(cell(model, 0, CallHistoryModel::Caller), QStringLiteral("100"));
    QCOMPARE(cell(model, 0, CallHistoryModel::Disposition), QStringLiteral("Answered"));
    QCOMPARE(cell(model, 0, CallHistoryModel::Disposition, RawRole), QStringLiteral("ANSWERED"));
    QCOMPARE(cell(model, 0, CallHistoryModel::Duration), QStringLiteral("10:04"));
    QCOMPARE(model.index(0, CallHistoryModel::Duration).data(RawRole).toLongLong(), 604);
    QCOMPARE(cell(model, 0, CallHistoryModel::Billable), QStringLiteral("10:00"));
    QCOMPARE(cell(model, 0, CallHistoryModel::Codec), QStringLiteral("PCMU"));
    QCOMPARE(cell(model, 0, CallHistoryModel::Reason), QStringLiteral("caller hung up"));
    QCOMPARE(model.index(0, CallHistoryModel::Start).data(RawRole).toLongLong(), records[0].startMs);
    QCOMPARE(
        cell(model, 0, CallHistoryModel::Start),
        QDateTime::fromMSecsSinceEpoch(records[0].startMs).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")));
    QCOMPARE(cell(model, 1, CallHistoryModel::Disposition), QStringLiteral("Busy"));
    QCOMPARE(cell(model, 1, CallHistoryModel::SipCode), QStringLiteral("486"));
    QVERIFY(cell(model, 1, CallHistoryModel::Answer).isEmpty());  // never answered
    // Answer and end of a call that started the same day: the clock time only.
    QCOMPARE(cell(model, 0, CallHistoryModel::Answer),
             QDateTime::fromMSecsSinceEpoch(records[0].answerMs).toString(QStringLiteral("HH:mm:ss")));
    QCOMPARE(
        cell(model, 0, CallHistoryModel::End, Qt::ToolTipRole),
        QDateTime::fromMSecsSinceEpoch(records[0].endMs).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")));
    QCOMPARE(model.index(0, CallHistoryModel::End).data(RawRole).toLongLong(), records[0].endMs);
    QCOMPARE(cell(model, 1, CallHistoryModel::Billable), QStringLiteral("0:00"));
    QCOMPARE(cell(model, 2, CallHistoryModel::Disposition), QStringLiteral("No answer"));
    QCOMPARE(model.recordAt(2), records[2]);

    // Sorted on raw values: 604 s > 30 s > 2 s, which as text "0:02" < "0:30" < "10:04" would not tell.
    QSortFilterProxyModel proxy;
    proxy.setSourceModel(&model);
    proxy.setSortRole(RawRole);
    auto proxyTester = attachTester(&proxy);
    proxy.sort(CallHistoryModel::Duration, Qt::DescendingOrder);
    QCOMPARE(cell(proxy, 0, CallHistoryModel::Caller), QStringLiteral("100"));
    QCOMPARE(cell(proxy, 2, CallHistoryModel::Caller), QStringLiteral("101"));
    proxy.sort(CallHistoryModel::SipCode, Qt::AscendingOrder);
    QCOMPARE(cell(proxy, 0, CallHistoryModel::SipCode), QStringLiteral("200"));
    QCOMPARE(cell(proxy, 1, CallHistoryModel::SipCode), QStringLiteral("480"));

    QVERIFY(model.setRecords({}));
    QCOMPARE(model.rowCount(), 0);
}

void CallHistoryTest::forwardsAndTransfersShow() {
    // Records as the engine keeps them: forwards written by the router's own
    // formatter, saved and read back through the store.
    using sb::routing::ForwardReason;
    auto records = todaysCalls();
    records[0].forwards = sb::routing::forwardsText(
        {{"101", "102", ForwardReason::Unconditional}, {"102", "0123", ForwardReason::NoAnswer}});
    records[0].transfers = "102>103 blind";
    records[2].forwards = sb::routing::forwardsText({{"100", "voicemail 100", ForwardReason::Busy}});
    records[2].transfers = "102>103 attended, 103>104 blind";
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    std::vector<sb::store::CdrRecord> stored;
    {
        auto store = sb::store::Store::open(dir.filePath(QStringLiteral("switchboard.db")).toStdString());
        QVERIFY(store.ok());
        QVERIFY(store.value()->appendCdrs(records).ok());
        auto read = store.value()->cdrsBetween(records[0].startMs, records[2].endMs);
        QVERIFY(read.ok());
        stored = read.value();
    }
    QCOMPARE(stored.size(), size_t(3));
    QCOMPARE(stored[0].forwards, std::string("101>102 unconditional, 102>0123 no-answer"));

    Fixture f;
    auto tester = attachTester(f.window.callHistoryModel());
    QVERIFY(f.showHistory());
    f.bridge.eventSink().publish(callHistory(f.queries.back().requestId, stored));
    QTRY_COMPARE(f.view()->rowCount(), 3);
    const QAbstractItemModel& view = *f.view();
    QCOMPARE(view.columnCount(), int(CallHistoryModel::ColumnCount));
    QCOMPARE(view.headerData(CallHistoryModel::Forwards, Qt::Horizontal).toString(),
             QStringLiteral("Forwarded"));
    QCOMPARE(view.headerData(CallHistoryModel::Transfers, Qt::Horizontal).toString(),
             QStringLiteral("Transferred"));
    QVERIFY(!f.panel->view()->isColumnHidden(CallHistoryModel::Forwards));
    QVERIFY(!f.panel->view()->isColumnHidden(CallHistoryModel::Transfers));

    // Newest first: row 0 is the call to voicemail, row 2 the forwarded and transferred one.
    QCOMPARE(cell(view, 2, CallHistoryModel::Forwards),
             QStringLiteral("101>102 unconditional, 102>0123 no-answer"));
    QCOMPARE(cell(view, 2, CallHistoryModel::Transfers), QStringLiteral("102>103 blind"));
    QCOMPARE(cell(view, 0, CallHistoryModel::Forwards), QStringLiteral("100>voicemail 100 user-busy"));
    QCOMPARE(cell(view, 0, CallHistoryModel::Transfers), QStringLiteral("102>103 attended, 103>104 blind"));
    QVERIFY(cell(view, 1, CallHistoryModel::Forwards).isEmpty());
    QVERIFY(cell(view, 1, CallHistoryModel::Transfers).isEmpty());
    // The tooltip reads one hop a line.
    QCOMPARE(cell(view, 2, CallHistoryModel::Forwards, Qt::ToolTipRole),
             QStringLiteral("101 → 102 (always)\n102 → 0123 (no answer)"));
    QCOMPARE(cell(view, 0, CallHistoryModel::Forwards, Qt::ToolTipRole),
             QStringLiteral("100 → voicemail 100 (busy)"));
    QCOMPARE(cell(view, 0, CallHistoryModel::Transfers, Qt::ToolTipRole),
             QStringLiteral("102 → 103 (attended)\n103 → 104 (blind)"));
    QVERIFY(!view.index(1, CallHistoryModel::Transfers).data(Qt::ToolTipRole).isValid());
    QCOMPARE(cell(view, 2, CallHistoryModel::Transfers, RawRole), QStringLiteral("102>103 blind"));

    // Clicking the header sorts on the raw values: no transfer first, then by text.
    f.panel->view()->sortByColumn(CallHistoryModel::Transfers, Qt::AscendingOrder);
    QCOMPARE(cell(view, 0, CallHistoryModel::Caller), QStringLiteral("101"));
    QCOMPARE(cell(view, 1, CallHistoryModel::Caller), QStringLiteral("102"));
    QCOMPARE(cell(view, 2, CallHistoryModel::Caller), QStringLiteral("100"));
    f.panel->view()->sortByColumn(CallHistoryModel::Forwards, Qt::DescendingOrder);
    QCOMPARE(cell(view, 0, CallHistoryModel::Caller), QStringLiteral("100"));
    QCOMPARE(cell(view, 1, CallHistoryModel::Caller), QStringLiteral("102"));
    QCOMPARE(cell(view, 2, CallHistoryModel::Caller), QStringLiteral("101"));
}

void CallHistoryTest::queryFillsFromTheMatchingAnswer() {
    Fixture f;
    auto tester = attachTester(f.window.callHistoryModel());
    QVERIFY(f.queries.empty());  // nothing is asked before the tab is seen
    QVERIFY(f.showHistory());
    QCOMPARE(f.queries.size(), size_t(1));
    const Query first = f.queries.back();
    QVERIFY(first.requestId != 0);
    QCOMPARE(f.panel->pendingRequestId(), first.requestId);
    QCOMPARE(first.fromMs, QDate::currentDate().startOfDay().toMSecsSinceEpoch());
    QCOMPARE(first.toMs, QDate::currentDate().addDays(1).startOfDay().toMSecsSinceEpoch());

    sb::EventSink& sink = f.bridge.eventSink();
    sink.publish(callHistory(first.requestId + 100, todaysCalls()));  // someone else's request
    sink.publish(callHistory(0, todaysCalls()));
    QTest::qWait(50);
    QCOMPARE(f.view()->rowCount(), 0);
    QCOMPARE(f.panel->pendingRequestId(), first.requestId);

    sink.publish(callHistory(first.requestId, todaysCalls()));
    QTRY_COMPARE(f.view()->rowCount(), 3);
    QCOMPARE(f.panel->pendingRequestId(), quint64(0));
    QCOMPARE(cell(*f.view(), 0, CallHistoryModel::Caller), QStringLiteral("102"));  // newest first
    QCOMPARE(f.panel->findChild<QLabel*>(QStringLiteral("historyCount"))->text(), QStringLiteral("Calls: 3"));

    // Refresh asks again; the late answer to the first request changes nothing.
    QTest::mouseClick(f.panel->findChild<QPushButton*>(QStringLiteral("historyRefresh")), Qt::LeftButton);
    QCOMPARE(f.queries.size(), size_t(2));
    const Query second = f.queries.back();
    QVERIFY(second.requestId != first.requestId);
    sink.publish(callHistory(first.requestId, {todaysCalls()[0]}));
    QTest::qWait(50);
    QCOMPARE(f.view()->rowCount(), 3);
    sink.publish(callHistory(second.requestId, {todaysCalls()[0]}));
    QTRY_COMPARE(f.view()->rowCount(), 1);
    QCOMPARE(f.panel->findChild<QLabel*>(QStringLiteral("historyCount"))->text(), QStringLiteral("Calls: 1"));
}

void CallHistoryTest::errorGoesToTheStatusBar() {
    Fixture f;
    QVERIFY(f.showHistory());
    sb::EventSink& sink = f.bridge.eventSink();
    sink.publish(callHistory(f.queries.back().requestId, todaysCalls()));
    QTRY_COMPARE(f.view()->rowCount(), 3);

    f.panel->refresh();
    sink.publish(callHistory(f.queries.back().requestId, {}, "disk I/O error"));
    QTRY_COMPARE(f.window.statusBar()->currentMessage(),
                 QStringLiteral("Call history could not be read: disk I/O error"));
    QCOMPARE(f.view()->rowCount(), 3);  // the last good answer stays
    QCOMPARE(f.panel->pendingRequestId(), quint64(0));

    // With no engine at all, the default query says so.
    CoreBridge idle;
    MainWindow window(idle);
    window.callHistoryPanel()->refresh();
    QVERIFY(window.statusBar()->currentMessage().contains(QStringLiteral("not running")));
    QCOMPARE(window.callHistoryPanel()->pendingRequestId(), quint64(0));
}

void CallHistoryTest::rangeIsWholeDays() {
    Fixture f;
    QVERIFY(f.showHistory());
    const QDate from(2026, 3, 1);
    const QDate to(2026, 3, 31);
    f.panel->setRange(from, to);
    QCOMPARE(f.panel->fromMs(), from.startOfDay().toMSecsSinceEpoch());
    QCOMPARE(f.panel->toMs(), QDate(2026, 4, 1).startOfDay().toMSecsSinceEpoch());
    // The change queries once, after the edits settle.
    QTRY_COMPARE(f.queries.size(), size_t(2));
    QCOMPARE(f.queries.back().fromMs, f.panel->fromMs());
    QCOMPARE(f.queries.back().toMs, f.panel->toMs());
    QTest::qWait(400);
    QCOMPARE(f.queries.size(), size_t(2));

    // A reversed range is read the right way round.
    f.panel->setRange(QDate(2026, 5, 10), QDate(2026, 5, 1));
    QCOMPARE(f.panel->fromMs(), QDate(2026, 5, 1).startOfDay().toMSecsSinceEpoch());
    QCOMPARE(f.panel->toMs(), QDate(2026, 5, 11).startOfDay().toMSecsSinceEpoch());
    // Moving "from" past "to" in the editor drags "to" along, and back.
    auto* fromEdit = f.panel->findChild<QDateEdit*>(QStringLiteral("historyFrom"));
    auto* toEdit = f.panel->findChild<QDateEdit*>(QStringLiteral("historyTo"));
    QVERIFY(fromEdit && toEdit);
    fromEdit->setDate(QDate(2026, 6, 1));
    QCOMPARE(toEdit->date(), QDate(2026, 6, 1));
    toEdit->setDate(QDate(2026, 4, 1));
    QCOMPARE(fromEdit->date(), QDate(2026, 4, 1));
}

void CallHistoryTest::exportWritesCsv() {
    Fixture f;
    QVERIFY(f.showHistory());
    std::vector<sb::store::CdrRecord> records = todaysCalls();
    records[1].reason = "busy, \"try later\"";  // quoting is cdrCsv's job
    f.bridge.eventSink().publish(callHistory(f.queries.back().requestId, records));
    QTRY_COMPARE(f.view()->rowCount(), 3);
    QVERIFY(f.panel->findChild<QPushButton*>(QStringLiteral("historyExport"))->isEnabled());
    if (const QString shots = qEnvironmentVariable("SB_UI_SCREENSHOT_DIR"); !shots.isEmpty()) {
        QCoreApplication::processEvents();
        QVERIFY(f.window.grab().save(QStringLiteral("%1/main_window_call_history.png").arg(shots)));
    }

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("history.csv"));
    QVERIFY(f.panel->exportTo(path));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray csv = file.readAll();
    // The rows as shown: newest first.
    const std::vector<sb::store::CdrRecord> shown{records[2], records[1], records[0]};
    QCOMPARE(csv, QByteArray::fromStdString(sb::store::cdrCsv(shown)));
    const QList<QByteArray> lines = csv.split('\n');
    QCOMPARE(lines.size(), 5);  // header, three rows, nothing after the last CRLF
    QCOMPARE(lines[0],
             QByteArray("start,answer,end,caller,callee,route,disposition,sip_code,duration,billable,"
                        "codec,reason,call_id,forwards,transfers\r"));
    QVERIFY(lines[1].contains(",102,100,office,NO ANSWER,480,30,0,"));
    QVERIFY(lines[2].contains("\"busy, \"\"try later\"\"\""));
    QVERIFY(lines[3].startsWith(QByteArray::fromStdString(sb::store::isoTime(records[0].startMs))));
    QVERIFY(f.window.statusBar()->currentMessage().startsWith(QStringLiteral("Exported 3 call(s) to")));

    // Sorting the view changes what "as shown" means.
    f.panel->view()->sortByColumn(CallHistoryModel::Caller, Qt::AscendingOrder);
    QCOMPARE(f.panel->shownRecords(), records);
}

void CallHistoryTest::exportFailureIsShown() {
    Fixture f;
    QVERIFY(f.showHistory());
    f.bridge.eventSink().publish(callHistory(f.queries.back().requestId, todaysCalls()));
    QTRY_COMPARE(f.view()->rowCount(), 3);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("no-such-folder/history.csv"));
    QVERIFY(!f.panel->exportTo(path));
    QMessageBox* box = nullptr;
    QTRY_VERIFY((box = f.window.findChild<QMessageBox*>(QStringLiteral("historyExportFailedBox"))) &&
                box->isVisible());
    QVERIFY2(box->text().contains(QStringLiteral("no-such-folder")), qPrintable(box->text()));
    // The reason, not just the fact: QSaveFile's error text follows the path.
    QVERIFY(box->text().split(QStringLiteral("\n\n")).value(1).size() > 0);
    box->close();
    QVERIFY(!QFile::exists(path));
}

void CallHistoryTest::callEndsRefreshAtMostOncePerSecond() {
    Fixture f;
    QVERIFY(f.showHistory());
    QCOMPARE(f.queries.size(), size_t(1));
    sb::EventSink& sink = f.bridge.eventSink();

    // A burst of ends, drained in many batches over ~half a second.
    QElapsedTimer clock;
    clock.start();
    for (int batch = 0; batch < 10; ++batch) {
        for (int i = 0; i < 50; ++i) sink.publish(callEnded(static_cast<uint64_t>(batch * 50 + i + 1)));
        QTest::qWait(50);
    }
    QCOMPARE(f.queries.size(), size_t(1));  // not yet: the first end started the debounce
    QTRY_COMPARE_WITH_TIMEOUT(f.queries.size(), size_t(2), 2000);
    QVERIFY(clock.elapsed() >= CallHistoryPanel::kAutoRefreshMs);
    QTest::qWait(CallHistoryPanel::kAutoRefreshMs + 200);
    QCOMPARE(f.queries.size(), size_t(2));  // 500 ends, one refresh

    // Hidden, the panel only remembers to refresh when shown again.
    auto* tabs = f.window.findChild<QTabWidget*>(QStringLiteral("tabs"));
    tabs->setCurrentIndex(0);
    sink.publish(callEnded(9999));
    QTest::qWait(CallHistoryPanel::kAutoRefreshMs + 200);
    QCOMPARE(f.queries.size(), size_t(2));
    tabs->setCurrentWidget(f.panel);
    QCOMPARE(f.queries.size(), size_t(3));

    // A range in the past does not change when calls end.
    const QDate yesterday = QDate::currentDate().addDays(-1);
    f.panel->setRange(yesterday, yesterday);
    QTRY_COMPARE(f.queries.size(), size_t(4));  // the range change itself
    sink.publish(callEnded(10000));
    QTest::qWait(CallHistoryPanel::kAutoRefreshMs + 200);
    QCOMPARE(f.queries.size(), size_t(4));
}

void CallHistoryTest::todayMovesOnAtMidnight() {
    Fixture f;
    const QDate day(2026, 11, 26);
    qint64 now = day.startOfDay().toMSecsSinceEpoch();
    f.panel->setClock([&now] { return now; });
    f.panel->setRange(day, day);  // what "today" was when the window opened
    QVERIFY(f.showHistory());
    QCOMPARE(f.queries.back().fromMs, day.startOfDay().toMSecsSinceEpoch());
    const size_t asked = f.queries.size();

    // A call ends just after midnight: the default range follows the new day.
    const QDate next = day.addDays(1);
    now = next.startOfDay().toMSecsSinceEpoch() + 500;
    f.bridge.eventSink().publish(callEnded(1));
    QTRY_VERIFY(f.queries.size() > asked);
    QCOMPARE(f.queries.back().fromMs, next.startOfDay().toMSecsSinceEpoch());
    QCOMPARE(f.queries.back().toMs, next.addDays(1).startOfDay().toMSecsSinceEpoch());

    // A range the user chose stays where it is.
    f.panel->setRange(day, next);
    now += 86'400'000;
    f.panel->refresh();
    QCOMPARE(f.panel->fromMs(), day.startOfDay().toMSecsSinceEpoch());
    QCOMPARE(f.queries.back().toMs, next.addDays(1).startOfDay().toMSecsSinceEpoch());
}

void CallHistoryTest::failedCallShowsWhyAndTheFix() {
    Fixture f;
    QVERIFY(f.showHistory());
    auto records = todaysCalls();
    records[2].reason = "callee answered 416";
    records[2].findings = {{"uri-format", "trunk \"cmcc\" answered 416 Unsupported URI Scheme to sip:0139@x.",
                            "Set \"Additional parameter of Request-URI\" to user=phone.",
                            "request_uri_params"}};
    f.bridge.eventSink().publish(callHistory(f.queries.back().requestId, records));
    QTRY_COMPARE(f.view()->rowCount(), 3);
    FindingsView* why = f.panel->findingsView();
    QCOMPARE(why, f.panel->findChild<FindingsView*>(QStringLiteral("historyFindings")));
    QVERIFY(!why->isVisible());  // nothing selected

    // Newest first: row 0 is the failed call with findings.
    f.panel->view()->selectRow(0);
    QTRY_VERIFY(why->isVisible());
    QCOMPARE(why->findings(), records[2].findings);
    QVERIFY(why->text().contains(QStringLiteral("Why this call failed")));
    QVERIFY(why->text().contains(QStringLiteral("user=phone")));
    QVERIFY(cell(*f.view(), 0, CallHistoryModel::Reason, Qt::ToolTipRole).contains(QStringLiteral("416")));

    // A call with nothing to explain hides it again.
    f.panel->view()->selectRow(1);
    QTRY_VERIFY(!why->isVisible());
    QVERIFY(why->findings().empty());
}

void CallHistoryTest::callFlowOpensDrawsAndExports() {
    Fixture f;
    std::vector<std::pair<quint64, qint64>> asked;
    f.panel->setLadderQuery([&asked](quint64 requestId, qint64 cdrId) {
        asked.emplace_back(requestId, cdrId);
        return true;
    });
    QVERIFY(f.showHistory());
    const auto records = todaysCalls();
    f.bridge.eventSink().publish(callHistory(f.queries.back().requestId, records));
    QTRY_COMPARE(f.view()->rowCount(), 3);
    auto* button = f.panel->findChild<QPushButton*>(QStringLiteral("historyCallFlow"));
    QVERIFY(button);
    QVERIFY(!button->isEnabled());  // nothing selected
    f.panel->view()->selectRow(1);  // newest first: the busy call to +8613901088888
    QVERIFY(button->isEnabled());
    QTest::mouseClick(button, Qt::LeftButton);
    QCOMPARE(asked.size(), size_t(1));
    QCOMPARE(asked[0].second, records[1].id);

    const int64_t t = records[1].startMs;
    sb::CallLadder answer;
    answer.requestId = asked[0].first + 7;  // someone else's answer: ignored
    f.bridge.eventSink().publish(answer);
    QTest::qWait(50);
    QVERIFY(!f.panel->findChild<CallFlowDialog*>(QStringLiteral("callFlowDialog")));
    answer.requestId = asked[0].first;
    answer.cdrId = records[1].id;
    answer.ladder = {{t, "caller", "Switchboard", "INVITE sip:+8613901088888@pbx", "SDP PCMU"},
                     {t + 3, "Switchboard", "cmcc", "INVITE sip:+8613901088888@cmcc;user=phone", ""},
                     {t + 90, "cmcc", "Switchboard", "486 Busy Here", ""},
                     {t + 95, "Switchboard", "caller", "486 Busy Here", ""}};
    f.bridge.eventSink().publish(answer);
    CallFlowDialog* dialog = nullptr;
    QTRY_VERIFY((dialog = f.panel->findChild<CallFlowDialog*>(QStringLiteral("callFlowDialog"))) &&
                dialog->isVisible());
    LadderView* ladder = dialog->view();
    QCOMPARE(ladder->ladder(), answer.ladder);
    QCOMPARE(ladder->lanes(), (std::vector<std::string>{"caller", "Switchboard", "cmcc"}));
    // Arrows run between their lanes: left to right for the INVITEs, back for the answers.
    QVERIFY(ladder->arrowSpan(0).first < ladder->arrowSpan(0).second);
    QVERIFY(ladder->arrowSpan(2).first > ladder->arrowSpan(2).second);
    QCOMPARE(ladder->arrowSpan(1).first, ladder->arrowSpan(0).second);
    QVERIFY(ladder->sizeHint().height() > 4 * 30);

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("flow.txt"));
    QVERIFY(dialog->exportTo(path));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QString text = QString::fromUtf8(file.readAll());
    QVERIFY2(text.startsWith(QStringLiteral("Switchboard call flow: 101 -> +8613901088888")),
             qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("cmcc -> Switchboard    486 Busy Here")), qPrintable(text));
    QCOMPARE(text.count(QLatin1Char('\n')), 5);
    QVERIFY(!dialog->exportTo(dir.filePath(QStringLiteral("no/such/dir/flow.txt"))));
    QVERIFY(dialog->findChild<QLabel*>(QStringLiteral("callFlowMessage"))
                ->text()
                .contains(QStringLiteral("could not be saved")));
    dialog->close();
}
QTEST_MAIN(CallHistoryTest)
#include "call_history_test.moc"
