#include "dialogs/self_test_wizard.h"

#include <QCheckBox>
#include <QFile>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>
#include <QWizardPage>

#include <functional>
#include <optional>

#include "core_bridge.h"
#include "diagnostics/self_test.h"
#include "dialogs/carrier_profile_bar.h"
#include "engine/core.h"
#include "models/model_roles.h"

namespace sb::ui {

namespace {

/// A page whose Next waits for @p complete (the run page waits for the result).
class WaitingPage final : public QWizardPage {
public:
    std::function<bool()> complete;
    bool isComplete() const override { return complete && complete(); }
    void changed() { emit completeChanged(); }
};

}  // namespace

SelfTestWizard::SelfTestWizard(CoreBridge& bridge, Target target, const QString& name, QWidget* parent)
    : QWizard(parent), m_bridge(bridge), m_target(target), m_name(name) {
    setObjectName(QStringLiteral("selfTestWizard"));
    setWindowTitle(target == Target::Line ? tr("Self-test of line %1").arg(name)
                                          : tr("Self-test of trunk %1").arg(name));
    setOption(QWizard::NoBackButtonOnStartPage);
    setOption(QWizard::NoBackButtonOnLastPage);

    // -- choose the steps ----------------------------------------------------------
    auto* setup = new WaitingPage;
    setup->setObjectName(QStringLiteral("selfTestSetupPage"));
    setup->setTitle(tr("What to test"));
    setup->setSubTitle(
        tr("Switchboard asks the carrier what it supports and places a test call. "
           "Each step waits at most a few seconds for an answer."));
    m_options = new QCheckBox(tr("Ask the carrier what it supports (OPTIONS)"), setup);
    m_options->setObjectName(QStringLiteral("selfTestOptions"));
    m_options->setChecked(true);
    m_register =
        new QCheckBox(tr("Find which authorization ID the carrier accepts (REGISTER with the account "
                         "alone, then with user@domain)"),
                      setup);
    m_register->setObjectName(QStringLiteral("selfTestRegister"));
    m_register->setChecked(target == Target::Line);
    m_register->setEnabled(target == Target::Line);
    m_register->setToolTip(
        tr("The test registers its own contact and removes it afterwards; the line's "
           "own registration is left as it is."));
    m_call = new QCheckBox(tr("Place a test call (offering 100rel); it is cancelled while ringing, or "
                              "hung up right after the answer"),
                           setup);
    m_call->setObjectName(QStringLiteral("selfTestCall"));
    m_call->setChecked(true);
    m_number = new QLineEdit(setup);
    m_number->setObjectName(QStringLiteral("selfTestNumber"));
    m_number->setPlaceholderText(tr("e.g. +8613901088888 (a number that rings, such as your mobile)"));
    auto* setupLayout = new QVBoxLayout(setup);
    setupLayout->addWidget(m_options);
    setupLayout->addWidget(m_register);
    setupLayout->addWidget(m_call);
    auto* form = new QFormLayout;
    form->addRow(tr("&Number to call:"), m_number);
    setupLayout->addLayout(form);
    setupLayout->addStretch(1);
    connect(m_call, &QCheckBox::toggled, m_number, &QLineEdit::setEnabled);
    // Run needs something to run, and a number when the call is chosen.
    setup->complete = [this] {
        const bool anything = m_options->isChecked() ||
                              (m_register->isChecked() && m_register->isEnabled()) || m_call->isChecked();
        return anything && (!m_call->isChecked() || !m_number->text().trimmed().isEmpty());
    };
    for (QCheckBox* box : {m_options, m_register, m_call})
        connect(box, &QCheckBox::toggled, setup, [setup] { setup->changed(); });
    connect(m_number, &QLineEdit::textChanged, setup, [setup] { setup->changed(); });
    // The test cannot be taken back once it ran: Next becomes "Run".
    setup->setCommitPage(true);
    setButtonText(QWizard::CommitButton, tr("&Run"));
    setPage(SetupPage, setup);

    // -- live progress -------------------------------------------------------------
    auto* run = new WaitingPage;
    run->setObjectName(QStringLiteral("selfTestRunPage"));
    run->setTitle(tr("Testing"));
    run->setSubTitle(tr("What the carrier answers, step by step."));
    run->complete = [this] { return m_hasResult; };
    m_progress = new QListWidget(run);
    m_progress->setObjectName(QStringLiteral("selfTestProgress"));
    auto* runLayout = new QVBoxLayout(run);
    runLayout->addWidget(m_progress);
    setPage(RunPage, run);

    // -- the result ----------------------------------------------------------------
    auto* result = new QWizardPage(this);
    result->setObjectName(QStringLiteral("selfTestResultPage"));
    result->setTitle(tr("Result"));
    m_summary = new QLabel(result);
    m_summary->setObjectName(QStringLiteral("selfTestSummary"));
    m_summary->setWordWrap(true);
    m_conclusions = new QPlainTextEdit(result);
    m_conclusions->setObjectName(QStringLiteral("selfTestConclusions"));
    m_conclusions->setReadOnly(true);
    m_apply = new QPushButton(tr("&Apply suggested profile"), result);
    m_apply->setObjectName(QStringLiteral("applySuggestedButton"));
    m_apply->setToolTip(tr("Put the settings the test found into the line or trunk and save them"));
    m_save = new QPushButton(tr("&Save trace…"), result);
    m_save->setObjectName(QStringLiteral("saveTraceButton"));
    m_save->setToolTip(
        tr("Save the report and the message flow as a text file for the carrier's support desk"));
    m_message = new QLabel(result);
    m_message->setObjectName(QStringLiteral("selfTestMessage"));
    m_message->setWordWrap(true);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_apply);
    buttons->addWidget(m_save);
    buttons->addStretch(1);
    auto* resultLayout = new QVBoxLayout(result);
    resultLayout->addWidget(m_summary);
    resultLayout->addWidget(m_conclusions, 1);
    resultLayout->addLayout(buttons);
    resultLayout->addWidget(m_message);
    setPage(ResultPage, result);

