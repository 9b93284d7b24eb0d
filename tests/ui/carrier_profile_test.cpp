// Carrier profiles in the line and trunk dialogs: the shipped presets are
// offered to the dialogs they fit, Apply puts their settings in the fields
// (and only those), a dialog's settings export to a file that another
// dialog imports and applies, and a bad file says why in the dialog.

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>

#include <optional>

#include "dialog_helpers.h"
#include "dialogs/carrier_profile_bar.h"
#include "dialogs/line_dialog.h"
#include "dialogs/trunk_dialog.h"
#include "fixtures.h"

using namespace sb::ui;
using namespace sb::ui::test;

namespace {

sb::store::Configuration sampleConfig() {
    sb::store::Configuration config;
    config.extensions = {extension("100", "Reception"), extension("101", "Sales")};
    return config;
}

/// A CTC line typed in the way the seed notes' customer first had it.
sb::store::ExternalLine plainLine() {
    sb::store::ExternalLine l;
    l.name = "ctc";
    l.domain = "gd.ctcims.cn";
    l.account = "+8612345678";
    l.password = "secret";
    l.proxy = "10.20.30.40:5060";
    l.userPhone = false;
    l.authIdIncludesAddress = false;
    return l;
}

QStringList names(const CarrierProfileBar& bar) {
    QStringList out;
    for (const auto& p : bar.profiles()) out << QString::fromStdString(p.name);
    return out;
}

void clickApply(const QWidget& dialog) {
    QTest::mouseClick(child<QPushButton>(dialog, "applyProfileButton"), Qt::LeftButton);
}

bool writeFile(const QString& path, const QByteArray& text) {
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(text) == text.size();
}

}  // namespace

class CarrierProfileTest : public QObject {
    Q_OBJECT

private slots:
    void lineDialogOffersLineProfilesAndAppliesCtc();
    void trunkDialogAppliesChinaMobile();
    void exportedLineSettingsImportIntoAnotherLine();
    void badProfileFileSaysWhy();
};

void CarrierProfileTest::lineDialogOffersLineProfilesAndAppliesCtc() {
    LineDialog dialog(sampleConfig(), plainLine());
    dialog.show();
    CarrierProfileBar* bar = dialog.profileBar();
    QVERIFY(bar);
    QCOMPARE(bar, child<CarrierProfileBar>(dialog, "carrierProfileBar"));
    const QStringList offered = names(*bar);
    QVERIFY2(offered.contains(QStringLiteral("China Telecom (CTC) IMS line")),
             qPrintable(offered.join(QStringLiteral(", "))));
    QVERIFY(offered.contains(QStringLiteral("Generic IMS (3GPP)")));
    QVERIFY(!offered.contains(QStringLiteral("China Mobile SIP trunk")));  // a trunk-only preset

    auto* authIncludes = child<QCheckBox>(dialog, "authIncludesAddressCheck");
    auto* userPhone = child<QCheckBox>(dialog, "userPhoneCheck");
    auto* preview = child<QLabel>(dialog, "authNamePreview");
    QVERIFY(authIncludes && userPhone && preview);
    QVERIFY(!authIncludes->isChecked());
    QVERIFY(!preview->text().contains(QStringLiteral("@gd.ctcims.cn")));

    QVERIFY(bar->select(QStringLiteral("China Telecom (CTC) IMS line")));
    clickApply(dialog);
    QVERIFY(authIncludes->isChecked());
    QVERIFY(userPhone->isChecked());
    QVERIFY2(preview->text().contains(QStringLiteral("+8612345678@gd.ctcims.cn")),
             qPrintable(preview->text()));
    QVERIFY2(bar->message().contains(QStringLiteral("outbound proxy")), qPrintable(bar->message()));
    screenshot(&dialog, "line_dialog_profile_applied");

    // Only the carrier settings changed; the account and the typed proxy stay.
    const auto line = dialog.line();
    QCOMPARE(line.account, std::string("+8612345678"));
    QCOMPARE(line.password, std::string("secret"));
    QCOMPARE(line.proxy, std::string("10.20.30.40:5060"));
    QVERIFY(line.authIdIncludesAddress);
    QVERIFY(dialog.isInputValid());
}

