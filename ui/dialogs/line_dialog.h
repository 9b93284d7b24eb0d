#pragma once

#include <QDialog>
#include <QString>

#include <optional>

#include "dialogs/dialog_fields.h"
#include "store/records.h"

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QSpinBox;
class QToolButton;

namespace sb::ui {

class CarrierProfileBar;

/// Add or edit one external line (a carrier or IMS account Switchboard
/// registers to): every sb::store::ExternalLine field. Each field is checked
/// as it is typed with the core's own rule (checkName, checkDomain,
/// checkAccount, checkAuthId, checkHostPort, checkExpires, ...) plus
/// uniqueness of the name among lines and trunks; the reason shows under
/// the field, and OK stays disabled (accept() refuses too) while any field
/// is invalid. A live preview shows the digest user name the line presents.
/// A carrier profile (CarrierProfileBar at the top) fills the carrier
/// settings in one click; the current settings export as a profile.
///
/// The dialog only edits a value: the caller applies it to the configuration.
class LineDialog final : public QDialog {
    Q_OBJECT
public:
    /// @param config   the configuration snapshot: names already taken and
    ///                 the extensions incoming calls may ring
    /// @param original the line to edit (its own name stays allowed), or
    ///                 std::nullopt to add a new one
    LineDialog(const sb::store::Configuration& config, const std::optional<sb::store::ExternalLine>& original,
               QWidget* parent = nullptr);

    /// The line as entered (text fields trimmed, except the password).
    sb::store::ExternalLine line() const;
    /// The name of the line being edited; empty when adding.
    QString originalName() const { return m_originalName; }
    bool isEditing() const { return m_editing; }
    /// True when every field passes its check.
    bool isInputValid() const;
    /// The digest user name the line would present, as previewed.
    QString authorizationName() const;
    CarrierProfileBar* profileBar() const { return m_profiles; }

public slots:
    void accept() override;

private slots:
    void validate();
    void setPasswordShown(bool shown);

private:
    void buildWidgets();
    void layOut();
    void load(const sb::store::ExternalLine& line);
    QString nameProblem() const;
    QString domainProblem() const;
    QString accountProblem() const;
    QString authIdProblem() const;
    QString passwordProblem() const;
    QString proxyProblem() const;
    QString expiresProblem() const;
    QString callerIdProblem() const;

    TakenNames m_taken;
    QString m_originalName;
    bool m_editing = false;

    QLineEdit* m_name = nullptr;
    QLabel* m_nameProblem = nullptr;
    QLineEdit* m_domain = nullptr;
    QLabel* m_domainProblem = nullptr;
    QLineEdit* m_account = nullptr;
    QLabel* m_accountProblem = nullptr;
    QLineEdit* m_authId = nullptr;
    QLabel* m_authIdProblem = nullptr;
    QLineEdit* m_password = nullptr;
    QToolButton* m_showPassword = nullptr;
    QLabel* m_passwordProblem = nullptr;
    QCheckBox* m_authIncludesAddress = nullptr;
    QLabel* m_authPreview = nullptr;
    QLineEdit* m_proxy = nullptr;
    QLabel* m_proxyProblem = nullptr;
    QComboBox* m_transport = nullptr;
    QCheckBox* m_register = nullptr;
    QSpinBox* m_expires = nullptr;
    QLabel* m_expiresProblem = nullptr;
    QCheckBox* m_disable100rel = nullptr;
    QCheckBox* m_tlsVerify = nullptr;
    QComboBox* m_forwardHeader = nullptr;
    QCheckBox* m_userPhone = nullptr;
    QComboBox* m_incoming = nullptr;
    QLineEdit* m_callerId = nullptr;
    QLabel* m_callerIdProblem = nullptr;
    QCheckBox* m_enabled = nullptr;
    QDialogButtonBox* m_buttons = nullptr;
    CarrierProfileBar* m_profiles = nullptr;
};

}  // namespace sb::ui
