#include "dialogs/ivr_menu_dialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTableWidget>
#include <QTimeEdit>
#include <QVBoxLayout>

#include "config/ivr_rules.h"
#include "config/validation.h"
#include "dialogs/dialog_fields.h"
#include "models/model_roles.h"

namespace sb::ui {

namespace {

/// Same limits validate() applies to ivr_menus[].timeout and invalid_retries.
constexpr int kMaxTimeoutS = 300;
constexpr int kMaxRetries = 10;

QString destinationOf(const QComboBox* combo) {
    return combo->currentText().trimmed();
}

void setDestination(QComboBox* combo, const std::string& destination) {
    combo->setCurrentText(qs(destination));
}

QString timeText(const QTimeEdit* edit) {
    return edit->time().toString(QStringLiteral("HH:mm"));
}

}  // namespace

const std::array<const char*, 12>& IvrMenuDialog::keys() {
    static const std::array<const char*, 12> k{"1", "2", "3", "4", "5", "6", "7", "8", "9", "0", "*", "#"};
    return k;
}

IvrMenuDialog::IvrMenuDialog(const sb::store::Configuration& config,
                             const std::optional<sb::store::IvrMenu>& original, QWidget* parent)
    : QDialog(parent), m_config(config), m_editing(original.has_value()) {
    setObjectName(QStringLiteral("ivrMenuDialog"));
    if (original) m_originalNumber = qs(original->number);
    setWindowTitle(m_editing ? tr("Edit menu %1").arg(m_originalNumber) : tr("Add auto-attendant menu"));

    m_number = new QLineEdit(this);
    m_number->setObjectName(QStringLiteral("numberEdit"));
    m_number->setPlaceholderText(tr("Dialled by extensions, or the target of a DID, e.g. 500"));
    m_numberProblem = makeProblemLabel(QStringLiteral("numberProblem"), this);
    m_name = new QLineEdit(this);
    m_name->setObjectName(QStringLiteral("nameEdit"));
    m_name->setPlaceholderText(tr("e.g. Main menu"));
    m_nameProblem = makeProblemLabel(QStringLiteral("nameProblem"), this);
    m_prompt = new QLineEdit(this);
    m_prompt->setObjectName(QStringLiteral("promptEdit"));
    m_prompt->setPlaceholderText(tr("Empty: the standard welcome"));
    m_prompt->setToolTip(tr("An 8 kHz mono WAV file that says the choices"));
    m_browsePrompt = new QPushButton(tr("Browse…"), this);
    m_browsePrompt->setObjectName(QStringLiteral("promptBrowse"));
    m_browsePrompt->setAutoDefault(false);
    m_promptProblem = makeProblemLabel(QStringLiteral("promptProblem"), this);

    m_options = new QTableWidget(static_cast<int>(keys().size()), 2, this);
    m_options->setObjectName(QStringLiteral("optionsTable"));
    m_options->setHorizontalHeaderLabels({tr("Key"), tr("Destination")});
    m_options->verticalHeader()->hide();
    m_options->horizontalHeader()->setSectionResizeMode(1, QHeaderView::Stretch);
    m_options->horizontalHeader()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    for (int row = 0; row < m_options->rowCount(); ++row) {
        auto* key = new QTableWidgetItem(QString::fromLatin1(keys()[size_t(row)]));
        key->setFlags(Qt::ItemIsEnabled);
        key->setTextAlignment(Qt::AlignCenter);
        m_options->setItem(row, 0, key);
        m_options->setCellWidget(row, 1,
                                 makeDestinationCombo(QStringLiteral("optionCombo%1").arg(row), true));
    }
    m_options->setMinimumHeight(260);
    m_optionsProblem = makeProblemLabel(QStringLiteral("optionsProblem"), this);

    m_timeout = new QSpinBox(this);
    m_timeout->setObjectName(QStringLiteral("timeoutSpin"));
    m_timeout->setRange(1, kMaxTimeoutS);
    m_timeout->setSuffix(tr(" s"));
    m_timeoutDestination = makeDestinationCombo(QStringLiteral("timeoutDestinationCombo"), false);
    m_timeoutProblem = makeProblemLabel(QStringLiteral("timeoutProblem"), this);
    m_retries = new QSpinBox(this);
    m_retries->setObjectName(QStringLiteral("retriesSpin"));
    m_retries->setRange(0, kMaxRetries);
    m_retries->setToolTip(tr("How often \"invalid option\" and the prompt are replayed after a wrong key"));
    m_invalidDestination = makeDestinationCombo(QStringLiteral("invalidDestinationCombo"), false);
    m_invalidProblem = makeProblemLabel(QStringLiteral("invalidProblem"), this);
    m_fallbackDestination = makeDestinationCombo(QStringLiteral("fallbackDestinationCombo"), false);
    m_fallbackDestination->setToolTip(
        tr("Where a caller goes when the chosen extension does not answer and has no voicemail, or has "
           "no phone registered"));
    m_fallbackProblem = makeProblemLabel(QStringLiteral("fallbackProblem"), this);

    m_hours = new QGroupBox(tr("&Business hours"), this);
    m_hours->setObjectName(QStringLiteral("hoursGroup"));
    m_hours->setCheckable(true);
    m_hours->setToolTip(tr("Off: the menu answers at any time"));
    auto* dayRow = new QHBoxLayout;
    const QStringList dayNames{tr("Mon"), tr("Tue"), tr("Wed"), tr("Thu"), tr("Fri"), tr("Sat"), tr("Sun")};
    for (size_t d = 0; d < m_days.size(); ++d) {
        m_days[d] = new QCheckBox(dayNames[int(d)], m_hours);
        m_days[d]->setObjectName(QStringLiteral("dayCheck_%1").arg(QLatin1String(config::weekdayNames()[d])));
        dayRow->addWidget(m_days[d]);
    }
    m_openFrom = new QTimeEdit(m_hours);
    m_openFrom->setObjectName(QStringLiteral("openFromEdit"));
    m_openFrom->setDisplayFormat(QStringLiteral("HH:mm"));
    m_openTo = new QTimeEdit(m_hours);
    m_openTo->setObjectName(QStringLiteral("openToEdit"));
    m_openTo->setDisplayFormat(QStringLiteral("HH:mm"));
    auto* timeRow = new QHBoxLayout;
    timeRow->addWidget(m_openFrom);
    timeRow->addWidget(new QLabel(tr("to"), m_hours));
    timeRow->addWidget(m_openTo);
    timeRow->addStretch(1);
    m_closedDestination = makeDestinationCombo(QStringLiteral("closedDestinationCombo"), false);
    m_hoursProblem = makeProblemLabel(QStringLiteral("hoursProblem"), m_hours);
    auto* hoursForm = new QFormLayout(m_hours);
    hoursForm->addRow(tr("Open on:"), dayRow);
    hoursForm->addRow(tr("From:"), timeRow);
    hoursForm->addRow(tr("When closed, go to:"), m_closedDestination);
    hoursForm->addRow(QString(), m_hoursProblem);

    auto* promptRow = new QHBoxLayout;
    promptRow->addWidget(m_prompt, 1);
    promptRow->addWidget(m_browsePrompt);
    auto* timeoutRow = new QHBoxLayout;
    timeoutRow->addWidget(m_timeout);
    timeoutRow->addWidget(new QLabel(tr("then"), this));
    timeoutRow->addWidget(m_timeoutDestination, 1);
    auto* invalidRow = new QHBoxLayout;
    invalidRow->addWidget(m_retries);
    invalidRow->addWidget(new QLabel(tr("replays, then"), this));
    invalidRow->addWidget(m_invalidDestination, 1);

    auto* form = new QFormLayout;
    form->addRow(tr("&Number:"), m_number);
    form->addRow(QString(), m_numberProblem);
    form->addRow(tr("N&ame:"), m_name);
    form->addRow(QString(), m_nameProblem);
    auto* promptLabel = new QLabel(tr("&Prompt:"), this);
    promptLabel->setBuddy(m_prompt);
    form->addRow(promptLabel, promptRow);
    form->addRow(QString(), m_promptProblem);
    form->addRow(tr("&Keys:"), m_options);
    form->addRow(QString(), m_optionsProblem);
    form->addRow(tr("No key within:"), timeoutRow);
    form->addRow(QString(), m_timeoutProblem);
    form->addRow(tr("Wrong key:"), invalidRow);
    form->addRow(QString(), m_invalidProblem);
    form->addRow(tr("Extension unreachable:"), m_fallbackDestination);
    form->addRow(QString(), m_fallbackProblem);

    m_otherProblem = makeProblemLabel(QStringLiteral("otherProblem"), this);
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->setObjectName(QStringLiteral("buttonBox"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &IvrMenuDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &IvrMenuDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_hours);
    layout->addWidget(m_otherProblem);
    layout->addStretch(1);
    layout->addWidget(m_buttons);

    m_original = original.value_or(sb::store::IvrMenu{});
    const sb::store::IvrMenu& m = m_original;
    m_number->setText(qs(m.number));
    m_name->setText(qs(m.name));
    m_prompt->setText(QDir::toNativeSeparators(qs(m.prompt)));
    for (int row = 0; row < m_options->rowCount(); ++row) {
        const auto it = m.options.find(keys()[size_t(row)]);
        setDestination(qobject_cast<QComboBox*>(m_options->cellWidget(row, 1)),
                       it == m.options.end() ? std::string() : it->second);
    }
    m_timeout->setValue(static_cast<int>(m.timeoutS));
    setDestination(m_timeoutDestination, m.timeoutDestination);
    m_retries->setValue(static_cast<int>(m.invalidRetries));
    setDestination(m_invalidDestination, m.invalidDestination);
    setDestination(m_fallbackDestination, m.fallbackDestination);
    m_hours->setChecked(!m.openDays.empty());
    for (const auto& day : m.openDays)
        if (const auto d = config::parseWeekday(day)) m_days[size_t(*d)]->setChecked(true);
    m_openFrom->setTime(QTime::fromString(qs(m.openFrom), QStringLiteral("HH:mm")));
    m_openTo->setTime(QTime::fromString(qs(m.openTo), QStringLiteral("HH:mm")));
    setDestination(m_closedDestination, m.closedDestination);

    for (QLineEdit* edit : {m_number, m_name, m_prompt})
        connect(edit, &QLineEdit::textChanged, this, &IvrMenuDialog::validate);
    for (QComboBox* combo : findChildren<QComboBox*>())
        connect(combo, &QComboBox::currentTextChanged, this, &IvrMenuDialog::validate);
    for (QSpinBox* spin : {m_timeout, m_retries})
        connect(spin, &QSpinBox::valueChanged, this, &IvrMenuDialog::validate);
    for (QCheckBox* day : m_days) connect(day, &QCheckBox::toggled, this, &IvrMenuDialog::validate);
    for (QTimeEdit* time : {m_openFrom, m_openTo})
        connect(time, &QTimeEdit::timeChanged, this, &IvrMenuDialog::validate);
    connect(m_hours, &QGroupBox::toggled, this, &IvrMenuDialog::validate);
    connect(m_browsePrompt, &QPushButton::clicked, this, &IvrMenuDialog::browsePrompt);
    validate();
    setMinimumWidth(520);
}

QComboBox* IvrMenuDialog::makeDestinationCombo(const QString& objectName, bool allowNone) {
    auto* combo = new QComboBox(this);
    combo->setObjectName(objectName);
    combo->setEditable(true);
    combo->setInsertPolicy(QComboBox::NoInsert);
    combo->setToolTip(tr("extension:<number>, voicemail:<number>, menu:<number>, group:<number> or hangup"));
    if (allowNone) combo->addItem(QString());  // not an option of this menu
    combo->addItem(QStringLiteral("hangup"));
    for (const auto& e : m_config.extensions) combo->addItem(QStringLiteral("extension:") + qs(e.number));
    for (const auto& e : m_config.extensions)
        if (e.voicemail) combo->addItem(QStringLiteral("voicemail:") + qs(e.number));
    for (const auto& m : m_config.menus)
        if (qs(m.number) != m_originalNumber) combo->addItem(QStringLiteral("menu:") + qs(m.number));
    for (const auto& g : m_config.groups) combo->addItem(QStringLiteral("group:") + qs(g.number));
    return combo;
}

sb::store::IvrMenu IvrMenuDialog::menu() const {
    sb::store::IvrMenu m = m_original;
    m.number = m_number->text().trimmed().toStdString();
    m.name = m_name->text().toStdString();
    m.prompt = QDir::fromNativeSeparators(m_prompt->text().trimmed()).toStdString();
    m.options.clear();
    for (int row = 0; row < m_options->rowCount(); ++row) {
        const QString d = destinationOf(qobject_cast<QComboBox*>(m_options->cellWidget(row, 1)));
        if (!d.isEmpty()) m.options[keys()[size_t(row)]] = d.toStdString();
    }
    m.timeoutS = static_cast<uint32_t>(m_timeout->value());
    m.timeoutDestination = destinationOf(m_timeoutDestination).toStdString();
    m.invalidRetries = static_cast<uint32_t>(m_retries->value());
    m.invalidDestination = destinationOf(m_invalidDestination).toStdString();
    m.fallbackDestination = destinationOf(m_fallbackDestination).toStdString();
    m.openDays.clear();
    if (m_hours->isChecked())
        for (size_t d = 0; d < m_days.size(); ++d)
            if (m_days[d]->isChecked()) m.openDays.push_back(config::weekdayNames()[d]);
    m.openFrom = timeText(m_openFrom).toStdString();
    m.openTo = timeText(m_openTo).toStdString();
    m.closedDestination = destinationOf(m_closedDestination).toStdString();
    return m;
}

sb::store::Configuration IvrMenuDialog::candidate(size_t& index) const {
    sb::store::Configuration c = m_config;
    const std::string original = m_originalNumber.toStdString();
    index = c.menus.size();
    for (size_t i = 0; i < c.menus.size(); ++i)
        if (m_editing && c.menus[i].number == original) index = i;
    if (index == c.menus.size())
        c.menus.push_back(menu());
    else
        c.menus[index] = menu();
    return c;
}

QMap<QString, QString> IvrMenuDialog::problems() const {
    size_t index = 0;
    const sb::store::Configuration c = candidate(index);
    const QString base = QString::fromStdString(config::indexPath("ivr_menus", index));
    QMap<QString, QString> out;
    auto add = [&](const QString& field, const QString& text) {
        if (!out.contains(field)) out[field] = text;
    };
    const sb::store::IvrMenu m = menu();
    if (m_hours->isChecked() && m.openDays.empty())
        add(QStringLiteral("open_days"), tr("Tick at least one day"));
    for (const auto& e : config::validate(c)) {
        const QString path = QString::fromStdString(e.path);
        const QString reason = QString::fromStdString(e.reason);
        if (!path.startsWith(base + QLatin1Char('.'))) {
            add(QString(), tr("%1: %2").arg(path, reason));
            continue;
        }
        QString field = path.mid(base.size() + 1);
        if (field.startsWith(QStringLiteral("options[\""))) {
            // options["5"]: name the key in the reason, the table is one field.
            const QString key = field.mid(9, field.indexOf(QLatin1Char('"'), 9) - 9);
            add(QStringLiteral("options"), tr("Key %1: %2").arg(key, reason));
            continue;
        }
        if (field.startsWith(QStringLiteral("open_days"))) field = QStringLiteral("open_days");
        add(field, reason);
    }
    // A number that is taken: say by what, in words rather than by path.
    const QString number = m_number->text().trimmed();
    for (const auto& e : m_config.extensions)
        if (qs(e.number) == number)
            out[QStringLiteral("number")] = tr("%1 is the number of an extension").arg(number);
    for (const auto& other : m_config.menus)
        if (qs(other.number) == number && (!m_editing || number != m_originalNumber))
            out[QStringLiteral("number")] =
                tr("%1 is the number of menu %2").arg(number, other.name.empty() ? number : qs(other.name));
    return out;
}

void IvrMenuDialog::browsePrompt() {
    const QString path = QFileDialog::getOpenFileName(this, tr("Choose the menu's prompt"), m_prompt->text(),
                                                      tr("WAV audio (*.wav);;All files (*)"));
    if (!path.isEmpty()) m_prompt->setText(QDir::toNativeSeparators(path));
}

bool IvrMenuDialog::isInputValid() const {
    return problems().isEmpty();
}

void IvrMenuDialog::validate() {
    const auto p = problems();
    showProblem(m_numberProblem, p.value(QStringLiteral("number")));
    showProblem(m_nameProblem, p.value(QStringLiteral("name")));
    showProblem(m_promptProblem, p.value(QStringLiteral("prompt")));
    showProblem(m_optionsProblem, p.value(QStringLiteral("options")));
    showProblem(m_timeoutProblem,
                p.value(QStringLiteral("timeout"), p.value(QStringLiteral("timeout_destination"))));
    showProblem(m_invalidProblem,
                p.value(QStringLiteral("invalid_retries"), p.value(QStringLiteral("invalid_destination"))));
    showProblem(m_fallbackProblem, p.value(QStringLiteral("fallback_destination")));
    QString hours = p.value(QStringLiteral("open_days"));
    for (const char* field : {"open_from", "open_to", "closed_destination"})
        if (hours.isEmpty()) hours = p.value(QLatin1String(field));
    showProblem(m_hoursProblem, hours);
    showProblem(m_otherProblem, p.value(QString()));
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(p.isEmpty());
    growToFit(this);
}

void IvrMenuDialog::accept() {
    validate();
    if (!isInputValid()) return;  // OK is disabled; this refuses programmatic accepts too
    QDialog::accept();
}

}  // namespace sb::ui
