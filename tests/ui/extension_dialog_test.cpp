// ExtensionDialog on its own: every field is checked with the core's rules
// as it is typed, the reason shows under the field, and OK is disabled (and
// accept() refuses) until the input is acceptable.

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSet>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTest>
#include <QToolButton>

#include <optional>

#include "config/validation.h"
#include "dialogs/extension_dialog.h"
#include "dialogs/password_strength.h"
#include "fixtures.h"

using namespace sb::ui;
using namespace sb::ui::test;

namespace {

const QStringList kExisting{QStringLiteral("100"), QStringLiteral("101"), QStringLiteral("102")};

/// Typed access to the dialog's widgets, failing loudly when one is missing.
struct Form {
    explicit Form(ExtensionDialog& d)
        : number(d.findChild<QLineEdit*>(QStringLiteral("numberEdit"))),
          name(d.findChild<QLineEdit*>(QStringLiteral("nameEdit"))),
          password(d.findChild<QLineEdit*>(QStringLiteral("passwordEdit"))),
          numberProblem(d.findChild<QLabel*>(QStringLiteral("numberProblem"))),
          nameProblem(d.findChild<QLabel*>(QStringLiteral("nameProblem"))),
          passwordProblem(d.findChild<QLabel*>(QStringLiteral("passwordProblem"))),
          strength(d.findChild<QLabel*>(QStringLiteral("passwordStrength"))),
          generate(d.findChild<QPushButton*>(QStringLiteral("generatePasswordButton"))),
          show(d.findChild<QToolButton*>(QStringLiteral("showPasswordButton"))),
          enabled(d.findChild<QCheckBox*>(QStringLiteral("enabledCheck"))),
          qualify(d.findChild<QCheckBox*>(QStringLiteral("qualifyCheck"))) {
        auto* box = d.findChild<QDialogButtonBox*>(QStringLiteral("buttonBox"));
        ok = box ? box->button(QDialogButtonBox::Ok) : nullptr;
    }
    bool complete() const {
        return number && name && password && numberProblem && nameProblem && passwordProblem && strength &&
               generate && show && enabled && qualify && ok;
    }
    /// Replace a field's text the way a user would.
    static void type(QLineEdit* edit, const QString& text) {
        edit->selectAll();
        QTest::keyClick(edit, Qt::Key_Backspace);
        QTest::keyClicks(edit, text);
    }

    QLineEdit* number;
    QLineEdit* name;
    QLineEdit* password;
    QLabel* numberProblem;
    QLabel* nameProblem;
    QLabel* passwordProblem;
    QLabel* strength;
    QPushButton* generate;
    QToolButton* show;
    QCheckBox* enabled;
    QCheckBox* qualify;
    QPushButton* ok = nullptr;
};

/// With SB_UI_SCREENSHOT_DIR set, save a picture of @p widget there.
void screenshot(QWidget* widget, const char* name) {
    const QString dir = qEnvironmentVariable("SB_UI_SCREENSHOT_DIR");
    if (dir.isEmpty()) return;
    QCoreApplication::processEvents();
    widget->grab().save(QStringLiteral("%1/%2.png").arg(dir, QLatin1String(name)));
}

/// A visible problem: shown (the dialog is up) and saying something.
bool showsProblem(const QLabel* label) {
    return label->isVisible() && !label->text().isEmpty();
}

}  // namespace

class ExtensionDialogTest : public QObject {
    Q_OBJECT

private slots:
    void emptyNumberIsRefused();
    void lettersInNumberAreRefused();
    void duplicateNumberIsRefusedWithReason();
    void editingKeepsItsOwnNumber();
    void emptyPasswordIsRefused();
    void weakPasswordIsAcceptedWithWarning();
    void generatedPasswordIsStrong();
    void displayNameUsesCoreTextCheck();
    void returnsTheExtension();
    void strengthRules();
    void voicemailRoundTrips();
    void voicemailPinIsRefusedWithReason();
};

