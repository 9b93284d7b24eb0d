// The Routes tab: RouteDialog checks the pattern with the core's rule and
// saves and loads every field; Move up / Move down change the order (the
// priority) of the routes the engine commits; "Test a number" shows the dial
// plan's explanation of a number as it is typed.

#include <QComboBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include <optional>

#include "config/validation.h"
#include "core_bridge.h"
#include "dialog_helpers.h"
#include "dialogs/route_dialog.h"
#include "fixtures.h"
#include "main_window.h"
#include "models/routes_model.h"
#include "routing/dial_plan.h"
#include "widgets/routes_panel.h"

using namespace sb::ui;
using namespace sb::ui::test;

namespace {

/// Lines "ims", trunks "carrier" (203.0.113.5:5060, user=phone) and "backup".
sb::store::Configuration sampleConfig() {
    sb::store::Configuration config;
    config.settings.domain = "pbx.example.net";
    config.extensions = {extension("100", "Reception"), extension("101", "Sales")};
    sb::store::ExternalLine ims = imsLine("ims");
    ims.enabled = true;
    ims.incomingExtension = "100";
    config.lines = {ims};
    sb::store::SipTrunk carrier = trunk("carrier", "203.0.113.5", 5060);
    carrier.requestUriParams = "user=phone";
    config.trunks = {carrier, trunk("backup", "198.51.100.7", 5060)};
    return config;
}

std::vector<std::string> patterns(const sb::store::Configuration& config) {
    std::vector<std::string> out;
    for (const auto& r : config.routes) out.push_back(r.pattern);
    return out;
}

struct Form {
    explicit Form(const RouteDialog& d)
        : pattern(child<QLineEdit>(d, "patternEdit")),
          strip(child<QSpinBox>(d, "stripSpin")),
          prepend(child<QLineEdit>(d, "prependEdit")),
          target(child<QComboBox>(d, "targetCombo")),
          failover(child<QComboBox>(d, "failoverCombo")),
          patternProblem(child<QLabel>(d, "patternProblem")),
          prependProblem(child<QLabel>(d, "prependProblem")),
          targetProblem(child<QLabel>(d, "targetProblem")),
          failoverProblem(child<QLabel>(d, "failoverProblem")) {
        auto* box = child<QDialogButtonBox>(d, "buttonBox");
        ok = box ? box->button(QDialogButtonBox::Ok) : nullptr;
    }
    bool complete() const {
        return pattern && strip && prepend && target && failover && patternProblem && prependProblem &&
               targetProblem && failoverProblem && ok;
    }
    QLineEdit* pattern;
    QSpinBox* strip;
    QLineEdit* prepend;
    QComboBox* target;
    QComboBox* failover;
    QLabel* patternProblem;
    QLabel* prependProblem;
    QLabel* targetProblem;
    QLabel* failoverProblem;
    QPushButton* ok = nullptr;
};

}  // namespace

class RoutesTabTest : public QObject {
    Q_OBJECT

private slots:
    void routeDialogSavesAndLoadsEveryField();
    void routeDialogRefusesABadPattern();
    void routeDialogNeedsATarget();
    void testANumberExplainsAsYouType();
    void reorderChangesTheConfigurationOrder();
};

