// IvrMenuDialog on its own: what the engine would refuse is refused in the
// dialog, with the reason under the field and OK disabled; a menu loaded
// into the dialog comes back unchanged; a typed menu comes back as typed.

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableWidget>
#include <QTest>
#include <QTimeEdit>

#include "config/validation.h"
#include "dialog_helpers.h"
#include "dialogs/did_table_edit.h"
#include "dialogs/ivr_menu_dialog.h"
#include "models/ivr_menus_model.h"

using namespace sb::ui;
using namespace sb::ui::test;

namespace {

sb::store::Configuration configuration() {
    sb::store::Configuration c;
    c.settings.domain = "192.0.2.10";
    c.extensions = {{"100", "k7Qm2xRt9vPa", "Reception", true, false},
                    {"101", "Hn4sW8eZc3Ju", "Sales", true, true}};
    c.extensions[0].voicemail = true;
    sb::store::IvrMenu sub;
    sub.number = "501";
    sub.name = "Sales";
    c.menus = {sub};
    return c;
}

sb::store::IvrMenu fullMenu() {
    sb::store::IvrMenu m;
    m.number = "500";
    m.name = "Main menu";
    m.prompt = "/srv/prompts/main.wav";
    m.options = {{"1", "extension:101"}, {"2", "menu:501"}, {"0", "voicemail:100"}, {"#", "hangup"}};
    m.timeoutS = 8;
    m.timeoutDestination = "extension:100";
    m.invalidRetries = 2;
    m.invalidDestination = "voicemail:100";
    m.fallbackDestination = "menu:501";
    m.openDays = {"mon", "tue", "wed", "thu", "fri"};
    m.openFrom = "08:30";
    m.openTo = "18:00";
    m.closedDestination = "voicemail:100";
    return m;
}

QComboBox* optionCombo(IvrMenuDialog& d, const char* key) {
    auto* table = child<QTableWidget>(d, "optionsTable");
    for (int row = 0; row < table->rowCount(); ++row)
        if (table->item(row, 0)->text() == QLatin1String(key))
            return qobject_cast<QComboBox*>(table->cellWidget(row, 1));
    return nullptr;
}

QPushButton* okButton(IvrMenuDialog& d) {
    return child<QDialogButtonBox>(d, "buttonBox")->button(QDialogButtonBox::Ok);
}

}  // namespace

class IvrMenuDialogTest : public QObject {
    Q_OBJECT

private slots:
    void aMenuRoundTripsUnchanged();
    void aTypedMenuComesBackAsTyped();
    void badValuesAreRefusedWithAReason();
    void businessHoursNeedADayAndOrderedTimes();
    void renumberingAMenuThatOthersNameIsRefused();
    void aTrunkDidMayLeadToAMenu();
    void theTabsModelListsTheMenus();
};

void IvrMenuDialogTest::aMenuRoundTripsUnchanged() {
    auto config = configuration();
    config.menus.push_back(fullMenu());
    IvrMenuDialog d(config, fullMenu());
    d.show();
    QVERIFY(d.isInputValid());
    QVERIFY(okButton(d)->isEnabled());
    QCOMPARE(d.originalNumber(), QStringLiteral("500"));
    QVERIFY(d.menu() == fullMenu());
}

