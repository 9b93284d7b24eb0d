// The External lines and SIP trunks tabs against a real engine: lines,
// trunks and routes added and edited through their dialogs travel as whole
// configurations through CoreBridge::applyConfiguration() and appear in the
// tables only from ConfigurationChanged. The Status column follows
// LineStatusChanged, and "Clear warning" is offered for a PRACK warning.

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include "core_bridge.h"
#include "dialog_helpers.h"
#include "dialogs/line_dialog.h"
#include "dialogs/route_dialog.h"
#include "dialogs/trunk_dialog.h"
#include "fixtures.h"
#include "main_window.h"
#include "models/lines_model.h"
#include "models/model_roles.h"
#include "models/routes_model.h"
#include "models/trunks_model.h"
#include "widgets/findings_view.h"
#include "widgets/lines_panel.h"
#include "widgets/routes_panel.h"
#include "widgets/trunks_panel.h"

using namespace sb::ui;
using namespace sb::ui::test;

namespace {

QPushButton* okOf(const QDialog& dialog) {
    auto* box = child<QDialogButtonBox>(dialog, "buttonBox");
    return box ? box->button(QDialogButtonBox::Ok) : nullptr;
}

/// Select the view's row whose first column shows @p name.
bool selectName(QTableView* view, const QString& name) {
    const QAbstractItemModel* model = view->model();
    for (int row = 0; row < model->rowCount(); ++row) {
        if (model->index(row, 0).data().toString() != name) continue;
        view->setFocus();
        view->selectRow(row);
        return true;
    }
    return false;
}

int rowOfName(const QAbstractItemModel* model, const QString& name) {
    for (int row = 0; row < model->rowCount(); ++row)
        if (model->index(row, 0).data().toString() == name) return row;
    return -1;
}

const std::string kPrackWarning =
    "Warning: peer requires 100rel but rejects PRACK (405); 100rel is no longer offered on carrier until "
    "the warning is cleared";

}  // namespace

class LinesTrunksTabTest : public QObject {
    Q_OBJECT

private slots:
    void addTrunkAndRouteThroughTheDialogs();
    void addAndEditALine();
    void staleDialogIsRejectedWithTheReason();
    void statusColumnAndClearWarning();
    void failingLineShowsWhyAndTheFix();
};

