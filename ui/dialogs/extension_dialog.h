#pragma once

#include <QDialog>
#include <QSet>
#include <QString>
#include <QStringList>

#include <optional>

#include "store/records.h"

class QCheckBox;
class QGroupBox;
class QSpinBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QToolButton;

namespace sb::ui {

class ForwardGroup;

/// Add or edit one local extension. Every field is checked as it is typed,
/// with the core's own rules (sb::config::checkExtensionNumber, checkText,
/// checkPassword) plus uniqueness of the number; the reason appears under
/// the field and OK stays disabled (accept() refuses too) while any field
/// is invalid. A weak password is allowed, with a warning. The Voicemail
/// group holds the mailbox: on/off, PIN (digits), greeting file, and the
/// longest message. The Forwarding group (ForwardGroup) holds call forward
/// and do not disturb.
///
/// The dialog only edits a value: the caller applies it to the configuration.
class ExtensionDialog final : public QDialog {
    Q_OBJECT
public:
    /// @param existingNumbers numbers of the extensions in the configuration
    /// @param original        the extension to edit (its own number stays
    ///                        allowed), or std::nullopt to add a new one
    ExtensionDialog(const QStringList& existingNumbers, const std::optional<sb::store::Extension>& original,
                    QWidget* parent = nullptr);

    /// The extension as entered (number trimmed).
    sb::store::Extension extension() const;
    /// The number of the extension being edited; empty when adding.
    QString originalNumber() const { return m_originalNumber; }
    bool isEditing() const { return m_editing; }
    /// True when every field passes its check.
    bool isInputValid() const;

public slots:
    void accept() override;

private slots:
    void validate();
    void generate();
    void setPasswordShown(bool shown);

private:
    QString numberProblem() const;
    QString nameProblem() const;
    QString passwordProblem() const;
    QString pinProblem() const;
    QString greetingProblem() const;
    void browseGreeting();
    void updateStrength();

    QSet<QString> m_takenNumbers;  ///< existing numbers minus the edited one
    sb::store::Extension m_original;  ///< the record edited, or the defaults
    QString m_originalNumber;
    bool m_editing = false;

    QLineEdit* m_number;
    QLabel* m_numberProblem;
    QLineEdit* m_name;
    QLabel* m_nameProblem;
    QLineEdit* m_password;
    QToolButton* m_showPassword;
    QPushButton* m_generate;
    QLabel* m_passwordProblem;
    QLabel* m_strength;
    QCheckBox* m_enabled;
    QCheckBox* m_qualify;
    QGroupBox* m_voicemail;
    QCheckBox* m_voicemailEnabled;
    QLineEdit* m_pin;
    QLabel* m_pinProblem;
    QLineEdit* m_greeting;
    QPushButton* m_browseGreeting;
    QLabel* m_greetingProblem;
    QSpinBox* m_maxLength;
    ForwardGroup* m_forward = nullptr;
    QDialogButtonBox* m_buttons = nullptr;
};

}  // namespace sb::ui
