// LineDialog on its own: every ExternalLine field is saved and loaded, each
// field is checked with the core's rule as it is typed (the reason shows
// under it, OK is disabled and accept() refuses), names are unique among
// lines and trunks, and the digest user name is previewed live.

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTest>
#include <QToolButton>

#include <optional>

#include "config/validation.h"
#include "dialog_helpers.h"
#include "dialogs/line_dialog.h"
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

/// Typed access to the dialog's widgets.
struct Form {
    explicit Form(const LineDialog& d)
        : name(child<QLineEdit>(d, "nameEdit")),
          domain(child<QLineEdit>(d, "domainEdit")),
          account(child<QLineEdit>(d, "accountEdit")),
          authId(child<QLineEdit>(d, "authIdEdit")),
          password(child<QLineEdit>(d, "passwordEdit")),
          showPassword(child<QToolButton>(d, "showPasswordButton")),
          authIncludesAddress(child<QCheckBox>(d, "authIncludesAddressCheck")),
          preview(child<QLabel>(d, "authNamePreview")),
          proxy(child<QLineEdit>(d, "proxyEdit")),
          proxyHint(child<QLabel>(d, "proxyHint")),
          transport(child<QComboBox>(d, "transportCombo")),
          registerCheck(child<QCheckBox>(d, "registerCheck")),
          expires(child<QSpinBox>(d, "expiresSpin")),
          disable100rel(child<QCheckBox>(d, "disable100relCheck")),
          userPhone(child<QCheckBox>(d, "userPhoneCheck")),
          incoming(child<QComboBox>(d, "incomingCombo")),
          enabled(child<QCheckBox>(d, "enabledCheck")),
          callerId(child<QLineEdit>(d, "callerIdEdit")),
          callerIdProblem(child<QLabel>(d, "callerIdProblem")),
          nameProblem(child<QLabel>(d, "nameProblem")),
          domainProblem(child<QLabel>(d, "domainProblem")),
          accountProblem(child<QLabel>(d, "accountProblem")),
          authIdProblem(child<QLabel>(d, "authIdProblem")),
          proxyProblem(child<QLabel>(d, "proxyProblem")) {
        auto* box = child<QDialogButtonBox>(d, "buttonBox");
        ok = box ? box->button(QDialogButtonBox::Ok) : nullptr;
    }
    bool complete() const {
        return name && domain && account && authId && password && showPassword && authIncludesAddress &&
               preview && proxy && proxyHint && transport && registerCheck && expires && disable100rel &&
               userPhone && incoming && enabled && nameProblem && domainProblem && accountProblem &&
               authIdProblem && proxyProblem && ok && callerId && callerIdProblem;
    }
    /// Fill a valid minimal line.
    void fillValid() const {
        type(name, QStringLiteral("new line"));
        type(domain, QStringLiteral("sip.example.net"));
        type(account, QStringLiteral("5551234"));
    }

    QLineEdit* name;
    QLineEdit* domain;
    QLineEdit* account;
    QLineEdit* authId;
    QLineEdit* password;
    QToolButton* showPassword;
    QCheckBox* authIncludesAddress;
    QLabel* preview;
    QLineEdit* proxy;
    QLabel* proxyHint;
    QComboBox* transport;
    QCheckBox* registerCheck;
    QSpinBox* expires;
    QCheckBox* disable100rel;
    QCheckBox* userPhone;
    QComboBox* incoming;
    QCheckBox* enabled;
    QLineEdit* callerId;
    QLabel* callerIdProblem;
    QLabel* nameProblem;
    QLabel* domainProblem;
    QLabel* accountProblem;
    QLabel* authIdProblem;
    QLabel* proxyProblem;
    QPushButton* ok = nullptr;
};

QString reason(const sb::config::Check& check) {
    return QString::fromStdString(check.value_or(""));
}

}  // namespace

