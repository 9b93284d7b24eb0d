// The setup wizard against a real engine on a new database: its choices
// become the running configuration, the extensions it lists exist with the
// passwords it showed, and bad input holds Next back with the reason.

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

#include "core_bridge.h"
#include "dialog_helpers.h"
#include "dialogs/first_run_wizard.h"
#include "main_window.h"

using namespace sb::ui;
using sb::ui::test::child;
using sb::ui::test::type;

class FirstRunWizardTest : public QObject {
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void producesAWorkingConfiguration();
    void refusesBadInputWithTheReason();
    void mainWindowOffersItOnANewDatabase();

private:
    QTemporaryDir m_dir;
    std::unique_ptr<CoreBridge> m_bridge;
};

void FirstRunWizardTest::init() {
    QVERIFY(m_dir.isValid());
    static int run = 0;
    sb::EngineOptions options;
    options.databasePath = m_dir.filePath(QStringLiteral("new%1.db").arg(++run)).toStdString();
    options.sipPort = 0;
    options.tlsPort = 0;
    options.bindAddress = "127.0.0.1";
    m_bridge = std::make_unique<CoreBridge>();
    const auto started = m_bridge->start(options);
    QVERIFY2(started.ok(), started.ok() ? "" : started.error().message.c_str());
    QTRY_VERIFY(!m_bridge->configuration().extensions.empty());
}

void FirstRunWizardTest::cleanup() {
    m_bridge.reset();
}

void FirstRunWizardTest::producesAWorkingConfiguration() {
    FirstRunWizard wizard(*m_bridge, true);
    wizard.show();
    QVERIFY(QTest::qWaitForWindowExposed(&wizard));

    QCOMPARE(wizard.currentId(), int(FirstRunWizard::DomainPage));
    auto* domain = child<QComboBox>(wizard, "domainCombo");
    QVERIFY(domain->count() >= 1);  // the detected addresses are offered
    domain->setCurrentText(QStringLiteral("pbx.office.example"));
    wizard.next();

    QCOMPARE(wizard.currentId(), int(FirstRunWizard::PortsPage));
    child<QSpinBox>(wizard, "sipPortSpin")->setValue(5080);
    child<QSpinBox>(wizard, "tlsPortSpin")->setValue(5081);
    wizard.next();

    QCOMPARE(wizard.currentId(), int(FirstRunWizard::ExtensionsPage));
    QVERIFY(child<QCheckBox>(wizard, "replaceCheck")->isChecked());
    child<QSpinBox>(wizard, "countSpin")->setValue(4);
    type(child<QLineEdit>(wizard, "firstNumberEdit"), QStringLiteral("200"));
    wizard.next();

    QCOMPARE(wizard.currentId(), int(FirstRunWizard::LinePage));
    QTest::mouseClick(child<QCheckBox>(wizard, "addLineCheck"), Qt::LeftButton, {}, QPoint(6, 6));
    QVERIFY(!wizard.button(QWizard::NextButton)->isEnabled());  // a line needs its fields
    type(child<QLineEdit>(wizard, "lineNameEdit"), QStringLiteral("Carrier"));
    type(child<QLineEdit>(wizard, "lineDomainEdit"), QStringLiteral("ims.example.net"));
    type(child<QLineEdit>(wizard, "lineAccountEdit"), QStringLiteral("+8612345678"));
    type(child<QLineEdit>(wizard, "linePasswordEdit"), QStringLiteral("carrier secret"));
    type(child<QLineEdit>(wizard, "lineProxyEdit"), QStringLiteral("10.20.30.40:5060"));
    QVERIFY(wizard.button(QWizard::NextButton)->isEnabled());
    wizard.next();

    QCOMPARE(wizard.currentId(), int(FirstRunWizard::SummaryPage));
    auto* table = child<QTableWidget>(wizard, "passwordTable");
    QCOMPARE(table->rowCount(), 4);
    QStringList shown;
    for (int row = 0; row < 4; ++row) {
        QCOMPARE(table->item(row, 0)->text(), QString::number(200 + row));
        QVERIFY(table->item(row, 1)->text().size() >= 8);
        shown << table->item(row, 1)->text();
    }
    QTest::mouseClick(child<QPushButton>(wizard, "copyPasswordsButton"), Qt::LeftButton);
    const QString copied = QApplication::clipboard()->text();
    QVERIFY2(copied.contains(QStringLiteral("200\t") + shown[0]), qPrintable(copied));
    QVERIFY(copied.contains(QLatin1String("pbx.office.example")));

    // Back and forward again: the passwords already shown stay.
    wizard.back();
    wizard.next();
    QCOMPARE(table->item(3, 1)->text(), shown[3]);

    wizard.button(QWizard::FinishButton)->click();
    QTRY_COMPARE(wizard.result(), int(QDialog::Accepted));

    const sb::store::Configuration& config = m_bridge->configuration();
    QCOMPARE(config.settings.domain, std::string("pbx.office.example"));
    QCOMPARE(config.settings.sipPort, uint16_t(5080));
    QCOMPARE(config.settings.tlsPort, uint16_t(5081));
    QCOMPARE(config.extensions.size(), size_t(4));  // the default 100-102 were replaced
    for (int i = 0; i < 4; ++i) {
        QCOMPARE(config.extensions[i].number, std::to_string(200 + i));
        QCOMPARE(QString::fromStdString(config.extensions[i].password), shown[i]);
    }
    QCOMPARE(config.lines.size(), size_t(1));
    QCOMPARE(config.lines[0].name, std::string("Carrier"));
    QCOMPARE(config.lines[0].domain, std::string("ims.example.net"));
    QCOMPARE(config.lines[0].account, std::string("+8612345678"));
    QCOMPARE(config.lines[0].password, std::string("carrier secret"));
    QCOMPARE(config.lines[0].proxy, std::string("10.20.30.40:5060"));
    QCOMPARE(config.lines[0].incomingExtension, std::string("200"));
}

