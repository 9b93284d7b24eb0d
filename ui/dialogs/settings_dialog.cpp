#include "dialogs/settings_dialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QCoreApplication>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QSystemTrayIcon>
#include <QVBoxLayout>

#include <algorithm>
#include <utility>

#include "config/validation.h"
#include "core_bridge.h"
#include "dialogs/dialog_fields.h"
#include "local_addresses.h"

namespace sb::ui {

namespace {

constexpr int kMaxPort = 65535;
const QString kSettingsPrefix = QStringLiteral("settings.");

/// Presets the GUI knows names for; only those the core accepts are offered.
const char* const kRingbackPresets[] = {"cn", "eu", "us", "uk"};

QSpinBox* makeSpin(const char* objectName, int min, int max, QWidget* parent) {
    auto* spin = new QSpinBox(parent);
    spin->setObjectName(QLatin1String(objectName));
    spin->setRange(min, max);
    return spin;
}

/// "a, b ,c" → {"a", "b", "c"}; blanks around items and empty items are dropped.
std::vector<std::string> splitList(const QString& text) {
    std::vector<std::string> out;
    for (const QString& item : text.split(QLatin1Char(','), Qt::SkipEmptyParts))
        if (const QString trimmed = item.trimmed(); !trimmed.isEmpty()) out.push_back(trimmed.toStdString());
    return out;
}

QString joinedList(const std::vector<std::string>& items) {
    QStringList out;
    for (const auto& item : items) out << QString::fromStdString(item);
    return out.join(QStringLiteral(", "));
}

}  // namespace

SettingsDialog::SettingsDialog(CoreBridge& bridge, const QString& tlsFingerprint, const QString& dataFolder,
                               QWidget* parent)
    : QDialog(parent), m_bridge(bridge), m_original(bridge.configuration().settings) {
    setObjectName(QStringLiteral("settingsDialog"));
    setWindowTitle(tr("Settings"));
    buildWidgets();
    layOut();
    load(m_original);
    m_fingerprint->setText(tlsFingerprint.isEmpty() ? tr("(not known yet)") : tlsFingerprint);
    m_dataFolder->setText(QDir::toNativeSeparators(dataFolder));

    for (QSpinBox* spin : {m_sipPort, m_tlsPort, m_rtpMin, m_rtpMax, m_mediaTimeout, m_maxCalls, m_traceFileMaxMb,
                           m_authFailLimit, m_authFailWindow, m_banTime, m_rateLimit, m_tcpMaxPerAddress,
                           m_tcpIdleTimeout, m_maxOpenFiles, m_maxMemoryMb, m_voicemailMaxMessages})
        connect(spin, &QSpinBox::valueChanged, this, &SettingsDialog::validate);
    for (QLineEdit* edit : {m_certificate, m_key, m_codecs, m_traceFile, m_allowList, m_caFile, m_musicOnHold})
        connect(edit, &QLineEdit::textChanged, this, &SettingsDialog::validate);
    connect(m_promptLanguage, &QComboBox::currentIndexChanged, this, &SettingsDialog::validate);
    connect(m_bind, &QComboBox::currentTextChanged, this, &SettingsDialog::validate);
    connect(&m_bridge, &CoreBridge::configurationChanged, this, &SettingsDialog::onApplied);
    connect(&m_bridge, &CoreBridge::configurationRejected, this, &SettingsDialog::onRejected);
    validate();
    setMinimumWidth(560);
}

void SettingsDialog::buildWidgets() {
    m_sipPort = makeSpin("sipPortSpin", 1, kMaxPort, this);
    m_sipPort->setToolTip(tr("UDP and TCP port for SIP (usually 5060)"));
    m_tlsPort = makeSpin("tlsPortSpin", 1, kMaxPort, this);
    m_tlsPort->setToolTip(tr("Port for SIP over TLS (usually 5061)"));
    m_bind = new QComboBox(this);
    m_bind->setObjectName(QStringLiteral("bindCombo"));
    m_bind->setEditable(true);
    m_bind->addItem(QStringLiteral("0.0.0.0"));
    m_bind->addItem(QStringLiteral("::"));
    for (const QString& address : localAddresses()) m_bind->addItem(address);
    m_bind->setToolTip(tr("0.0.0.0 listens on every IPv4 address of this computer"));

    m_certificate = fileField("certificateEdit", tr("Choose the TLS certificate"), &m_certificateRow);
    m_certificate->setPlaceholderText(tr("Empty: a certificate generated next to the database"));
    m_key = fileField("keyEdit", tr("Choose the TLS private key"), &m_keyRow);
    m_key->setPlaceholderText(tr("Empty: in the certificate file"));
    m_fingerprint = new QLabel(this);
    m_fingerprint->setObjectName(QStringLiteral("fingerprintLabel"));
    m_fingerprint->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_fingerprint->setWordWrap(true);

    m_rtpMin = makeSpin("rtpMinSpin", 1, kMaxPort, this);
    m_rtpMax = makeSpin("rtpMaxSpin", 1, kMaxPort, this);
    m_ringback = new QComboBox(this);
    m_ringback->setObjectName(QStringLiteral("ringbackCombo"));
    const QHash<QString, QString> ringbackNames{{QStringLiteral("cn"), tr("China")},
                                                {QStringLiteral("eu"), tr("Europe")},
                                                {QStringLiteral("us"), tr("North America")},
                                                {QStringLiteral("uk"), tr("United Kingdom")}};
    for (const char* preset : kRingbackPresets)
        if (!sb::config::checkRingback(preset))
            m_ringback->addItem(ringbackNames.value(QLatin1String(preset)), QLatin1String(preset));
    m_logLevel = new QComboBox(this);
    m_logLevel->setObjectName(QStringLiteral("logLevelCombo"));
    m_logLevel->addItem(tr("Errors"), QStringLiteral("error"));
    m_logLevel->addItem(tr("Warnings"), QStringLiteral("warning"));
    m_logLevel->addItem(tr("Information"), QStringLiteral("info"));
    m_logLevel->addItem(tr("Debug"), QStringLiteral("debug"));
    m_mediaTimeout = makeSpin("mediaTimeoutSpin", 0, 86400, this);
    m_promptLanguage = new QComboBox(this);
    m_promptLanguage->setObjectName(QStringLiteral("promptLanguageCombo"));
    m_promptLanguage->setToolTip(tr("Language of the voicemail and conference prompts callers hear"));
    m_promptLanguage->addItem(tr("English"), QStringLiteral("en"));
    m_promptLanguage->addItem(tr("Chinese"), QStringLiteral("zh"));
    m_musicOnHold = fileField("musicOnHoldEdit", tr("Choose the music on hold"), &m_musicOnHoldRow, false,
                              tr("WAV audio (*.wav);;All files (*)"));
    m_musicOnHold->setPlaceholderText(tr("Empty: the music shipped with Switchboard"));
    m_musicOnHold->setToolTip(tr("An 8 kHz mono WAV file played to callers on hold"));
    m_voicemailMaxMessages = makeSpin("voicemailMaxMessagesSpin", 1, 10000, this);
    m_voicemailMaxMessages->setSuffix(tr(" messages"));
    m_voicemailMaxMessages->setToolTip(tr("Per mailbox; callers to a full mailbox are told so"));
    m_mediaTimeout->setSuffix(tr(" s"));
    m_mediaTimeout->setSpecialValueText(tr("Off"));
    m_mediaTimeout->setToolTip(tr("A call that carries no audio this long is ended (0: never)"));
    m_codecs = new QLineEdit(this);
    m_codecs->setObjectName(QStringLiteral("codecsEdit"));
    m_codecs->setPlaceholderText(tr("e.g. PCMA, PCMU; empty: as the caller offers"));
    m_codecs->setToolTip(tr("Codecs that offers Switchboard sends list first, in this order"));
    m_prackAutoDisable =
        new QCheckBox(tr("Stop offering 100rel on a line or trunk that demands it and then refuses PRACK"), this);
    m_prackAutoDisable->setObjectName(QStringLiteral("prackAutoDisableCheck"));
    m_maxCalls = makeSpin("maxCallsSpin", 0, 100000, this);
    m_maxCalls->setSpecialValueText(tr("No limit"));
    m_traceFile = fileField("traceFileEdit", tr("Write the SIP trace to"), &m_traceFileRow, true);
    m_traceFile->setPlaceholderText(tr("Empty: no trace file"));
    m_traceFileMaxMb = makeSpin("traceFileMaxMbSpin", 1, 1024, this);
    m_traceFileMaxMb->setSuffix(tr(" MB"));
    m_authFailLimit = makeSpin("authFailLimitSpin", 0, 1000, this);
    m_authFailLimit->setSpecialValueText(tr("Never ban"));
    m_authFailWindow = makeSpin("authFailWindowSpin", 1, 86400, this);
    m_authFailWindow->setSuffix(tr(" s"));
    m_banTime = makeSpin("banTimeSpin", 1, 30 * 86400, this);
    m_banTime->setSuffix(tr(" s"));
    m_allowList = new QLineEdit(this);
    m_allowList->setObjectName(QStringLiteral("allowListEdit"));
    m_allowList->setPlaceholderText(tr("e.g. 127.0.0.0/8, 192.168.1.0/24"));
    m_allowList->setToolTip(tr("Addresses or CIDR blocks that are never banned nor rate limited"));
    m_dropScanners = new QCheckBox(tr("Ignore known SIP scanners (friendly-scanner, sipvicious, …)"), this);
    m_dropScanners->setObjectName(QStringLiteral("dropScannersCheck"));
    m_rateLimit = makeSpin("rateLimitSpin", 0, 100000, this);
    m_rateLimit->setSpecialValueText(tr("No limit"));
    m_rateLimit->setSuffix(tr(" requests/s"));
    m_caFile = fileField("caFileEdit", tr("Choose the certificate authorities for carriers"), &m_caFileRow);
    m_caFile->setPlaceholderText(tr("Empty: the system's trusted authorities"));
    m_caFile->setToolTip(tr("Lines and trunks over TLS that verify their peer accept only certificates from these"));
    m_tcpMaxPerAddress = makeSpin("tcpMaxPerAddressSpin", 0, 100000, this);
    m_tcpMaxPerAddress->setSpecialValueText(tr("No limit"));
    m_tcpMaxPerAddress->setToolTip(tr("TCP/TLS connections one address may hold open (allow-list exempt)"));
    m_tcpIdleTimeout = makeSpin("tcpIdleTimeoutSpin", 0, 86400, this);
    m_tcpIdleTimeout->setSuffix(tr(" s"));
    m_tcpIdleTimeout->setSpecialValueText(tr("Off"));
    m_tcpIdleTimeout->setToolTip(tr("A TCP/TLS connection without a registration that stays silent this long is closed"));
    m_maxOpenFiles = makeSpin("maxOpenFilesSpin", 0, 1048576, this);
    m_maxOpenFiles->setSpecialValueText(tr("System limit"));
    m_maxOpenFiles->setToolTip(tr("Every call holds four sockets; new calls are refused before the last 64 are used"));
    m_maxMemoryMb = makeSpin("maxMemoryMbSpin", 0, 1048576, this);
    m_maxMemoryMb->setSuffix(tr(" MB"));
    m_maxMemoryMb->setSpecialValueText(tr("No limit"));
    m_maxMemoryMb->setToolTip(tr("New calls are refused while Switchboard uses more memory than this"));
    m_dataFolder = new QLineEdit(this);
    m_dataFolder->setObjectName(QStringLiteral("dataFolderEdit"));
    m_dataFolder->setReadOnly(true);

    m_closeToTray =
        new QCheckBox(tr("Closing the window keeps Switchboard running in the notification area"), this);
    m_closeToTray->setObjectName(QStringLiteral("closeToTrayCheck"));
    m_closeToTray->setEnabled(QSystemTrayIcon::isSystemTrayAvailable());
    m_startMinimised = new QCheckBox(tr("Start minimised"), this);
    m_startMinimised->setObjectName(QStringLiteral("startMinimisedCheck"));
    m_startWithSession = new QCheckBox(tr("Start Switchboard when I log in"), this);
    m_startWithSession->setObjectName(QStringLiteral("startWithSessionCheck"));
    m_startWithSession->setToolTip(autostartLocation());

    for (const char* field : {"sip_port", "tls_port", "bind", "tls_certificate", "tls_private_key", "rtp_port_min",
                              "rtp_port_max", "ringback", "log_level", "media_timeout", "codecs", "max_calls",
                              "trace_file", "trace_file_max_mb", "auth_fail_limit", "auth_fail_window", "ban_time",
                              "allow_list", "rate_limit", "tls_ca_file", "tcp_max_per_address",
                              "tcp_idle_timeout", "max_open_files", "max_memory_mb", "prompt_language",
                              "music_on_hold", "voicemail_max_messages"}) {
        const QString key = QLatin1String(field);
        m_problems.insert(key, makeProblemLabel(key + QStringLiteral("Problem"), this));
    }
    m_otherProblems = makeProblemLabel(QStringLiteral("otherProblems"), this);
    m_applyProblem = makeProblemLabel(QStringLiteral("applyProblem"), this);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    m_buttons->setObjectName(QStringLiteral("buttonBox"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &SettingsDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &SettingsDialog::reject);
}

QLineEdit* SettingsDialog::fileField(const char* objectName, const QString& caption, QWidget** row, bool save,
                                     const QString& filter) {
    auto* edit = new QLineEdit(this);
    edit->setObjectName(QLatin1String(objectName));
    auto* browse = new QPushButton(tr("Browse…"), this);
    browse->setObjectName(QLatin1String(objectName) + QStringLiteral("Browse"));
    connect(browse, &QPushButton::clicked, this, [this, edit, caption, save, filter] {
        const QString start = edit->text().isEmpty() ? m_dataFolder->text() : edit->text();
        const QString path =
            save ? QFileDialog::getSaveFileName(this, caption, start, tr("Log files (*.log *.txt);;All files (*)"))
                 : QFileDialog::getOpenFileName(this, caption, start,
                                                filter.isEmpty() ? tr("PEM files (*.pem *.crt *.key);;All files (*)")
                                                                 : filter);
        if (!path.isEmpty()) edit->setText(QDir::toNativeSeparators(path));
    });
    *row = new QWidget(this);
    auto* layout = new QHBoxLayout(*row);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(edit, 1);
    layout->addWidget(browse);
    return edit;
}

void SettingsDialog::layOut() {
    auto addField = [this](QFormLayout* form, const QString& label, QWidget* field, const char* key) {
        form->addRow(label, field);
        form->addRow(QString(), m_problems.value(QLatin1String(key)));
    };
    auto* sip = new QGroupBox(tr("SIP"), this);
    auto* sipForm = new QFormLayout(sip);
    addField(sipForm, tr("SIP &port (UDP/TCP):"), m_sipPort, "sip_port");
    addField(sipForm, tr("&TLS port:"), m_tlsPort, "tls_port");
    addField(sipForm, tr("&Bind address:"), m_bind, "bind");
    addField(sipForm, tr("TLS &certificate:"), m_certificateRow, "tls_certificate");
    addField(sipForm, tr("TLS private &key:"), m_keyRow, "tls_private_key");
    sipForm->addRow(tr("Certificate SHA-256:"), m_fingerprint);
    sipForm->addRow(QString(),
                    makeHintLabel(tr("Ports, the bind address and the TLS files take effect the next "
                                     "time Switchboard starts."),
                                  QStringLiteral("restartHint"), this));

    auto* media = new QGroupBox(tr("Media"), this);
    auto* mediaForm = new QFormLayout(media);
    addField(mediaForm, tr("RTP ports &from:"), m_rtpMin, "rtp_port_min");
    addField(mediaForm, tr("RTP ports t&o:"), m_rtpMax, "rtp_port_max");
    addField(mediaForm, tr("&Ring-back tone:"), m_ringback, "ringback");
    addField(mediaForm, tr("&Media timeout:"), m_mediaTimeout, "media_timeout");
    addField(mediaForm, tr("Preferred &codecs:"), m_codecs, "codecs");
    addField(mediaForm, tr("&Prompt language:"), m_promptLanguage, "prompt_language");
    addField(mediaForm, tr("Music on &hold:"), m_musicOnHoldRow, "music_on_hold");
    addField(mediaForm, tr("&Voicemail messages per mailbox:"), m_voicemailMaxMessages, "voicemail_max_messages");

    auto* calls = new QGroupBox(tr("Calls and tracing"), this);
    auto* callsForm = new QFormLayout(calls);
    addField(callsForm, tr("Calls at &once:"), m_maxCalls, "max_calls");
    callsForm->addRow(QString(), m_prackAutoDisable);
    addField(callsForm, tr("SIP trace &file:"), m_traceFileRow, "trace_file");
    addField(callsForm, tr("Rotate the trace file at:"), m_traceFileMaxMb, "trace_file_max_mb");

    auto* security = new QGroupBox(tr("Security"), this);
    auto* securityForm = new QFormLayout(security);
    addField(securityForm, tr("Ban after failed logins:"), m_authFailLimit, "auth_fail_limit");
    addField(securityForm, tr("... within:"), m_authFailWindow, "auth_fail_window");
    addField(securityForm, tr("Ban for:"), m_banTime, "ban_time");
    addField(securityForm, tr("Never ban (&allow-list):"), m_allowList, "allow_list");
    addField(securityForm, tr("Requests per source:"), m_rateLimit, "rate_limit");
    securityForm->addRow(QString(), m_dropScanners);
    addField(securityForm, tr("Carrier certificate a&uthorities:"), m_caFileRow, "tls_ca_file");

    auto* limits = new QGroupBox(tr("Limits"), this);
    auto* limitsForm = new QFormLayout(limits);
    addField(limitsForm, tr("TCP/TLS connections per address:"), m_tcpMaxPerAddress, "tcp_max_per_address");
    addField(limitsForm, tr("Close silent connections after:"), m_tcpIdleTimeout, "tcp_idle_timeout");
    addField(limitsForm, tr("Open files:"), m_maxOpenFiles, "max_open_files");
    addField(limitsForm, tr("Memory:"), m_maxMemoryMb, "max_memory_mb");

    auto* general = new QGroupBox(tr("General"), this);
    auto* generalForm = new QFormLayout(general);
    addField(generalForm, tr("&Log level:"), m_logLevel, "log_level");
    generalForm->addRow(tr("Data folder:"), m_dataFolder);
    generalForm->addRow(QString(), m_closeToTray);
    generalForm->addRow(QString(), m_startMinimised);
    generalForm->addRow(QString(), m_startWithSession);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(sip);
    layout->addWidget(media);
    layout->addWidget(calls);
    layout->addWidget(security);
    layout->addWidget(limits);
    layout->addWidget(general);
    layout->addWidget(m_otherProblems);
    layout->addWidget(m_applyProblem);
    layout->addStretch(1);
    layout->addWidget(m_buttons);
}

void SettingsDialog::load(const sb::store::Settings& s) {
    m_sipPort->setValue(s.sipPort);
    m_tlsPort->setValue(s.tlsPort);
    m_bind->setCurrentText(QString::fromStdString(s.bindAddress));
    m_certificate->setText(QString::fromStdString(s.tlsCertificate));
    m_key->setText(QString::fromStdString(s.tlsPrivateKey));
    m_rtpMin->setValue(s.rtpPortMin);
    m_rtpMax->setValue(s.rtpPortMax);
    const QString ringback = QString::fromStdString(s.ringback);
    if (m_ringback->findData(ringback) < 0) m_ringback->addItem(ringback, ringback);  // keep what is stored
    m_ringback->setCurrentIndex(m_ringback->findData(ringback));
    m_logLevel->setCurrentIndex(std::max(0, m_logLevel->findData(QString::fromStdString(s.logLevel))));
    m_mediaTimeout->setValue(static_cast<int>(s.mediaTimeoutS));
    m_codecs->setText(joinedList(s.codecs));
    const QString language = QString::fromStdString(s.promptLanguage);
    if (m_promptLanguage->findData(language) < 0) m_promptLanguage->addItem(language, language);  // keep what is stored
    m_promptLanguage->setCurrentIndex(m_promptLanguage->findData(language));
    m_musicOnHold->setText(QDir::toNativeSeparators(QString::fromStdString(s.musicOnHold)));
    m_voicemailMaxMessages->setValue(static_cast<int>(s.voicemailMaxMessages));
    m_prackAutoDisable->setChecked(s.prackAutoDisable);
    m_maxCalls->setValue(static_cast<int>(s.maxCalls));
    m_traceFile->setText(QDir::toNativeSeparators(QString::fromStdString(s.traceFile)));
    m_traceFileMaxMb->setValue(static_cast<int>(s.traceFileMaxMb));
    m_authFailLimit->setValue(static_cast<int>(s.authFailLimit));
    m_authFailWindow->setValue(static_cast<int>(s.authFailWindowS));
    m_banTime->setValue(static_cast<int>(s.banTimeS));
    m_allowList->setText(joinedList(s.allowList));
    m_dropScanners->setChecked(s.dropScanners);
    m_rateLimit->setValue(static_cast<int>(s.rateLimit));
    m_caFile->setText(QDir::toNativeSeparators(QString::fromStdString(s.tlsCaFile)));
    m_tcpMaxPerAddress->setValue(static_cast<int>(s.tcpMaxPerAddress));
    m_tcpIdleTimeout->setValue(static_cast<int>(s.tcpIdleTimeoutS));
    m_maxOpenFiles->setValue(static_cast<int>(s.maxOpenFiles));
    m_maxMemoryMb->setValue(static_cast<int>(s.maxMemoryMb));

    QSettings desktop;
    const DesktopPreferences prefs =
        DesktopPreferences::load(desktop, QSystemTrayIcon::isSystemTrayAvailable());
    m_closeToTray->setChecked(prefs.closeToTray);
    m_startMinimised->setChecked(prefs.startMinimised);
    m_startWithSession->setChecked(startsWithSession());
}

sb::store::Settings SettingsDialog::settings() const {
    sb::store::Settings s = m_original;
    s.sipPort = static_cast<uint16_t>(m_sipPort->value());
    s.tlsPort = static_cast<uint16_t>(m_tlsPort->value());
    s.bindAddress = m_bind->currentText().trimmed().toStdString();
    s.tlsCertificate = QDir::fromNativeSeparators(m_certificate->text().trimmed()).toStdString();
    s.tlsPrivateKey = QDir::fromNativeSeparators(m_key->text().trimmed()).toStdString();
    s.rtpPortMin = static_cast<uint16_t>(m_rtpMin->value());
    s.rtpPortMax = static_cast<uint16_t>(m_rtpMax->value());
    s.ringback = m_ringback->currentData().toString().toStdString();
    s.logLevel = m_logLevel->currentData().toString().toStdString();
    s.mediaTimeoutS = static_cast<uint32_t>(m_mediaTimeout->value());
    s.codecs = splitList(m_codecs->text());
    s.promptLanguage = m_promptLanguage->currentData().toString().toStdString();
    s.musicOnHold = QDir::fromNativeSeparators(m_musicOnHold->text().trimmed()).toStdString();
    s.voicemailMaxMessages = static_cast<uint32_t>(m_voicemailMaxMessages->value());
    s.prackAutoDisable = m_prackAutoDisable->isChecked();
    s.maxCalls = static_cast<uint32_t>(m_maxCalls->value());
    s.traceFile = QDir::fromNativeSeparators(m_traceFile->text().trimmed()).toStdString();
    s.traceFileMaxMb = static_cast<uint32_t>(m_traceFileMaxMb->value());
    s.authFailLimit = static_cast<uint32_t>(m_authFailLimit->value());
    s.authFailWindowS = static_cast<uint32_t>(m_authFailWindow->value());
    s.banTimeS = static_cast<uint32_t>(m_banTime->value());
    s.allowList = splitList(m_allowList->text());
    s.dropScanners = m_dropScanners->isChecked();
    s.rateLimit = static_cast<uint32_t>(m_rateLimit->value());
    s.tlsCaFile = QDir::fromNativeSeparators(m_caFile->text().trimmed()).toStdString();
    s.tcpMaxPerAddress = static_cast<uint32_t>(m_tcpMaxPerAddress->value());
    s.tcpIdleTimeoutS = static_cast<uint32_t>(m_tcpIdleTimeout->value());
    s.maxOpenFiles = static_cast<uint32_t>(m_maxOpenFiles->value());
    s.maxMemoryMb = static_cast<uint32_t>(m_maxMemoryMb->value());
    return s;
}

DesktopPreferences SettingsDialog::preferences() const {
    DesktopPreferences p;
    p.closeToTray = m_closeToTray->isChecked();
    p.startMinimised = m_startMinimised->isChecked();
    return p;
}

bool SettingsDialog::startWithSession() const {
    return m_startWithSession->isChecked();
}

void SettingsDialog::validate() {
    QHash<QString, QString> problems;
    QStringList elsewhere;
    sb::store::Configuration candidate = m_bridge.configuration();
    candidate.settings = settings();
    for (const auto& error : sb::config::validate(candidate)) {
        const QString path = QString::fromStdString(error.path);
        // "settings.allow_list[1]" belongs to the allow_list field.
        const QString key =
            path.startsWith(kSettingsPrefix) ? path.mid(kSettingsPrefix.size()).section(QLatin1Char('['), 0, 0) : QString();
        if (!m_problems.contains(key)) {
            // A setting this dialog does not show, or another record: the
            // engine would refuse the save all the same, so say it.
            elsewhere << QString::fromStdString(error.toString());
            continue;
        }
        if (QString& text = problems[key]; text.isEmpty()) text = QString::fromStdString(error.reason);
    }
    // The engine only notices a missing file at its next start: say it now.
    for (auto [edit, key] :
         {std::pair{m_certificate, "tls_certificate"}, std::pair{m_key, "tls_private_key"},
          std::pair{m_caFile, "tls_ca_file"}}) {
        const QString path = edit->text().trimmed();
        QString& text = problems[QLatin1String(key)];
        if (text.isEmpty() && !path.isEmpty() && !QFileInfo(path).isFile())
            text = tr("no such file: %1").arg(path);
    }
    for (auto it = m_problems.cbegin(); it != m_problems.cend(); ++it)
        showProblem(it.value(), problems.value(it.key()));
    showProblem(m_otherProblems, elsewhere.join(QLatin1Char('\n')));
    m_valid = std::all_of(problems.cbegin(), problems.cend(), [](const QString& p) { return p.isEmpty(); }) &&
              elsewhere.isEmpty();
    m_buttons->button(QDialogButtonBox::Save)->setEnabled(m_valid && !m_awaiting);
    growToFit(this);
}

bool SettingsDialog::saveDesktop() {
    QSettings desktop;
    preferences().save(desktop);
    if (startWithSession() != startsWithSession()) {
        const QString why = setStartWithSession(startWithSession(), QCoreApplication::applicationFilePath());
        if (!why.isEmpty()) {
            showProblem(m_applyProblem, why);
            return false;
        }
    }
    return true;
}

void SettingsDialog::accept() {
    validate();
    if (!m_valid || m_awaiting) return;
    if (!saveDesktop()) return;
    sb::store::Configuration config = m_bridge.configuration();
    config.settings = settings();
    if (config == m_bridge.configuration()) {
        QDialog::accept();
        return;
    }
    if (!m_bridge.applyConfiguration(config)) {
        showProblem(m_applyProblem, tr("The engine is not running; the settings were not saved."));
        return;
    }
    m_awaiting = true;
    showProblem(m_applyProblem, QString());
    m_buttons->button(QDialogButtonBox::Save)->setEnabled(false);
}

void SettingsDialog::onApplied() {
    if (!m_awaiting) return;
    m_awaiting = false;
    QDialog::accept();
}

void SettingsDialog::onRejected(const QString& reason) {
    if (!m_awaiting) return;
    m_awaiting = false;
    showProblem(m_applyProblem, tr("The engine refused the settings: %1").arg(reason));
    validate();  // enables Save again
}

}  // namespace sb::ui
