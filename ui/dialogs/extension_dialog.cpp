#include "dialogs/extension_dialog.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

#include "config/validation.h"
#include "dialogs/dialog_fields.h"
#include "dialogs/forward_group.h"
#include "dialogs/password_strength.h"

namespace sb::ui {

namespace {

/// Same limit validate() applies to extensions[].name.
constexpr size_t kMaxDisplayNameBytes = 64;
/// Same limits validate() applies to extensions[].voicemail_pin and voicemail_max_length.
constexpr int kMaxPinDigits = 12;
constexpr int kMinMessageS = 5;
constexpr int kMaxMessageS = 3600;

}  // namespace

ExtensionDialog::ExtensionDialog(const QStringList& existingNumbers,
                                 const std::optional<sb::store::Extension>& original, QWidget* parent)
    : QDialog(parent), m_editing(original.has_value()) {
    setObjectName(QStringLiteral("extensionDialog"));
    if (original) m_originalNumber = QString::fromStdString(original->number);
    for (const QString& number : existingNumbers)
        if (!m_editing || number != m_originalNumber) m_takenNumbers.insert(number);
    setWindowTitle(m_editing ? tr("Edit extension %1").arg(m_originalNumber) : tr("Add extension"));

    m_number = new QLineEdit(this);
    m_number->setObjectName(QStringLiteral("numberEdit"));
    m_number->setPlaceholderText(tr("e.g. 105"));
    m_number->setInputMethodHints(Qt::ImhDigitsOnly);
    m_numberProblem = makeProblemLabel(QStringLiteral("numberProblem"), this);

    m_name = new QLineEdit(this);
    m_name->setObjectName(QStringLiteral("nameEdit"));
    m_name->setPlaceholderText(tr("Shown to the called party, e.g. Reception"));
    m_nameProblem = makeProblemLabel(QStringLiteral("nameProblem"), this);

    m_password = new QLineEdit(this);
    m_password->setObjectName(QStringLiteral("passwordEdit"));
    m_password->setEchoMode(QLineEdit::Password);
    m_showPassword = new QToolButton(this);
    m_showPassword->setObjectName(QStringLiteral("showPasswordButton"));
    m_showPassword->setText(tr("Show"));
    m_showPassword->setCheckable(true);
    m_showPassword->setToolTip(tr("Show or hide the password"));
    m_generate = new QPushButton(tr("Generate"), this);
    m_generate->setObjectName(QStringLiteral("generatePasswordButton"));
    m_generate->setToolTip(tr("Fill in a strong random password"));
    m_generate->setAutoDefault(false);
    m_passwordProblem = makeProblemLabel(QStringLiteral("passwordProblem"), this);
    m_strength = new QLabel(this);
    m_strength->setObjectName(QStringLiteral("passwordStrength"));
    m_strength->setWordWrap(true);

    m_enabled = new QCheckBox(tr("Enabled (may register and call)"), this);
    m_enabled->setObjectName(QStringLiteral("enabledCheck"));
    m_qualify = new QCheckBox(tr("Qualify (ping registered phones with OPTIONS)"), this);
    m_qualify->setObjectName(QStringLiteral("qualifyCheck"));

    m_voicemail = new QGroupBox(tr("&Voicemail"), this);
    m_voicemail->setObjectName(QStringLiteral("voicemailGroup"));
    m_voicemailEnabled = new QCheckBox(tr("&Take messages"), m_voicemail);
    m_voicemailEnabled->setObjectName(QStringLiteral("voicemailCheck"));
    m_voicemailEnabled->setToolTip(
        tr("Callers who get no answer, a busy line or an unregistered phone can leave a message"));
    m_pin = new QLineEdit(m_voicemail);
    m_pin->setObjectName(QStringLiteral("voicemailPinEdit"));
    m_pin->setPlaceholderText(tr("Empty: no PIN"));
    m_pin->setInputMethodHints(Qt::ImhDigitsOnly);
    m_pin->setToolTip(tr("Asked for when the mailbox is called with *97"));
    m_pinProblem = makeProblemLabel(QStringLiteral("voicemailPinProblem"), m_voicemail);
    m_greeting = new QLineEdit(m_voicemail);
    m_greeting->setObjectName(QStringLiteral("voicemailGreetingEdit"));
    m_greeting->setPlaceholderText(tr("Empty: the standard prompt"));
    m_greeting->setToolTip(tr("An 8 kHz mono WAV file played before the beep"));
    m_browseGreeting = new QPushButton(tr("Browse…"), m_voicemail);
    m_browseGreeting->setObjectName(QStringLiteral("voicemailGreetingBrowse"));
    m_browseGreeting->setAutoDefault(false);
    m_greetingProblem = makeProblemLabel(QStringLiteral("voicemailGreetingProblem"), m_voicemail);
    m_maxLength = new QSpinBox(m_voicemail);
    m_maxLength->setObjectName(QStringLiteral("voicemailMaxLengthSpin"));
    m_maxLength->setRange(kMinMessageS, kMaxMessageS);
    m_maxLength->setSuffix(tr(" s"));

    auto* greetingRow = new QHBoxLayout;
    greetingRow->addWidget(m_greeting, 1);
    greetingRow->addWidget(m_browseGreeting);
    auto* voicemailForm = new QFormLayout(m_voicemail);
    voicemailForm->addRow(QString(), m_voicemailEnabled);
    voicemailForm->addRow(tr("P&IN:"), m_pin);
    voicemailForm->addRow(QString(), m_pinProblem);
    auto* greetingLabel = new QLabel(tr("&Greeting:"), m_voicemail);
    greetingLabel->setBuddy(m_greeting);
    voicemailForm->addRow(greetingLabel, greetingRow);
    voicemailForm->addRow(QString(), m_greetingProblem);
    voicemailForm->addRow(tr("Longest &message:"), m_maxLength);

    m_forward = new ForwardGroup(this);

    auto* passwordRow = new QHBoxLayout;
    passwordRow->addWidget(m_password, 1);
    passwordRow->addWidget(m_showPassword);
    passwordRow->addWidget(m_generate);

    auto* form = new QFormLayout;
    form->addRow(tr("&Number:"), m_number);
    form->addRow(QString(), m_numberProblem);
    form->addRow(tr("&Display name:"), m_name);
    form->addRow(QString(), m_nameProblem);
    // A row holding a layout gets no buddy: name the edit so "&P" works.
    auto* passwordLabel = new QLabel(tr("&Password:"), this);
    passwordLabel->setBuddy(m_password);
    form->addRow(passwordLabel, passwordRow);
    form->addRow(QString(), m_passwordProblem);
    form->addRow(QString(), m_strength);
    form->addRow(QString(), m_enabled);
    form->addRow(QString(), m_qualify);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->setObjectName(QStringLiteral("buttonBox"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &ExtensionDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &ExtensionDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_voicemail);
    layout->addWidget(m_forward);
    layout->addStretch(1);
    layout->addWidget(m_buttons);

    m_original = original.value_or(sb::store::Extension{});
    const sb::store::Extension& initial = m_original;
    m_number->setText(QString::fromStdString(initial.number));
    m_name->setText(QString::fromStdString(initial.name));
    m_password->setText(QString::fromStdString(initial.password));
    m_enabled->setChecked(initial.enabled);
    m_qualify->setChecked(initial.qualify);
    m_voicemailEnabled->setChecked(initial.voicemail);
    m_pin->setText(QString::fromStdString(initial.voicemailPin));
    m_greeting->setText(QDir::toNativeSeparators(QString::fromStdString(initial.voicemailGreeting)));
    m_maxLength->setValue(static_cast<int>(initial.voicemailMaxS));
    m_forward->load(initial);

    for (QLineEdit* edit : {m_number, m_name, m_password, m_pin, m_greeting})
        connect(edit, &QLineEdit::textChanged, this, &ExtensionDialog::validate);
    connect(m_forward, &ForwardGroup::changed, this, &ExtensionDialog::validate);
    connect(m_generate, &QPushButton::clicked, this, &ExtensionDialog::generate);
    connect(m_browseGreeting, &QPushButton::clicked, this, &ExtensionDialog::browseGreeting);
    connect(m_showPassword, &QToolButton::toggled, this, &ExtensionDialog::setPasswordShown);
    validate();
    setMinimumWidth(440);
}

sb::store::Extension ExtensionDialog::extension() const {
    // Fields this dialog does not show (the ring timeout) keep their value.
    sb::store::Extension e = m_original;
    e.number = m_number->text().trimmed().toStdString();
    e.name = m_name->text().toStdString();
    e.password = m_password->text().toStdString();
    e.enabled = m_enabled->isChecked();
    e.qualify = m_qualify->isChecked();
    e.voicemail = m_voicemailEnabled->isChecked();
    e.voicemailPin = m_pin->text().trimmed().toStdString();
    e.voicemailGreeting = QDir::fromNativeSeparators(m_greeting->text().trimmed()).toStdString();
    e.voicemailMaxS = static_cast<uint32_t>(m_maxLength->value());
    m_forward->store(e);
    return e;
}

QString ExtensionDialog::numberProblem() const {
    const QString number = m_number->text().trimmed();
    if (QString why = reasonOf(sb::config::checkExtensionNumber(number.toStdString())); !why.isEmpty())
        return why;
    if (m_takenNumbers.contains(number)) return tr("%1 is already used by another extension").arg(number);
    return {};
}

QString ExtensionDialog::nameProblem() const {
    return reasonOf(sb::config::checkText(m_name->text().toStdString(), kMaxDisplayNameBytes));
}

QString ExtensionDialog::passwordProblem() const {
    return reasonOf(sb::config::checkPassword(m_password->text().toStdString()));
}

QString ExtensionDialog::pinProblem() const {
    const QString pin = m_pin->text().trimmed();
    const bool digits = std::all_of(pin.cbegin(), pin.cend(), [](QChar c) { return c >= u'0' && c <= u'9'; });
    if (!digits) return tr("A PIN is digits only (0-9)");
    if (pin.size() > kMaxPinDigits) return tr("A PIN is at most %1 digits").arg(kMaxPinDigits);
    return {};
}

QString ExtensionDialog::greetingProblem() const {
    return reasonOf(
        sb::config::checkFilePath(QDir::fromNativeSeparators(m_greeting->text().trimmed()).toStdString()));
}

void ExtensionDialog::browseGreeting() {
    const QString path =
        QFileDialog::getOpenFileName(this, tr("Choose the voicemail greeting"), m_greeting->text(),
                                     tr("WAV audio (*.wav);;All files (*)"));
    if (!path.isEmpty()) m_greeting->setText(QDir::toNativeSeparators(path));
}

bool ExtensionDialog::isInputValid() const {
    // The engine checks the PIN and greeting even while the mailbox is off,
    // which is why those fields stay editable then.
    return numberProblem().isEmpty() && nameProblem().isEmpty() && passwordProblem().isEmpty() &&
           pinProblem().isEmpty() && greetingProblem().isEmpty() && m_forward->problem().isEmpty();
}

void ExtensionDialog::validate() {
    // Called by the forward group too, before the dialog has its buttons.
    if (!m_buttons) return;
    m_forward->setOwner(m_number->text().trimmed());
    showProblem(m_numberProblem, numberProblem());
    showProblem(m_nameProblem, nameProblem());
    showProblem(m_passwordProblem, passwordProblem());
    showProblem(m_pinProblem, pinProblem());
    showProblem(m_greetingProblem, greetingProblem());
    updateStrength();
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(isInputValid());
}

void ExtensionDialog::updateStrength() {
    const QString password = m_password->text();
    if (password.isEmpty() || !passwordProblem().isEmpty()) {
        m_strength->clear();
        m_strength->setProperty("strength", QString());
        m_strength->hide();
        return;
    }
    const PasswordStrength strength = passwordStrength(password);
    const QString name = passwordStrengthName(strength);
    QString text;
    QColor color;
    switch (strength) {
        case PasswordStrength::Weak:
            // Allowed (phones on a closed LAN), but said plainly.
            text = tr("Strength: %1. Easy to guess; allowed, but not recommended.").arg(name);
            color = QColor(0xb0, 0x20, 0x20);
            break;
        case PasswordStrength::Fair:
            text = tr("Strength: %1. Longer is better.").arg(name);
            color = QColor(0xa0, 0x60, 0x00);
            break;
        case PasswordStrength::Strong:
            text = tr("Strength: %1.").arg(name);
            color = QColor(0x20, 0x80, 0x30);
            break;
    }
    m_strength->setToolTip(
        tr("Phones reachable from the internet get password-guessing attacks. Use 12 or "
           "more characters mixing letters, digits and symbols, or press Generate."));
    QPalette palette = m_strength->palette();
    palette.setColor(QPalette::WindowText, color);
    m_strength->setPalette(palette);
    m_strength->setText(text);
    // Machine-readable for tests and style sheets: "weak", "fair", "strong".
    m_strength->setProperty("strength", strength == PasswordStrength::Weak   ? QStringLiteral("weak")
                                        : strength == PasswordStrength::Fair ? QStringLiteral("fair")
                                                                             : QStringLiteral("strong"));
    m_strength->show();
}

void ExtensionDialog::generate() {
    m_password->setText(generatePassword());
    // The user has to copy it to the phone: show what was generated.
    m_showPassword->setChecked(true);
}

void ExtensionDialog::setPasswordShown(bool shown) {
    m_password->setEchoMode(shown ? QLineEdit::Normal : QLineEdit::Password);
    m_showPassword->setText(shown ? tr("Hide") : tr("Show"));
}

void ExtensionDialog::accept() {
    validate();
    if (!isInputValid()) return;  // OK is disabled; this refuses programmatic accepts too
    QDialog::accept();
}

}  // namespace sb::ui