void CarrierProfileTest::trunkDialogAppliesChinaMobile() {
    TrunkDialog dialog(sampleConfig(), std::nullopt);
    dialog.show();
    CarrierProfileBar* bar = dialog.profileBar();
    QVERIFY(bar);
    QVERIFY(!names(*bar).contains(QStringLiteral("China Telecom (CTC) IMS line")));  // a line-only preset
    auto* params = child<QLineEdit>(dialog, "requestUriParamsEdit");
    QVERIFY(params);
    QVERIFY(params->text().isEmpty());
    QVERIFY(bar->select(QStringLiteral("China Mobile SIP trunk")));
    clickApply(dialog);
    QCOMPARE(params->text(), QStringLiteral("user=phone"));
    QCOMPARE(dialog.trunk().requestUriParams, std::string("user=phone"));
    QVERIFY(bar->message().startsWith(QStringLiteral("Applied \"China Mobile SIP trunk\".")));
}

void CarrierProfileTest::exportedLineSettingsImportIntoAnotherLine() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString file = dir.filePath(QStringLiteral("our carrier.json"));
    {
        sb::store::ExternalLine tuned = plainLine();
        tuned.disable100rel = true;
        tuned.authIdIncludesAddress = true;
        tuned.expiresS = 1800;
        tuned.transport = sb::store::Transport::Tcp;
        LineDialog source(sampleConfig(), tuned);
        QVERIFY(source.profileBar()->exportTo(file));
        QVERIFY(source.profileBar()->message().contains(QStringLiteral("our carrier.json")));
    }
    LineDialog target(sampleConfig(), std::nullopt);
    target.show();
    CarrierProfileBar* bar = target.profileBar();
    const int before = int(bar->profiles().size());
    QVERIFY2(bar->importFrom(file), qPrintable(bar->message()));
    QCOMPARE(int(bar->profiles().size()), before + 1);
    QCOMPARE(child<QComboBox>(target, "profileCombo")->currentText(), QStringLiteral("our carrier"));
    clickApply(target);
    const auto line = target.line();
    QVERIFY(line.disable100rel);
    QVERIFY(line.authIdIncludesAddress);
    QVERIFY(!line.userPhone);
    QCOMPARE(line.expiresS, 1800u);
    QCOMPARE(line.transport, sb::store::Transport::Tcp);
    QCOMPARE(line.proxy, std::string("10.20.30.40:5060"));
    QVERIFY(line.account.empty());  // accounts and passwords are never in a profile
    // The same file again replaces the entry rather than listing it twice.
    QVERIFY(bar->importFrom(file));
    QCOMPARE(int(bar->profiles().size()), before + 1);

    // A line profile is refused by a trunk dialog, with the reason.
    TrunkDialog trunk(sampleConfig(), std::nullopt);
    QVERIFY(!trunk.profileBar()->importFrom(file));
    QVERIFY2(trunk.profileBar()->message().contains(QStringLiteral("profile for external lines")),
             qPrintable(trunk.profileBar()->message()));
}

void CarrierProfileTest::badProfileFileSaysWhy() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    LineDialog dialog(sampleConfig(), plainLine());
    dialog.show();
    CarrierProfileBar* bar = dialog.profileBar();
    const size_t before = bar->profiles().size();

    const QString broken = dir.filePath(QStringLiteral("broken.json"));
    QVERIFY(writeFile(broken, "{\"switchboard_carrier_profile\": 1,\n \"name\": \"x\" \"settings\": {}}"));
    QVERIFY(!bar->importFrom(broken));
    QVERIFY2(bar->message().contains(QStringLiteral("broken.json: line 2, column")),
             qPrintable(bar->message()));
    auto* message = child<QLabel>(dialog, "profileMessage");
    QVERIFY(message && message->isVisible());

    const QString wrong = dir.filePath(QStringLiteral("wrong.json"));
    QVERIFY(writeFile(wrong,
                      R"({"switchboard_carrier_profile": 1, "name": "x", "settings": {"user_phone": 1}})"));
    QVERIFY(!bar->importFrom(wrong));
    QVERIFY2(
        bar->message().contains(QStringLiteral("settings.user_phone: expected true or false, got a number")),
        qPrintable(bar->message()));

    QVERIFY(!bar->importFrom(dir.filePath(QStringLiteral("missing.json"))));
    QVERIFY(bar->message().contains(QStringLiteral("missing.json: cannot read")));
    QCOMPARE(bar->profiles().size(), before);  // nothing was added, and the fields are as they were
    QVERIFY(!dialog.line().authIdIncludesAddress);

    // A folder that cannot be written: the reason, nothing half-written.
    QVERIFY(!bar->exportTo(dir.filePath(QStringLiteral("no/such/folder/p.json"))));
    QVERIFY(bar->message().contains(QStringLiteral("could not be saved")));
}

QTEST_MAIN(CarrierProfileTest)
#include "carrier_profile_test.moc"