class LineDialogTest : public QObject {
    Q_OBJECT

private slots:
    void newLineHasTheDefaults();
    void savesEveryField();
    void loadsEveryField();
    void badDomainIsRefusedWithTheReason();
    void badProxyIsRefusedWithTheReason();
    void badAccountAndAuthIdAreRefused();
    void nameIsUniqueAmongLinesAndTrunks();
    void previewsTheAuthorizationName();
    void passwordCanBeShown();
    void expiresFollowsRegister();
};

void LineDialogTest::newLineHasTheDefaults() {
    LineDialog dialog(sampleConfig(), std::nullopt);
    dialog.show();
    Form f(dialog);
    QVERIFY(f.complete());
    QCOMPARE(dialog.windowTitle(), QStringLiteral("Add external line"));
    QVERIFY(!dialog.isEditing());
    QVERIFY(f.userPhone->isChecked());  // carriers want user=phone: on by default
    QVERIFY(f.registerCheck->isChecked());
    QVERIFY(f.enabled->isChecked());
    QVERIFY(!f.disable100rel->isChecked());
    QVERIFY(!f.authIncludesAddress->isChecked());
    QCOMPARE(f.expires->value(), 600);
    QCOMPARE(f.expires->minimum(), 30);
    QCOMPARE(f.expires->maximum(), 86400);
    QCOMPARE(f.transport->currentText(), QStringLiteral("UDP"));
    QCOMPARE(f.incoming->currentData().toString(), QString());
    QCOMPARE(f.incoming->count(), 4);  // none + 100, 101, 102
    QVERIFY(f.proxyHint->text().contains(QStringLiteral("logical IMS domain")));
    QVERIFY(!f.ok->isEnabled());  // name, domain and account are required
    QVERIFY(showsProblem(f.nameProblem));
    QCOMPARE(f.nameProblem->text(), QStringLiteral("required"));

    f.fillValid();
    QVERIFY(f.ok->isEnabled());
    QCOMPARE(dialog.line(), [] {
        sb::store::ExternalLine expected;
        expected.name = "new line";
        expected.domain = "sip.example.net";
        expected.account = "5551234";
        return expected;
    }());
}

void LineDialogTest::savesEveryField() {
    LineDialog dialog(sampleConfig(), std::nullopt);
    dialog.show();
    Form f(dialog);
    QVERIFY(f.complete());

    sb::store::ExternalLine expected = imsLine("ctc");
    type(f.name, QStringLiteral("ctc"));
    type(f.domain, QStringLiteral("gd.ctcims.cn"));
    type(f.account, QStringLiteral("+8612345678"));
    type(f.authId, QStringLiteral("auth-8612345678"));
    type(f.password, QStringLiteral("s3cret pass"));
    clickBox(f.authIncludesAddress);
    type(f.proxy, QStringLiteral("10.20.30.40:5060"));
    f.transport->setCurrentIndex(f.transport->findText(QStringLiteral("TCP")));
    f.expires->setValue(1800);
    clickBox(f.registerCheck);
    clickBox(f.disable100rel);
    clickBox(f.userPhone);
    f.incoming->setCurrentIndex(f.incoming->findData(QStringLiteral("101")));
    clickBox(f.enabled);
    type(f.callerId, QStringLiteral("+8612345600 x"));
    QVERIFY(!f.ok->isEnabled());
    QVERIFY(!f.callerIdProblem->isHidden());
    QCOMPARE(f.callerIdProblem->text(),
             QString::fromStdString(sb::config::checkDidNumber("+8612345600 x").value_or("")));
    type(f.callerId, QStringLiteral("+8612345600"));

    QVERIFY(f.ok->isEnabled());
    screenshot(&dialog, "line_dialog");
    QSignalSpy accepted(&dialog, &QDialog::accepted);
    QTest::mouseClick(f.ok, Qt::LeftButton);
    QCOMPARE(accepted.count(), 1);
    QCOMPARE(dialog.line(), expected);
    QCOMPARE(dialog.originalName(), QString());
}