void ExtensionDialogTest::emptyNumberIsRefused() {
    ExtensionDialog dialog(kExisting, std::nullopt);
    dialog.show();
    Form f(dialog);
    QVERIFY(f.complete());
    QCOMPARE(dialog.windowTitle(), QStringLiteral("Add extension"));
    QTest::keyClicks(f.password, QStringLiteral("Corr3ct-Horse-Battery"));

    QVERIFY(f.number->text().isEmpty());
    QVERIFY(!f.ok->isEnabled());
    QVERIFY(showsProblem(f.numberProblem));
    QCOMPARE(f.numberProblem->text(),
             QStringLiteral("required"));  // sb::config::checkExtensionNumber's reason

    QSignalSpy accepted(&dialog, &QDialog::accepted);
    dialog.accept();  // programmatic accept is refused as well
    QCOMPARE(accepted.count(), 0);
    QVERIFY(dialog.isVisible());

    QTest::keyClicks(f.number, QStringLiteral("150"));
    QVERIFY(!f.numberProblem->isVisible());
    QVERIFY(f.ok->isEnabled());
    QTest::mouseClick(f.ok, Qt::LeftButton);
    QCOMPARE(accepted.count(), 1);
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
}

void ExtensionDialogTest::lettersInNumberAreRefused() {
    ExtensionDialog dialog(kExisting, std::nullopt);
    dialog.show();
    Form f(dialog);
    QVERIFY(f.complete());
    QTest::keyClicks(f.password, QStringLiteral("Corr3ct-Horse-Battery"));
    QTest::keyClicks(f.number, QStringLiteral("10a"));
    QVERIFY(!f.ok->isEnabled());
    QVERIFY(showsProblem(f.numberProblem));
    QVERIFY2(f.numberProblem->text().contains(QStringLiteral("digits")), qPrintable(f.numberProblem->text()));

    Form::type(f.number, QString(16, QLatin1Char('1')));  // longer than E.164
    QVERIFY(!f.ok->isEnabled());
    QVERIFY2(f.numberProblem->text().contains(QStringLiteral("15")), qPrintable(f.numberProblem->text()));
}

void ExtensionDialogTest::duplicateNumberIsRefusedWithReason() {
    ExtensionDialog dialog(kExisting, std::nullopt);
    dialog.show();
    Form f(dialog);
    QVERIFY(f.complete());
    QTest::keyClicks(f.password, QStringLiteral("Corr3ct-Horse-Battery"));
    QTest::keyClicks(f.number, QStringLiteral("101"));
    QVERIFY(!f.ok->isEnabled());
    QVERIFY(showsProblem(f.numberProblem));
    QCOMPARE(f.numberProblem->text(), QStringLiteral("101 is already used by another extension"));
    screenshot(&dialog, "extension_dialog_duplicate");

    QSignalSpy accepted(&dialog, &QDialog::accepted);
    QTest::keyClick(f.number, Qt::Key_Return);  // Enter does not get past the check either
    dialog.accept();
    QCOMPARE(accepted.count(), 0);

    QTest::keyClick(f.number, Qt::Key_Backspace);
    QTest::keyClicks(f.number, QStringLiteral("9"));  // 109 is free
    QVERIFY(!f.numberProblem->isVisible());
    QVERIFY(f.ok->isEnabled());
}

void ExtensionDialogTest::editingKeepsItsOwnNumber() {
    const auto original = extension("101", "Bob");
    ExtensionDialog dialog(kExisting, original);
    dialog.show();
    Form f(dialog);
    QVERIFY(f.complete());
    QVERIFY(dialog.isEditing());
    QCOMPARE(dialog.originalNumber(), QStringLiteral("101"));
    QCOMPARE(dialog.windowTitle(), QStringLiteral("Edit extension 101"));
    QCOMPARE(f.number->text(), QStringLiteral("101"));
    QCOMPARE(f.password->text(), QString::fromStdString(original.password));
    QCOMPARE(f.password->echoMode(), QLineEdit::Password);
    QVERIFY(!f.numberProblem->isVisible());
    QVERIFY(f.ok->isEnabled());

    Form::type(f.number, QStringLiteral("100"));  // another extension's number
    QVERIFY(!f.ok->isEnabled());
    QVERIFY(showsProblem(f.numberProblem));
    Form::type(f.number, QStringLiteral("101"));  // back to its own
    QVERIFY(f.ok->isEnabled());
    QVERIFY(!f.numberProblem->isVisible());

    Form::type(f.name, QStringLiteral("Robert"));
    QTest::mouseClick(f.ok, Qt::LeftButton);
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    auto expected = original;
    expected.name = "Robert";
    QCOMPARE(dialog.extension(), expected);
}