    connect(m_apply, &QPushButton::clicked, this, &SelfTestWizard::applySuggested);
    connect(m_save, &QPushButton::clicked, this, &SelfTestWizard::chooseSaveFile);
    connect(&m_bridge, &CoreBridge::selfTestProgress, this, &SelfTestWizard::onProgress);
    connect(&m_bridge, &CoreBridge::selfTestFinished, this, &SelfTestWizard::onFinished);
    connect(&m_bridge, &CoreBridge::configurationRejected, this, [this](const QString& reason) {
        if (m_hasResult) m_message->setText(tr("The settings were not saved: %1").arg(reason));
    });
    connect(this, &QWizard::currentIdChanged, this, [this](int id) {
        if (id == RunPage && !m_running && !m_hasResult) startTest();
    });
    connect(this, &QDialog::rejected, this, &SelfTestWizard::stopTest);
}

SelfTestWizard::~SelfTestWizard() {
    stopTest();
}

void SelfTestWizard::startTest() {
    sb::diagnostics::SelfTestRequest request;
    m_testId = m_bridge.nextRequestId();
    request.id = m_testId;
    request.target = m_name.toStdString();
    request.options = m_options->isChecked();
    request.registration = m_register->isChecked() && m_target == Target::Line;
    request.call = m_call->isChecked();
    request.number = m_call->isChecked() ? m_number->text().trimmed().toStdString() : std::string();
    request.presets = shippedCarrierProfiles();
    m_running = m_bridge.post([request](sb::Core& core) { core.startSelfTest(request); });
    m_progress->addItem(m_running ? tr("Starting…") : tr("The engine is not running."));
}

void SelfTestWizard::stopTest() {
    if (!m_running) return;
    m_running = false;
    const quint64 id = m_testId;
    m_bridge.post([id](sb::Core& core) { core.stopSelfTest(id); });
}

void SelfTestWizard::onProgress(const sb::SelfTestProgress& progress) {
    if (progress.id != m_testId) return;
    m_progress->addItem(qs(progress.text));
    m_progress->scrollToBottom();
}

