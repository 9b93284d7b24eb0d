#include "dialogs/blacklist_dialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

#include "config/validation.h"
#include "dialogs/dialog_fields.h"

namespace sb::ui {

BlacklistDialog::BlacklistDialog(const sb::store::Settings& settings, QWidget* parent) : QDialog(parent) {
    setObjectName(QStringLiteral("blacklistDialog"));
    setWindowTitle(tr("Blacklist"));

    auto* intro =
        new QLabel(tr("Calls from lines and trunks whose caller number starts with one of these are "
                      "refused. \"anonymous\" refuses callers that send no number."),
                   this);
    intro->setWordWrap(true);
    m_entry = new QLineEdit(this);
    m_entry->setObjectName(QStringLiteral("blacklistEntryEdit"));
    m_entry->setPlaceholderText(tr("e.g. +86139 or 0044"));
    m_add = new QPushButton(tr("&Add"), this);
    m_add->setObjectName(QStringLiteral("blacklistAddButton"));
    m_add->setAutoDefault(false);
    m_anonymous = new QPushButton(tr("Add a&nonymous"), this);
    m_anonymous->setObjectName(QStringLiteral("blacklistAnonymousButton"));
    m_anonymous->setAutoDefault(false);
    m_list = new QListWidget(this);
    m_list->setObjectName(QStringLiteral("blacklistList"));
    m_list->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_remove = new QPushButton(tr("&Remove"), this);
    m_remove->setObjectName(QStringLiteral("blacklistRemoveButton"));
    m_remove->setAutoDefault(false);
    m_problem = makeProblemLabel(QStringLiteral("blacklistProblem"), this);
    m_answer = new QComboBox(this);
    m_answer->setObjectName(QStringLiteral("blacklistAnswerCombo"));
    m_answer->addItem(tr("603 Decline"), 603);
    m_answer->addItem(tr("486 Busy Here"), 486);
    m_answer->addItem(tr("480 Temporarily Unavailable"), 480);
    m_answer->addItem(tr("403 Forbidden"), 403);
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->setObjectName(QStringLiteral("buttonBox"));

    auto* entryRow = new QHBoxLayout;
    entryRow->addWidget(m_entry, 1);
    entryRow->addWidget(m_add);
    entryRow->addWidget(m_anonymous);
    auto* form = new QFormLayout;
    form->addRow(tr("Callers get:"), m_answer);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(entryRow);
    layout->addWidget(m_problem);
    layout->addWidget(m_list, 1);
    layout->addWidget(m_remove, 0, Qt::AlignLeft);
    layout->addLayout(form);
    layout->addWidget(m_buttons);

    for (const auto& entry : settings.blacklist) m_list->addItem(QString::fromStdString(entry));
    const int index = m_answer->findData(static_cast<int>(settings.blacklistAnswer));
    m_answer->setCurrentIndex(index < 0 ? 0 : index);

    connect(m_entry, &QLineEdit::textChanged, this, &BlacklistDialog::refresh);
    connect(m_entry, &QLineEdit::returnPressed, this, &BlacklistDialog::addEntry);
    connect(m_add, &QPushButton::clicked, this, &BlacklistDialog::addEntry);
    connect(m_anonymous, &QPushButton::clicked, this, [this] {
        m_entry->setText(QStringLiteral("anonymous"));
        addEntry();
    });
    connect(m_remove, &QPushButton::clicked, this, &BlacklistDialog::removeSelected);
    connect(m_list, &QListWidget::itemSelectionChanged, this, &BlacklistDialog::refresh);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &BlacklistDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &BlacklistDialog::reject);
    refresh();
    setMinimumWidth(420);
}

QString BlacklistDialog::entryProblem() const {
    const QString text = m_entry->text().trimmed();
    if (text.isEmpty()) return {};
    return reasonOf(sb::config::checkBlacklistEntry(text.toStdString()));
}

void BlacklistDialog::addEntry() {
    const QString text = m_entry->text().trimmed();
    if (text.isEmpty() || !entryProblem().isEmpty()) return;
    if (m_list->findItems(text, Qt::MatchExactly).isEmpty()) m_list->addItem(text);
    m_entry->clear();
}

void BlacklistDialog::removeSelected() {
    qDeleteAll(m_list->selectedItems());
    refresh();
}

void BlacklistDialog::refresh() {
    const QString problem = entryProblem();
    showProblem(m_problem, problem);
    m_add->setEnabled(!m_entry->text().trimmed().isEmpty() && problem.isEmpty());
    m_anonymous->setEnabled(m_list->findItems(QStringLiteral("anonymous"), Qt::MatchExactly).isEmpty());
    m_remove->setEnabled(!m_list->selectedItems().isEmpty());
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(problem.isEmpty());
}

std::vector<std::string> BlacklistDialog::entries() const {
    std::vector<std::string> out;
    for (int i = 0; i < m_list->count(); ++i) out.push_back(m_list->item(i)->text().toStdString());
    const QString pending = m_entry->text().trimmed();
    if (!pending.isEmpty() && m_list->findItems(pending, Qt::MatchExactly).isEmpty())
        out.push_back(pending.toStdString());
    return out;
}

uint32_t BlacklistDialog::answer() const {
    return static_cast<uint32_t>(m_answer->currentData().toInt());
}

void BlacklistDialog::apply(sb::store::Settings& settings) const {
    settings.blacklist = entries();
    settings.blacklistAnswer = answer();
}

void BlacklistDialog::accept() {
    if (!entryProblem().isEmpty()) return;  // OK is disabled; this refuses programmatic accepts too
    QDialog::accept();
}

}  // namespace sb::ui