void IvrMenuDialogTest::aTypedMenuComesBackAsTyped() {
    IvrMenuDialog d(configuration(), std::nullopt);
    d.show();
    QVERIFY2(!okButton(d)->isEnabled(), "an empty number is not a menu");
    type(child<QLineEdit>(d, "numberEdit"), QStringLiteral("500"));
    type(child<QLineEdit>(d, "nameEdit"), QStringLiteral("Front desk"));
    QComboBox* one = optionCombo(d, "1");
    QVERIFY(one);
    one->setCurrentIndex(one->findText(QStringLiteral("extension:101")));
    optionCombo(d, "9")->setCurrentText(QStringLiteral("menu:501"));
    child<QSpinBox>(d, "timeoutSpin")->setValue(12);
    child<QComboBox>(d, "timeoutDestinationCombo")->setCurrentText(QStringLiteral("voicemail:100"));
    QVERIFY2(d.isInputValid(), qPrintable(child<QLabel>(d, "otherProblem")->text()));
    QSignalSpy accepted(&d, &QDialog::accepted);
    QTest::mouseClick(okButton(d), Qt::LeftButton);
    QCOMPARE(accepted.count(), 1);
    const auto m = d.menu();
    QCOMPARE(m.number, std::string("500"));
    QCOMPARE(m.name, std::string("Front desk"));
    QCOMPARE(m.options.size(), size_t(2));
    QCOMPARE(m.options.at("1"), std::string("extension:101"));
    QCOMPARE(m.options.at("9"), std::string("menu:501"));
    QCOMPARE(m.timeoutS, 12u);
    QCOMPARE(m.timeoutDestination, std::string("voicemail:100"));
    QVERIFY(m.openDays.empty());
    // What the dialog returns is what the engine takes.
    auto config = configuration();
    config.menus.push_back(m);
    QVERIFY(sb::config::validate(config).empty());
}

void IvrMenuDialogTest::badValuesAreRefusedWithAReason() {
    IvrMenuDialog d(configuration(), fullMenu());
    d.show();
    auto* number = child<QLineEdit>(d, "numberEdit");
    type(number, QStringLiteral("10a"));
    QVERIFY(showsProblem(child<QLabel>(d, "numberProblem")));
    QVERIFY(!okButton(d)->isEnabled());
    type(number, QStringLiteral("101"));
    QCOMPARE(child<QLabel>(d, "numberProblem")->text(), QStringLiteral("101 is the number of an extension"));
    type(number, QStringLiteral("501"));
    QCOMPARE(child<QLabel>(d, "numberProblem")->text(), QStringLiteral("501 is the number of menu Sales"));
    type(number, QStringLiteral("500"));
    QVERIFY(!showsProblem(child<QLabel>(d, "numberProblem")));
    QVERIFY(okButton(d)->isEnabled());

    optionCombo(d, "5")->setCurrentText(QStringLiteral("extension:999"));
    QCOMPARE(child<QLabel>(d, "optionsProblem")->text(), QStringLiteral("Key 5: no extension 999"));
    QVERIFY(!okButton(d)->isEnabled());
    optionCombo(d, "5")->setCurrentText(QStringLiteral("voicemail:101"));
    QVERIFY(child<QLabel>(d, "optionsProblem")->text().contains(QStringLiteral("has no voicemail")));
    optionCombo(d, "5")->setCurrentText(QStringLiteral("ring the boss"));
    QVERIFY(child<QLabel>(d, "optionsProblem")->text().contains(QStringLiteral("is not a destination")));
    optionCombo(d, "5")->setCurrentText(QString());  // not an option: fine
    QVERIFY(!showsProblem(child<QLabel>(d, "optionsProblem")));

    child<QComboBox>(d, "invalidDestinationCombo")->setCurrentText(QString());
    QVERIFY(child<QLabel>(d, "invalidProblem")->text().startsWith(QStringLiteral("required")));
    QVERIFY(!okButton(d)->isEnabled());
    child<QComboBox>(d, "invalidDestinationCombo")->setCurrentText(QStringLiteral("menu:777"));
    QCOMPARE(child<QLabel>(d, "invalidProblem")->text(), QStringLiteral("no auto-attendant menu 777"));
    // accept() refuses too, not just the button.
    QSignalSpy accepted(&d, &QDialog::accepted);
    d.accept();
    QCOMPARE(accepted.count(), 0);
    child<QComboBox>(d, "invalidDestinationCombo")->setCurrentText(QStringLiteral("hangup"));
    QVERIFY(okButton(d)->isEnabled());
}

