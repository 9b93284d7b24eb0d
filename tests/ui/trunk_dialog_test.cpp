// TrunkDialog on its own: every SipTrunk field is saved and loaded; the
// Request-URI parameter, allowed addresses, DIDs, host, proxy and name are
// checked with the core's rules as they are typed (reason under the field,
// OK disabled, accept() refused); names are unique among lines and trunks.

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableWidget>
#include <QTest>

#include <optional>

#include "config/validation.h"
#include "dialog_helpers.h"
#include "dialogs/trunk_dialog.h"
#include "fixtures.h"

using namespace sb::ui;
using namespace sb::ui::test;

namespace {

sb::store::Configuration sampleConfig() {
    sb::store::Configuration config;
    config.extensions = {extension("100", "Reception"), extension("101", "Sales"),
                         extension("102", "Support")};
    config.lines = {imsLine("ims")};
    config.trunks = {carrierTrunk("carrier")};
    return config;
}

QString reason(const sb::config::Check& check) {
    return QString::fromStdString(check.value_or(""));
}

/// Typed access to the dialog's widgets.
struct Form {
    explicit Form(const TrunkDialog& d)
        : name(child<QLineEdit>(d, "nameEdit")),
          host(child<QLineEdit>(d, "hostEdit")),
          port(child<QSpinBox>(d, "portSpin")),
          transport(child<QComboBox>(d, "transportCombo")),
          proxy(child<QLineEdit>(d, "proxyEdit")),
          params(child<QLineEdit>(d, "requestUriParamsEdit")),
          paramsHint(child<QLabel>(d, "requestUriParamsHint")),
          disable100rel(child<QCheckBox>(d, "disable100relCheck")),
          address(child<QLineEdit>(d, "allowedAddressEdit")),
          addAddress(child<QPushButton>(d, "addAddressButton")),
          addresses(child<QListWidget>(d, "allowedAddressList")),
          removeAddress(child<QPushButton>(d, "removeAddressButton")),
          addressHint(child<QLabel>(d, "allowedAddressHint")),
          dids(child<QTableWidget>(d, "didTable")),
          addDid(child<QPushButton>(d, "addDidButton")),
          removeDid(child<QPushButton>(d, "removeDidButton")),
          enabled(child<QCheckBox>(d, "enabledCheck")),
          authUser(child<QLineEdit>(d, "authUserEdit")),
          authPassword(child<QLineEdit>(d, "authPasswordEdit")),
          callerId(child<QLineEdit>(d, "callerIdEdit")),
          callerIdPrefix(child<QLineEdit>(d, "callerIdPrefixEdit")),
          defaultExtension(child<QComboBox>(d, "defaultExtensionCombo")),
          authProblem(child<QLabel>(d, "authProblem")),
          callerIdProblem(child<QLabel>(d, "callerIdProblem")),
          nameProblem(child<QLabel>(d, "nameProblem")),
          hostProblem(child<QLabel>(d, "hostProblem")),
          proxyProblem(child<QLabel>(d, "proxyProblem")),
          paramsProblem(child<QLabel>(d, "requestUriParamsProblem")),
          addressProblem(child<QLabel>(d, "allowedAddressProblem")),
          didProblem(child<QLabel>(d, "didProblem")) {
        auto* box = child<QDialogButtonBox>(d, "buttonBox");
        ok = box ? box->button(QDialogButtonBox::Ok) : nullptr;
    }
    bool complete() const {
        return name && host && port && transport && proxy && params && paramsHint && disable100rel &&
               address && addAddress && addresses && removeAddress && addressHint && dids && addDid &&
               removeDid && enabled && nameProblem && hostProblem && proxyProblem && paramsProblem &&
               addressProblem && didProblem && ok && authUser && authPassword && callerId && callerIdPrefix &&
               defaultExtension && authProblem && callerIdProblem;
    }
    void fillValid() const {
        type(name, QStringLiteral("peer"));
        type(host, QStringLiteral("198.51.100.9"));
    }
    /// Add a DID row as a user does: Add DID, type the number, pick the extension.
    void addDidRow(const QString& did, const QString& extension) const {
        QTest::mouseClick(addDid, Qt::LeftButton);
        const int row = dids->rowCount() - 1;
        if (auto* number = didEdit(row)) QTest::keyClicks(number, did);
        auto* combo = qobject_cast<QComboBox*>(dids->cellWidget(row, 1));
        if (combo) combo->setCurrentIndex(combo->findData(extension));
    }
    QLineEdit* didEdit(int row) const { return qobject_cast<QLineEdit*>(dids->cellWidget(row, 0)); }
    QString didAt(int row) const { return didEdit(row) ? didEdit(row)->text() : QString(); }
    QString extensionAt(int row) const {
        auto* combo = qobject_cast<QComboBox*>(dids->cellWidget(row, 1));
        return combo ? combo->currentData().toString() : QString();
    }