void ExtensionDialogTest::emptyPasswordIsRefused() {
    ExtensionDialog dialog(kExisting, extension("100", "Alice"));
    dialog.show();
    Form f(dialog);
    QVERIFY(f.complete());
    QVERIFY(f.ok->isEnabled());
    f.password->clear();
    QVERIFY(!f.ok->isEnabled());
    QVERIFY(showsProblem(f.passwordProblem));
    QCOMPARE(f.passwordProblem->text(), QStringLiteral("required"));  // sb::config::checkPassword's reason
    QVERIFY(!f.strength->isVisible());

    // Control characters would break the SIP digest: the core's text check.
    QTest::keyClicks(f.password, QStringLiteral("abc"));
    f.password->insert(QStringLiteral("\t"));
    QVERIFY(!f.ok->isEnabled());
    QVERIFY2(f.passwordProblem->text().contains(QStringLiteral("control")),
             qPrintable(f.passwordProblem->text()));
}

void ExtensionDialogTest::weakPasswordIsAcceptedWithWarning() {
    ExtensionDialog dialog(kExisting, std::nullopt);
    dialog.show();
    Form f(dialog);
    QVERIFY(f.complete());
    QTest::keyClicks(f.number, QStringLiteral("150"));
    QTest::keyClicks(f.password, QStringLiteral("1234"));
    QVERIFY(!f.passwordProblem->isVisible());
    QVERIFY(f.strength->isVisible());
    QCOMPARE(f.strength->property("strength").toString(), QStringLiteral("weak"));
    QVERIFY2(f.strength->text().contains(QStringLiteral("weak")), qPrintable(f.strength->text()));
    QVERIFY(f.ok->isEnabled());  // a warning, not a refusal
    screenshot(&dialog, "extension_dialog_weak");
    QTest::mouseClick(f.ok, Qt::LeftButton);
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    QCOMPARE(dialog.extension().password, std::string("1234"));
}

void ExtensionDialogTest::generatedPasswordIsStrong() {
    ExtensionDialog dialog(kExisting, std::nullopt);
    dialog.show();
    Form f(dialog);
    QVERIFY(f.complete());
    QCOMPARE(f.password->echoMode(), QLineEdit::Password);
    QTest::mouseClick(f.generate, Qt::LeftButton);
    const QString first = f.password->text();
    QCOMPARE(first.size(), qsizetype(kGeneratedPasswordLength));
    QCOMPARE(passwordStrength(first), PasswordStrength::Strong);
    QCOMPARE(f.strength->property("strength").toString(), QStringLiteral("strong"));
    QVERIFY(!f.passwordProblem->isVisible());
    // Generating shows the password so it can be typed into the phone.
    QCOMPARE(f.password->echoMode(), QLineEdit::Normal);
    QVERIFY(f.show->isChecked());
    QTest::mouseClick(f.show, Qt::LeftButton);
    QCOMPARE(f.password->echoMode(), QLineEdit::Password);

    QTest::mouseClick(f.generate, Qt::LeftButton);
    QVERIFY(f.password->text() != first);

    // Many draws: always strong, always of the safe alphabet, never repeated.
    QSet<QString> seen;
    for (int i = 0; i < 500; ++i) {
        const QString p = generatePassword();
        QCOMPARE(passwordStrength(p), PasswordStrength::Strong);
        for (const QChar c : p)
            QVERIFY2(c.isLetterOrNumber() || QStringLiteral("-_.+=!*#").contains(c), qPrintable(p));
        QVERIFY(!sb::config::checkPassword(p.toStdString()));
        seen.insert(p);
    }
    QCOMPARE(seen.size(), qsizetype(500));
}