void IvrMenuDialogTest::businessHoursNeedADayAndOrderedTimes() {
    IvrMenuDialog d(configuration(), fullMenu());
    d.show();
    auto* hours = child<QGroupBox>(d, "hoursGroup");
    QVERIFY(hours->isChecked());
    for (const char* day : {"mon", "tue", "wed", "thu", "fri"})
        child<QCheckBox>(d, (std::string("dayCheck_") + day).c_str())->setChecked(false);
    QCOMPARE(child<QLabel>(d, "hoursProblem")->text(), QStringLiteral("Tick at least one day"));
    QVERIFY(!okButton(d)->isEnabled());
    child<QCheckBox>(d, "dayCheck_sat")->setChecked(true);
    QVERIFY(okButton(d)->isEnabled());
    child<QTimeEdit>(d, "openToEdit")->setTime(QTime(8, 0));
    QVERIFY(child<QLabel>(d, "hoursProblem")->text().contains(QStringLiteral("later than open_from")));
    QVERIFY(!okButton(d)->isEnabled());
    child<QTimeEdit>(d, "openToEdit")->setTime(QTime(12, 15));
    QVERIFY(okButton(d)->isEnabled());
    QCOMPARE(d.menu().openDays, std::vector<std::string>{"sat"});
    QCOMPARE(d.menu().openTo, std::string("12:15"));
    hours->setChecked(false);
    QVERIFY2(d.menu().openDays.empty(), "business hours off: always open");
}

void IvrMenuDialogTest::renumberingAMenuThatOthersNameIsRefused() {
    auto config = configuration();
    config.menus[0].options = {{"*", "menu:500"}};
    config.menus.push_back(fullMenu());
    IvrMenuDialog d(config, fullMenu());
    d.show();
    QVERIFY(d.isInputValid());
    type(child<QLineEdit>(d, "numberEdit"), QStringLiteral("502"));
    QVERIFY2(child<QLabel>(d, "otherProblem")->text().contains(QStringLiteral("no auto-attendant menu 500")),
             qPrintable(child<QLabel>(d, "otherProblem")->text()));
    QVERIFY(!okButton(d)->isEnabled());
}

void IvrMenuDialogTest::aTrunkDidMayLeadToAMenu() {
    DidTableEdit dids(configuration());
    dids.setDids({{"+8613901088888", "501"}});
    QVERIFY2(dids.problem().isEmpty(), qPrintable(dids.problem()));
    auto* combo = dids.findChild<QComboBox*>(QStringLiteral("didExtensionCombo"));
    QVERIFY(combo);
    QCOMPARE(combo->currentText(), QStringLiteral("501 — auto attendant Sales"));
    QVERIFY(combo->findData(QStringLiteral("100")) >= 0);  // extensions are still offered
    dids.setDids({{"+8613901088888", "599"}});
    QCOMPARE(dids.problem(), QStringLiteral("DID +8613901088888: no extension 599"));
}

void IvrMenuDialogTest::theTabsModelListsTheMenus() {
    IvrMenusModel model;
    auto tester = attachTester(&model);
    auto config = configuration();
    config.menus.push_back(fullMenu());
    model.setConfiguration(config);
    QCOMPARE(model.rowCount(), 2);
    const auto cell = [&](int row, int column) { return model.index(row, column).data().toString(); };
    QCOMPARE(cell(1, IvrMenusModel::Number), QStringLiteral("500"));
    QCOMPARE(cell(1, IvrMenusModel::Keys),
             QStringLiteral("1 → extension:101, 2 → menu:501, 0 → voicemail:100, # → hangup"));
    QCOMPARE(cell(1, IvrMenusModel::Hours),
             QStringLiteral("mon,tue,wed,thu,fri 08:30-18:00 (closed: voicemail:100)"));
    QCOMPARE(cell(0, IvrMenusModel::Hours), QStringLiteral("always open"));
    QCOMPARE(cell(0, IvrMenusModel::Prompt), QStringLiteral("(standard welcome)"));
    config.menus.pop_back();
    model.setConfiguration(config);
    QCOMPARE(model.rowCount(), 1);
}

QTEST_MAIN(IvrMenuDialogTest)
#include "ivr_menu_dialog_test.moc"