    QLineEdit* name;
    QLineEdit* host;
    QSpinBox* port;
    QComboBox* transport;
    QLineEdit* proxy;
    QLineEdit* params;
    QLabel* paramsHint;
    QCheckBox* disable100rel;
    QLineEdit* address;
    QPushButton* addAddress;
    QListWidget* addresses;
    QPushButton* removeAddress;
    QLabel* addressHint;
    QTableWidget* dids;
    QPushButton* addDid;
    QPushButton* removeDid;
    QCheckBox* enabled;
    QLineEdit* authUser;
    QLineEdit* authPassword;
    QLineEdit* callerId;
    QLineEdit* callerIdPrefix;
    QComboBox* defaultExtension;
    QLabel* authProblem;
    QLabel* callerIdProblem;
    QLabel* nameProblem;
    QLabel* hostProblem;
    QLabel* proxyProblem;
    QLabel* paramsProblem;
    QLabel* addressProblem;
    QLabel* didProblem;
    QPushButton* ok = nullptr;
};

}  // namespace

class TrunkDialogTest : public QObject {
    Q_OBJECT

private slots:
    void newTrunkHasTheDefaults();
    void savesEveryField();
    void loadsEveryField();
    void badRequestUriParamsAreRefused();
    void badAllowedAddressIsRefused();
    void badDidsAreRefused();
    void badHostAndProxyAreRefused();
    void nameIsUniqueAmongLinesAndTrunks();
    void tlsMovesTheDefaultPort();
    void badCredentialsAndCallerIdAreRefused();
};

void TrunkDialogTest::newTrunkHasTheDefaults() {
    TrunkDialog dialog(sampleConfig(), std::nullopt);
    dialog.show();
    Form f(dialog);
    QVERIFY(f.complete());
    QCOMPARE(dialog.windowTitle(), QStringLiteral("Add SIP trunk"));
    QCOMPARE(f.port->value(), 5060);
    QCOMPARE(f.transport->currentText(), QStringLiteral("UDP"));
    QVERIFY(f.enabled->isChecked());
    QVERIFY(!f.disable100rel->isChecked());
    QCOMPARE(f.addresses->count(), 0);
    QCOMPARE(f.dids->rowCount(), 0);
    QVERIFY(f.addressHint->text().contains(QStringLiteral("peer host's address")));
    QVERIFY(f.paramsHint->text().contains(QStringLiteral("user=phone")));
    QVERIFY(f.paramsHint->text().contains(QStringLiteral("cpc=ordinary;npdi")));
    QVERIFY(!f.ok->isEnabled());
    QCOMPARE(f.nameProblem->text(), QStringLiteral("required"));
    f.fillValid();
    QVERIFY(f.ok->isEnabled());
    QCOMPARE(dialog.trunk(), trunk("peer", "198.51.100.9", 5060));
}

