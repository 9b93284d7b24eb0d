// The Voicemail tab: messages reported by the engine appear, change and
// leave; Export copies the file or says why not; Delete asks, posts to a
// real engine that loaded the message from its database, and the row goes
// with the engine's next VoicemailChanged (the file too).

#include <QDir>
#include <QFile>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include "core_bridge.h"
#include "dialog_helpers.h"
#include "main_window.h"
#include "models/model_roles.h"
#include "store/store.h"
#include "widgets/voicemail_panel.h"

using namespace sb::ui;
using sb::ui::test::attachTester;
using sb::ui::test::openDialog;

namespace {

sb::store::VoicemailMessage message(int64_t id, const std::string& mailbox, const std::string& caller,
                                    bool heard = false) {
    sb::store::VoicemailMessage m;
    m.id = id;
    m.mailbox = mailbox;
    m.caller = caller;
    m.receivedMs = 1'790'000'000'000 + id * 60'000;
    m.durationMs = 83'400;
    m.file = mailbox + "/" + std::to_string(id) + ".wav";
    m.heard = heard;
    return m;
}

bool writeFile(const QString& path, const QByteArray& bytes) {
    QDir().mkpath(QFileInfo(path).path());
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

}  // namespace

class VoicemailPanelTest : public QObject {
    Q_OBJECT

private slots:
    void messagesComeChangeAndGo();
    void exportCopiesOrSaysWhy();
    void deleteReachesTheEngine();
};

void VoicemailPanelTest::messagesComeChangeAndGo() {
    CoreBridge bridge;
    MainWindow window(bridge);
    VoicemailPanel* panel = window.voicemailPanel();
    QVERIFY(panel);
    auto tester = attachTester(panel->model());
    auto* stack = panel->findChild<QStackedWidget*>();
    auto* empty = panel->findChild<QLabel*>(QStringLiteral("voicemailEmptyLabel"));
    auto* view = panel->findChild<QTableView*>(QStringLiteral("voicemailView"));
    auto* remove = panel->findChild<QPushButton*>(QStringLiteral("deleteVoicemailButton"));
    QVERIFY(stack && empty && view && remove);
    QCOMPARE(stack->currentWidget(), empty);
    QVERIFY(!empty->text().isEmpty());
    QVERIFY(!remove->isEnabled());

    bridge.eventSink().publish(sb::VoicemailChanged{
        "/data/voicemail",
        {message(1, "100", "\"Ann\" <sip:200@pbx>"), message(2, "101", "+8613901088888", true)}});
    QTRY_COMPARE(panel->model()->rowCount(), 2);
    QCOMPARE(stack->currentWidget(), view);
    VoicemailModel* model = panel->model();
    QCOMPARE(model->index(0, VoicemailModel::Mailbox).data().toString(), QStringLiteral("100"));
    QCOMPARE(model->index(0, VoicemailModel::From).data().toString(),
             QStringLiteral("\"Ann\" <sip:200@pbx>"));
    QCOMPARE(model->index(0, VoicemailModel::Length).data().toString(), QStringLiteral("1:23"));
    QCOMPARE(model->index(0, VoicemailModel::Length).data(RawRole).toLongLong(), 83'400);
    QCOMPARE(model->index(0, VoicemailModel::Status).data().toString(), QStringLiteral("New"));
    QCOMPARE(model->index(1, VoicemailModel::Status).data().toString(), QStringLiteral("Heard"));
    QCOMPARE(
        model->index(0, VoicemailModel::Received).data().toString(),
        QDateTime::fromMSecsSinceEpoch(1'790'000'060'000).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")));
    QCOMPARE(model->index(0, VoicemailModel::Received).data(RawRole).toLongLong(), 1'790'000'060'000);
    QCOMPARE(model->messageAt(1).path, QStringLiteral("/data/voicemail/101/2.wav"));

    // Message 1 heard, 2 deleted, 3 new: one change, one removal, one insertion.
    QSignalSpy changed(model, &QAbstractItemModel::dataChanged);
    QSignalSpy removed(model, &QAbstractItemModel::rowsRemoved);
    bridge.eventSink().publish(sb::VoicemailChanged{
        "/data/voicemail", {message(1, "100", "\"Ann\" <sip:200@pbx>", true), message(3, "100", "300")}});
    QTRY_COMPARE(model->rowOf(3), 1);
    QCOMPARE(model->rowCount(), 2);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(removed.count(), 1);
    QCOMPARE(model->rowOf(2), -1);
    QCOMPARE(model->index(0, VoicemailModel::Status).data().toString(), QStringLiteral("Heard"));

    view->selectRow(0);
    QVERIFY(remove->isEnabled());
    QSignalSpy status(panel, &VoicemailPanel::statusMessage);
    QTest::mouseClick(remove, Qt::LeftButton);
    QMessageBox* box = nullptr;
    QTRY_VERIFY((box = openDialog<QMessageBox>(*panel, "deleteVoicemailBox")));
    QTest::mouseClick(box->button(QMessageBox::Yes), Qt::LeftButton);
    QTRY_COMPARE(status.count(), 1);  // no engine runs here
    QVERIFY(status.at(0).at(0).toString().contains(QStringLiteral("not running")));

    bridge.eventSink().publish(sb::VoicemailChanged{"/data/voicemail", {}});
    QTRY_COMPARE(model->rowCount(), 0);
    QCOMPARE(stack->currentWidget(), empty);
    QVERIFY(!remove->isEnabled());
}

void VoicemailPanelTest::exportCopiesOrSaysWhy() {
    QTemporaryDir dir;
    const QByteArray audio("RIFF....WAVEfmt not really audio, but bytes to copy");
    QVERIFY(writeFile(dir.filePath(QStringLiteral("voicemail/100/1.wav")), audio));
    CoreBridge bridge;
    VoicemailPanel panel(bridge);
    bridge.eventSink().publish(sb::VoicemailChanged{dir.filePath(QStringLiteral("voicemail")).toStdString(),
                                                    {message(1, "100", "200")}});
    QTRY_COMPARE(panel.model()->rowCount(), 1);
    panel.findChild<QTableView*>(QStringLiteral("voicemailView"))->selectRow(0);

    const QString target = dir.filePath(QStringLiteral("out.wav"));
    QVERIFY(writeFile(target, "an older export"));  // replaced, as the save dialog agreed
    QVERIFY(panel.exportSelectedTo(target));
    QFile copy(target);
    QVERIFY(copy.open(QIODevice::ReadOnly));
    QCOMPARE(copy.readAll(), audio);

    QVERIFY(!panel.exportSelectedTo(dir.filePath(QStringLiteral("no/such/folder/out.wav"))));
    QMessageBox* box = nullptr;
    QTRY_VERIFY((box = openDialog<QMessageBox>(panel, "exportVoicemailErrorBox")));
    QVERIFY2(box->text().contains(QStringLiteral("no/such/folder")), qPrintable(box->text()));
    box->close();
}

void VoicemailPanelTest::deleteReachesTheEngine() {
    QTemporaryDir dir;
    const QString database = dir.filePath(QStringLiteral("switchboard.db"));
    {
        auto store = sb::store::Store::open(database.toStdString());
        QVERIFY(store.ok());
        QVERIFY(store.value()->saveVoicemail(message(7, "100", "200")).ok());
        QVERIFY(store.value()->saveVoicemail(message(8, "100", "201")).ok());
    }
    const QString file7 = dir.filePath(QStringLiteral("voicemail/100/7.wav"));
    QVERIFY(writeFile(file7, "seven"));
    QVERIFY(writeFile(dir.filePath(QStringLiteral("voicemail/100/8.wav")), "eight"));

    CoreBridge bridge;
    MainWindow window(bridge);
    VoicemailPanel* panel = window.voicemailPanel();
    auto tester = attachTester(panel->model());
    sb::EngineOptions options;
    options.databasePath = database.toStdString();
    options.sipPort = 0;
    options.tlsPort = 0;
    options.bindAddress = "127.0.0.1";
    QVERIFY(bridge.start(options).ok());
    QTRY_COMPARE(panel->model()->rowCount(), 2);
    QCOMPARE(QFileInfo(panel->model()->messageAt(panel->model()->rowOf(7)).path), QFileInfo(file7));

    auto* view = panel->findChild<QTableView*>(QStringLiteral("voicemailView"));
    view->selectRow(0);  // sorted by time: message 7
    auto* remove = panel->findChild<QPushButton*>(QStringLiteral("deleteVoicemailButton"));
    // "No" keeps it.
    QTest::mouseClick(remove, Qt::LeftButton);
    QMessageBox* box = nullptr;
    QTRY_VERIFY((box = openDialog<QMessageBox>(window, "deleteVoicemailBox")));
    QTest::mouseClick(box->button(QMessageBox::No), Qt::LeftButton);
    QTest::qWait(200);
    QCOMPARE(panel->model()->rowCount(), 2);

    QTest::mouseClick(remove, Qt::LeftButton);
    QTRY_VERIFY((box = openDialog<QMessageBox>(window, "deleteVoicemailBox")));
    QVERIFY(box->text().contains(QStringLiteral("200")));
    QTest::mouseClick(box->button(QMessageBox::Yes), Qt::LeftButton);
    QTRY_COMPARE(panel->model()->rowCount(), 1);
    QCOMPARE(panel->model()->rowOf(7), -1);
    QVERIFY(panel->model()->rowOf(8) >= 0);
    QTRY_VERIFY(!QFileInfo::exists(file7));  // the store writer removes the file
    bridge.stop();

    auto store = sb::store::Store::open(database.toStdString());
    QVERIFY(store.ok());
    auto left = store.value()->loadVoicemail();
    QVERIFY(left.ok());
    QCOMPARE(left.value().size(), size_t(1));
    QCOMPARE(left.value().front().id, int64_t(8));
}

QTEST_MAIN(VoicemailPanelTest)
#include "voicemail_panel_test.moc"