void RoutesTabTest::routeDialogSavesAndLoadsEveryField() {
    RouteDialog dialog(sampleConfig(), std::nullopt);
    dialog.show();
    Form f(dialog);
    QVERIFY(f.complete());
    QCOMPARE(dialog.windowTitle(), QStringLiteral("Add route"));
    QCOMPARE(f.target->count(), 3);  // ims (line), carrier, backup (trunks)
    QCOMPARE(f.target->itemText(0), QStringLiteral("ims (line)"));
    QCOMPARE(f.target->itemText(1), QStringLiteral("carrier (trunk)"));
    QCOMPARE(f.failover->count(), 4);  // none first
    QCOMPARE(f.failover->currentData().toString(), QString());
    QVERIFY(!f.ok->isEnabled());  // a pattern is required

    type(f.pattern, QStringLiteral("0[1-9]X."));
    f.strip->setValue(1);
    type(f.prepend, QStringLiteral("+86"));
    f.target->setCurrentIndex(f.target->findData(QStringLiteral("carrier")));
    f.failover->setCurrentIndex(f.failover->findData(QStringLiteral("ims")));
    auto* allowed = dialog.findChild<QListWidget*>(QStringLiteral("allowedExtensionsList"));
    QVERIFY(allowed);
    QCOMPARE(allowed->count(), 2);  // 100, 101; none ticked = everyone
    QCOMPARE(allowed->item(1)->text(), QStringLiteral("101 — Sales"));
    allowed->item(1)->setCheckState(Qt::Checked);
    QVERIFY(f.ok->isEnabled());
    screenshot(&dialog, "route_dialog");
    QSignalSpy accepted(&dialog, &QDialog::accepted);
    QTest::mouseClick(f.ok, Qt::LeftButton);
    QCOMPARE(accepted.count(), 1);
    sb::store::Route expected = route("0[1-9]X.", 1, "+86", "carrier", "ims");
    expected.allowedExtensions = {"101"};
    QCOMPARE(dialog.route(), expected);

    RouteDialog edit(sampleConfig(), expected);
    edit.show();
    Form e(edit);
    QVERIFY(e.complete());
    QVERIFY(edit.isEditing());
    QCOMPARE(e.pattern->text(), QStringLiteral("0[1-9]X."));
    QCOMPARE(e.strip->value(), 1);
    QCOMPARE(e.prepend->text(), QStringLiteral("+86"));
    QCOMPARE(e.target->currentData().toString(), QStringLiteral("carrier"));
    QCOMPARE(e.failover->currentData().toString(), QStringLiteral("ims"));
    QVERIFY(e.ok->isEnabled());
    QCOMPARE(edit.route(), expected);
    auto* editAllowed = edit.findChild<QListWidget*>(QStringLiteral("allowedExtensionsList"));
    QCOMPARE(editAllowed->item(0)->checkState(), Qt::Unchecked);
    QCOMPARE(editAllowed->item(1)->checkState(), Qt::Checked);

    // An extension that has gone is kept (shown as missing), not dropped.
    sb::store::Route stale = expected;
    stale.allowedExtensions = {"101", "199"};
    RouteDialog keeps(sampleConfig(), stale);
    QCOMPARE(keeps.route(), stale);

    // No failover round-trips too.
    const sb::store::Route plain = route("9.", 1, "", "backup", "");
    QCOMPARE(RouteDialog(sampleConfig(), plain).route(), plain);
}

void RoutesTabTest::routeDialogRefusesABadPattern() {
    RouteDialog dialog(sampleConfig(), std::nullopt);
    dialog.show();
    Form f(dialog);
    QVERIFY(f.complete());
    QSignalSpy accepted(&dialog, &QDialog::accepted);

    type(f.pattern, QStringLiteral("9a."));  // a letter
    QVERIFY(!f.ok->isEnabled());
    QVERIFY(showsProblem(f.patternProblem));
    QCOMPARE(f.patternProblem->text(), QString::fromStdString(*sb::config::checkRoutePattern("9a.")));
    QVERIFY(f.patternProblem->text().contains(QStringLiteral("unexpected character")));
    dialog.accept();
    QCOMPARE(accepted.count(), 0);
    screenshot(&dialog, "route_dialog_bad_pattern");

    type(f.pattern, QStringLiteral("9x."));
    QCOMPARE(f.patternProblem->text(), QStringLiteral("write the wildcards X, Z and N in upper case"));
    type(f.pattern, QStringLiteral("9.1"));
    QCOMPARE(f.patternProblem->text(), QStringLiteral("'.' must be the last character"));
    type(f.pattern, QStringLiteral("9X."));
    QVERIFY(!f.patternProblem->isVisible());
    QVERIFY(f.ok->isEnabled());

    type(f.prepend, QStringLiteral("+86a"));
    QVERIFY(!f.ok->isEnabled());
    QCOMPARE(f.prependProblem->text(), QString::fromStdString(*sb::config::checkPrepend("+86a")));
    type(f.prepend, QString());

    // Failover to the target itself: the engine's reason, shown up front.
    f.failover->setCurrentIndex(f.failover->findData(f.target->currentData()));
    QVERIFY(!f.ok->isEnabled());
    QCOMPARE(f.failoverProblem->text(), QStringLiteral("names the same line or trunk as target"));
    f.failover->setCurrentIndex(0);
    QVERIFY(f.ok->isEnabled());
}

