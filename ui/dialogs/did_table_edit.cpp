#include "dialogs/did_table_edit.h"

#include <QComboBox>
#include <QEvent>
#include <QGridLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableWidget>

#include "config/validation.h"
#include "dialogs/dialog_fields.h"

namespace sb::ui {

DidTableEdit::DidTableEdit(const sb::store::Configuration& config, QWidget* parent)
    : QWidget(parent), m_config(config) {
    setObjectName(QStringLiteral("didEditor"));
    for (const auto& e : config.extensions) m_extensions.insert(QString::fromStdString(e.number));
    for (const auto& m : config.menus) m_extensions.insert(QString::fromStdString(m.number));

    m_table = new QTableWidget(0, ColumnCount, this);
    m_table->setObjectName(QStringLiteral("didTable"));
    m_table->setHorizontalHeaderLabels({tr("DID"), tr("Rings extension")});
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->horizontalHeader()->resizeSection(DidColumn, 170);
    m_table->verticalHeader()->hide();
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setMinimumHeight(120);
    m_add = new QPushButton(tr("Add DID"), this);
    m_add->setObjectName(QStringLiteral("addDidButton"));
    m_add->setAutoDefault(false);
    m_remove = new QPushButton(tr("Remove"), this);
    m_remove->setObjectName(QStringLiteral("removeDidButton"));
    m_remove->setAutoDefault(false);
    m_problem = makeProblemLabel(QStringLiteral("didProblem"), this);

    auto* layout = new QGridLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_table, 0, 0, 3, 1);
    layout->addWidget(m_add, 0, 1);
    layout->addWidget(m_remove, 1, 1);
    layout->setRowStretch(2, 1);
    layout->addWidget(m_problem, 3, 0, 1, 2);

    connect(m_add, &QPushButton::clicked, this, [this] { addDid(); });
    connect(m_remove, &QPushButton::clicked, this, &DidTableEdit::removeSelected);
    connect(m_table, &QTableWidget::itemSelectionChanged, this, &DidTableEdit::refresh);
    refresh();
}

void DidTableEdit::setDids(const std::map<std::string, std::string>& dids) {
    m_table->setRowCount(0);
    for (const auto& [did, extension] : dids)
        addDid(QString::fromStdString(did), QString::fromStdString(extension));
    refresh();
}

void DidTableEdit::addDid(const QString& did, const QString& extension) {
    const int row = m_table->rowCount();
    m_table->insertRow(row);
    // Editors in the cells, not item editing: the text is checked as it is
    // typed, and nothing waits for an editor to commit when OK is clicked.
    auto* number = new QLineEdit(did, m_table);
    number->setObjectName(QStringLiteral("didNumberEdit"));
    number->setPlaceholderText(tr("e.g. +8613901088888"));
    number->setToolTip(tr("The number callers dial, as the carrier sends it"));
    number->setFrame(false);
    connect(number, &QLineEdit::textChanged, this, &DidTableEdit::refresh);
    number->installEventFilter(this);  // focus selects the row (for Remove)
    m_table->setCellWidget(row, DidColumn, number);
    auto* combo = new QComboBox(m_table);
    combo->setObjectName(QStringLiteral("didExtensionCombo"));
    fillExtensionCombo(combo, m_config, QString());
    if (!extension.isEmpty()) selectExtension(combo, extension);
    connect(combo, &QComboBox::currentIndexChanged, this, &DidTableEdit::refresh);
    combo->installEventFilter(this);
    m_table->setCellWidget(row, ExtensionColumn, combo);
    if (did.isEmpty()) {
        m_table->selectRow(row);
        number->setFocus();
    }
    refresh();
}

bool DidTableEdit::eventFilter(QObject* watched, QEvent* event) {
    if (event->type() == QEvent::FocusIn)
        if (auto* widget = qobject_cast<QWidget*>(watched)) selectRowOf(widget);
    return QWidget::eventFilter(watched, event);
}

void DidTableEdit::selectRowOf(const QWidget* editor) {
    for (int row = 0; row < m_table->rowCount(); ++row)
        if (m_table->cellWidget(row, DidColumn) == editor ||
            m_table->cellWidget(row, ExtensionColumn) == editor)
            m_table->selectRow(row);
}

void DidTableEdit::removeSelected() {
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    if (rows.isEmpty()) return;
    const int row = rows.first().row();
    m_table->removeRow(row);
    refresh();
}

QString DidTableEdit::didAt(int row) const {
    const auto* edit = qobject_cast<const QLineEdit*>(m_table->cellWidget(row, DidColumn));
    return edit ? edit->text().trimmed() : QString();
}

QString DidTableEdit::extensionAt(int row) const {
    const auto* combo = qobject_cast<const QComboBox*>(m_table->cellWidget(row, ExtensionColumn));
    return combo ? extensionOf(combo) : QString();
}

std::map<std::string, std::string> DidTableEdit::dids() const {
    std::map<std::string, std::string> out;
    for (int row = 0; row < m_table->rowCount(); ++row)
        out[didAt(row).toStdString()] = extensionAt(row).toStdString();
    return out;
}

QString DidTableEdit::problem() const {
    QSet<QString> seen;
    for (int row = 0; row < m_table->rowCount(); ++row) {
        const QString did = didAt(row);
        if (did.isEmpty()) return tr("Row %1: enter the DID number").arg(row + 1);
        // Same wording as the engine's "trunks[0].dids[...]: DID expected ..."
        if (QString why = reasonOf(sb::config::checkDidNumber(did.toStdString())); !why.isEmpty())
            return tr("DID %1: %2").arg(did, why);
        if (seen.contains(did)) return tr("DID %1 is listed twice").arg(did);
        seen.insert(did);
        const QString extension = extensionAt(row);
        if (extension.isEmpty()) return tr("DID %1: there is no extension to ring; add one first").arg(did);
        if (!m_extensions.contains(extension)) return tr("DID %1: no extension %2").arg(did, extension);
    }
    return {};
}

void DidTableEdit::refresh() {
    showProblem(m_problem, problem());
    m_remove->setEnabled(m_table->selectionModel()->hasSelection());
    emit changed();
}

}  // namespace sb::ui