void LineDialogTest::loadsEveryField() {
    const sb::store::ExternalLine original = imsLine("ims");
    LineDialog dialog(sampleConfig(), original);
    dialog.show();
    Form f(dialog);
    QVERIFY(f.complete());
    QVERIFY(dialog.isEditing());
    QCOMPARE(dialog.originalName(), QStringLiteral("ims"));
    QCOMPARE(dialog.windowTitle(), QStringLiteral("Edit external line ims"));

    QCOMPARE(f.name->text(), QStringLiteral("ims"));
    QCOMPARE(f.domain->text(), QStringLiteral("gd.ctcims.cn"));
    QCOMPARE(f.account->text(), QStringLiteral("+8612345678"));
    QCOMPARE(f.authId->text(), QStringLiteral("auth-8612345678"));
    QCOMPARE(f.password->text(), QStringLiteral("s3cret pass"));
    QCOMPARE(f.password->echoMode(), QLineEdit::Password);
    QVERIFY(f.authIncludesAddress->isChecked());
    QCOMPARE(f.proxy->text(), QStringLiteral("10.20.30.40:5060"));
    QCOMPARE(f.transport->currentText(), QStringLiteral("TCP"));
    QVERIFY(!f.registerCheck->isChecked());
    QCOMPARE(f.expires->value(), 1800);
    QVERIFY(!f.expires->isEnabled());  // no registration, no interval
    QVERIFY(f.disable100rel->isChecked());
    QVERIFY(!f.userPhone->isChecked());
    QCOMPARE(f.incoming->currentData().toString(), QStringLiteral("101"));
    QCOMPARE(f.incoming->currentText(), QStringLiteral("101 — Sales"));
    QVERIFY(!f.enabled->isChecked());
    QCOMPARE(f.callerId->text(), QStringLiteral("+8612345600"));
    QVERIFY(f.ok->isEnabled());  // its own name is no duplicate
    QCOMPARE(dialog.line(), original);

    // Each transport and "none" round-trip as well.
    for (auto transport : {sb::store::Transport::Udp, sb::store::Transport::Tls}) {
        sb::store::ExternalLine other = original;
        other.transport = transport;
        other.incomingExtension.clear();
        LineDialog again(sampleConfig(), other);
        QCOMPARE(again.line(), other);
    }
    // Certificate checking only means something over TLS; unticked, it stays off.
    sb::store::ExternalLine tls = original;
    tls.transport = sb::store::Transport::Tls;
    tls.tlsVerify = false;
    LineDialog tlsDialog(sampleConfig(), tls);
    auto* verify = child<QCheckBox>(tlsDialog, "tlsVerifyCheck");
    QVERIFY(verify && verify->isEnabled() && !verify->isChecked());
    QCOMPARE(tlsDialog.line(), tls);
    QVERIFY(!child<QCheckBox>(dialog, "tlsVerifyCheck")->isEnabled());  // TCP
    QVERIFY(child<QCheckBox>(dialog, "tlsVerifyCheck")->isChecked());   // default on
    auto* transport = child<QComboBox>(tlsDialog, "transportCombo");
    transport->setCurrentIndex(transport->findText(QStringLiteral("UDP")));
    QVERIFY(!verify->isEnabled());
    // An extension that no longer exists is kept, not silently dropped.
    sb::store::ExternalLine orphan = original;
    orphan.incomingExtension = "199";
    LineDialog kept(sampleConfig(), orphan);
    QCOMPARE(kept.line().incomingExtension, std::string("199"));
}

