// The Groups tab and its dialog: the dialog refuses what the engine would,
// with the reason under the field; a group added, edited (members reordered)
// and deleted through the tab is what the running engine commits.

#include <QComboBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSpinBox>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

#include "config/validation.h"
#include "core_bridge.h"
#include "dialog_helpers.h"
#include "dialogs/ring_group_dialog.h"
#include "fixtures.h"
#include "main_window.h"
#include "models/ring_groups_model.h"
#include "widgets/groups_panel.h"

using namespace sb::ui;
using namespace sb::ui::test;

namespace {

sb::store::Configuration configuration() {
    sb::store::Configuration c;
    c.settings.domain = "192.0.2.10";
    c.extensions = {extension("100", "Reception"), extension("101", "Sales 1"), extension("102", "Sales 2")};
    c.extensions[0].voicemail = true;
    sb::store::IvrMenu menu;
    menu.number = "500";
    menu.name = "Main";
    c.menus = {menu};
    return c;
}

QPushButton* okButton(const QDialog& d) {
    return child<QDialogButtonBox>(d, "buttonBox")->button(QDialogButtonBox::Ok);
}

QComboBox* memberCombo(const RingGroupDialog& d, int row) {
    return qobject_cast<QComboBox*>(child<QTableWidget>(d, "membersTable")->cellWidget(row, 0));
}

QSpinBox* memberSpin(const RingGroupDialog& d, int row) {
    return qobject_cast<QSpinBox*>(child<QTableWidget>(d, "membersTable")->cellWidget(row, 1));
}

QString problem(const RingGroupDialog& d, const char* name) {
    return child<QLabel>(d, name)->text();
}

}  // namespace

class GroupsTabTest : public QObject {
    Q_OBJECT

private slots:
    void aNewGroupIsBuiltAndPassesTheEnginesChecks();
    void badValuesAreRefusedWithAReason();
    void addEditDeleteThroughTheEngine();
};

void GroupsTabTest::aNewGroupIsBuiltAndPassesTheEnginesChecks() {
    RingGroupDialog d(configuration(), std::nullopt);
    d.show();
    QVERIFY(!okButton(d)->isEnabled());  // no number, no members
    type(child<QLineEdit>(d, "numberEdit"), QStringLiteral("600"));
    type(child<QLineEdit>(d, "nameEdit"), QStringLiteral("Sales"));
    QCOMPARE(problem(d, "membersProblem"), QStringLiteral("a group needs at least one member"));
    child<QComboBox>(d, "strategyCombo")->setCurrentIndex(1);
    QTest::mouseClick(child<QPushButton>(d, "addMemberButton"), Qt::LeftButton);
    QTest::mouseClick(child<QPushButton>(d, "addMemberButton"), Qt::LeftButton);
    QCOMPARE(memberCombo(d, 0)->currentText(), QStringLiteral("100"));
    QCOMPARE(memberCombo(d, 1)->currentText(), QStringLiteral("101"));  // the next one not yet a member
    memberSpin(d, 0)->setValue(7);
    child<QComboBox>(d, "finalDestinationCombo")->setCurrentText(QStringLiteral("voicemail:100"));
    QVERIFY2(okButton(d)->isEnabled(), qPrintable(problem(d, "membersProblem")));
    const sb::store::RingGroup g = d.group();
    QCOMPARE(g.number, std::string("600"));
    QCOMPARE(g.strategy, sb::store::RingStrategy::Sequential);
    QCOMPARE(g.members.size(), size_t(2));
    QCOMPARE(g.members[0].timeoutS, 7u);
    QCOMPARE(g.finalDestination, std::string("voicemail:100"));
    auto config = configuration();
    config.groups.push_back(g);
    QVERIFY(sb::config::validate(config).empty());
}

void GroupsTabTest::badValuesAreRefusedWithAReason() {
    sb::store::RingGroup g;
    g.number = "600";
    g.members = {{"101", 20}};
    RingGroupDialog d(configuration(), g);
    d.show();
    QVERIFY(okButton(d)->isEnabled());
    auto* number = child<QLineEdit>(d, "numberEdit");
    type(number, QStringLiteral("101"));
    QCOMPARE(problem(d, "numberProblem"), QStringLiteral("101 is the number of an extension"));
    QVERIFY(!okButton(d)->isEnabled());
    type(number, QStringLiteral("500"));
    QCOMPARE(problem(d, "numberProblem"), QStringLiteral("500 is the number of an auto-attendant menu"));
    type(number, QStringLiteral("600"));
    QVERIFY(okButton(d)->isEnabled());

    memberCombo(d, 0)->setCurrentText(QStringLiteral("999"));
    QCOMPARE(problem(d, "membersProblem"), QStringLiteral("Member 1: no extension 999"));
    QVERIFY(!okButton(d)->isEnabled());
    memberCombo(d, 0)->setCurrentText(QStringLiteral("101"));
    QTest::mouseClick(child<QPushButton>(d, "addMemberButton"), Qt::LeftButton);
    memberCombo(d, 1)->setCurrentText(QStringLiteral("101"));
    QVERIFY(problem(d, "membersProblem")
                .startsWith(QStringLiteral("Member 2: extension 101 is already a member")));
    memberCombo(d, 1)->setCurrentText(QStringLiteral("102"));
    QVERIFY(okButton(d)->isEnabled());

    auto* finalCombo = child<QComboBox>(d, "finalDestinationCombo");
    finalCombo->setCurrentText(QStringLiteral("voicemail:101"));  // 101 has no voicemail
    QVERIFY(problem(d, "finalDestinationProblem").contains(QStringLiteral("has no voicemail")));
    finalCombo->setCurrentText(QStringLiteral("somewhere"));
    QVERIFY(problem(d, "finalDestinationProblem").contains(QStringLiteral("is not a destination")));
    d.accept();
    QVERIFY(d.result() != QDialog::Accepted);  // refused while anything is wrong
    finalCombo->setCurrentText(QStringLiteral("menu:500"));
    QVERIFY(okButton(d)->isEnabled());
}

