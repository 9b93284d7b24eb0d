// Tools → Settings against a real engine: every field loads from and saves
// to the configuration, bad input is refused with the core's reason, and a
// rejection by the engine keeps the dialog open with the reason.

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <chrono>
#include <thread>

#include "core_bridge.h"
#include "desktop_preferences.h"
#include "dialog_helpers.h"
#include "dialogs/settings_dialog.h"
#include "fixtures.h"

using namespace sb::ui;
using sb::ui::test::child;
using sb::ui::test::showsProblem;

class SettingsDialogTest : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void roundTripsEveryField();
    void refusesBadInputWithTheReason();
    void engineRejectionKeepsTheDialogOpen();

private:
    QPushButton* saveButton(const SettingsDialog& dialog) const {
        return child<QDialogButtonBox>(dialog, "buttonBox")->button(QDialogButtonBox::Save);
    }

    QTemporaryDir m_dir;
    std::unique_ptr<CoreBridge> m_bridge;
};

void SettingsDialogTest::initTestCase() {
    QStandardPaths::setTestModeEnabled(true);  // QSettings and the autostart folder stay out of $HOME
    QCoreApplication::setOrganizationName(QStringLiteral("SwitchboardTest"));
    QCoreApplication::setApplicationName(QStringLiteral("settings_dialog_test"));
    QVERIFY(m_dir.isValid());
}

void SettingsDialogTest::init() {
    QSettings().clear();
    (void)setStartWithSession(false, QString());
    static int run = 0;
    sb::EngineOptions options;
    options.databasePath = m_dir.filePath(QStringLiteral("run%1.db").arg(++run)).toStdString();
    options.sipPort = 0;
    options.tlsPort = 0;
    options.bindAddress = "127.0.0.1";
    m_bridge = std::make_unique<CoreBridge>();
    const auto started = m_bridge->start(options);
    QVERIFY2(started.ok(), started.ok() ? "" : started.error().message.c_str());
    QTRY_VERIFY(!m_bridge->configuration().extensions.empty());
}

void SettingsDialogTest::cleanup() {
    m_bridge.reset();
    (void)setStartWithSession(false, QString());
}

