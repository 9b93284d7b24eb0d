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

namespace sb::ui {

class CarrierProfileBar;

class AddressListEdit;
class DidTableEdit;

/// Add or edit one SIP trunk (server to server, recognised by address):
/// every sb::store::SipTrunk field. Fields are checked as they are typed
/// with the core's rules (checkName, checkDomain, checkPort, checkHostPort,
/// checkUriParams, checkAddress, checkDidNumber, checkAuthId, checkPrepend) plus uniqueness of the name
/// among lines and trunks; the reason shows under the field and OK stays
/// disabled (accept() refuses too) while anything is invalid.
///
/// The dialog only edits a value: the caller applies it to the configuration.
class TrunkDialog final : public QDialog {
    Q_OBJECT
public:
    /// @param config   the snapshot: names already taken, extensions DIDs may ring
    /// @param original the trunk to edit (its own name stays allowed), or
    ///                 std::nullopt to add a new one
    TrunkDialog(const sb::store::Configuration& config, const std::optional<sb::store::SipTrunk>& original,
                QWidget* parent = nullptr);

    /// The trunk as entered (text fields trimmed).
    sb::store::SipTrunk trunk() const;
    /// Carrier profiles: apply one, import or export one.
    CarrierProfileBar* profileBar() const { return m_profiles; }
    /// The name of the trunk being edited; empty when adding.
    QString originalName() const { return m_originalName; }
    bool isEditing() const { return m_editing; }
    /// True when every field passes its check.
    bool isInputValid() const;

public slots:
    void accept() override;

private slots:
    void validate();
    void transportChosen(int index);

private:
    void buildWidgets(const sb::store::Configuration& config);
    void layOut();
    void load(const sb::store::SipTrunk& trunk);
    QString nameProblem() const;
    QString hostProblem() const;
    QString portProblem() const;
    QString proxyProblem() const;
    QString paramsProblem() const;
    QString authProblem() const;
    QString callerIdProblem() const;

    TakenNames m_taken;
    QString m_originalName;
    bool m_editing = false;

    QLineEdit* m_name = nullptr;
    QLabel* m_nameProblem = nullptr;
    QLineEdit* m_host = nullptr;
    QLabel* m_hostProblem = nullptr;
    QSpinBox* m_port = nullptr;
    QLabel* m_portProblem = nullptr;
    QComboBox* m_transport = nullptr;
    QLineEdit* m_proxy = nullptr;
    QLabel* m_proxyProblem = nullptr;
    QLineEdit* m_params = nullptr;
    QLabel* m_paramsProblem = nullptr;
    QCheckBox* m_disable100rel = nullptr;
    QCheckBox* m_tlsVerify = nullptr;
    QComboBox* m_forwardHeader = nullptr;
    AddressListEdit* m_addresses = nullptr;
    DidTableEdit* m_dids = nullptr;
    QCheckBox* m_enabled = nullptr;
    QLineEdit* m_authUser = nullptr;
    QLineEdit* m_authPassword = nullptr;
    QLabel* m_authProblem = nullptr;
    QLineEdit* m_callerId = nullptr;
    QLineEdit* m_callerIdPrefix = nullptr;
    QLabel* m_callerIdProblem = nullptr;
    QComboBox* m_defaultExtension = nullptr;
    QDialogButtonBox* m_buttons = nullptr;
    CarrierProfileBar* m_profiles = nullptr;
};

}  // namespace sb::ui