void LinesTrunksTabTest::addTrunkAndRouteThroughTheDialogs() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    CoreBridge bridge;
    MainWindow window(bridge);
    auto trunksTester = attachTester(window.trunksModel());
    auto routesTester = attachTester(window.routesModel());
    auto* tabs = child<QTabWidget>(window, "tabs");
    auto* trunksView = child<QTableView>(window, "trunksView");
    auto* routesView = child<QTableView>(window, "routesView");
    auto* addTrunk = child<QPushButton>(window, "addTrunkButton");
    auto* editTrunk = child<QPushButton>(window, "editTrunkButton");
    auto* deleteTrunk = child<QPushButton>(window, "deleteTrunkButton");
    auto* addRoute = child<QPushButton>(window, "addRouteButton");
    QVERIFY(tabs && trunksView && routesView && addTrunk && editTrunk && deleteTrunk && addRoute);
    auto proxyTester = attachTester(trunksView->model());
    QVERIFY(!addTrunk->isEnabled());  // nothing to edit before the first snapshot

    const auto started = bridge.start(engineOptions(dir));
    QVERIFY2(started.ok(), started.ok() ? "" : started.error().message.c_str());
    tabs->setCurrentWidget(window.trunksPanel());
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QTRY_VERIFY(addTrunk->isEnabled());
    QCOMPARE(trunksView->model()->rowCount(), 0);

    // Add a trunk as a user would.
    QTest::mouseClick(addTrunk, Qt::LeftButton);
    TrunkDialog* trunkDialog = nullptr;
    QTRY_VERIFY((trunkDialog = openDialog<TrunkDialog>(window, "trunkDialog")));
    type(child<QLineEdit>(*trunkDialog, "nameEdit"), QStringLiteral("carrier"));
    type(child<QLineEdit>(*trunkDialog, "hostEdit"), QStringLiteral("127.0.0.1"));
    child<QSpinBox>(*trunkDialog, "portSpin")->setValue(5080);
    type(child<QLineEdit>(*trunkDialog, "requestUriParamsEdit"), QStringLiteral("user=phone"));
    QTest::mouseClick(child<QPushButton>(*trunkDialog, "addDidButton"), Qt::LeftButton);
    QTest::keyClicks(child<QLineEdit>(*trunkDialog, "didNumberEdit"), QStringLiteral("+8613901088888"));
    QVERIFY(okOf(*trunkDialog)->isEnabled());
    sb::store::SipTrunk expected = trunk("carrier", "127.0.0.1", 5080);
    expected.requestUriParams = "user=phone";
    expected.dids = {{"+8613901088888", "100"}};
    QCOMPARE(trunkDialog->trunk(), expected);
    QTest::mouseClick(okOf(*trunkDialog), Qt::LeftButton);

    // The table shows it once the engine has committed it.
    QTRY_COMPARE(trunksView->model()->rowCount(), 1);
    QCOMPARE(bridge.configuration().trunks.size(), size_t(1));
    QCOMPARE(bridge.configuration().trunks[0], expected);
    TrunksModel* trunks = window.trunksModel();
    QCOMPARE(trunks->index(0, TrunksModel::Name).data().toString(), QStringLiteral("carrier"));
    QCOMPARE(trunks->index(0, TrunksModel::Host).data().toString(), QStringLiteral("127.0.0.1:5080"));
    QCOMPARE(trunks->index(0, TrunksModel::RequestUriParams).data().toString(), QStringLiteral("user=phone"));
    QTRY_VERIFY(editTrunk->isEnabled());  // the new trunk is selected

    // A route through the Routes tab's dialog.
    tabs->setCurrentWidget(window.routesPanel());
    QTRY_VERIFY(addRoute->isEnabled());
    QTest::mouseClick(addRoute, Qt::LeftButton);
    RouteDialog* routeDialog = nullptr;
    QTRY_VERIFY((routeDialog = openDialog<RouteDialog>(window, "routeDialog")));
    type(child<QLineEdit>(*routeDialog, "patternEdit"), QStringLiteral("9."));
    child<QSpinBox>(*routeDialog, "stripSpin")->setValue(1);
    QCOMPARE(child<QComboBox>(*routeDialog, "targetCombo")->currentData().toString(),
             QStringLiteral("carrier"));
    QTest::mouseClick(okOf(*routeDialog), Qt::LeftButton);
    QTRY_COMPARE(routesView->model()->rowCount(), 1);
    QCOMPARE(bridge.configuration().routes[0], route("9.", 1, "", "carrier", ""));
    QCOMPARE(window.routesModel()->index(0, RoutesModel::Target).data().toString(),
             QStringLiteral("carrier"));

    auto* number = child<QLineEdit>(window, "testNumber");
    QTest::keyClicks(number, QStringLiteral("9013901088888"));
    QVERIFY2(window.routesPanel()->testResult().contains(
                 QStringLiteral("sip:013901088888@127.0.0.1:5080;user=phone")),
             qPrintable(window.routesPanel()->testResult()));
    screenshot(&window, "routes_tab_engine");

    // Renaming the trunk renames it in the routes, in one configuration.
    tabs->setCurrentWidget(window.trunksPanel());
    QVERIFY(selectName(trunksView, QStringLiteral("carrier")));
    QTRY_VERIFY(editTrunk->isEnabled());
    QTest::mouseClick(editTrunk, Qt::LeftButton);
    QTRY_VERIFY((trunkDialog = openDialog<TrunkDialog>(window, "trunkDialog")));
    QVERIFY(trunkDialog->isEditing());
    QCOMPARE(trunkDialog->trunk(), expected);
    type(child<QLineEdit>(*trunkDialog, "nameEdit"), QStringLiteral("telco"));
    trunkDialog->accept();
    QTRY_COMPARE(trunks->index(0, TrunksModel::Name).data().toString(), QStringLiteral("telco"));
    QCOMPARE(bridge.configuration().routes[0].target, std::string("telco"));
    QTRY_VERIFY2(window.routesPanel()->testResult().contains(QStringLiteral("trunk \"telco\"")),
                 qPrintable(window.routesPanel()->testResult()));

    // Deleting it says which routes go with it.
    QVERIFY(selectName(trunksView, QStringLiteral("telco")));
    QTRY_VERIFY(deleteTrunk->isEnabled());
    QTest::keyClick(trunksView, Qt::Key_Delete);
    QMessageBox* box = nullptr;
    QTRY_VERIFY((box = openDialog<QMessageBox>(window, "deleteTrunkBox")));
    QVERIFY2(box->text().contains(QStringLiteral("deleted too: 1 (9.)")), qPrintable(box->text()));
    QTest::mouseClick(box->button(QMessageBox::No), Qt::LeftButton);
    QTest::qWait(50);
    QCOMPARE(trunks->rowCount(), 1);
    QTest::mouseClick(deleteTrunk, Qt::LeftButton);
    QTRY_VERIFY((box = openDialog<QMessageBox>(window, "deleteTrunkBox")));
    QTest::mouseClick(box->button(QMessageBox::Yes), Qt::LeftButton);
    QTRY_COMPARE(trunks->rowCount(), 0);
    QCOMPARE(window.routesModel()->rowCount(), 0);
    QVERIFY(bridge.configuration().routes.empty());

    window.close();
    bridge.stop();
}