void SettingsDialogTest::roundTripsEveryField() {
    const sb::store::Settings before = m_bridge->configuration().settings;
    QFile cert(m_dir.filePath(QStringLiteral("office.crt")));
    QFile key(m_dir.filePath(QStringLiteral("office.key")));
    QVERIFY(cert.open(QIODevice::WriteOnly) && key.open(QIODevice::WriteOnly));

    {
        SettingsDialog dialog(*m_bridge, QStringLiteral("AB:CD:EF"), m_dir.path());
        dialog.show();
        QCOMPARE(dialog.settings(), before);  // loads what the engine runs with
        QCOMPARE(child<QLabel>(dialog, "fingerprintLabel")->text(), QStringLiteral("AB:CD:EF"));
        auto* folder = child<QLineEdit>(dialog, "dataFolderEdit");
        QVERIFY(folder->isReadOnly());
        QCOMPARE(folder->text(), QDir::toNativeSeparators(m_dir.path()));

        child<QSpinBox>(dialog, "sipPortSpin")->setValue(5070);
        child<QSpinBox>(dialog, "tlsPortSpin")->setValue(5071);
        child<QComboBox>(dialog, "bindCombo")->setCurrentText(QStringLiteral("127.0.0.1"));
        child<QLineEdit>(dialog, "certificateEdit")->setText(cert.fileName());
        child<QLineEdit>(dialog, "keyEdit")->setText(key.fileName());
        child<QSpinBox>(dialog, "rtpMinSpin")->setValue(30000);
        child<QSpinBox>(dialog, "rtpMaxSpin")->setValue(30100);
        auto* ringback = child<QComboBox>(dialog, "ringbackCombo");
        ringback->setCurrentIndex(ringback->findData(QStringLiteral("eu")));
        auto* level = child<QComboBox>(dialog, "logLevelCombo");
        level->setCurrentIndex(level->findData(QStringLiteral("debug")));
        child<QSpinBox>(dialog, "mediaTimeoutSpin")->setValue(90);
        child<QLineEdit>(dialog, "codecsEdit")->setText(QStringLiteral(" PCMA ,PCMU,"));
        child<QCheckBox>(dialog, "prackAutoDisableCheck")->setChecked(false);
        child<QSpinBox>(dialog, "maxCallsSpin")->setValue(250);
        child<QLineEdit>(dialog, "traceFileEdit")->setText(m_dir.filePath(QStringLiteral("sip.log")));
        child<QSpinBox>(dialog, "traceFileMaxMbSpin")->setValue(20);
        child<QSpinBox>(dialog, "authFailLimitSpin")->setValue(5);
        child<QSpinBox>(dialog, "authFailWindowSpin")->setValue(30);
        child<QSpinBox>(dialog, "banTimeSpin")->setValue(7200);
        child<QLineEdit>(dialog, "allowListEdit")->setText(QStringLiteral("127.0.0.0/8, 192.168.1.0/24"));
        child<QCheckBox>(dialog, "dropScannersCheck")->setChecked(false);
        child<QSpinBox>(dialog, "rateLimitSpin")->setValue(50);
        child<QLineEdit>(dialog, "caFileEdit")->setText(cert.fileName());
        child<QSpinBox>(dialog, "tcpMaxPerAddressSpin")->setValue(8);
        child<QSpinBox>(dialog, "tcpIdleTimeoutSpin")->setValue(0);
        child<QSpinBox>(dialog, "maxOpenFilesSpin")->setValue(4096);
        child<QSpinBox>(dialog, "maxMemoryMbSpin")->setValue(512);
        auto* language = child<QComboBox>(dialog, "promptLanguageCombo");
        QCOMPARE(language->currentText(), QStringLiteral("English"));
        language->setCurrentIndex(language->findData(QStringLiteral("zh")));
        QCOMPARE(language->currentText(), QStringLiteral("Chinese"));
        QVERIFY(child<QPushButton>(dialog, "musicOnHoldEditBrowse"));
        child<QLineEdit>(dialog, "musicOnHoldEdit")->setText(m_dir.filePath(QStringLiteral("hold.wav")));
        auto* mailboxSize = child<QSpinBox>(dialog, "voicemailMaxMessagesSpin");
        QCOMPARE(mailboxSize->value(), 100);
        mailboxSize->setValue(250);
        child<QCheckBox>(dialog, "closeToTrayCheck")->setChecked(false);
        child<QCheckBox>(dialog, "startMinimisedCheck")->setChecked(true);
        child<QCheckBox>(dialog, "startWithSessionCheck")->setChecked(true);

        QVERIFY(dialog.isInputValid());
        QVERIFY(saveButton(dialog)->isEnabled());
        QTest::mouseClick(saveButton(dialog), Qt::LeftButton);
        QTRY_COMPARE(dialog.result(), int(QDialog::Accepted));
        QVERIFY(!dialog.isVisible());
    }

    const sb::store::Settings& after = m_bridge->configuration().settings;
    QCOMPARE(after.sipPort, uint16_t(5070));
    QCOMPARE(after.tlsPort, uint16_t(5071));
    QCOMPARE(after.bindAddress, std::string("127.0.0.1"));
    QCOMPARE(QString::fromStdString(after.tlsCertificate), cert.fileName());
    QCOMPARE(QString::fromStdString(after.tlsPrivateKey), key.fileName());
    QCOMPARE(after.rtpPortMin, uint16_t(30000));
    QCOMPARE(after.rtpPortMax, uint16_t(30100));
    QCOMPARE(after.ringback, std::string("eu"));
    QCOMPARE(after.logLevel, std::string("debug"));
    QCOMPARE(after.mediaTimeoutS, 90u);
    QCOMPARE(after.codecs, (std::vector<std::string>{"PCMA", "PCMU"}));
    QCOMPARE(after.prackAutoDisable, false);
    QCOMPARE(after.maxCalls, 250u);
    QCOMPARE(QString::fromStdString(after.traceFile), m_dir.filePath(QStringLiteral("sip.log")));
    QCOMPARE(after.traceFileMaxMb, 20u);
    QCOMPARE(after.authFailLimit, 5u);
    QCOMPARE(after.authFailWindowS, 30u);
    QCOMPARE(after.banTimeS, 7200u);
    QCOMPARE(after.allowList, (std::vector<std::string>{"127.0.0.0/8", "192.168.1.0/24"}));
    QCOMPARE(after.dropScanners, false);
    QCOMPARE(after.rateLimit, 50u);
    QCOMPARE(QString::fromStdString(after.tlsCaFile), cert.fileName());
    QCOMPARE(after.tcpMaxPerAddress, 8u);
    QCOMPARE(after.tcpIdleTimeoutS, 0u);
    QCOMPARE(after.maxOpenFiles, 4096u);
    QCOMPARE(after.maxMemoryMb, 512u);
    QCOMPARE(after.promptLanguage, std::string("zh"));
    QCOMPARE(QString::fromStdString(after.musicOnHold), m_dir.filePath(QStringLiteral("hold.wav")));
    QCOMPARE(after.voicemailMaxMessages, 250u);
    QCOMPARE(after.domain, before.domain);  // not this dialog's to change

    QSettings desktop;
    const DesktopPreferences prefs = DesktopPreferences::load(desktop, true);
    QCOMPARE(prefs.closeToTray, false);
    QCOMPARE(prefs.startMinimised, true);
    QVERIFY(startsWithSession());
#ifndef Q_OS_WIN
    QFile entry(autostartLocation());
    QVERIFY(entry.open(QIODevice::ReadOnly));
    QVERIFY(entry.readAll().contains("Exec=\"" + QCoreApplication::applicationFilePath().toUtf8() + "\""));
#endif

    // A second opening shows what was saved; unticking removes the entry.
    SettingsDialog again(*m_bridge, QString(), m_dir.path());
    again.show();
    QCOMPARE(again.settings(), after);
    QVERIFY(!child<QCheckBox>(again, "closeToTrayCheck")->isChecked());
    QVERIFY(child<QCheckBox>(again, "startMinimisedCheck")->isChecked());
    QVERIFY(child<QCheckBox>(again, "startWithSessionCheck")->isChecked());
    QCOMPARE(child<QLabel>(again, "fingerprintLabel")->text(), QStringLiteral("(not known yet)"));
    child<QCheckBox>(again, "startWithSessionCheck")->setChecked(false);
    QTest::mouseClick(saveButton(again), Qt::LeftButton);
    QTRY_COMPARE(again.result(), int(QDialog::Accepted));  // nothing for the engine: closes at once
    QVERIFY(!startsWithSession());
}