void TrunkDialogTest::savesEveryField() {
    TrunkDialog dialog(sampleConfig(), std::nullopt);
    dialog.show();
    Form f(dialog);
    QVERIFY(f.complete());

    type(f.name, QStringLiteral("carrier2"));
    type(f.host, QStringLiteral("203.0.113.5"));
    f.transport->setCurrentIndex(f.transport->findText(QStringLiteral("TLS")));
    f.port->setValue(5080);
    type(f.proxy, QStringLiteral("sbc.example.net:5061"));
    type(f.params, QStringLiteral("cpc=ordinary;npdi"));
    clickBox(f.disable100rel);
    type(f.address, QStringLiteral("203.0.113.0/24"));
    QVERIFY(f.addAddress->isEnabled());
    QTest::mouseClick(f.addAddress, Qt::LeftButton);
    QCOMPARE(f.addresses->count(), 1);
    QVERIFY(f.address->text().isEmpty());
    // Typed but not added: still saved (and checked) on OK.
    type(f.address, QStringLiteral("2001:db8::7"));
    f.addDidRow(QStringLiteral("+8613901088888"), QStringLiteral("100"));
    f.addDidRow(QStringLiteral("02088886666"), QStringLiteral("102"));
    QCOMPARE(f.dids->rowCount(), 2);
    QCOMPARE(f.didAt(0), QStringLiteral("+8613901088888"));
    QCOMPARE(f.extensionAt(1), QStringLiteral("102"));
    clickBox(f.enabled);
    type(f.authUser, QStringLiteral("office-7"));
    type(f.authPassword, QStringLiteral("trunk secret"));
    type(f.callerId, QStringLiteral("+8610880000"));
    type(f.callerIdPrefix, QStringLiteral("+861088"));
    f.defaultExtension->setCurrentIndex(f.defaultExtension->findData(QStringLiteral("101")));

    QVERIFY2(f.ok->isEnabled(), qPrintable(f.didProblem->text() + f.addressProblem->text()));
    screenshot(&dialog, "trunk_dialog");
    QSignalSpy accepted(&dialog, &QDialog::accepted);
    QTest::mouseClick(f.ok, Qt::LeftButton);
    QCOMPARE(accepted.count(), 1);
    QCOMPARE(dialog.trunk(), carrierTrunk("carrier2"));
}

