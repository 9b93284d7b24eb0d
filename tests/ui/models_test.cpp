// Every table model under QAbstractItemModelTester while events are fed in,
// plus the values, row counts and change notifications each one promises.

#include <QAbstractItemModelTester>
#include <QDateTime>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTest>

#include <memory>
#include <string>

#include "models/calls_model.h"
#include "models/extensions_model.h"
#include "models/lines_model.h"
#include "models/model_roles.h"
#include "models/registrations_model.h"
#include "models/routes_model.h"
#include "models/trace_model.h"
#include "models/trunks_model.h"
#include "fixtures.h"

using namespace sb::ui;
using namespace sb::ui::test;

namespace {

constexpr qint64 kNowMs = 1'700'000'000'000;

std::unique_ptr<QAbstractItemModelTester> attachTester(QAbstractItemModel* model) {
    return std::make_unique<QAbstractItemModelTester>(
        model, QAbstractItemModelTester::FailureReportingMode::QtTest);
}

QString cell(const QAbstractItemModel& model, int row, int column, int role = Qt::DisplayRole) {
    return model.index(row, column).data(role).toString();
}

sb::CallUpdated call(quint64 id, const char* caller, const char* callee, const char* state) {
    sb::CallUpdated c;
    c.callId = id;
    c.caller = caller;
    c.callee = callee;
    c.route = "line1";
    c.state = state;
    c.codec = "PCMA";
    c.startMs = kNowMs - 30'000;
    return c;
}

CallChange ended(quint64 id) {
    CallChange change;
    change.call.callId = id;
    change.ended = true;
    return change;
}

sb::SipTraced traced(int n) {
    return sb::ui::test::traced(n % 2 == 0,
                  "OPTIONS sip:100@example.com SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:5062\r\n"
                  "Call-ID: call-" + std::to_string(n) + "@host\r\nCSeq: 1 OPTIONS\r\n\r\n",
                  kNowMs + n);
}

sb::store::Configuration configuration() {
    sb::store::Configuration config;
    config.extensions = {extension("9", "Nine"), extension("100", "Alice"), extension("101", "Bob", false)};
    sb::store::ExternalLine line;
    line.name = "carrier";
    line.domain = "ims.example.net";
    line.account = "+8613901088888";
    line.proxy = "pcscf.example.net:5060";
    config.lines = {line};
    sb::store::SipTrunk trunk;
    trunk.name = "office";
    trunk.host = "203.0.113.5";
    trunk.port = 5080;
    trunk.requestUriParams = "user=phone";
    trunk.dids = {{"+861088880000", "100"}, {"+861088880001", "101"}};
    config.trunks = {trunk};
    config.routes = {route("9.", 1, "", "carrier", "office"), route("0X.", 0, "+86", "office", "")};
    return config;
}

}  // namespace

class ModelsTest : public QObject {
    Q_OBJECT

private slots:
    void callsInsertUpdateRemove();
    void callsBatchIsCoalesced();
    void callsDurationTicks();
    void registrationsAddUpdateRemove();
    void traceParsesColumns();
    void traceBurstKeepsTheCap();
    void configurationSnapshotsReset();
    void extensionsCountContacts();
    void lineStatusSurvivesReset();
    void proxySortsOnRawValues();
};