void LinesTrunksTabTest::addAndEditALine() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    CoreBridge bridge;
    MainWindow window(bridge);
    auto linesTester = attachTester(window.linesModel());
    auto* linesView = child<QTableView>(window, "linesView");
    auto* addLine = child<QPushButton>(window, "addLineButton");
    QVERIFY(linesView && addLine);
    auto proxyTester = attachTester(linesView->model());

    const auto started = bridge.start(engineOptions(dir));
    QVERIFY2(started.ok(), started.ok() ? "" : started.error().message.c_str());
    child<QTabWidget>(window, "tabs")->setCurrentWidget(window.linesPanel());
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QTRY_VERIFY(addLine->isEnabled());

    QTest::mouseClick(addLine, Qt::LeftButton);
    LineDialog* dialog = nullptr;
    QTRY_VERIFY((dialog = openDialog<LineDialog>(window, "lineDialog")));
    type(child<QLineEdit>(*dialog, "nameEdit"), QStringLiteral("ims"));
    type(child<QLineEdit>(*dialog, "domainEdit"), QStringLiteral("gd.ctcims.cn"));
    type(child<QLineEdit>(*dialog, "accountEdit"), QStringLiteral("+8612345678"));
    type(child<QLineEdit>(*dialog, "passwordEdit"), QStringLiteral("secret"));
    clickBox(child<QCheckBox>(*dialog, "authIncludesAddressCheck"));
    clickBox(child<QCheckBox>(*dialog, "registerCheck"));  // no carrier to register with here
    type(child<QLineEdit>(*dialog, "proxyEdit"), QStringLiteral("127.0.0.1:5090"));
    auto* incoming = child<QComboBox>(*dialog, "incomingCombo");
    incoming->setCurrentIndex(incoming->findData(QStringLiteral("101")));
    QCOMPARE(dialog->authorizationName(), QStringLiteral("+8612345678@gd.ctcims.cn"));
    const sb::store::ExternalLine entered = dialog->line();
    QTest::mouseClick(okOf(*dialog), Qt::LeftButton);

    LinesModel* lines = window.linesModel();
    QTRY_COMPARE(lines->rowCount(), 1);
    QCOMPARE(bridge.configuration().lines[0], entered);
    QCOMPARE(lines->index(0, LinesModel::Account).data().toString(),
             QStringLiteral("+8612345678@gd.ctcims.cn"));
    QCOMPARE(lines->index(0, LinesModel::Proxy).data().toString(), QStringLiteral("127.0.0.1:5090"));
    screenshot(&window, "lines_tab");

    // Double-click edits; turn off user=phone.
    QVERIFY(selectName(linesView, QStringLiteral("ims")));
    const QPoint at = linesView->visualRect(linesView->currentIndex()).center();
    QTest::mouseClick(linesView->viewport(), Qt::LeftButton, {}, at);
    QTest::mouseDClick(linesView->viewport(), Qt::LeftButton, {}, at);
    QTRY_VERIFY((dialog = openDialog<LineDialog>(window, "lineDialog")));
    QVERIFY(dialog->isEditing());
    QCOMPARE(dialog->line(), entered);
    clickBox(child<QCheckBox>(*dialog, "userPhoneCheck"));
    dialog->accept();
    QTRY_VERIFY(!bridge.configuration().lines[0].userPhone);

    window.close();
    bridge.stop();
}

