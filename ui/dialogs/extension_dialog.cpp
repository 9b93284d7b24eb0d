#include "dialogs/extension_dialog.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QToolButton>
#include <QVBoxLayout>

#include "config/validation.h"
#include "dialogs/dialog_fields.h"
#include "dialogs/password_strength.h"

namespace sb::ui {

namespace {

/// Same limit validate() applies to extensions[].name.
constexpr size_t kMaxDisplayNameBytes = 64;

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
    layout->addStretch(1);
    layout->addWidget(m_buttons);

    const sb::store::Extension initial = original.value_or(sb::store::Extension{});
    m_number->setText(QString::fromStdString(initial.number));
    m_name->setText(QString::fromStdString(initial.name));
    m_password->setText(QString::fromStdString(initial.password));
    m_enabled->setChecked(initial.enabled);
    m_qualify->setChecked(initial.qualify);

    for (QLineEdit* edit : {m_number, m_name, m_password})
        connect(edit, &QLineEdit::textChanged, this, &ExtensionDialog::validate);
    connect(m_generate, &QPushButton::clicked, this, &ExtensionDialog::generate);
    connect(m_showPassword, &QToolButton::toggled, this, &ExtensionDialog::setPasswordShown);
    validate();
    setMinimumWidth(440);
}

sb::store::Extension ExtensionDialog::extension() const {
    sb::store::Extension e;
    e.number = m_number->text().trimmed().toStdString();
    e.name = m_name->text().toStdString();
    e.password = m_password->text().toStdString();
    e.enabled = m_enabled->isChecked();
    e.qualify = m_qualify->isChecked();
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

bool ExtensionDialog::isInputValid() const {
    return numberProblem().isEmpty() && nameProblem().isEmpty() && passwordProblem().isEmpty();
}

void ExtensionDialog::validate() {
    showProblem(m_numberProblem, numberProblem());
    showProblem(m_nameProblem, nameProblem());
    showProblem(m_passwordProblem, passwordProblem());
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