void ModelsTest::callsInsertUpdateRemove() {
    CallsModel model;
    model.setClock([] { return kNowMs; });
    auto tester = attachTester(&model);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);

    model.apply({{call(1, "100", "101", "Trying"), false},
                 {call(2, "101", "+8613901088888", "Ringing"), false},
                 {call(3, "102", "100", "Talking"), false}});
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(inserted.count(), 1);  // one insertion for the whole batch
    QCOMPARE(model.columnCount(), int(CallsModel::ColumnCount));
    QCOMPARE(cell(model, 1, CallsModel::Callee), QStringLiteral("+8613901088888"));
    QCOMPARE(cell(model, 1, CallsModel::State), QStringLiteral("Ringing"));
    QCOMPARE(cell(model, 0, CallsModel::Codec), QStringLiteral("PCMA"));
    QCOMPARE(model.index(2, 0).data(CallsModel::CallIdRole).toULongLong(), 3ULL);

    // An update changes exactly its own row.
    auto talking = call(2, "101", "+8613901088888", "Talking");
    talking.answerMs = kNowMs - 5'000;
    model.update(talking);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed[0][0].toModelIndex().row(), 1);
    QCOMPARE(changed[0][1].toModelIndex().row(), 1);
    QCOMPARE(cell(model, 1, CallsModel::State), QStringLiteral("Talking"));

    // An identical update is not a change.
    model.update(talking);
    QCOMPARE(changed.count(), 1);

    model.end(1);
    QCOMPARE(removed.count(), 1);
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.rowOf(1), -1);
    QCOMPARE(model.rowOf(2), 0);
    QCOMPARE(model.rowOf(3), 1);
    QCOMPARE(cell(model, 1, CallsModel::Caller), QStringLiteral("102"));

    model.end(42);  // unknown call: nothing happens
    QCOMPARE(removed.count(), 1);
    QCOMPARE(model.rowCount(), 2);
}

void ModelsTest::callsBatchIsCoalesced() {
    CallsModel model;
    auto tester = attachTester(&model);
    for (quint64 id = 1; id <= 6; ++id) model.update(call(id, "100", "101", "Trying"));

    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    model.apply({{call(2, "100", "101", "Ringing"), false},  // superseded below
                 {call(2, "100", "101", "Talking"), false},
                 ended(3),
                 ended(4),  // 3 and 4 are adjacent: one removal
                 ended(6),
                 {call(7, "100", "102", "Trying"), false},
                 {call(8, "100", "103", "Trying"), false},
                 ended(8)});  // a call that began and ended within the batch never shows
    QCOMPARE(model.rowCount(), 4);
    QCOMPARE(removed.count(), 2);
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(cell(model, model.rowOf(2), CallsModel::State), QStringLiteral("Talking"));
    QVERIFY(model.rowOf(7) >= 0);
    QCOMPARE(model.rowOf(8), -1);
    QCOMPARE(model.rowOf(3), -1);
    QCOMPARE(model.rowOf(6), -1);
    for (int row = 0; row < model.rowCount(); ++row)
        QCOMPARE(model.rowOf(model.index(row, 0).data(CallsModel::CallIdRole).toULongLong()), row);
}