void TrunkDialogTest::loadsEveryField() {
    const sb::store::SipTrunk original = carrierTrunk("carrier");
    TrunkDialog dialog(sampleConfig(), original);
    dialog.show();
    Form f(dialog);
    QVERIFY(f.complete());
    QVERIFY(dialog.isEditing());
    QCOMPARE(dialog.originalName(), QStringLiteral("carrier"));
    QCOMPARE(dialog.windowTitle(), QStringLiteral("Edit SIP trunk carrier"));

    QCOMPARE(f.name->text(), QStringLiteral("carrier"));
    QCOMPARE(f.host->text(), QStringLiteral("203.0.113.5"));
    QCOMPARE(f.port->value(), 5080);
    QCOMPARE(f.transport->currentText(), QStringLiteral("TLS"));
    QCOMPARE(f.proxy->text(), QStringLiteral("sbc.example.net:5061"));
    QCOMPARE(f.params->text(), QStringLiteral("cpc=ordinary;npdi"));
    QVERIFY(f.disable100rel->isChecked());
    QCOMPARE(f.addresses->count(), 2);
    QCOMPARE(f.addresses->item(0)->text(), QStringLiteral("203.0.113.0/24"));
    QCOMPARE(f.addresses->item(1)->text(), QStringLiteral("2001:db8::7"));
    QVERIFY(f.address->text().isEmpty());
    QCOMPARE(f.dids->rowCount(), 2);
    QCOMPARE(f.didAt(0), QStringLiteral("+8613901088888"));  // map order
    QCOMPARE(f.extensionAt(0), QStringLiteral("100"));
    QCOMPARE(f.didAt(1), QStringLiteral("02088886666"));
    QCOMPARE(f.extensionAt(1), QStringLiteral("102"));
    QVERIFY(!f.enabled->isChecked());
    QCOMPARE(f.authUser->text(), QStringLiteral("office-7"));
    QCOMPARE(f.authPassword->text(), QStringLiteral("trunk secret"));
    QCOMPARE(f.callerId->text(), QStringLiteral("+8610880000"));
    QCOMPARE(f.callerIdPrefix->text(), QStringLiteral("+861088"));
    QCOMPARE(f.defaultExtension->currentData().toString(), QStringLiteral("101"));
    QVERIFY(f.ok->isEnabled());
    QCOMPARE(dialog.trunk(), original);

    // Remove an address and a DID.
    f.addresses->setCurrentRow(0);
    QVERIFY(f.removeAddress->isEnabled());
    QTest::mouseClick(f.removeAddress, Qt::LeftButton);
    f.dids->selectRow(1);
    QVERIFY(f.removeDid->isEnabled());
    QTest::mouseClick(f.removeDid, Qt::LeftButton);
    sb::store::SipTrunk expected = original;
    expected.allowedAddresses = {"2001:db8::7"};
    expected.dids.erase("02088886666");
    QCOMPARE(dialog.trunk(), expected);

    // A DID ringing an extension that no longer exists is shown, and refused.
    sb::store::SipTrunk orphan = original;
    orphan.dids["+8613901099999"] = "199";
    TrunkDialog stale(sampleConfig(), orphan);
    stale.show();
    Form s(stale);
    QCOMPARE(stale.trunk(), orphan);
    QVERIFY(!s.ok->isEnabled());
    QCOMPARE(s.didProblem->text(), QStringLiteral("DID +8613901099999: no extension 199"));
}

void TrunkDialogTest::badCredentialsAndCallerIdAreRefused() {
    TrunkDialog dialog(sampleConfig(), std::nullopt);
    dialog.show();
    Form f(dialog);
    f.fillValid();
    type(f.authPassword, QStringLiteral("secret"));
    QVERIFY(!f.ok->isEnabled());
    QCOMPARE(f.authProblem->text(), QStringLiteral("a password needs an auth user"));
    type(f.authUser, QStringLiteral("has blank"));
    QVERIFY(!f.ok->isEnabled());
    QCOMPARE(f.authProblem->text(), reason(sb::config::checkAuthId("has blank")));
    type(f.authUser, QStringLiteral("office"));
    QVERIFY(f.ok->isEnabled());
    QVERIFY(f.authProblem->isHidden());

    type(f.callerId, QStringLiteral("+86 10"));
    QVERIFY(!f.ok->isEnabled());
    QCOMPARE(f.callerIdProblem->text(),
             QStringLiteral("presented number: %1").arg(reason(sb::config::checkDidNumber("+86 10"))));
    type(f.callerId, QString());
    type(f.callerIdPrefix, QStringLiteral("86a"));
    QVERIFY(!f.ok->isEnabled());
    QVERIFY(f.callerIdProblem->text().startsWith(QStringLiteral("prefix: ")));
    type(f.callerIdPrefix, QStringLiteral("+86"));
    QVERIFY(f.ok->isEnabled());
    dialog.accept();
    QCOMPARE(dialog.trunk().callerIdPrefix, std::string("+86"));
}