void LinesTrunksTabTest::staleDialogIsRejectedWithTheReason() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    CoreBridge bridge;
    MainWindow window(bridge);
    auto* addTrunk = child<QPushButton>(window, "addTrunkButton");
    const auto started = bridge.start(engineOptions(dir));
    QVERIFY2(started.ok(), started.ok() ? "" : started.error().message.c_str());
    child<QTabWidget>(window, "tabs")->setCurrentWidget(window.trunksPanel());
    window.show();
    QTRY_VERIFY(addTrunk->isEnabled());

    QTest::mouseClick(addTrunk, Qt::LeftButton);
    TrunkDialog* dialog = nullptr;
    QTRY_VERIFY((dialog = openDialog<TrunkDialog>(window, "trunkDialog")));
    type(child<QLineEdit>(*dialog, "nameEdit"), QStringLiteral("shared"));
    type(child<QLineEdit>(*dialog, "hostEdit"), QStringLiteral("127.0.0.1"));
    QVERIFY(okOf(*dialog)->isEnabled());

    // Meanwhile a line takes the name (the dialog's snapshot did not have it).
    sb::store::Configuration config = bridge.configuration();
    sb::store::ExternalLine line = imsLine("shared");
    line.incomingExtension.clear();
    config.lines.push_back(line);
    QVERIFY(bridge.applyConfiguration(config));
    QTRY_COMPARE(window.linesModel()->rowCount(), 1);

    QTest::mouseClick(okOf(*dialog), Qt::LeftButton);
    QTRY_VERIFY2(window.statusBar()->currentMessage().contains(QStringLiteral("Configuration rejected")),
                 qPrintable(window.statusBar()->currentMessage()));
    QVERIFY2(window.statusBar()->currentMessage().contains(QStringLiteral("trunks[0].name")),
             qPrintable(window.statusBar()->currentMessage()));
    QVERIFY(window.statusBar()->currentMessage().contains(QStringLiteral("already used")));
    QCOMPARE(window.trunksModel()->rowCount(), 0);
    QTRY_VERIFY(addTrunk->isEnabled());  // ready for another try

    window.close();
    bridge.stop();
}