void SettingsDialogTest::refusesBadInputWithTheReason() {
    SettingsDialog dialog(*m_bridge, QString(), m_dir.path());
    dialog.show();
    QVERIFY(dialog.isInputValid());
    auto expectProblem = [&](const char* label, const QString& part) {
        auto* problem = child<QLabel>(dialog, label);
        QVERIFY2(showsProblem(problem), label);
        QVERIFY2(problem->text().contains(part), qPrintable(problem->text()));
        QVERIFY(!dialog.isInputValid());
        QVERIFY(!saveButton(dialog)->isEnabled());
    };
    auto* sip = child<QSpinBox>(dialog, "sipPortSpin");
    auto* tls = child<QSpinBox>(dialog, "tlsPortSpin");
    auto* rtpMin = child<QSpinBox>(dialog, "rtpMinSpin");
    auto* rtpMax = child<QSpinBox>(dialog, "rtpMaxSpin");

    tls->setValue(sip->value());
    expectProblem("tls_portProblem", QStringLiteral("must differ from sip_port"));
    tls->setValue(5061);
    QVERIFY(dialog.isInputValid());

    sip->setValue(rtpMin->value() + 10);
    expectProblem("sip_portProblem", QStringLiteral("lies inside the RTP port range"));
    sip->setValue(5060);

    auto* allow = child<QLineEdit>(dialog, "allowListEdit");
    const QString allowed = allow->text();
    allow->setText(QStringLiteral("127.0.0.0/8, 10.0.0.0/33"));
    expectProblem("allow_listProblem", QString());
    allow->setText(allowed);
    QVERIFY(dialog.isInputValid());
    auto* codecs = child<QLineEdit>(dialog, "codecsEdit");
    codecs->setText(QStringLiteral("PCMA, pcma"));
    expectProblem("codecsProblem", QStringLiteral("listed twice"));
    codecs->setText(QStringLiteral("G.729 a"));
    expectProblem("codecsProblem", QStringLiteral("unexpected character"));
    codecs->clear();
    QVERIFY(dialog.isInputValid());

    auto* files = child<QSpinBox>(dialog, "maxOpenFilesSpin");
    files->setValue(100);
    expectProblem("max_open_filesProblem", QStringLiteral("256"));
    files->setValue(0);
    auto* memory = child<QSpinBox>(dialog, "maxMemoryMbSpin");
    memory->setValue(10);
    expectProblem("max_memory_mbProblem", QStringLiteral("64"));
    memory->setValue(0);
    child<QLineEdit>(dialog, "caFileEdit")->setText(m_dir.filePath(QStringLiteral("missing-ca.pem")));
    expectProblem("tls_ca_fileProblem", QStringLiteral("no such file"));
    child<QLineEdit>(dialog, "caFileEdit")->clear();
    child<QLineEdit>(dialog, "musicOnHoldEdit")->setText(QStringLiteral("/music/") + QString(1100, u'm'));
    expectProblem("music_on_holdProblem", QString());
    child<QLineEdit>(dialog, "musicOnHoldEdit")->clear();
    QVERIFY(dialog.isInputValid());
    QVERIFY(dialog.isInputValid());

    rtpMin->setValue(rtpMax->value());
    expectProblem("rtp_port_minProblem", QStringLiteral("must be less than rtp_port_max"));
    rtpMin->setValue(10000);

    auto* bind = child<QComboBox>(dialog, "bindCombo");
    bind->setCurrentText(QStringLiteral("office-pc"));
    expectProblem("bindProblem", QString());
    bind->setCurrentText(QStringLiteral("0.0.0.0"));

    child<QLineEdit>(dialog, "keyEdit")->setText(m_dir.filePath(QStringLiteral("missing.key")));
    expectProblem("tls_private_keyProblem", QStringLiteral("needs tls_certificate"));
    child<QLineEdit>(dialog, "certificateEdit")->setText(m_dir.filePath(QStringLiteral("missing.crt")));
    expectProblem("tls_certificateProblem", QStringLiteral("no such file"));
    child<QLineEdit>(dialog, "certificateEdit")->clear();
    child<QLineEdit>(dialog, "keyEdit")->clear();
    QVERIFY(dialog.isInputValid());

    // accept() refuses as well as the disabled button does.
    tls->setValue(sip->value());
    dialog.accept();
    QVERIFY(dialog.isVisible());
    QVERIFY(!dialog.isAwaitingEngine());
    QCOMPARE(m_bridge->configuration().settings.tlsPort, uint16_t(5061));
}