void SelfTestWizard::onFinished(const sb::SelfTestFinished& finished) {
    if (finished.report.id != m_testId || m_hasResult) return;
    m_running = false;
    m_hasResult = true;
    m_result = finished;
    const auto& r = m_result.report;
    if (!r.error.empty()) {
        m_summary->setText(tr("The test could not run: %1").arg(qs(r.error)));
    } else if (!r.matchingPreset.empty()) {
        m_summary->setText(tr("The carrier fits the profile \"%1\".").arg(qs(r.matchingPreset)));
    } else {
        m_summary->setText(
            tr("No shipped carrier profile fits; the settings below are what the test found."));
    }
    m_conclusions->setPlainText(conclusionsText());
    const bool determined = r.suggested.disable100rel || r.suggested.userPhone ||
                            r.suggested.authIdIncludesAddress || r.suggested.requestUriParams ||
                            !r.matchingPreset.empty();
    m_apply->setEnabled(r.error.empty() && determined);
    m_progress->addItem(tr("Finished."));
    static_cast<WaitingPage*>(page(RunPage))->changed();
    if (currentId() == RunPage) next();
    emit testFinished();
}

QString SelfTestWizard::conclusionsText() const {
    const auto& r = m_result.report;
    if (!r.error.empty()) return {};
    QString out;
    for (const auto& f : r.findings)
        out += qs(f.what) + QStringLiteral("\n    → ") + qs(f.fix) + QStringLiteral("\n\n");
    const std::string fields = sb::diagnostics::suggestedSettingsText(
        r.suggested,
        m_target == Target::Line ? sb::diagnostics::PeerKind::Line : sb::diagnostics::PeerKind::Trunk);
    out += tr("Suggested settings:") + QStringLiteral("\n");
    out += fields.empty() ? tr("none determined") + QStringLiteral("\n") : qs(fields);
    return out;
}

QString SelfTestWizard::reportText() const {
    return qs(m_result.text);
}

void SelfTestWizard::applySuggested() {
    if (!m_hasResult) return;
    const auto& r = m_result.report;
    sb::store::Configuration config = m_bridge.configuration();
    std::optional<sb::config::CarrierProfile> preset;
    for (const auto& p : shippedCarrierProfiles())
        if (!r.matchingPreset.empty() && p.name == r.matchingPreset) preset = p;
    if (preset) {
        // The test reached the carrier with the connection settings in force:
        // a preset's transport or proxy must not undo that.
        preset->transport.reset();
        preset->proxy.reset();
        preset->tlsVerify.reset();
    }
    bool found = false;
    auto apply = [&](auto& record) {
        if (qs(record.name) != m_name) return;
        found = true;
        // The preset first, then what the test itself established on top.
        if (preset) sb::config::applyCarrierProfile(*preset, record);
        sb::config::applyCarrierProfile(r.suggested, record);
    };
    if (m_target == Target::Line) {
        for (auto& line : config.lines) apply(line);
    } else {
        for (auto& trunk : config.trunks) apply(trunk);
    }
    if (!found) {
        m_message->setText(tr("%1 no longer exists; nothing was changed.").arg(m_name));
        return;
    }
    m_bridge.applyConfiguration(config);
    m_apply->setEnabled(false);
    m_message->setText(tr("The suggested settings were sent to the engine."));
}

bool SelfTestWizard::saveTraceTo(const QString& path) {
    QFile f(path);
    const QByteArray text = reportText().toUtf8();
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate) || f.write(text) != text.size()) {
        m_message->setText(tr("Cannot write %1: %2").arg(path, f.errorString()));
        return false;
    }
    m_message->setText(tr("Saved to %1.").arg(path));
    return true;
}

void SelfTestWizard::chooseSaveFile() {
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Save trace"), tr("self-test-%1.txt").arg(m_name), tr("Text files (*.txt);;All files (*)"));
    if (!path.isEmpty()) saveTraceTo(path);
}

}  // namespace sb::ui