void LinesTrunksTabTest::statusColumnAndClearWarning() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    CoreBridge bridge;
    MainWindow window(bridge);
    TrunksModel* trunks = window.trunksModel();
    LinesModel* lines = window.linesModel();
    auto trunksTester = attachTester(trunks);
    auto linesTester = attachTester(lines);
    auto* trunksView = child<QTableView>(window, "trunksView");
    auto* linesView = child<QTableView>(window, "linesView");
    auto* clearTrunk = child<QPushButton>(window, "clearTrunkWarningButton");
    auto* clearLine = child<QPushButton>(window, "clearLineWarningButton");
    QVERIFY(trunksView && linesView && clearTrunk && clearLine);
    QCOMPARE(trunks->headerData(TrunksModel::Status, Qt::Horizontal).toString(), QStringLiteral("Status"));

    // Without an engine the command cannot be posted: said so.
    sb::store::Configuration config;
    sb::store::ExternalLine ims = imsLine("ims");
    ims.incomingExtension.clear();
    config.lines = {ims};
    config.trunks = {trunk("carrier"), trunk("other", "127.0.0.2")};
    bridge.eventSink().publish(sb::ConfigurationChanged{config});
    QTRY_COMPARE(trunks->rowCount(), 2);
    bridge.eventSink().publish(lineStatus("carrier", kPrackWarning, 405));
    QTRY_COMPARE(trunks->status(QStringLiteral("carrier")), QString::fromStdString(kPrackWarning));
    QVERIFY(selectName(trunksView, QStringLiteral("carrier")));
    QVERIFY(clearTrunk->isEnabled());
    QTest::mouseClick(clearTrunk, Qt::LeftButton);
    QVERIFY(window.statusBar()->currentMessage().contains(QStringLiteral("engine is not running")));

    // A real engine, with that configuration.
    const auto started = bridge.start(engineOptions(dir));
    QVERIFY2(started.ok(), started.ok() ? "" : started.error().message.c_str());
    child<QTabWidget>(window, "tabs")->setCurrentWidget(window.trunksPanel());
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QTRY_COMPARE(trunks->rowCount(), 0);  // the new database's own configuration
    config.extensions = bridge.configuration().extensions;
    config.settings = bridge.configuration().settings;
    QVERIFY(bridge.applyConfiguration(config));
    QTRY_COMPARE(trunks->rowCount(), 2);
    QTRY_VERIFY(!lines->status(QStringLiteral("ims")).isEmpty());  // the engine reports the line
    const int carrierRow = rowOfName(trunks, QStringLiteral("carrier"));
    QCOMPARE(trunks->index(carrierRow, TrunksModel::Status).data().toString(),
             QString::fromStdString(kPrackWarning));  // kept across snapshots
    QCOMPARE(trunks->index(carrierRow, TrunksModel::Status).data(Qt::ToolTipRole).toString(),
             QString::fromStdString(kPrackWarning));  // the whole text, however narrow the column

    // The engine's warning (published where the engine publishes), selected or not.
    QVERIFY(selectName(trunksView, QStringLiteral("other")));
    QVERIFY(!clearTrunk->isEnabled());
    QVERIFY(selectName(trunksView, QStringLiteral("carrier")));
    QTRY_VERIFY(clearTrunk->isEnabled());
    QSignalSpy changed(trunks, &QAbstractItemModel::dataChanged);
    bridge.eventSink().publish(
        lineStatus("other", "Warning: peer requires 100rel but rejects PRACK (405)", 405));
    QTRY_COMPARE(changed.count(), 1);
    const int otherRow = rowOfName(trunks, QStringLiteral("other"));
    QCOMPARE(changed[0][0].toModelIndex(), trunks->index(otherRow, TrunksModel::Status));
    QCOMPARE(changed[0][1].toModelIndex(), trunks->index(otherRow, TrunksModel::Status));
    screenshot(&window, "trunks_tab_warning");

    // The context menu offers the same actions.
    emit trunksView->customContextMenuRequested(trunksView->visualRect(trunksView->currentIndex()).center());
    QMenu* menu = nullptr;
    QTRY_VERIFY((menu = openDialog<QMenu>(*window.trunksPanel(), "trunksViewMenu")));
    auto* action = menu->findChild<QAction*>(QStringLiteral("clearTrunkWarningButtonAction"));
    QVERIFY(action && action->isEnabled());
    QVERIFY(menu->findChild<QAction*>(QStringLiteral("editTrunkButtonAction"))->isEnabled());
    action->trigger();
    menu->close();
    QTRY_VERIFY2(
        window.statusBar()->currentMessage().contains(QStringLiteral("Clearing the warning on carrier")),
        qPrintable(window.statusBar()->currentMessage()));

    // What the engine says once cleared: no warning, nothing to clear.
    bridge.eventSink().publish(lineStatus("carrier", "Warning cleared", 0));
    QTRY_VERIFY(!clearTrunk->isEnabled());
    QCOMPARE(trunks->index(carrierRow, TrunksModel::Status).data().toString(),
             QStringLiteral("Warning cleared"));

    // Lines the same way.
    child<QTabWidget>(window, "tabs")->setCurrentWidget(window.linesPanel());
    QVERIFY(selectName(linesView, QStringLiteral("ims")));
    QVERIFY(!clearLine->isEnabled());
    bridge.eventSink().publish(
        lineStatus("ims", "Warning: peer requires 100rel but rejects PRACK (405)", 405));
    QTRY_VERIFY(clearLine->isEnabled());
    QCOMPARE(lines->index(0, LinesModel::Status).data().toString(),
             QStringLiteral("Warning: peer requires 100rel but rejects PRACK (405)"));
    QTest::mouseClick(clearLine, Qt::LeftButton);
    QVERIFY(window.statusBar()->currentMessage().contains(QStringLiteral("Clearing the warning on ims")));
    bridge.eventSink().publish(lineStatus("ims", "Failed: 403 Forbidden", 403));
    QTRY_VERIFY(!clearLine->isEnabled());

    window.close();
    bridge.stop();
}