void FirstRunWizardTest::refusesBadInputWithTheReason() {
    FirstRunWizard wizard(*m_bridge, false);  // a re-run keeps the extensions there are
    wizard.show();
    QVERIFY(QTest::qWaitForWindowExposed(&wizard));
    child<QComboBox>(wizard, "domainCombo")->setCurrentText(QStringLiteral("bad domain!"));
    QVERIFY(!wizard.button(QWizard::NextButton)->isEnabled());
    QVERIFY(sb::ui::test::showsProblem(child<QLabel>(wizard, "domainPageProblem")));
    child<QComboBox>(wizard, "domainCombo")->setCurrentText(QStringLiteral("192.0.2.1"));
    QVERIFY(wizard.button(QWizard::NextButton)->isEnabled());
    wizard.next();

    child<QSpinBox>(wizard, "tlsPortSpin")->setValue(child<QSpinBox>(wizard, "sipPortSpin")->value());
    QVERIFY(!wizard.button(QWizard::NextButton)->isEnabled());
    auto* portsProblem = child<QLabel>(wizard, "portsPageProblem");
    QVERIFY2(portsProblem->text().contains(QLatin1String("must differ from sip_port")),
             qPrintable(portsProblem->text()));
    child<QSpinBox>(wizard, "tlsPortSpin")->setValue(5061);
    wizard.next();

    // 100 exists and is not being removed.
    QVERIFY(!child<QCheckBox>(wizard, "replaceCheck")->isChecked());
    QVERIFY(!wizard.button(QWizard::NextButton)->isEnabled());
    auto* extensionsProblem = child<QLabel>(wizard, "extensionsPageProblem");
    QVERIFY2(extensionsProblem->text().contains(QLatin1String("Extension 100 exists already")),
             qPrintable(extensionsProblem->text()));
    type(child<QLineEdit>(wizard, "firstNumberEdit"), QStringLiteral("12a"));
    QVERIFY(!wizard.button(QWizard::NextButton)->isEnabled());
    type(child<QLineEdit>(wizard, "firstNumberEdit"), QStringLiteral("300"));
    QVERIFY(wizard.button(QWizard::NextButton)->isEnabled());
    wizard.next();
    wizard.next();
    wizard.button(QWizard::FinishButton)->click();
    QTRY_COMPARE(wizard.result(), int(QDialog::Accepted));
    QCOMPARE(m_bridge->configuration().extensions.size(), size_t(6));  // 100-102 and 300-302
}

void FirstRunWizardTest::mainWindowOffersItOnANewDatabase() {
    MainWindow window(*m_bridge);
    window.show();
    window.offerFirstRunWizard();  // before the first snapshot, as main() does
    QVERIFY(!sb::ui::test::openDialog<FirstRunWizard>(window, "firstRunWizard"));
    m_bridge->eventSink().publish(sb::ConfigurationChanged{m_bridge->configuration()});
    QTRY_VERIFY(sb::ui::test::openDialog<FirstRunWizard>(window, "firstRunWizard"));
    sb::ui::test::openDialog<FirstRunWizard>(window, "firstRunWizard")->reject();
    // And it can be run again from the Tools menu.
    auto* action = window.findChild<QAction*>(QStringLiteral("setupWizardAction"));
    QVERIFY(action);
    action->trigger();
    QTRY_VERIFY(sb::ui::test::openDialog<FirstRunWizard>(window, "firstRunWizard"));
}

QTEST_MAIN(FirstRunWizardTest)
#include "first_run_wizard_test.moc"