void LineDialogTest::badDomainIsRefusedWithTheReason() {
    LineDialog dialog(sampleConfig(), std::nullopt);
    dialog.show();
    Form f(dialog);
    QVERIFY(f.complete());
    f.fillValid();
    QVERIFY(f.ok->isEnabled());

    type(f.domain, QStringLiteral("gd ctcims cn"));
    QVERIFY(!f.ok->isEnabled());
    QVERIFY(showsProblem(f.domainProblem));
    QCOMPARE(f.domainProblem->text(), reason(sb::config::checkDomain("gd ctcims cn")));
    QVERIFY(f.domainProblem->text().contains(QStringLiteral("expected a hostname")));
    QSignalSpy accepted(&dialog, &QDialog::accepted);
    dialog.accept();  // a programmatic accept is refused too
    QCOMPARE(accepted.count(), 0);
    QVERIFY(dialog.isVisible());

    type(f.domain, QStringLiteral("2001:db8::1"));  // IPv6 without brackets
    QVERIFY(f.domainProblem->text().contains(QStringLiteral("[2001:db8::1]")));
    type(f.domain, QStringLiteral("[2001:db8::1]"));
    QVERIFY(!f.domainProblem->isVisible());
    QVERIFY(f.ok->isEnabled());
}

void LineDialogTest::badProxyIsRefusedWithTheReason() {
    LineDialog dialog(sampleConfig(), std::nullopt);
    dialog.show();
    Form f(dialog);
    QVERIFY(f.complete());
    f.fillValid();

    type(f.proxy, QStringLiteral("bad host:99999"));
    QVERIFY(!f.ok->isEnabled());
    QVERIFY(showsProblem(f.proxyProblem));
    QVERIFY2(f.proxyProblem->text().startsWith(QStringLiteral("expected host[:port]")),
             qPrintable(f.proxyProblem->text()));
    QCOMPARE(f.proxyProblem->text(), reason(sb::config::checkHostPort("bad host:99999")));
    screenshot(&dialog, "line_dialog_bad_proxy");

    type(f.proxy, QStringLiteral("pcscf.example.net:99999"));
    QCOMPARE(f.proxyProblem->text(), QStringLiteral("expected host[:port] with port 1 to 65535"));
    QVERIFY(!f.ok->isEnabled());

    type(f.proxy, QStringLiteral("pcscf.example.net:5060"));
    QVERIFY(!f.proxyProblem->isVisible());
    QVERIFY(f.ok->isEnabled());
    type(f.proxy, QString());  // optional
    QVERIFY(f.ok->isEnabled());
}

void LineDialogTest::badAccountAndAuthIdAreRefused() {
    LineDialog dialog(sampleConfig(), std::nullopt);
    dialog.show();
    Form f(dialog);
    QVERIFY(f.complete());
    f.fillValid();

    type(f.account, QStringLiteral("+8612345678@gd.ctcims.cn"));
    QVERIFY(!f.ok->isEnabled());
    QCOMPARE(f.accountProblem->text(), reason(sb::config::checkAccount("+8612345678@gd.ctcims.cn")));
    QVERIFY(f.accountProblem->text().contains(QStringLiteral("domain field")));
    type(f.account, QStringLiteral("+8612345678"));
    QVERIFY(f.ok->isEnabled());

    type(f.authId, QStringLiteral("a\"b"));
    QVERIFY(!f.ok->isEnabled());
    QVERIFY(showsProblem(f.authIdProblem));
    QCOMPARE(f.authIdProblem->text(), reason(sb::config::checkAuthId("a\"b")));
    type(f.authId, QString());
    QVERIFY(f.ok->isEnabled());
}

