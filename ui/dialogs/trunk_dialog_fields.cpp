// TrunkDialog: loading a record into the widgets, reading it back, and the
// per-field checks (the core's rules, so the engine will not refuse it).

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>

#include "config/validation.h"
#include "dialogs/address_list_edit.h"
#include "dialogs/did_table_edit.h"
#include "dialogs/forward_group.h"
#include "dialogs/trunk_dialog.h"
#include "models/model_roles.h"

namespace sb::ui {

void TrunkDialog::load(const sb::store::SipTrunk& trunk) {
    m_name->setText(qs(trunk.name));
    m_host->setText(qs(trunk.host));
    setTransport(m_transport, trunk.transport);
    m_port->setValue(trunk.port);
    m_proxy->setText(qs(trunk.proxy));
    m_params->setText(qs(trunk.requestUriParams));
    m_disable100rel->setChecked(trunk.disable100rel);
    m_tlsVerify->setChecked(trunk.tlsVerify);
    m_tlsVerify->setEnabled(trunk.transport == sb::store::Transport::Tls);
    m_addresses->setAddresses(trunk.allowedAddresses);
    m_dids->setDids(trunk.dids);
    m_enabled->setChecked(trunk.enabled);
    m_authUser->setText(qs(trunk.authUser));
    m_authPassword->setText(qs(trunk.authPassword));
    m_callerId->setText(qs(trunk.callerId));
    m_callerIdPrefix->setText(qs(trunk.callerIdPrefix));
    selectExtension(m_defaultExtension, qs(trunk.defaultExtension));
    setForwardHeader(m_forwardHeader, trunk.forwardHeader);
}

sb::store::SipTrunk TrunkDialog::trunk() const {
    sb::store::SipTrunk t;
    t.name = m_name->text().trimmed().toStdString();
    t.host = m_host->text().trimmed().toStdString();
    t.port = static_cast<uint16_t>(m_port->value());
    t.transport = transportOf(m_transport);
    t.proxy = m_proxy->text().trimmed().toStdString();
    t.requestUriParams = m_params->text().trimmed().toStdString();
    t.disable100rel = m_disable100rel->isChecked();
    t.tlsVerify = m_tlsVerify->isChecked();
    t.allowedAddresses = m_addresses->addresses();
    t.dids = m_dids->dids();
    t.enabled = m_enabled->isChecked();
    t.authUser = m_authUser->text().trimmed().toStdString();
    t.authPassword = m_authPassword->text().toStdString();  // a password may end in a blank
    t.callerId = m_callerId->text().trimmed().toStdString();
    t.callerIdPrefix = m_callerIdPrefix->text().trimmed().toStdString();
    t.defaultExtension = extensionOf(m_defaultExtension).toStdString();
    t.forwardHeader = forwardHeaderOf(m_forwardHeader);
    return t;
}

QString TrunkDialog::nameProblem() const {
    return sb::ui::nameProblem(m_name->text().trimmed(), m_taken);
}

QString TrunkDialog::hostProblem() const {
    return reasonOf(sb::config::checkDomain(m_host->text().trimmed().toStdString()));
}

QString TrunkDialog::portProblem() const {
    return reasonOf(sb::config::checkPort(m_port->value()));
}

QString TrunkDialog::proxyProblem() const {
    const QString proxy = m_proxy->text().trimmed();
    return proxy.isEmpty() ? QString() : reasonOf(sb::config::checkHostPort(proxy.toStdString()));
}

QString TrunkDialog::paramsProblem() const {
    return reasonOf(sb::config::checkUriParams(m_params->text().trimmed().toStdString()));
}

QString TrunkDialog::authProblem() const {
    const QString user = m_authUser->text().trimmed();
    if (QString why = reasonOf(sb::config::checkAuthId(user.toStdString())); !why.isEmpty()) return why;
    if (QString why = reasonOf(sb::config::checkText(m_authPassword->text().toStdString())); !why.isEmpty())
        return tr("password: %1").arg(why);
    if (user.isEmpty() && !m_authPassword->text().isEmpty()) return tr("a password needs an auth user");
    return {};
}

QString TrunkDialog::callerIdProblem() const {
    const QString number = m_callerId->text().trimmed();
    if (!number.isEmpty())
        if (QString why = reasonOf(sb::config::checkDidNumber(number.toStdString())); !why.isEmpty())
            return tr("presented number: %1").arg(why);
    if (QString why = reasonOf(sb::config::checkPrepend(m_callerIdPrefix->text().trimmed().toStdString()));
        !why.isEmpty())
        return tr("prefix: %1").arg(why);
    return {};
}

bool TrunkDialog::isInputValid() const {
    return nameProblem().isEmpty() && hostProblem().isEmpty() && portProblem().isEmpty() &&
           proxyProblem().isEmpty() && paramsProblem().isEmpty() && m_addresses->problem().isEmpty() &&
           m_dids->problem().isEmpty() && authProblem().isEmpty() && callerIdProblem().isEmpty();
}

void TrunkDialog::validate() {
    showProblem(m_nameProblem, nameProblem());
    showProblem(m_hostProblem, hostProblem());
    showProblem(m_portProblem, portProblem());
    showProblem(m_proxyProblem, proxyProblem());
    showProblem(m_paramsProblem, paramsProblem());
    showProblem(m_authProblem, authProblem());
    showProblem(m_callerIdProblem, callerIdProblem());
    // The address list and the DID table show their own problems.
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(isInputValid());
    growToFit(this);
}

void TrunkDialog::accept() {
    validate();
    if (!isInputValid()) return;  // OK is disabled; this refuses programmatic accepts too
    QDialog::accept();
}

}  // namespace sb::ui