void GroupsTabTest::addEditDeleteThroughTheEngine() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    CoreBridge bridge;
    MainWindow window(bridge);
    auto* view = child<QTableView>(window, "ringGroupsView");
    auto* add = child<QPushButton>(window, "addRingGroupButton");
    auto* edit = child<QPushButton>(window, "editRingGroupButton");
    auto* remove = child<QPushButton>(window, "deleteRingGroupButton");
    QVERIFY(view && add && edit && remove);
    auto tester = attachTester(view->model());

    const auto started = bridge.start(engineOptions(dir));
    QVERIFY2(started.ok(), started.ok() ? "" : started.error().message.c_str());
    child<QTabWidget>(window, "tabs")->setCurrentWidget(window.groupsPanel());
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QTRY_VERIFY(add->isEnabled());
    sb::store::Configuration config = bridge.configuration();
    config.extensions = {extension("100", "Reception"), extension("101", "Sales")};
    config.groups.clear();
    QVERIFY(bridge.applyConfiguration(config));
    QTRY_COMPARE(bridge.configuration().extensions.size(), size_t(2));

    // Add.
    QTest::mouseClick(add, Qt::LeftButton);
    RingGroupDialog* dialog = nullptr;
    QTRY_VERIFY((dialog = openDialog<RingGroupDialog>(window, "ringGroupDialog")));
    type(child<QLineEdit>(*dialog, "numberEdit"), QStringLiteral("600"));
    type(child<QLineEdit>(*dialog, "nameEdit"), QStringLiteral("Everyone"));
    QTest::mouseClick(child<QPushButton>(*dialog, "addMemberButton"), Qt::LeftButton);
    QTest::mouseClick(child<QPushButton>(*dialog, "addMemberButton"), Qt::LeftButton);
    QTest::mouseClick(okButton(*dialog), Qt::LeftButton);
    QTRY_COMPARE(bridge.configuration().groups.size(), size_t(1));
    const sb::store::RingGroup committed = bridge.configuration().groups[0];
    QCOMPARE(committed.number, std::string("600"));
    QCOMPARE(committed.members.size(), size_t(2));
    QCOMPARE(committed.members[0].extension, std::string("100"));
    QTRY_COMPARE(view->model()->rowCount(), 1);
    QCOMPARE(view->model()->index(0, RingGroupsModel::Members).data().toString(),
             QStringLiteral("100 (20 s), 101 (20 s)"));

    // Edit: the second member moves up.
    QTRY_VERIFY(edit->isEnabled());
    view->selectRow(0);
    QTest::mouseClick(edit, Qt::LeftButton);
    QTRY_VERIFY((dialog = openDialog<RingGroupDialog>(window, "ringGroupDialog")));
    QVERIFY(dialog->group() == committed);
    child<QTableWidget>(*dialog, "membersTable")->setCurrentCell(1, 0);
    QTest::mouseClick(child<QPushButton>(*dialog, "upMemberButton"), Qt::LeftButton);
    dialog->accept();
    QTRY_COMPARE(bridge.configuration().groups[0].members[0].extension, std::string("101"));
    QCOMPARE(bridge.configuration().groups[0].members[1].extension, std::string("100"));

    // Delete after confirming.
    QTRY_VERIFY(remove->isEnabled());
    view->selectRow(0);
    QTest::mouseClick(remove, Qt::LeftButton);
    QMessageBox* box = nullptr;
    QTRY_VERIFY((box = openDialog<QMessageBox>(window, "deleteRingGroupBox")));
    QTest::mouseClick(box->button(QMessageBox::Yes), Qt::LeftButton);
    QTRY_VERIFY(bridge.configuration().groups.empty());
    QTRY_COMPARE(view->model()->rowCount(), 0);

    window.close();
    bridge.stop();
}

QTEST_MAIN(GroupsTabTest)
#include "groups_tab_test.moc"
