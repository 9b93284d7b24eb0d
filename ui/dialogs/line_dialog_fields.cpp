// LineDialog: loading a record into the widgets, reading it back, and the
// per-field checks (the core's rules, so the engine will not refuse it).

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>

#include "config/validation.h"
#include "dialogs/forward_group.h"
#include "dialogs/line_dialog.h"
#include "models/model_roles.h"
#include "sip/line_registrations.h"

namespace sb::ui {

void LineDialog::load(const sb::store::ExternalLine& line) {
    m_name->setText(qs(line.name));
    m_domain->setText(qs(line.domain));
    m_account->setText(qs(line.account));
    m_authId->setText(qs(line.authId));
    m_password->setText(qs(line.password));
    m_authIncludesAddress->setChecked(line.authIdIncludesAddress);
    m_proxy->setText(qs(line.proxy));
    setTransport(m_transport, line.transport);
    m_register->setChecked(line.registerEnabled);
    m_expires->setEnabled(line.registerEnabled);
    m_expires->setValue(static_cast<int>(line.expiresS));
    m_disable100rel->setChecked(line.disable100rel);
    m_tlsVerify->setChecked(line.tlsVerify);
    m_tlsVerify->setEnabled(line.transport == sb::store::Transport::Tls);
    m_userPhone->setChecked(line.userPhone);
    selectExtension(m_incoming, qs(line.incomingExtension));
    m_enabled->setChecked(line.enabled);
    m_callerId->setText(qs(line.callerId));
    setForwardHeader(m_forwardHeader, line.forwardHeader);
}

sb::store::ExternalLine LineDialog::line() const {
    sb::store::ExternalLine l;
    l.name = m_name->text().trimmed().toStdString();
    l.domain = m_domain->text().trimmed().toStdString();
    l.account = m_account->text().trimmed().toStdString();
    l.authId = m_authId->text().trimmed().toStdString();
    l.password = m_password->text().toStdString();  // blanks may be part of it
    l.authIdIncludesAddress = m_authIncludesAddress->isChecked();
    l.proxy = m_proxy->text().trimmed().toStdString();
    l.transport = transportOf(m_transport);
    l.registerEnabled = m_register->isChecked();
    l.expiresS = static_cast<uint32_t>(m_expires->value());
    l.disable100rel = m_disable100rel->isChecked();
    l.tlsVerify = m_tlsVerify->isChecked();
    l.userPhone = m_userPhone->isChecked();
    l.incomingExtension = extensionOf(m_incoming).toStdString();
    l.enabled = m_enabled->isChecked();
    l.callerId = m_callerId->text().trimmed().toStdString();
    l.forwardHeader = forwardHeaderOf(m_forwardHeader);
    return l;
}

QString LineDialog::authorizationName() const {
    return qs(sb::sip::authorizationName(line()));
}

QString LineDialog::nameProblem() const {
    return sb::ui::nameProblem(m_name->text().trimmed(), m_taken);
}

QString LineDialog::domainProblem() const {
    return reasonOf(sb::config::checkDomain(m_domain->text().trimmed().toStdString()));
}

QString LineDialog::accountProblem() const {
    return reasonOf(sb::config::checkAccount(m_account->text().trimmed().toStdString()));
}

QString LineDialog::authIdProblem() const {
    return reasonOf(sb::config::checkAuthId(m_authId->text().trimmed().toStdString()));
}

QString LineDialog::passwordProblem() const {
    // The engine's rule for lines: text without control characters (a line
    // that only receives calls by address may have no password).
    return reasonOf(sb::config::checkText(m_password->text().toStdString(), 128));
}

QString LineDialog::proxyProblem() const {
    const QString proxy = m_proxy->text().trimmed();
    return proxy.isEmpty() ? QString() : reasonOf(sb::config::checkHostPort(proxy.toStdString()));
}

QString LineDialog::expiresProblem() const {
    return reasonOf(sb::config::checkExpires(m_expires->value()));
}

QString LineDialog::callerIdProblem() const {
    const QString number = m_callerId->text().trimmed();
    return number.isEmpty() ? QString() : reasonOf(sb::config::checkDidNumber(number.toStdString()));
}

bool LineDialog::isInputValid() const {
    return nameProblem().isEmpty() && domainProblem().isEmpty() && accountProblem().isEmpty() &&
           authIdProblem().isEmpty() && passwordProblem().isEmpty() && proxyProblem().isEmpty() &&
           expiresProblem().isEmpty() && callerIdProblem().isEmpty();
}

void LineDialog::validate() {
    showProblem(m_nameProblem, nameProblem());
    showProblem(m_domainProblem, domainProblem());
    showProblem(m_accountProblem, accountProblem());
    showProblem(m_authIdProblem, authIdProblem());
    showProblem(m_passwordProblem, passwordProblem());
    showProblem(m_proxyProblem, proxyProblem());
    showProblem(m_expiresProblem, expiresProblem());
    showProblem(m_callerIdProblem, callerIdProblem());

    // The preview follows the engine's own rule (sb::sip::authorizationName).
    const sb::store::ExternalLine l = line();
    QString preview = authorizationName();
    if (l.account.empty() && l.authId.empty())
        preview = tr("(enter the account)");
    else if (l.authIdIncludesAddress && l.domain.empty() && preview.endsWith(QLatin1Char('@')))
        preview += tr("(domain)");
    m_authPreview->setText(tr("Digest user name sent: %1").arg(preview));
    m_authPreview->setProperty("userName", authorizationName());

    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(isInputValid());
    growToFit(this);
}

void LineDialog::accept() {
    validate();
    if (!isInputValid()) return;  // OK is disabled; this refuses programmatic accepts too
    QDialog::accept();
}

}  // namespace sb::ui
