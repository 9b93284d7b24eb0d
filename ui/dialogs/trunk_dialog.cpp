#include "dialogs/trunk_dialog.h"

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
#include <QVBoxLayout>

#include "config/carrier_profile.h"
#include "dialogs/address_list_edit.h"
#include "dialogs/carrier_profile_bar.h"
#include "dialogs/forward_group.h"
#include "dialogs/did_table_edit.h"

namespace sb::ui {

namespace {

constexpr int kSipPort = 5060;
constexpr int kSipsPort = 5061;

}  // namespace

TrunkDialog::TrunkDialog(const sb::store::Configuration& config,
                         const std::optional<sb::store::SipTrunk>& original, QWidget* parent)
    : QDialog(parent),
      m_taken(config, original ? QString::fromStdString(original->name) : QString()),
      m_editing(original.has_value()) {
    setObjectName(QStringLiteral("trunkDialog"));
    if (original) m_originalName = QString::fromStdString(original->name);
    setWindowTitle(m_editing ? tr("Edit SIP trunk %1").arg(m_originalName) : tr("Add SIP trunk"));

    buildWidgets(config);
    layOut();
    load(original.value_or(sb::store::SipTrunk{}));

    for (QLineEdit* edit : {m_name, m_host, m_proxy, m_params, m_authUser, m_authPassword, m_callerId,
                            m_callerIdPrefix})
        connect(edit, &QLineEdit::textChanged, this, &TrunkDialog::validate);
    connect(m_port, &QSpinBox::valueChanged, this, &TrunkDialog::validate);
    connect(m_addresses, &AddressListEdit::changed, this, &TrunkDialog::validate);
    connect(m_dids, &DidTableEdit::changed, this, &TrunkDialog::validate);
    // activated: only the user's choice, not load(), moves the port along.
    connect(m_transport, &QComboBox::activated, this, &TrunkDialog::transportChosen);
    validate();
    setMinimumWidth(980);
}

void TrunkDialog::buildWidgets(const sb::store::Configuration& config) {
    auto lineEdit = [this](const char* objectName, const QString& placeholder) {
        auto* edit = new QLineEdit(this);
        edit->setObjectName(QLatin1String(objectName));
        edit->setPlaceholderText(placeholder);
        return edit;
    };
    m_name = lineEdit("nameEdit", tr("Shown in routes and call history, e.g. carrier"));
    m_nameProblem = makeProblemLabel(QStringLiteral("nameProblem"), this);
    m_host = lineEdit("hostEdit", tr("The peer's address or hostname, e.g. 203.0.113.5"));
    m_hostProblem = makeProblemLabel(QStringLiteral("hostProblem"), this);
    m_port = new QSpinBox(this);
    m_port->setObjectName(QStringLiteral("portSpin"));
    m_port->setRange(1, 65535);
    m_portProblem = makeProblemLabel(QStringLiteral("portProblem"), this);
    m_transport = makeTransportCombo(QStringLiteral("transportCombo"), this);
    m_proxy = lineEdit("proxyEdit", tr("Optional host[:port]; empty: straight to the peer"));
    m_proxyProblem = makeProblemLabel(QStringLiteral("proxyProblem"), this);
    m_params = lineEdit("requestUriParamsEdit", tr("e.g. user=phone"));
    m_params->setToolTip(
        tr("Appended to the Request-URI of every outgoing call, e.g. "
           "sip:+8613901088888@203.0.113.5;user=phone"));
    m_paramsProblem = makeProblemLabel(QStringLiteral("requestUriParamsProblem"), this);
    m_tlsVerify = new QCheckBox(tr("Verify the peer's TLS certificate"), this);
    m_tlsVerify->setObjectName(QStringLiteral("tlsVerifyCheck"));
    m_tlsVerify->setToolTip(tr("The certificate must come from a trusted authority (Settings: carrier certificate "
                               "authorities) and name the host or proxy; otherwise the call attempt fails over."));
    m_disable100rel = new QCheckBox(tr("Disable reliability of provisional responses (100rel)"), this);
    m_disable100rel->setObjectName(QStringLiteral("disable100relCheck"));
    m_disable100rel->setToolTip(
        tr("INVITEs then carry no 100rel at all. For peers that require 100rel in their 18x but "
           "refuse the PRACK that answers it (405 Method Not Allowed)."));
    m_addresses = new AddressListEdit(this);
    m_dids = new DidTableEdit(config, this);
    m_enabled = new QCheckBox(tr("Enabled"), this);
    m_enabled->setObjectName(QStringLiteral("enabledCheck"));
    m_authUser = lineEdit("authUserEdit", tr("Only if the peer challenges our calls"));
    m_authPassword = lineEdit("authPasswordEdit", QString());
    m_authPassword->setEchoMode(QLineEdit::PasswordEchoOnEdit);
    m_authProblem = makeProblemLabel(QStringLiteral("authProblem"), this);
    m_callerId = lineEdit("callerIdEdit", tr("Fixed number, e.g. +8610880000; empty: the extension's"));
    m_callerIdPrefix = lineEdit("callerIdPrefixEdit", tr("Put before the extension's number, e.g. +861088"));
    m_callerIdProblem = makeProblemLabel(QStringLiteral("callerIdProblem"), this);
    m_defaultExtension = new QComboBox(this);
    m_defaultExtension->setObjectName(QStringLiteral("defaultExtensionCombo"));
    fillExtensionCombo(m_defaultExtension, config, tr("(none: calls to other numbers get 404)"));

    m_profiles = new CarrierProfileBar(
        CarrierProfileBar::Target::Trunk,
        [this](const std::string& name) { return sb::config::carrierProfileOf(trunk(), name); }, this);
    connect(m_profiles, &CarrierProfileBar::applyRequested, this, [this](const sb::config::CarrierProfile& p) {
        sb::store::SipTrunk edited = trunk();
        sb::config::applyCarrierProfile(p, edited);
        load(edited);
        validate();
    });

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->setObjectName(QStringLiteral("buttonBox"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &TrunkDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &TrunkDialog::reject);
}

void TrunkDialog::layOut() {
    auto* peer = new QGroupBox(tr("Peer"), this);
    auto* peerForm = new QFormLayout(peer);
    peerForm->addRow(tr("&Name:"), m_name);
    peerForm->addRow(QString(), m_nameProblem);
    peerForm->addRow(tr("Peer &host:"), m_host);
    peerForm->addRow(QString(), m_hostProblem);
    peerForm->addRow(tr("&Port:"), m_port);
    peerForm->addRow(QString(), m_portProblem);
    peerForm->addRow(tr("&Transport:"), m_transport);
    peerForm->addRow(QString(), m_tlsVerify);
    m_forwardHeader = makeForwardHeaderCombo(this);
    peerForm->addRow(tr("Forwarded calls &name the forwarder by:"), m_forwardHeader);
    peerForm->addRow(tr("Outbound pro&xy:"), m_proxy);
    peerForm->addRow(QString(), m_proxyProblem);
    peerForm->addRow(QString(), m_enabled);

    auto* outgoing = new QGroupBox(tr("Outgoing calls"), this);
    auto* outgoingForm = new QFormLayout(outgoing);
    outgoingForm->addRow(tr("Additional parameter of &Request-URI:"), m_params);
    outgoingForm->addRow(QString(), m_paramsProblem);
    outgoingForm->addRow(
        QString(), makeHintLabel(tr("name[=value](;name[=value])*, for example user=phone or "
                                    "cpc=ordinary;npdi. Carriers that take no TEL URI may want user=phone "
                                    "on trunks too."),
                                 QStringLiteral("requestUriParamsHint"), this));
    outgoingForm->addRow(m_disable100rel);
    outgoingForm->addRow(tr("Presented &number:"), m_callerId);
    outgoingForm->addRow(tr("Number pre&fix:"), m_callerIdPrefix);
    outgoingForm->addRow(QString(), m_callerIdProblem);
    outgoingForm->addRow(tr("Auth &user:"), m_authUser);
    outgoingForm->addRow(tr("Auth pass&word:"), m_authPassword);
    outgoingForm->addRow(QString(), m_authProblem);

    auto* left = new QVBoxLayout;
    left->addWidget(peer);
    left->addWidget(outgoing);
    left->addStretch(1);

    auto* incoming = new QGroupBox(tr("Incoming calls"), this);
    incoming->setMinimumWidth(420);
    auto* incomingLayout = new QVBoxLayout(incoming);
    incomingLayout->addWidget(new QLabel(tr("Allowed source addresses:"), this));
    incomingLayout->addWidget(m_addresses);
    incomingLayout->addWidget(
        makeHintLabel(tr("Requests from these addresses belong to this trunk. None listed: the peer "
                         "host's address (when it is an IP address)."),
                      QStringLiteral("allowedAddressHint"), this));
    incomingLayout->addWidget(new QLabel(tr("DIDs (called number → extension):"), this));
    incomingLayout->addWidget(m_dids, 1);
    auto* defaultRow = new QFormLayout;
    defaultRow->addRow(tr("Other numbers &ring:"), m_defaultExtension);
    incomingLayout->addLayout(defaultRow);

    auto* columns = new QHBoxLayout;
    columns->addLayout(left, 1);
    columns->addWidget(incoming, 1);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_profiles);
    layout->addLayout(columns, 1);
    layout->addWidget(m_buttons);
}

void TrunkDialog::transportChosen(int index) {
    // TLS listens on 5061 by convention: follow the transport unless the
    // user typed a port of their own.
    const auto transport = static_cast<sb::store::Transport>(m_transport->itemData(index).toInt());
    m_tlsVerify->setEnabled(transport == sb::store::Transport::Tls);
    if (transport == sb::store::Transport::Tls && m_port->value() == kSipPort) m_port->setValue(kSipsPort);
    if (transport != sb::store::Transport::Tls && m_port->value() == kSipsPort) m_port->setValue(kSipPort);
}

}  // namespace sb::ui