void ModelsTest::callsDurationTicks() {
    CallsModel model;
    qint64 now = kNowMs;
    model.setClock([&now] { return now; });
    auto tester = attachTester(&model);

    auto ringing = call(1, "100", "101", "Ringing");  // started 30 s ago
    auto talking = call(2, "100", "102", "Talking");
    talking.answerMs = kNowMs - 65'000;  // answered: duration counts from the answer
    talking.startMs = kNowMs - 70'000;
    model.apply({{ringing, false}, {talking, false}});
    QCOMPARE(cell(model, 0, CallsModel::Duration), QStringLiteral("0:30"));
    QCOMPARE(cell(model, 1, CallsModel::Duration), QStringLiteral("1:05"));
    QCOMPARE(model.index(1, CallsModel::Duration).data(RawRole).toLongLong(), 65);
    QCOMPARE(model.index(1, CallsModel::Started).data(RawRole).toLongLong(), kNowMs - 70'000);

    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    now += 3'600'000;
    model.tick();
    QCOMPARE(changed.count(), 1);
    const QModelIndex topLeft = changed[0][0].toModelIndex();
    const QModelIndex bottomRight = changed[0][1].toModelIndex();
    QCOMPARE(topLeft.column(), int(CallsModel::Duration));
    QCOMPARE(bottomRight.column(), int(CallsModel::Duration));
    QCOMPARE(topLeft.row(), 0);
    QCOMPARE(bottomRight.row(), 1);
    QCOMPARE(cell(model, 1, CallsModel::Duration), QStringLiteral("1:01:05"));

    // The real ticker runs while there are calls.
    model.setClock([] { return QDateTime::currentMSecsSinceEpoch(); });
    QTRY_VERIFY_WITH_TIMEOUT(changed.count() >= 2, 2500);
    model.apply({ended(1), ended(2)});
    QCOMPARE(model.rowCount(), 0);
}

void ModelsTest::registrationsAddUpdateRemove() {
    RegistrationsModel model;
    qint64 now = kNowMs;
    model.setClock([&now] { return now; });
    auto tester = attachTester(&model);

    model.apply({binding("100", "sip:100@192.0.2.10:5062", kNowMs + 3'600'000),
                 binding("101", "sip:101@192.0.2.11:5062", kNowMs + 120'000),
                 binding("100", "sip:100@192.0.2.12:5062", kNowMs + 60'000)});
    QCOMPARE(model.rowCount(), 3);  // two contacts of 100 are two bindings
    QCOMPARE(cell(model, 1, RegistrationsModel::Extension), QStringLiteral("101"));
    QCOMPARE(cell(model, 1, RegistrationsModel::UserAgent), QStringLiteral("Softphone 1.0"));
    QCOMPARE(model.index(1, RegistrationsModel::ExpiresIn).data(RawRole).toLongLong(), 120);
    QCOMPARE(cell(model, 1, RegistrationsModel::ExpiresIn), QStringLiteral("120 s"));
    QCOMPARE(cell(model, 1, RegistrationsModel::Reachable), QStringLiteral("Yes"));

    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    model.update(binding("101", "sip:101@192.0.2.11:5062", kNowMs + 300'000));  // refresh
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed[0][0].toModelIndex().row(), 1);
    QCOMPARE(model.index(1, RegistrationsModel::ExpiresIn).data(RawRole).toLongLong(), 300);

    // Qualify pings go unanswered: the same binding, now unreachable.
    model.update(binding("101", "sip:101@192.0.2.11:5062", kNowMs + 300'000, false, false));
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(changed.count(), 2);
    QCOMPARE(changed[1][0].toModelIndex().row(), 1);
    QCOMPARE(cell(model, 1, RegistrationsModel::Reachable), QStringLiteral("No"));
    QCOMPARE(model.index(1, RegistrationsModel::Reachable).data(RawRole).toBool(), false);
    QCOMPARE(model.headerData(RegistrationsModel::Reachable, Qt::Horizontal).toString(),
             QStringLiteral("Reachable"));
    changed.clear();

    now += 90'000;  // the 60 s binding has lapsed; it is shown until the engine removes it
    model.tick();
    QCOMPARE(changed.count(), 1);
    QCOMPARE(cell(model, 2, RegistrationsModel::ExpiresIn), QStringLiteral("expired"));
    QCOMPARE(model.index(1, RegistrationsModel::ExpiresIn).data(RawRole).toLongLong(), 210);

    model.update(binding("100", "sip:100@192.0.2.10:5062", 0, true));
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(cell(model, 0, RegistrationsModel::Contact), QStringLiteral("sip:101@192.0.2.11:5062"));
    QCOMPARE(cell(model, 1, RegistrationsModel::Contact), QStringLiteral("sip:100@192.0.2.12:5062"));
    model.apply({binding("100", "sip:100@192.0.2.12:5062", 0, true),
                 binding("101", "sip:101@192.0.2.11:5062", 0, true)});
    QCOMPARE(model.rowCount(), 0);
}

void ModelsTest::traceParsesColumns() {
    TraceModel model;
    auto tester = attachTester(&model);
    sb::SipTraced response;
    response.outgoing = true;
    response.transport = "TCP";
    response.peer = "198.51.100.7:5060";
    response.timeMs = kNowMs;
    // Compact header names (RFC 3261 7.3.3), LF-only line ends, Call-ID-like text in the body.
    response.text = "SIP/2.0 180 Ringing\nv: SIP/2.0/TCP 198.51.100.7\ni:  abc@198.51.100.7 \n"
                    "l: 12\n\nCall-ID: nope";
    model.append({traced(1), response});
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(cell(model, 0, TraceModel::FirstLine), QStringLiteral("OPTIONS sip:100@example.com SIP/2.0"));
    QCOMPARE(cell(model, 0, TraceModel::CallId), QStringLiteral("call-1@host"));
    QCOMPARE(cell(model, 0, TraceModel::Direction), QStringLiteral("← received"));
    QCOMPARE(cell(model, 1, TraceModel::FirstLine), QStringLiteral("SIP/2.0 180 Ringing"));
    QCOMPARE(cell(model, 1, TraceModel::CallId), QStringLiteral("abc@198.51.100.7"));
    QCOMPARE(cell(model, 1, TraceModel::Transport), QStringLiteral("TCP"));
    QCOMPARE(cell(model, 1, TraceModel::Peer), QStringLiteral("198.51.100.7:5060"));
    QCOMPARE(cell(model, 1, TraceModel::Direction), QStringLiteral("→ sent"));
    QCOMPARE(model.index(1, TraceModel::Time).data(RawRole).toLongLong(), kNowMs);
    QCOMPARE(cell(model, 1, TraceModel::Time, TraceModel::FullTextRole), QString::fromStdString(response.text));

    sb::SipTraced noCallId;
    noCallId.text = "garbage without headers";
    model.appendOne(noCallId);
    QCOMPARE(cell(model, 2, TraceModel::FirstLine), QStringLiteral("garbage without headers"));
    QVERIFY(cell(model, 2, TraceModel::CallId).isEmpty());
}

void ModelsTest::traceBurstKeepsTheCap() {
    constexpr int kCap = 100;
    TraceModel model(nullptr, kCap);
    auto tester = attachTester(&model);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);

    // One drained burst larger than the cap: only its newest rows survive.
    sb::ui::TraceBatch burst;
    for (int n = 0; n < 1000; ++n) burst.push_back(traced(n));
    model.append(burst);
    QCOMPARE(model.rowCount(), kCap);
    QCOMPARE(cell(model, 0, TraceModel::CallId), QStringLiteral("call-900@host"));
    QCOMPARE(cell(model, kCap - 1, TraceModel::CallId), QStringLiteral("call-999@host"));
    QCOMPARE(removed.count(), 0);

    // The same burst one message per drain: the cap holds and the oldest go
    // in batches, not one removal per message.
    for (int n = 1000; n < 2000; ++n) {
        model.appendOne(traced(n));
        QVERIFY(model.rowCount() <= kCap);
    }
    QCOMPARE(cell(model, model.rowCount() - 1, TraceModel::CallId), QStringLiteral("call-1999@host"));
    QVERIFY(model.rowCount() > kCap - kCap / 10);
    QVERIFY2(removed.count() <= 1000 / (kCap / 10) + 1, qPrintable(QString::number(removed.count())));
    // Rows stay in arrival order.
    for (int row = 1; row < model.rowCount(); ++row)
        QVERIFY(model.index(row - 1, TraceModel::Time).data(RawRole).toLongLong() <
                model.index(row, TraceModel::Time).data(RawRole).toLongLong());

    model.clear();
    QCOMPARE(model.rowCount(), 0);
}

void ModelsTest::configurationSnapshotsReset() {
    ExtensionsModel extensions;
    LinesModel lines;
    TrunksModel trunks;
    RoutesModel routes;
    auto t1 = attachTester(&extensions);
    auto t2 = attachTester(&lines);
    auto t3 = attachTester(&trunks);
    auto t4 = attachTester(&routes);
    QSignalSpy resets(&extensions, &QAbstractItemModel::modelReset);

    auto config = configuration();
    extensions.setConfiguration(config);
    lines.setConfiguration(config);
    trunks.setConfiguration(config);
    routes.setConfiguration(config);
    QCOMPARE(resets.count(), 1);

    QCOMPARE(extensions.rowCount(), 3);
    QCOMPARE(cell(extensions, 1, ExtensionsModel::Number), QStringLiteral("100"));
    QCOMPARE(cell(extensions, 1, ExtensionsModel::Name), QStringLiteral("Alice"));
    QCOMPARE(cell(extensions, 2, ExtensionsModel::Enabled), QStringLiteral("No"));
    QCOMPARE(extensions.index(2, ExtensionsModel::Enabled).data(RawRole).toBool(), false);

    QCOMPARE(lines.rowCount(), 1);
    QCOMPARE(cell(lines, 0, LinesModel::Account), QStringLiteral("+8613901088888@ims.example.net"));
    QCOMPARE(cell(lines, 0, LinesModel::Proxy), QStringLiteral("pcscf.example.net:5060"));
    QCOMPARE(cell(lines, 0, LinesModel::Transport), QStringLiteral("UDP"));

    QCOMPARE(trunks.rowCount(), 1);
    QCOMPARE(cell(trunks, 0, TrunksModel::Host), QStringLiteral("203.0.113.5:5080"));
    QCOMPARE(cell(trunks, 0, TrunksModel::RequestUriParams), QStringLiteral("user=phone"));
    QCOMPARE(trunks.index(0, TrunksModel::Dids).data(RawRole).toLongLong(), 2);

    QCOMPARE(routes.rowCount(), 2);
    QCOMPARE(cell(routes, 0, RoutesModel::Priority), QStringLiteral("1"));
    QCOMPARE(cell(routes, 1, RoutesModel::Pattern), QStringLiteral("0X."));
    QCOMPARE(cell(routes, 1, RoutesModel::Prepend), QStringLiteral("+86"));
    QCOMPARE(cell(routes, 0, RoutesModel::Failover), QStringLiteral("office"));

    // The same snapshot again (e.g. after an edit elsewhere) does not reset.
    extensions.setConfiguration(config);
    QCOMPARE(resets.count(), 1);

    config.extensions.pop_back();
    config.extensions.push_back(extension("102", "Carol"));
    config.routes.clear();
    extensions.setConfiguration(config);
    routes.setConfiguration(config);
    QCOMPARE(resets.count(), 2);
    QCOMPARE(extensions.rowCount(), 3);
    QCOMPARE(cell(extensions, 2, ExtensionsModel::Name), QStringLiteral("Carol"));
    QCOMPARE(routes.rowCount(), 0);
    extensions.setConfiguration({});
    QCOMPARE(extensions.rowCount(), 0);
}

void ModelsTest::extensionsCountContacts() {
    ExtensionsModel model;
    auto tester = attachTester(&model);
    auto config = configuration();  // 9, 100, 101
    config.extensions[1].qualify = true;
    model.setConfiguration(config);
    QCOMPARE(model.columnCount(), int(ExtensionsModel::ColumnCount));
    QCOMPARE(cell(model, 1, ExtensionsModel::Qualify), QStringLiteral("Yes"));
    QCOMPARE(cell(model, 0, ExtensionsModel::Qualify), QStringLiteral("No"));
    QCOMPARE(model.rowOfNumber(QStringLiteral("101")), 2);
    QCOMPARE(model.rowOfNumber(QStringLiteral("555")), -1);
    for (int row = 0; row < 3; ++row)
        QCOMPARE(cell(model, row, ExtensionsModel::Contacts), QStringLiteral("0"));

    // One batch touching two rows: one dataChanged over the Contacts column.
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    model.applyRegistrations({binding("100", "sip:a@192.0.2.1", 1), binding("100", "sip:b@192.0.2.2", 1),
                              binding("9", "sip:c@192.0.2.3", 1), binding("555", "sip:d@192.0.2.4", 1)});
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed[0][0].toModelIndex(), model.index(0, ExtensionsModel::Contacts));
    QCOMPARE(changed[0][1].toModelIndex(), model.index(1, ExtensionsModel::Contacts));
    QCOMPARE(cell(model, 1, ExtensionsModel::Contacts), QStringLiteral("2"));
    QCOMPARE(model.index(1, ExtensionsModel::Contacts).data(RawRole).toInt(), 2);
    QCOMPARE(cell(model, 0, ExtensionsModel::Contacts), QStringLiteral("1"));
    QCOMPARE(model.contacts(QStringLiteral("555")).contacts, 1);  // counted, though not in the table

    // Refreshes and removals of unknown contacts change nothing.
    model.applyRegistrations(
        {binding("100", "sip:a@192.0.2.1", 2), binding("101", "sip:x@192.0.2.9", 0, true)});
    QCOMPARE(changed.count(), 1);

    model.applyRegistrations({binding("100", "sip:b@192.0.2.2", 2, false, false)});
    QCOMPARE(cell(model, 1, ExtensionsModel::Contacts), QStringLiteral("2 (1 unreachable)"));
    QVERIFY(!model.index(1, ExtensionsModel::Contacts).data(Qt::ToolTipRole).toString().isEmpty());
    model.applyRegistrations({binding("100", "sip:b@192.0.2.2", 0, true)});
    QCOMPARE(cell(model, 1, ExtensionsModel::Contacts), QStringLiteral("1"));
    QCOMPARE(changed.count(), 3);

    // A new snapshot keeps the counts; the number index follows the new rows.
    config.extensions.erase(config.extensions.begin());
    config.extensions.push_back(extension("555", "Late"));
    model.setConfiguration(config);
    QCOMPARE(model.rowOfNumber(QStringLiteral("100")), 0);
    QCOMPARE(model.rowOfNumber(QStringLiteral("9")), -1);
    QCOMPARE(cell(model, model.rowOfNumber(QStringLiteral("555")), ExtensionsModel::Contacts),
             QStringLiteral("1"));
    QCOMPARE(cell(model, 0, ExtensionsModel::Contacts), QStringLiteral("1"));
}

void ModelsTest::lineStatusSurvivesReset() {
    LinesModel lines;
    auto tester = attachTester(&lines);
    lines.setStatus(lineStatus("carrier", "Registered", 200));  // before the line is known
    lines.setConfiguration(configuration());
    QCOMPARE(cell(lines, 0, LinesModel::Status), QStringLiteral("Registered"));

    QSignalSpy changed(&lines, &QAbstractItemModel::dataChanged);
    lines.setStatus(lineStatus("carrier", "Failed: 403 Forbidden", 403));
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed[0][0].toModelIndex(), lines.index(0, LinesModel::Status));
    QCOMPARE(changed[0][1].toModelIndex(), lines.index(0, LinesModel::Status));
    QCOMPARE(cell(lines, 0, LinesModel::Status), QStringLiteral("Failed: 403 Forbidden"));
    lines.setStatus(lineStatus("other", "Registered", 200));  // a line not shown: no notification
    QCOMPARE(changed.count(), 1);

    auto config = configuration();
    config.lines.front().proxy.clear();
    lines.setConfiguration(config);
    QCOMPARE(cell(lines, 0, LinesModel::Status), QStringLiteral("Failed: 403 Forbidden"));
}

void ModelsTest::proxySortsOnRawValues() {
    ExtensionsModel extensions;
    extensions.setConfiguration(configuration());  // numbers 9, 100, 101
    QSortFilterProxyModel proxy;
    proxy.setSourceModel(&extensions);
    proxy.setSortRole(RawRole);
    auto tester = attachTester(&proxy);
    proxy.sort(ExtensionsModel::Number, Qt::AscendingOrder);
    // Display strings would sort "100" < "101" < "9".
    QCOMPARE(cell(proxy, 0, ExtensionsModel::Number), QStringLiteral("9"));
    QCOMPARE(cell(proxy, 2, ExtensionsModel::Number), QStringLiteral("101"));

    CallsModel calls;
    calls.setClock([] { return kNowMs; });
    auto shortCall = call(1, "100", "101", "Talking");
    shortCall.startMs = kNowMs - 599'000;
    auto longCall = call(2, "100", "102", "Talking");
    longCall.startMs = kNowMs - 600'000;  // as text "10:00" would sort before "9:59"
    calls.apply({{longCall, false}, {shortCall, false}});
    QSortFilterProxyModel callsProxy;
    callsProxy.setSourceModel(&calls);
    callsProxy.setSortRole(RawRole);
    callsProxy.sort(CallsModel::Duration, Qt::DescendingOrder);
    QCOMPARE(cell(callsProxy, 0, CallsModel::Duration), QStringLiteral("10:00"));
    callsProxy.sort(CallsModel::Duration, Qt::AscendingOrder);
    QCOMPARE(cell(callsProxy, 0, CallsModel::Duration), QStringLiteral("9:59"));
}

QTEST_MAIN(ModelsTest)
#include "models_test.moc"