void LinesTrunksTabTest::failingLineShowsWhyAndTheFix() {
    // A real engine registering a line through an outbound proxy where
    // nothing listens: the engine's explainer says why, the tab shows it.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    quint16 closedPort = 0;
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost));
        closedPort = probe.serverPort();
    }
    CoreBridge bridge;
    MainWindow window(bridge);
    LinesModel* lines = window.linesModel();
    auto tester = attachTester(lines);
    auto* linesView = child<QTableView>(window, "linesView");
    auto* why = child<FindingsView>(window, "lineFindings");
    QVERIFY(linesView && why);
    const auto started = bridge.start(engineOptions(dir));
    QVERIFY2(started.ok(), started.ok() ? "" : started.error().message.c_str());
    child<QTabWidget>(window, "tabs")->setCurrentWidget(window.linesPanel());
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QTRY_VERIFY(!bridge.configuration().extensions.empty());

    sb::store::Configuration config = bridge.configuration();
    sb::store::ExternalLine ims = imsLine("ims");
    ims.incomingExtension.clear();
    ims.registerEnabled = true;
    ims.enabled = true;
    ims.proxy = "127.0.0.1:" + std::to_string(closedPort);
    config.lines = {ims};
    QVERIFY(bridge.applyConfiguration(config));
    QTRY_COMPARE(lines->rowCount(), 1);
    QVERIFY(selectName(linesView, QStringLiteral("ims")));
    QTRY_VERIFY_WITH_TIMEOUT(why->isVisible(), 10000);
    QCOMPARE(why->findings().size(), size_t(1));
    QCOMPARE(QString::fromStdString(why->findings()[0].rule), QStringLiteral("no-answer-from-peer"));
    QVERIFY2(why->text().contains(QString::fromStdString(ims.proxy)), qPrintable(why->text()));
    QVERIFY(lines->index(0, LinesModel::Status)
                .data(Qt::ToolTipRole)
                .toString()
                .contains(QString::fromStdString(ims.proxy)));
    screenshot(&window, "lines_tab_findings");

    // Nothing selected: nothing explained.
    linesView->clearSelection();
    QTRY_VERIFY(!why->isVisible());

    window.close();
    bridge.stop();
}

QTEST_MAIN(LinesTrunksTabTest)
#include "lines_trunks_tab_test.moc"