void SettingsDialogTest::engineRejectionKeepsTheDialogOpen() {
    SettingsDialog dialog(*m_bridge, QString(), m_dir.path());
    dialog.show();
    child<QSpinBox>(dialog, "mediaTimeoutSpin")->setValue(45);
    // Hold the engine thread so that the rejection fed below is the first
    // answer the GUI sees (the engine's own, later, is no longer awaited).
    QVERIFY(m_bridge->post([](sb::Core&) { std::this_thread::sleep_for(std::chrono::milliseconds(300)); }));
    QTest::mouseClick(saveButton(dialog), Qt::LeftButton);
    QVERIFY(dialog.isAwaitingEngine());
    QVERIFY(!saveButton(dialog)->isEnabled());
    m_bridge->eventSink().publish(sb::ui::test::rejected("settings.media_timeout: the disk is full"));

    auto* problem = child<QLabel>(dialog, "applyProblem");
    QTRY_VERIFY(showsProblem(problem));
    QVERIFY2(problem->text().contains(QLatin1String("the disk is full")), qPrintable(problem->text()));
    QVERIFY(dialog.isVisible());
    QVERIFY(!dialog.isAwaitingEngine());
    QVERIFY(saveButton(dialog)->isEnabled());
    // The engine's late success does not close a dialog no longer waiting for it.
    QTest::qWait(500);
    QVERIFY(dialog.isVisible());
}

QTEST_MAIN(SettingsDialogTest)
#include "settings_dialog_test.moc"