void TrunkDialogTest::badRequestUriParamsAreRefused() {
    TrunkDialog dialog(sampleConfig(), std::nullopt);
    dialog.show();
    Form f(dialog);
    QVERIFY(f.complete());
    f.fillValid();
    QSignalSpy accepted(&dialog, &QDialog::accepted);

    for (const char* bad :
         {";user=phone", "user=phone;;npdi", "user=ph one", "user=", "cpc=ordinary;npdi;"}) {
        type(f.params, QString::fromLatin1(bad));
        QVERIFY2(!f.ok->isEnabled(), bad);
        QVERIFY2(showsProblem(f.paramsProblem), bad);
        QCOMPARE(f.paramsProblem->text(), reason(sb::config::checkUriParams(bad)));
        QVERIFY(f.paramsProblem->text().startsWith(QStringLiteral("expected name[=value](;name[=value])*")));
        dialog.accept();
        QCOMPARE(accepted.count(), 0);
    }
    screenshot(&dialog, "trunk_dialog_bad_params");
    for (const char* good : {"user=phone", "cpc=ordinary;npdi", ""}) {
        type(f.params, QString::fromLatin1(good));
        QVERIFY2(f.ok->isEnabled(), good);
        QVERIFY(!f.paramsProblem->isVisible());
    }
}

void TrunkDialogTest::badAllowedAddressIsRefused() {
    TrunkDialog dialog(sampleConfig(), std::nullopt);
    dialog.show();
    Form f(dialog);
    QVERIFY(f.complete());
    f.fillValid();

    type(f.address, QStringLiteral("203.0.113.300"));
    QVERIFY(!f.addAddress->isEnabled());
    QVERIFY(!f.ok->isEnabled());  // text left in the field counts
    QVERIFY(showsProblem(f.addressProblem));
    QCOMPARE(f.addressProblem->text(),
             QStringLiteral("203.0.113.300: ") + reason(sb::config::checkAddress("203.0.113.300")));
    QTest::keyClick(f.address, Qt::Key_Return);  // Enter does not add it either
    QCOMPARE(f.addresses->count(), 0);

    type(f.address, QStringLiteral("10.0.0.0/33"));
    QVERIFY(f.addressProblem->text().contains(QStringLiteral("prefix length from 0 to 32")));
    QVERIFY(!f.ok->isEnabled());

    type(f.address, QStringLiteral("10.0.0.0/8"));
    QVERIFY(f.addAddress->isEnabled());
    QVERIFY(f.ok->isEnabled());
    QTest::keyClick(f.address, Qt::Key_Return);  // Enter adds
    QCOMPARE(f.addresses->count(), 1);
    type(f.address, QStringLiteral("10.0.0.0/8"));
    QCOMPARE(f.addressProblem->text(), QStringLiteral("10.0.0.0/8 is already listed"));
    QVERIFY(!f.ok->isEnabled());
    type(f.address, QString());
    QVERIFY(f.ok->isEnabled());
    QCOMPARE(dialog.trunk().allowedAddresses, std::vector<std::string>{"10.0.0.0/8"});
}

void TrunkDialogTest::badDidsAreRefused() {
    TrunkDialog dialog(sampleConfig(), std::nullopt);
    dialog.show();
    Form f(dialog);
    QVERIFY(f.complete());
    f.fillValid();

    QTest::mouseClick(f.addDid, Qt::LeftButton);  // an empty row
    QVERIFY(!f.ok->isEnabled());
    QCOMPARE(f.didProblem->text(), QStringLiteral("Row 1: enter the DID number"));
    type(f.didEdit(0), QStringLiteral("12a"));
    QVERIFY(!f.ok->isEnabled());
    QVERIFY(showsProblem(f.didProblem));
    QCOMPARE(f.didProblem->text(), QStringLiteral("DID 12a: ") + reason(sb::config::checkDidNumber("12a")));
    type(f.didEdit(0), QStringLiteral("+8613901088888"));
    QVERIFY(f.ok->isEnabled());
    QCOMPARE(f.extensionAt(0), QStringLiteral("100"));  // the first extension by default

    f.addDidRow(QStringLiteral("+8613901088888"), QStringLiteral("101"));
    QCOMPARE(f.didProblem->text(), QStringLiteral("DID +8613901088888 is listed twice"));
    QVERIFY(!f.ok->isEnabled());
    type(f.didEdit(1), QStringLiteral("+8613901088889"));
    QVERIFY(f.ok->isEnabled());
    std::map<std::string, std::string> expected{{"+8613901088888", "100"}, {"+8613901088889", "101"}};
    QCOMPARE(dialog.trunk().dids, expected);

    // Without extensions there is nothing a DID could ring.
    sb::store::Configuration empty = sampleConfig();
    empty.extensions.clear();
    TrunkDialog none(empty, std::nullopt);
    none.show();
    Form n(none);
    n.fillValid();
    n.addDidRow(QStringLiteral("+8613901088888"), QString());
    QVERIFY(!n.ok->isEnabled());
    QVERIFY(n.didProblem->text().contains(QStringLiteral("no extension to ring")));
}