void RoutesTabTest::routeDialogNeedsATarget() {
    sb::store::Configuration config = sampleConfig();
    config.lines.clear();
    config.trunks.clear();
    RouteDialog dialog(config, std::nullopt);
    dialog.show();
    Form f(dialog);
    QVERIFY(f.complete());
    type(f.pattern, QStringLiteral("9."));
    QVERIFY(!f.ok->isEnabled());
    QVERIFY(showsProblem(f.targetProblem));
    QCOMPARE(f.targetProblem->text(), QStringLiteral("add an external line or a SIP trunk first"));
}

void RoutesTabTest::testANumberExplainsAsYouType() {
    CoreBridge bridge;  // no engine: snapshots go straight into the bridge's sink
    MainWindow window(bridge);
    auto tester = attachTester(window.routesModel());
    auto* number = child<QLineEdit>(window, "testNumber");
    auto* result = child<QLabel>(window, "testResult");
    QVERIFY(number && result);
    QVERIFY(result->text().contains(QStringLiteral("not been received")));

    sb::store::Configuration config = sampleConfig();
    config.routes = {route("9.", 1, "", "carrier", "")};
    bridge.eventSink().publish(sb::ConfigurationChanged{config});
    QTRY_COMPARE(window.routesModel()->rowCount(), 1);
    child<QTabWidget>(window, "tabs")->setCurrentWidget(window.routesPanel());
    window.show();

    QTest::keyClicks(number, QStringLiteral("9013901088888"));
    QVERIFY2(result->text().contains(QStringLiteral("sip:013901088888@")), qPrintable(result->text()));
    QCOMPARE(result->text(),
             QString::fromStdString(sb::routing::DialPlan(config).explain("9013901088888", "")));
    QVERIFY(result->text().contains(QStringLiteral("trunk \"carrier\"")));
    QVERIFY(result->text().contains(QStringLiteral("user=phone")));
    screenshot(&window, "routes_tab");

    // Live, keystroke by keystroke.
    QTest::keyClick(number, Qt::Key_Backspace);
    QVERIFY(result->text().contains(QStringLiteral("sip:01390108888@")));
    type(number, QStringLiteral("12345"));
    QCOMPARE(result->text(), QStringLiteral("no rule matches 12345"));
    type(number, QStringLiteral("100"));
    QVERIFY(result->text().contains(QStringLiteral("is extension 100")));
    type(number, QString());
    QVERIFY(result->text().startsWith(QStringLiteral("Type a number")));

    // A new snapshot updates the answer without typing.
    type(number, QStringLiteral("9013901088888"));
    config.routes = {route("9.", 1, "+86", "ims", "carrier")};
    bridge.eventSink().publish(sb::ConfigurationChanged{config});
    QTRY_VERIFY2(result->text().contains(QStringLiteral("line \"ims\"")), qPrintable(result->text()));
    QVERIFY(result->text().contains(QStringLiteral("+86013901088888@gd.ctcims.cn")));
    QVERIFY(result->text().contains(QStringLiteral("failover trunk \"carrier\"")));
}