void ExtensionDialogTest::displayNameUsesCoreTextCheck() {
    ExtensionDialog dialog(kExisting, extension("100", "Alice"));
    dialog.show();
    Form f(dialog);
    QVERIFY(f.complete());
    f.name->clear();  // a display name is optional
    QVERIFY(f.ok->isEnabled());
    QVERIFY(!f.nameProblem->isVisible());
    QTest::keyClicks(f.name, QString(65, QLatin1Char('a')));
    QVERIFY(!f.ok->isEnabled());
    QVERIFY(showsProblem(f.nameProblem));
    QVERIFY2(f.nameProblem->text().contains(QStringLiteral("64")), qPrintable(f.nameProblem->text()));
    f.name->setText(QStringLiteral("Zoë (reception)"));  // QTest::keyClicks() types Latin-1 only
    QVERIFY(f.ok->isEnabled());
    QCOMPARE(dialog.extension().name, std::string("Zo\xc3\xab (reception)"));
}

void ExtensionDialogTest::returnsTheExtension() {
    ExtensionDialog dialog(kExisting, std::nullopt);
    dialog.show();
    Form f(dialog);
    QVERIFY(f.complete());
    QVERIFY(f.enabled->isChecked());  // the record's defaults
    QVERIFY(!f.qualify->isChecked());
    QTest::keyClicks(f.number, QStringLiteral(" 150 "));  // pasted with blanks
    QTest::keyClicks(f.name, QStringLiteral("Reception"));
    QTest::keyClicks(f.password, QStringLiteral("Corr3ct-Horse-Battery"));
    f.enabled->setChecked(false);
    f.qualify->setChecked(true);
    QVERIFY(f.ok->isEnabled());
    QTest::mouseClick(f.ok, Qt::LeftButton);
    QCOMPARE(dialog.result(), int(QDialog::Accepted));

    sb::store::Extension expected;
    expected.number = "150";
    expected.name = "Reception";
    expected.password = "Corr3ct-Horse-Battery";
    expected.enabled = false;
    expected.qualify = true;
    QCOMPARE(dialog.extension(), expected);
}

void ExtensionDialogTest::strengthRules() {
    QCOMPARE(passwordStrength(QString()), PasswordStrength::Weak);
    QCOMPARE(passwordStrength(QStringLiteral("secret")), PasswordStrength::Weak);
    QCOMPARE(passwordStrength(QStringLiteral("12345678")), PasswordStrength::Weak);  // one class
    QCOMPARE(passwordStrength(QStringLiteral("secret12")), PasswordStrength::Fair);
    QCOMPARE(passwordStrength(QStringLiteral("aaaaaaaaaaaaaaaa")), PasswordStrength::Fair);  // long, plain
    QCOMPARE(passwordStrength(QStringLiteral("Secret12secret")), PasswordStrength::Strong);
    QCOMPARE(passwordStrength(QStringLiteral("correct horse battery staple")), PasswordStrength::Strong);
    QCOMPARE(passwordStrengthName(PasswordStrength::Fair), QStringLiteral("fair"));
}

