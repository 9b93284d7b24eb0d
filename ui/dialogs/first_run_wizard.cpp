#include "dialogs/first_run_wizard.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTableWidget>
#include <QVBoxLayout>
#include <QWizardPage>

#include <functional>
#include <set>

#include "config/defaults.h"
#include "config/validation.h"
#include "core_bridge.h"
#include "dialogs/dialog_fields.h"
#include "local_addresses.h"

namespace sb::ui {

/// A wizard page holding a form whose Next/Finish waits on one check; the
/// check's reason shows under the form.
class FormPage final : public QWizardPage {
public:
    FormPage(const QString& title, const QString& subTitle, const QString& objectName, QWidget* parent)
        : QWizardPage(parent) {
        setObjectName(objectName);
        setTitle(title);
        setSubTitle(subTitle);
        m_form = new QFormLayout;
        m_problem = makeProblemLabel(objectName + QStringLiteral("Problem"), this);
        auto* layout = new QVBoxLayout(this);
        layout->addLayout(m_form);
        layout->addWidget(m_problem);
        layout->addStretch(1);
    }
    QFormLayout* form() const { return m_form; }
    QVBoxLayout* box() const { return static_cast<QVBoxLayout*>(layout()); }
    void setCheck(std::function<QString()> check) { m_check = std::move(check); }
    void setOnEnter(std::function<void()> onEnter) { m_onEnter = std::move(onEnter); }
    /// Re-run the check: show its reason and update Next/Finish.
    void recheck() {
        showProblem(m_problem, m_check ? m_check() : QString());
        emit completeChanged();
    }
    bool isComplete() const override { return !m_check || m_check().isEmpty(); }
    void initializePage() override {
        if (m_onEnter) m_onEnter();
        recheck();
    }

private:
    QFormLayout* m_form;
    QLabel* m_problem;
    std::function<QString()> m_check;
    std::function<void()> m_onEnter;
};

namespace {

constexpr int kMaxExtensions = 200;

QSpinBox* portSpin(const char* objectName, int value, QWidget* parent) {
    auto* spin = new QSpinBox(parent);
    spin->setObjectName(QLatin1String(objectName));
    spin->setRange(1, 65535);
    spin->setValue(value);
    return spin;
}

QLineEdit* lineEdit(const char* objectName, const QString& placeholder, QWidget* parent) {
    auto* edit = new QLineEdit(parent);
    edit->setObjectName(QLatin1String(objectName));
    edit->setPlaceholderText(placeholder);
    return edit;
}

}  // namespace

FirstRunWizard::FirstRunWizard(CoreBridge& bridge, bool newDatabase, QWidget* parent)
    : QWizard(parent), m_bridge(bridge) {
    setObjectName(QStringLiteral("firstRunWizard"));
    setWindowTitle(tr("Set up Switchboard"));
    setWizardStyle(QWizard::ClassicStyle);  // the same look on every platform, and offscreen
    setPage(DomainPage, createDomainPage());
    setPage(PortsPage, createPortsPage());
    setPage(ExtensionsPage, createExtensionsPage());
    setPage(LinePage, createLinePage());
    setPage(SummaryPage, createSummaryPage());
    m_replace->setChecked(newDatabase);
    connect(&m_bridge, &CoreBridge::configurationChanged, this, &FirstRunWizard::onApplied);
    connect(&m_bridge, &CoreBridge::configurationRejected, this, &FirstRunWizard::onRejected);
    setMinimumSize(600, 460);
}

FormPage* FirstRunWizard::createDomainPage() {
    auto* page = new FormPage(tr("SIP domain"),
                              tr("Phones register to this name or address. Pick the address of this computer "
                                 "that the phones can reach, or type a DNS name."),
                              QStringLiteral("domainPage"), this);
    m_domain = new QComboBox(page);
    m_domain->setObjectName(QStringLiteral("domainCombo"));
    m_domain->setEditable(true);
    QStringList addresses = localAddresses();
    const QString current = QString::fromStdString(m_bridge.configuration().settings.domain);
    if (!current.isEmpty()) addresses.prepend(current);
    addresses.removeDuplicates();
    m_domain->addItems(addresses);
    page->form()->addRow(tr("SIP &domain:"), m_domain);
    page->setCheck([this] {
        return reasonOf(sb::config::checkDomain(m_domain->currentText().trimmed().toStdString()));
    });
    connect(m_domain, &QComboBox::currentTextChanged, page, &FormPage::recheck);
    return page;
}

FormPage* FirstRunWizard::createPortsPage() {
    auto* page = new FormPage(tr("Ports"),
                              tr("Phones and carriers send SIP to these ports. Keep the standard ones unless "
                                 "another program uses them."),
                              QStringLiteral("portsPage"), this);
    const auto& settings = m_bridge.configuration().settings;
    m_sipPort = portSpin("sipPortSpin", settings.sipPort, page);
    m_tlsPort = portSpin("tlsPortSpin", settings.tlsPort, page);
    page->form()->addRow(tr("SIP &port (UDP/TCP):"), m_sipPort);
    page->form()->addRow(tr("SIP over &TLS port:"), m_tlsPort);
    page->setCheck([this] {
        sb::store::Configuration candidate = m_bridge.configuration();
        candidate.settings.sipPort = static_cast<uint16_t>(m_sipPort->value());
        candidate.settings.tlsPort = static_cast<uint16_t>(m_tlsPort->value());
        for (const auto& error : sb::config::validate(candidate))
            if (error.path == "settings.sip_port" || error.path == "settings.tls_port")
                return QString::fromStdString(error.toString());
        return QString();
    });
    for (QSpinBox* spin : {m_sipPort, m_tlsPort})
        connect(spin, &QSpinBox::valueChanged, page, &FormPage::recheck);
    return page;
}

FormPage* FirstRunWizard::createExtensionsPage() {
    auto* page = new FormPage(tr("Extensions"),
                              tr("One extension per phone. Each gets a generated password, shown on the last "
                                 "page."),
                              QStringLiteral("extensionsPage"), this);
    m_count = new QSpinBox(page);
    m_count->setObjectName(QStringLiteral("countSpin"));
    m_count->setRange(1, kMaxExtensions);
    m_count->setValue(3);
    m_firstNumber = lineEdit("firstNumberEdit", tr("e.g. 100"), page);
    m_firstNumber->setText(QStringLiteral("100"));
    m_replace = new QCheckBox(tr("Remove the extensions that exist now"), page);
    m_replace->setObjectName(QStringLiteral("replaceCheck"));
    page->form()->addRow(tr("&Number of extensions:"), m_count);
    page->form()->addRow(tr("&First number:"), m_firstNumber);
    page->form()->addRow(QString(), m_replace);
    page->setCheck([this] { return extensionsProblem(); });
    connect(m_count, &QSpinBox::valueChanged, page, &FormPage::recheck);
    connect(m_firstNumber, &QLineEdit::textChanged, page, &FormPage::recheck);
    connect(m_replace, &QCheckBox::toggled, page, &FormPage::recheck);
    return page;
}

FormPage* FirstRunWizard::createLinePage() {
    auto* page =
        new FormPage(tr("External line"),
                     tr("Optionally, a carrier account Switchboard registers to for calls to and from "
                        "the telephone network. You can add lines later too."),
                     QStringLiteral("linePage"), this);
    m_addLine = new QCheckBox(tr("&Add an external line"), page);
    m_addLine->setObjectName(QStringLiteral("addLineCheck"));
    m_lineName = lineEdit("lineNameEdit", tr("e.g. China Telecom"), page);
    m_lineDomain = lineEdit("lineDomainEdit", tr("e.g. gd.ctcims.cn"), page);
    m_lineAccount = lineEdit("lineAccountEdit", tr("e.g. +8612345678"), page);
    m_linePassword = lineEdit("linePasswordEdit", QString(), page);
    m_linePassword->setEchoMode(QLineEdit::Password);
    m_lineProxy = lineEdit("lineProxyEdit", tr("host[:port]; empty: the domain itself"), page);
    page->form()->addRow(QString(), m_addLine);
    page->form()->addRow(tr("&Name:"), m_lineName);
    page->form()->addRow(tr("SIP &domain:"), m_lineDomain);
    page->form()->addRow(tr("A&ccount:"), m_lineAccount);
    page->form()->addRow(tr("&Password:"), m_linePassword);
    page->form()->addRow(tr("Outbound pro&xy:"), m_lineProxy);
    page->setCheck([this] { return lineProblem(); });
    const auto enable = [this](bool on) {
        for (QLineEdit* edit : {m_lineName, m_lineDomain, m_lineAccount, m_linePassword, m_lineProxy})
            edit->setEnabled(on);
    };
    enable(false);
    connect(m_addLine, &QCheckBox::toggled, page, enable);
    connect(m_addLine, &QCheckBox::toggled, page, &FormPage::recheck);
    for (QLineEdit* edit : {m_lineName, m_lineDomain, m_lineAccount, m_linePassword, m_lineProxy})
        connect(edit, &QLineEdit::textChanged, page, &FormPage::recheck);
    return page;
}

FormPage* FirstRunWizard::createSummaryPage() {
    auto* page =
        new FormPage(tr("Passwords"),
                     tr("Set up each phone with its extension number, this password and the SIP domain. "
                        "The passwords are shown only now: copy them before you finish."),
                     QStringLiteral("summaryPage"), this);
    m_summary = new QTableWidget(0, 2, page);
    m_summary->setObjectName(QStringLiteral("passwordTable"));
    m_summary->setHorizontalHeaderLabels({tr("Extension"), tr("Password")});
    m_summary->horizontalHeader()->setStretchLastSection(true);
    m_summary->verticalHeader()->hide();
    m_summary->setEditTriggers(QAbstractItemView::NoEditTriggers);
    auto* copy = new QPushButton(tr("&Copy passwords"), page);
    copy->setObjectName(QStringLiteral("copyPasswordsButton"));
    connect(copy, &QPushButton::clicked, this, &FirstRunWizard::copyPasswords);
    m_applyProblem = makeProblemLabel(QStringLiteral("applyProblem"), page);
    page->box()->insertWidget(0, m_summary, 1);
    page->box()->insertWidget(1, copy, 0, Qt::AlignLeft);
    page->box()->insertWidget(2, m_applyProblem);
    page->setOnEnter([this] { fillSummary(); });
    page->setCommitPage(false);
    return page;
}

QStringList FirstRunWizard::extensionNumbers() const {
    QStringList numbers;
    const QString first = m_firstNumber->text().trimmed();
    bool ok = false;
    const qulonglong start = first.toULongLong(&ok);
    if (!ok) return numbers;
    for (int i = 0; i < m_count->value(); ++i) {
        // Keep leading zeros: "0100" continues as "0101".
        QString number = QString::number(start + static_cast<qulonglong>(i));
        if (number.size() < first.size()) number = number.rightJustified(first.size(), QLatin1Char('0'));
        numbers << number;
    }
    return numbers;
}

QString FirstRunWizard::extensionsProblem() const {
    const QString first = m_firstNumber->text().trimmed();
    if (QString why = reasonOf(sb::config::checkExtensionNumber(first.toStdString())); !why.isEmpty())
        return tr("First number: %1").arg(why);
    const QStringList numbers = extensionNumbers();
    if (QString why = reasonOf(sb::config::checkExtensionNumber(numbers.constLast().toStdString()));
        !why.isEmpty())
        return tr("Last number %1: %2").arg(numbers.constLast(), why);
    if (!m_replace->isChecked()) {
        for (const auto& e : m_bridge.configuration().extensions)
            if (numbers.contains(QString::fromStdString(e.number)))
                return tr("Extension %1 exists already: choose another first number, or remove the "
                          "existing extensions.")
                    .arg(QString::fromStdString(e.number));
    }
    return {};
}

sb::store::ExternalLine FirstRunWizard::line() const {
    sb::store::ExternalLine l;
    l.name = m_lineName->text().trimmed().toStdString();
    l.domain = m_lineDomain->text().trimmed().toStdString();
    l.account = m_lineAccount->text().trimmed().toStdString();
    l.password = m_linePassword->text().toStdString();
    l.proxy = m_lineProxy->text().trimmed().toStdString();
    return l;
}

QString FirstRunWizard::lineProblem() const {
    if (!m_addLine->isChecked()) return {};
    const sb::store::ExternalLine l = line();
    const TakenNames taken(m_bridge.configuration(), QString());
    if (QString why = nameProblem(QString::fromStdString(l.name), taken); !why.isEmpty())
        return tr("Name: %1").arg(why);
    if (QString why = reasonOf(sb::config::checkDomain(l.domain)); !why.isEmpty())
        return tr("SIP domain: %1").arg(why);
    if (QString why = reasonOf(sb::config::checkAccount(l.account)); !why.isEmpty())
        return tr("Account: %1").arg(why);
    if (QString why = reasonOf(sb::config::checkText(l.password)); !why.isEmpty())
        return tr("Password: %1").arg(why);
    if (!l.proxy.empty())
        if (QString why = reasonOf(sb::config::checkHostPort(l.proxy)); !why.isEmpty())
            return tr("Outbound proxy: %1").arg(why);
    return {};
}

void FirstRunWizard::fillSummary() {
    const QStringList numbers = extensionNumbers();
    m_summary->setRowCount(static_cast<int>(numbers.size()));
    for (int row = 0; row < numbers.size(); ++row) {
        const std::string number = numbers[row].toStdString();
        auto it = m_passwords.find(number);
        if (it == m_passwords.end()) it = m_passwords.emplace(number, sb::config::generatePassword()).first;
        m_summary->setItem(row, 0, new QTableWidgetItem(numbers[row]));
        m_summary->setItem(row, 1, new QTableWidgetItem(QString::fromStdString(it->second)));
    }
}

void FirstRunWizard::copyPasswords() {
    QString text = tr("SIP domain: %1").arg(m_domain->currentText().trimmed()) + QLatin1Char('\n');
    for (int row = 0; row < m_summary->rowCount(); ++row)
        text += m_summary->item(row, 0)->text() + QLatin1Char('\t') + m_summary->item(row, 1)->text() +
                QLatin1Char('\n');
    QApplication::clipboard()->setText(text);
}

sb::store::Configuration FirstRunWizard::configuration() const {
    sb::store::Configuration config = m_bridge.configuration();
    config.settings.domain = m_domain->currentText().trimmed().toStdString();
    config.settings.sipPort = static_cast<uint16_t>(m_sipPort->value());
    config.settings.tlsPort = static_cast<uint16_t>(m_tlsPort->value());
    if (m_replace->isChecked()) {
        // Nothing may keep naming an extension that is gone.
        std::set<std::string> kept;
        for (const QString& n : extensionNumbers()) kept.insert(n.toStdString());
        for (auto& l : config.lines)
            if (!kept.count(l.incomingExtension)) l.incomingExtension.clear();
        for (auto& t : config.trunks)
            std::erase_if(t.dids, [&](const auto& did) { return !kept.count(did.second); });
        config.extensions.clear();
    }
    for (const QString& n : extensionNumbers()) {
        sb::store::Extension e;
        e.number = n.toStdString();
        const auto it = m_passwords.find(e.number);
        e.password = it != m_passwords.end() ? it->second : sb::config::generatePassword();
        config.extensions.push_back(e);
    }
    if (m_addLine->isChecked()) {
        sb::store::ExternalLine l = line();
        l.incomingExtension = extensionNumbers().constFirst().toStdString();
        config.lines.push_back(l);
    }
    return config;
}

void FirstRunWizard::accept() {
    if (m_awaiting) return;
    if (!m_bridge.applyConfiguration(configuration())) {
        showProblem(m_applyProblem, tr("The engine is not running; nothing was changed."));
        return;
    }
    m_awaiting = true;
    showProblem(m_applyProblem, QString());
    button(QWizard::FinishButton)->setEnabled(false);
}

void FirstRunWizard::onApplied() {
    if (!m_awaiting) return;
    m_awaiting = false;
    QWizard::accept();
}

void FirstRunWizard::onRejected(const QString& reason) {
    if (!m_awaiting) return;
    m_awaiting = false;
    showProblem(m_applyProblem, tr("The engine refused this configuration: %1").arg(reason));
    button(QWizard::FinishButton)->setEnabled(true);
}

}  // namespace sb::ui