void RoutesTabTest::reorderChangesTheConfigurationOrder() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    CoreBridge bridge;
    MainWindow window(bridge);
    RoutesModel* model = window.routesModel();
    auto tester = attachTester(model);
    auto* view = child<QTableView>(window, "routesView");
    auto* add = child<QPushButton>(window, "addRouteButton");
    auto* edit = child<QPushButton>(window, "editRouteButton");
    auto* remove = child<QPushButton>(window, "deleteRouteButton");
    auto* up = child<QPushButton>(window, "moveRouteUpButton");
    auto* down = child<QPushButton>(window, "moveRouteDownButton");
    QVERIFY(view && add && edit && remove && up && down);
    auto proxyTester = attachTester(view->model());
    QVERIFY(!add->isEnabled());
    QVERIFY(!view->isSortingEnabled());  // the order is the priority

    const auto started = bridge.start(engineOptions(dir));
    QVERIFY2(started.ok(), started.ok() ? "" : started.error().message.c_str());
    child<QTabWidget>(window, "tabs")->setCurrentWidget(window.routesPanel());
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QTRY_VERIFY(add->isEnabled());

    sb::store::Configuration config = bridge.configuration();
    config.trunks = {trunk("a", "127.0.0.1", 5070), trunk("b", "127.0.0.1", 5072)};
    config.routes = {route("1.", 0, "", "a", ""), route("2.", 0, "", "b", "a"), route("3.", 0, "", "a", "b")};
    QVERIFY(bridge.applyConfiguration(config));
    QTRY_COMPARE(model->rowCount(), 3);
    QVERIFY(!up->isEnabled() && !down->isEnabled());

    view->setFocus();
    view->selectRow(2);  // "3."
    QVERIFY(up->isEnabled());
    QVERIFY(!down->isEnabled());  // already last
    QTest::mouseClick(up, Qt::LeftButton);
    QTRY_COMPARE(patterns(bridge.configuration()), (std::vector<std::string>{"1.", "3.", "2."}));
    QCOMPARE(model->index(1, RoutesModel::Pattern).data().toString(), QStringLiteral("3."));
    QCOMPARE(model->index(1, RoutesModel::Priority).data().toString(), QStringLiteral("2"));
    // The moved route stays selected, so a second click moves it further.
    QTRY_VERIFY(up->isEnabled());
    QCOMPARE(view->selectionModel()->selectedRows().first().row(), 1);
    QTest::mouseClick(up, Qt::LeftButton);
    QTRY_COMPARE(patterns(bridge.configuration()), (std::vector<std::string>{"3.", "1.", "2."}));
    QTRY_VERIFY(down->isEnabled());
    QVERIFY(!up->isEnabled());  // now first
    // The whole records move, not just the patterns.
    QCOMPARE(bridge.configuration().routes[0], route("3.", 0, "", "a", "b"));

    QTest::mouseClick(down, Qt::LeftButton);
    QTRY_COMPARE(patterns(bridge.configuration()), (std::vector<std::string>{"1.", "3.", "2."}));
    QTRY_VERIFY(down->isEnabled());
    QTest::mouseClick(down, Qt::LeftButton);
    QTRY_COMPARE(patterns(bridge.configuration()), (std::vector<std::string>{"1.", "2.", "3."}));
    screenshot(&window, "routes_tab_reordered");

    // Add through the dialog: appended, lowest priority.
    QTRY_VERIFY(add->isEnabled());
    QTest::mouseClick(add, Qt::LeftButton);
    RouteDialog* dialog = nullptr;
    QTRY_VERIFY((dialog = openDialog<RouteDialog>(window, "routeDialog")));
    Form f(*dialog);
    type(f.pattern, QStringLiteral("0[1-9]X."));
    f.target->setCurrentIndex(f.target->findData(QStringLiteral("b")));
    QTest::mouseClick(f.ok, Qt::LeftButton);
    QTRY_COMPARE(model->rowCount(), 4);
    QCOMPARE(bridge.configuration().routes.back(), route("0[1-9]X.", 0, "", "b", ""));

    // Edit the second route's strip.
    QTRY_VERIFY(edit->isEnabled());
    view->selectRow(1);
    QTest::mouseClick(edit, Qt::LeftButton);
    QTRY_VERIFY((dialog = openDialog<RouteDialog>(window, "routeDialog")));
    QVERIFY(dialog->isEditing());
    child<QSpinBox>(*dialog, "stripSpin")->setValue(1);
    dialog->accept();
    QTRY_COMPARE(bridge.configuration().routes[1], route("2.", 1, "", "b", "a"));

    // Delete the first, after confirming.
    QTRY_VERIFY(remove->isEnabled());
    view->selectRow(0);
    QTest::mouseClick(remove, Qt::LeftButton);
    QMessageBox* box = nullptr;
    QTRY_VERIFY((box = openDialog<QMessageBox>(window, "deleteRouteBox")));
    QVERIFY(box->text().contains(QStringLiteral("route 1 (1.")));
    QTest::mouseClick(box->button(QMessageBox::Yes), Qt::LeftButton);
    QTRY_COMPARE(patterns(bridge.configuration()), (std::vector<std::string>{"2.", "3.", "0[1-9]X."}));
    QCOMPARE(model->rowCount(), 3);

    window.close();
    bridge.stop();
}

QTEST_MAIN(RoutesTabTest)
#include "routes_tab_test.moc"