void ExtensionDialogTest::voicemailRoundTrips() {
    sb::store::Extension original;
    original.number = "101";
    original.name = "Sales";
    original.password = "Corr3ct-Horse-Battery";
    original.voicemail = true;
    original.voicemailPin = "4321";
    original.voicemailGreeting = "/srv/greetings/sales.wav";
    original.voicemailMaxS = 300;
    original.ringTimeoutS = 45;  // not in the dialog: kept as it was
    ExtensionDialog dialog(kExisting, original);
    dialog.show();
    auto* enabled = dialog.findChild<QCheckBox*>(QStringLiteral("voicemailCheck"));
    auto* pin = dialog.findChild<QLineEdit*>(QStringLiteral("voicemailPinEdit"));
    auto* greeting = dialog.findChild<QLineEdit*>(QStringLiteral("voicemailGreetingEdit"));
    auto* maxLength = dialog.findChild<QSpinBox*>(QStringLiteral("voicemailMaxLengthSpin"));
    QVERIFY(enabled && pin && greeting && maxLength);
    QVERIFY(dialog.findChild<QPushButton*>(QStringLiteral("voicemailGreetingBrowse")));
    QVERIFY(enabled->isChecked());
    QCOMPARE(pin->text(), QStringLiteral("4321"));
    QCOMPARE(QDir::fromNativeSeparators(greeting->text()), QStringLiteral("/srv/greetings/sales.wav"));
    QCOMPARE(maxLength->value(), 300);
    QCOMPARE(dialog.extension(), original);  // nothing lost on the way through

    QTest::mouseClick(enabled, Qt::LeftButton, {}, QPoint(6, enabled->height() / 2));
    QVERIFY(!enabled->isChecked());
    Form::type(pin, QStringLiteral("000123456789"));  // 12 digits, leading zeros kept
    Form::type(greeting, QString());                  // the standard prompt
    maxLength->setValue(4000);                        // held at the engine's limit
    QCOMPARE(maxLength->value(), 3600);
    maxLength->setValue(1);
    QCOMPARE(maxLength->value(), 5);
    Form f(dialog);
    QVERIFY(f.ok->isEnabled());
    QTest::mouseClick(f.ok, Qt::LeftButton);
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    sb::store::Extension expected = original;
    expected.voicemail = false;
    expected.voicemailPin = "000123456789";
    expected.voicemailGreeting.clear();
    expected.voicemailMaxS = 5;
    QCOMPARE(dialog.extension(), expected);

    // A new extension gets the record's defaults: no mailbox, 120 s.
    ExtensionDialog added(kExisting, std::nullopt);
    QVERIFY(!added.findChild<QCheckBox*>(QStringLiteral("voicemailCheck"))->isChecked());
    QCOMPARE(added.findChild<QSpinBox*>(QStringLiteral("voicemailMaxLengthSpin"))->value(), 120);
}

void ExtensionDialogTest::voicemailPinIsRefusedWithReason() {
    ExtensionDialog dialog(kExisting, std::nullopt);
    dialog.show();
    Form f(dialog);
    QTest::keyClicks(f.number, QStringLiteral("150"));
    QTest::keyClicks(f.password, QStringLiteral("Corr3ct-Horse-Battery"));
    auto* pin = dialog.findChild<QLineEdit*>(QStringLiteral("voicemailPinEdit"));
    auto* problem = dialog.findChild<QLabel*>(QStringLiteral("voicemailPinProblem"));
    QVERIFY(pin && problem);
    QVERIFY(f.ok->isEnabled());
    QVERIFY(!showsProblem(problem));

    // Refused even with the mailbox off: the engine would refuse it too.
    Form::type(pin, QStringLiteral("12a4"));
    QVERIFY(showsProblem(problem));
    QVERIFY2(problem->text().contains(QStringLiteral("digits")), qPrintable(problem->text()));
    QVERIFY(!f.ok->isEnabled());
    QSignalSpy accepted(&dialog, &QDialog::accepted);
    dialog.accept();
    QCOMPARE(accepted.count(), 0);

    Form::type(pin, QStringLiteral("1234567890123"));  // 13 digits
    QVERIFY(showsProblem(problem));
    QVERIFY2(problem->text().contains(QStringLiteral("12")), qPrintable(problem->text()));
    QVERIFY(!f.ok->isEnabled());

    Form::type(pin, QStringLiteral("2580"));
    QVERIFY(!showsProblem(problem));
    QVERIFY(f.ok->isEnabled());

    // What the dialog accepts, the engine's validation accepts.
    sb::store::Configuration config;
    sb::store::Extension e = dialog.extension();
    e.voicemail = true;
    config.extensions.push_back(e);
    const auto problems = sb::config::validate(config);
    for (const auto& p : problems)
        QVERIFY2(p.path.find("voicemail") == std::string::npos, p.toString().c_str());
}

QTEST_MAIN(ExtensionDialogTest)
#include "extension_dialog_test.moc"