void TrunkDialogTest::badHostAndProxyAreRefused() {
    TrunkDialog dialog(sampleConfig(), std::nullopt);
    dialog.show();
    Form f(dialog);
    QVERIFY(f.complete());
    f.fillValid();

    type(f.host, QStringLiteral("192.0.2.300"));
    QVERIFY(!f.ok->isEnabled());
    QCOMPARE(f.hostProblem->text(), reason(sb::config::checkDomain("192.0.2.300")));
    type(f.host, QStringLiteral("sip.carrier.example"));
    QVERIFY(f.ok->isEnabled());

    type(f.proxy, QStringLiteral("bad host:99999"));
    QVERIFY(!f.ok->isEnabled());
    QVERIFY(showsProblem(f.proxyProblem));
    QVERIFY(f.proxyProblem->text().startsWith(QStringLiteral("expected host[:port]")));
    type(f.proxy, QString());  // optional
    QVERIFY(f.ok->isEnabled());
}

void TrunkDialogTest::nameIsUniqueAmongLinesAndTrunks() {
    TrunkDialog dialog(sampleConfig(), std::nullopt);
    dialog.show();
    Form f(dialog);
    QVERIFY(f.complete());
    f.fillValid();
    type(f.name, QStringLiteral("ims"));
    QVERIFY(!f.ok->isEnabled());
    QCOMPARE(f.nameProblem->text(), QStringLiteral("\"ims\" is already used by an external line"));
    type(f.name, QStringLiteral("carrier"));
    QCOMPARE(f.nameProblem->text(), QStringLiteral("\"carrier\" is already used by a SIP trunk"));
    QSignalSpy accepted(&dialog, &QDialog::accepted);
    dialog.accept();
    QCOMPARE(accepted.count(), 0);
    type(f.name, QStringLiteral(" padded"));  // trimmed, like the other text fields
    QVERIFY(f.ok->isEnabled());
    QCOMPARE(dialog.trunk().name, std::string("padded"));

    TrunkDialog edit(sampleConfig(), carrierTrunk("carrier"));
    edit.show();
    Form e(edit);
    QVERIFY(e.ok->isEnabled());  // its own name
}

void TrunkDialogTest::tlsMovesTheDefaultPort() {
    TrunkDialog dialog(sampleConfig(), std::nullopt);
    dialog.show();
    Form f(dialog);
    QVERIFY(f.complete());
    const int tls = f.transport->findText(QStringLiteral("TLS"));
    const int udp = f.transport->findText(QStringLiteral("UDP"));
    f.transport->setCurrentIndex(tls);
    emit f.transport->activated(tls);  // as a user's choice does
    QCOMPARE(f.port->value(), 5061);
    f.transport->setCurrentIndex(udp);
    emit f.transport->activated(udp);
    QCOMPARE(f.port->value(), 5060);
    f.port->setValue(5080);  // a port of the user's own stays
    f.transport->setCurrentIndex(tls);
    emit f.transport->activated(tls);
    QCOMPARE(f.port->value(), 5080);
}

QTEST_MAIN(TrunkDialogTest)
#include "trunk_dialog_test.moc"
