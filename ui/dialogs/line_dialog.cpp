#include "dialogs/line_dialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QToolButton>
#include <QVBoxLayout>

#include "config/carrier_profile.h"
#include "dialogs/carrier_profile_bar.h"
#include "dialogs/forward_group.h"

namespace sb::ui {

LineDialog::LineDialog(const sb::store::Configuration& config,
                       const std::optional<sb::store::ExternalLine>& original, QWidget* parent)
    : QDialog(parent),
      m_taken(config, original ? QString::fromStdString(original->name) : QString()),
      m_editing(original.has_value()) {
    setObjectName(QStringLiteral("lineDialog"));
    if (original) m_originalName = QString::fromStdString(original->name);
    setWindowTitle(m_editing ? tr("Edit external line %1").arg(m_originalName) : tr("Add external line"));

    buildWidgets();
    fillExtensionCombo(m_incoming, config, tr("(none: incoming calls are refused)"));
    layOut();
    load(original.value_or(sb::store::ExternalLine{}));

    for (QLineEdit* edit : {m_name, m_domain, m_account, m_authId, m_password, m_proxy, m_callerId})
        connect(edit, &QLineEdit::textChanged, this, &LineDialog::validate);
    for (QCheckBox* box : {m_authIncludesAddress, m_register})
        connect(box, &QCheckBox::toggled, this, &LineDialog::validate);
    connect(m_expires, &QSpinBox::valueChanged, this, &LineDialog::validate);
    connect(m_showPassword, &QToolButton::toggled, this, &LineDialog::setPasswordShown);
    validate();
    setMinimumWidth(520);
}

void LineDialog::buildWidgets() {
    auto lineEdit = [this](const char* objectName, const QString& placeholder) {
        auto* edit = new QLineEdit(this);
        edit->setObjectName(QLatin1String(objectName));
        edit->setPlaceholderText(placeholder);
        return edit;
    };
    auto check = [this](const char* objectName, const QString& text) {
        auto* box = new QCheckBox(text, this);
        box->setObjectName(QLatin1String(objectName));
        return box;
    };

    m_name = lineEdit("nameEdit", tr("Shown in routes and call history, e.g. China Telecom"));
    m_nameProblem = makeProblemLabel(QStringLiteral("nameProblem"), this);
    m_domain = lineEdit("domainEdit", tr("e.g. gd.ctcims.cn"));
    m_domain->setToolTip(
        tr("The carrier's SIP domain. In IMS networks it is often a logical domain "
           "that cannot be reached itself: then set the outbound proxy too."));
    m_domainProblem = makeProblemLabel(QStringLiteral("domainProblem"), this);
    m_account = lineEdit("accountEdit", tr("User part given by the carrier, e.g. +8612345678"));
    m_accountProblem = makeProblemLabel(QStringLiteral("accountProblem"), this);
    m_authId = lineEdit("authIdEdit", tr("Empty: the account"));
    m_authId->setToolTip(
        tr("The name used to answer digest challenges (401/407), when the carrier "
           "gave one different from the account."));
    m_authIdProblem = makeProblemLabel(QStringLiteral("authIdProblem"), this);

    m_password = lineEdit("passwordEdit", QString());
    m_password->setEchoMode(QLineEdit::Password);
    m_showPassword = new QToolButton(this);
    m_showPassword->setObjectName(QStringLiteral("showPasswordButton"));
    m_showPassword->setText(tr("Show"));
    m_showPassword->setCheckable(true);
    m_showPassword->setToolTip(tr("Show or hide the password"));
    m_passwordProblem = makeProblemLabel(QStringLiteral("passwordProblem"), this);

    m_authIncludesAddress =
        check("authIncludesAddressCheck", tr("Authorization ID includes address information"));
    m_authIncludesAddress->setToolTip(
        tr("Some IMS soft-switches (e.g. ZTE) answer 403 Forbidden unless the digest user name is the "
           "full account@domain."));
    m_authPreview = new QLabel(this);
    m_authPreview->setObjectName(QStringLiteral("authNamePreview"));
    m_authPreview->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_authPreview->setWordWrap(true);

    m_proxy = lineEdit("proxyEdit", tr("host[:port], e.g. 10.20.30.40:5060"));
    m_proxyProblem = makeProblemLabel(QStringLiteral("proxyProblem"), this);
    m_transport = makeTransportCombo(QStringLiteral("transportCombo"), this);
    m_tlsVerify = check("tlsVerifyCheck", tr("Verify the carrier's TLS certificate"));
    m_tlsVerify->setToolTip(
        tr("The certificate must come from a trusted authority (Settings: carrier certificate authorities) "
           "and name the proxy or domain; otherwise the connection is refused and the line says why."));
    connect(m_transport, &QComboBox::currentIndexChanged, this, [this] {
        m_tlsVerify->setEnabled(transportOf(m_transport) == sb::store::Transport::Tls);
    });
    m_register = check("registerCheck", tr("Register this account with the carrier"));
    m_expires = new QSpinBox(this);
    m_expires->setObjectName(QStringLiteral("expiresSpin"));
    m_expires->setRange(30, 86400);
    m_expires->setSuffix(tr(" s"));
    m_expires->setToolTip(tr("Registration interval asked for in Expires (30 to 86400 seconds)"));
    m_expiresProblem = makeProblemLabel(QStringLiteral("expiresProblem"), this);
    connect(m_register, &QCheckBox::toggled, m_expires, &QSpinBox::setEnabled);

    m_disable100rel =
        check("disable100relCheck", tr("Disable reliability of provisional responses (100rel)"));
    m_disable100rel->setToolTip(
        tr("INVITEs then carry no 100rel at all. For carriers that require 100rel in their 18x but "
           "refuse the PRACK that answers it (405 Method Not Allowed)."));
    m_userPhone = check("userPhoneCheck", tr("Add user=phone to Request-URI"));
    m_userPhone->setToolTip(
        tr("sip:+8613901088888@domain;user=phone marks the number as a telephone "
           "number, as IMS networks expect."));
    m_incoming = new QComboBox(this);
    m_incoming->setObjectName(QStringLiteral("incomingCombo"));
    m_callerId = lineEdit("callerIdEdit", tr("Optional, e.g. +8612345600; sent as P-Preferred-Identity"));
    m_callerIdProblem = makeProblemLabel(QStringLiteral("callerIdProblem"), this);
    m_enabled = check("enabledCheck", tr("Enabled"));

    m_profiles = new CarrierProfileBar(
        CarrierProfileBar::Target::Line,
        [this](const std::string& name) { return sb::config::carrierProfileOf(line(), name); }, this);
    connect(m_profiles, &CarrierProfileBar::applyRequested, this, [this](const sb::config::CarrierProfile& p) {
        sb::store::ExternalLine edited = line();
        sb::config::applyCarrierProfile(p, edited);
        load(edited);
        validate();
    });

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->setObjectName(QStringLiteral("buttonBox"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &LineDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &LineDialog::reject);
}

void LineDialog::layOut() {
    auto* account = new QGroupBox(tr("Account"), this);
    auto* accountForm = new QFormLayout(account);
    accountForm->addRow(tr("&Name:"), m_name);
    accountForm->addRow(QString(), m_nameProblem);
    accountForm->addRow(tr("SIP &domain:"), m_domain);
    accountForm->addRow(QString(), m_domainProblem);
    accountForm->addRow(tr("&Account:"), m_account);
    accountForm->addRow(QString(), m_accountProblem);
    accountForm->addRow(tr("Authori&zation ID:"), m_authId);
    accountForm->addRow(QString(), m_authIdProblem);
    auto* passwordRow = new QHBoxLayout;
    passwordRow->addWidget(m_password, 1);
    passwordRow->addWidget(m_showPassword);
    // A row holding a layout gets no buddy: name the edit so "&P" works.
    auto* passwordLabel = new QLabel(tr("&Password:"), this);
    passwordLabel->setBuddy(m_password);
    accountForm->addRow(passwordLabel, passwordRow);
    accountForm->addRow(QString(), m_passwordProblem);
    accountForm->addRow(QString(), m_authIncludesAddress);
    accountForm->addRow(QString(), m_authPreview);

    auto* network = new QGroupBox(tr("Network"), this);
    auto* networkForm = new QFormLayout(network);
    networkForm->addRow(tr("Outbound pro&xy (Via):"), m_proxy);
    networkForm->addRow(QString(), m_proxyProblem);
    networkForm->addRow(QString(),
                        makeHintLabel(tr("Where every request of this line is sent (an SBC or P-CSCF), while "
                                         "the SIP domain stays the logical IMS domain in the URIs. Empty: "
                                         "requests go to the domain itself."),
                                      QStringLiteral("proxyHint"), this));
    networkForm->addRow(tr("&Transport:"), m_transport);
    networkForm->addRow(QString(), m_tlsVerify);
    m_forwardHeader = makeForwardHeaderCombo(this);
    networkForm->addRow(tr("Forwarded calls &name the forwarder by:"), m_forwardHeader);
    networkForm->addRow(QString(), m_register);
    networkForm->addRow(tr("Registration &interval:"), m_expires);
    networkForm->addRow(QString(), m_expiresProblem);

    auto* calls = new QGroupBox(tr("Calls"), this);
    auto* callsForm = new QFormLayout(calls);
    callsForm->addRow(QString(), m_disable100rel);
    callsForm->addRow(QString(), m_userPhone);
    callsForm->addRow(tr("Presented n&umber:"), m_callerId);
    callsForm->addRow(QString(), m_callerIdProblem);
    callsForm->addRow(tr("Incoming calls &ring:"), m_incoming);
    callsForm->addRow(QString(), m_enabled);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_profiles);
    layout->addWidget(account);
    layout->addWidget(network);
    layout->addWidget(calls);
    layout->addStretch(1);
    layout->addWidget(m_buttons);
}

void LineDialog::setPasswordShown(bool shown) {
    m_password->setEchoMode(shown ? QLineEdit::Normal : QLineEdit::Password);
    m_showPassword->setText(shown ? tr("Hide") : tr("Show"));
}

}  // namespace sb::ui