void LineDialogTest::nameIsUniqueAmongLinesAndTrunks() {
    LineDialog dialog(sampleConfig(), std::nullopt);
    dialog.show();
    Form f(dialog);
    QVERIFY(f.complete());
    f.fillValid();

    type(f.name, QStringLiteral("carrier"));  // a trunk's name
    QVERIFY(!f.ok->isEnabled());
    QVERIFY(showsProblem(f.nameProblem));
    QCOMPARE(f.nameProblem->text(), QStringLiteral("\"carrier\" is already used by a SIP trunk"));
    QSignalSpy accepted(&dialog, &QDialog::accepted);
    dialog.accept();
    QCOMPARE(accepted.count(), 0);

    type(f.name, QStringLiteral("ims"));  // a line's name
    QCOMPARE(f.nameProblem->text(), QStringLiteral("\"ims\" is already used by an external line"));
    QVERIFY(!f.ok->isEnabled());

    type(f.name, QStringLiteral("ims2"));
    QVERIFY(!f.nameProblem->isVisible());
    QVERIFY(f.ok->isEnabled());

    // Editing "ims" keeps its own name but still may not take the trunk's.
    LineDialog edit(sampleConfig(), imsLine("ims"));
    edit.show();
    Form e(edit);
    QVERIFY(e.ok->isEnabled());
    type(e.name, QStringLiteral("carrier"));
    QVERIFY(!e.ok->isEnabled());
}

void LineDialogTest::previewsTheAuthorizationName() {
    LineDialog dialog(sampleConfig(), std::nullopt);
    dialog.show();
    Form f(dialog);
    QVERIFY(f.complete());
    type(f.account, QStringLiteral("+8612345678"));
    type(f.domain, QStringLiteral("gd.ctcims.cn"));
    QCOMPARE(dialog.authorizationName(), QStringLiteral("+8612345678"));
    QVERIFY2(f.preview->text().endsWith(QStringLiteral(": +8612345678")), qPrintable(f.preview->text()));

    // The seed notes' ZTE soft-switch: the full URI as the digest user name.
    clickBox(f.authIncludesAddress);
    QCOMPARE(dialog.authorizationName(), QStringLiteral("+8612345678@gd.ctcims.cn"));
    QVERIFY2(f.preview->text().contains(QStringLiteral("+8612345678@gd.ctcims.cn")),
             qPrintable(f.preview->text()));
    screenshot(&dialog, "line_dialog_auth_preview");

    // Live: it follows the domain as it is typed, and an authorization ID.
    type(f.domain, QStringLiteral("bj.chinamobile.com"));
    QVERIFY(f.preview->text().contains(QStringLiteral("+8612345678@bj.chinamobile.com")));
    type(f.authId, QStringLiteral("user77"));
    QVERIFY(f.preview->text().contains(QStringLiteral("user77@bj.chinamobile.com")));
    type(f.authId, QStringLiteral("user77@realm.example"));  // already has an address: kept as is
    QCOMPARE(dialog.authorizationName(), QStringLiteral("user77@realm.example"));
    clickBox(f.authIncludesAddress);
    type(f.authId, QStringLiteral("user77"));
    QCOMPARE(dialog.authorizationName(), QStringLiteral("user77"));
    QVERIFY(!f.preview->text().contains(QLatin1Char('@')));
}

void LineDialogTest::passwordCanBeShown() {
    LineDialog dialog(sampleConfig(), imsLine("ims"));
    dialog.show();
    Form f(dialog);
    QVERIFY(f.complete());
    QCOMPARE(f.password->echoMode(), QLineEdit::Password);
    QTest::mouseClick(f.showPassword, Qt::LeftButton);
    QCOMPARE(f.password->echoMode(), QLineEdit::Normal);
    QCOMPARE(f.showPassword->text(), QStringLiteral("Hide"));
    QTest::mouseClick(f.showPassword, Qt::LeftButton);
    QCOMPARE(f.password->echoMode(), QLineEdit::Password);
}

void LineDialogTest::expiresFollowsRegister() {
    LineDialog dialog(sampleConfig(), std::nullopt);
    dialog.show();
    Form f(dialog);
    QVERIFY(f.complete());
    QVERIFY(f.expires->isEnabled());
    clickBox(f.registerCheck);
    QVERIFY(!f.expires->isEnabled());
    clickBox(f.registerCheck);
    QVERIFY(f.expires->isEnabled());
    f.expires->setValue(10);  // clamped to the core's 30-86400
    QCOMPARE(f.expires->value(), 30);
}

QTEST_MAIN(LineDialogTest)
#include "line_dialog_test.moc"
