// The Auto attendant tab against a running engine: a menu added, edited and
// deleted through the tab's dialog is what the engine commits (and so what
// the database holds), and the table follows.

#include <QComboBox>
#include <QDialogButtonBox>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

#include "core_bridge.h"
#include "dialog_helpers.h"
#include "dialogs/ivr_menu_dialog.h"
#include "fixtures.h"
#include "main_window.h"
#include "models/ivr_menus_model.h"
#include "widgets/ivr_panel.h"

using namespace sb::ui;
using namespace sb::ui::test;

namespace {

QComboBox* optionCombo(const IvrMenuDialog& d, const char* key) {
    auto* table = child<QTableWidget>(d, "optionsTable");
    for (int row = 0; row < table->rowCount(); ++row)
        if (table->item(row, 0)->text() == QLatin1String(key))
            return qobject_cast<QComboBox*>(table->cellWidget(row, 1));
    return nullptr;
}

}  // namespace

class IvrTabTest : public QObject {
    Q_OBJECT

private slots:
    void addEditDeleteThroughTheEngine();
};

void IvrTabTest::addEditDeleteThroughTheEngine() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    CoreBridge bridge;
    MainWindow window(bridge);
    auto* view = child<QTableView>(window, "ivrMenusView");
    auto* add = child<QPushButton>(window, "addIvrMenuButton");
    auto* edit = child<QPushButton>(window, "editIvrMenuButton");
    auto* remove = child<QPushButton>(window, "deleteIvrMenuButton");
    QVERIFY(view && add && edit && remove);
    auto tester = attachTester(view->model());
    QVERIFY(!add->isEnabled());  // no configuration yet

    const auto started = bridge.start(engineOptions(dir));
    QVERIFY2(started.ok(), started.ok() ? "" : started.error().message.c_str());
    child<QTabWidget>(window, "tabs")->setCurrentWidget(window.ivrPanel());
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QTRY_VERIFY(add->isEnabled());
    sb::store::Configuration config = bridge.configuration();
    config.extensions = {extension("100", "Reception"), extension("101", "Sales")};
    config.menus.clear();
    QVERIFY(bridge.applyConfiguration(config));
    QTRY_COMPARE(bridge.configuration().extensions.size(), size_t(2));

    // Add.
    QTRY_VERIFY(add->isEnabled());
    QTest::mouseClick(add, Qt::LeftButton);
    IvrMenuDialog* dialog = nullptr;
    QTRY_VERIFY((dialog = openDialog<IvrMenuDialog>(window, "ivrMenuDialog")));
    type(child<QLineEdit>(*dialog, "numberEdit"), QStringLiteral("500"));
    type(child<QLineEdit>(*dialog, "nameEdit"), QStringLiteral("Main"));
    optionCombo(*dialog, "1")->setCurrentText(QStringLiteral("extension:101"));
    child<QComboBox>(*dialog, "timeoutDestinationCombo")->setCurrentText(QStringLiteral("extension:100"));
    QTest::mouseClick(child<QDialogButtonBox>(*dialog, "buttonBox")->button(QDialogButtonBox::Ok),
                      Qt::LeftButton);
    QTRY_COMPARE(bridge.configuration().menus.size(), size_t(1));
    const sb::store::IvrMenu committed = bridge.configuration().menus[0];
    QCOMPARE(committed.number, std::string("500"));
    QCOMPARE(committed.options.at("1"), std::string("extension:101"));
    QCOMPARE(committed.timeoutDestination, std::string("extension:100"));
    QTRY_COMPARE(view->model()->rowCount(), 1);

    // Edit: the dialog opens on the committed menu and saves the change.
    QTRY_VERIFY(edit->isEnabled());
    view->selectRow(0);
    QTest::mouseClick(edit, Qt::LeftButton);
    QTRY_VERIFY((dialog = openDialog<IvrMenuDialog>(window, "ivrMenuDialog")));
    QCOMPARE(dialog->originalNumber(), QStringLiteral("500"));
    QVERIFY(dialog->menu() == committed);
    optionCombo(*dialog, "2")->setCurrentText(QStringLiteral("hangup"));
    dialog->accept();
    QTRY_COMPARE(bridge.configuration().menus[0].options.size(), size_t(2));
    QCOMPARE(bridge.configuration().menus[0].options.at("2"), std::string("hangup"));

    // Delete after confirming.
    QTRY_VERIFY(remove->isEnabled());
    view->selectRow(0);
    QTest::mouseClick(remove, Qt::LeftButton);
    QMessageBox* box = nullptr;
    QTRY_VERIFY((box = openDialog<QMessageBox>(window, "deleteIvrMenuBox")));
    QTest::mouseClick(box->button(QMessageBox::Yes), Qt::LeftButton);
    QTRY_VERIFY(bridge.configuration().menus.empty());
    QTRY_COMPARE(view->model()->rowCount(), 0);

    window.close();
    bridge.stop();
}

QTEST_MAIN(IvrTabTest)
#include "ivr_tab_test.moc"
