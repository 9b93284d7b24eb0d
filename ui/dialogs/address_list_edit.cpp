#include "dialogs/address_list_edit.h"

#include <QGridLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>

#include "config/validation.h"
#include "dialogs/dialog_fields.h"

namespace sb::ui {

AddressListEdit::AddressListEdit(QWidget* parent) : QWidget(parent) {
    setObjectName(QStringLiteral("allowedAddresses"));
    m_entry = new QLineEdit(this);
    m_entry->setObjectName(QStringLiteral("allowedAddressEdit"));
    m_entry->setPlaceholderText(tr("IP address or network, e.g. 203.0.113.5 or 203.0.113.0/24"));
    m_add = new QPushButton(tr("Add"), this);
    m_add->setObjectName(QStringLiteral("addAddressButton"));
    m_add->setAutoDefault(false);
    m_list = new QListWidget(this);
    m_list->setObjectName(QStringLiteral("allowedAddressList"));
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);
    m_list->setMaximumHeight(90);
    m_remove = new QPushButton(tr("Remove"), this);
    m_remove->setObjectName(QStringLiteral("removeAddressButton"));
    m_remove->setAutoDefault(false);
    m_problem = makeProblemLabel(QStringLiteral("allowedAddressProblem"), this);

    auto* layout = new QGridLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_entry, 0, 0);
    layout->addWidget(m_add, 0, 1);
    layout->addWidget(m_problem, 1, 0, 1, 2);
    layout->addWidget(m_list, 2, 0);
    layout->addWidget(m_remove, 2, 1, Qt::AlignTop);

    connect(m_entry, &QLineEdit::textChanged, this, &AddressListEdit::refresh);
    connect(m_entry, &QLineEdit::returnPressed, this, &AddressListEdit::addEntry);
    connect(m_add, &QPushButton::clicked, this, &AddressListEdit::addEntry);
    connect(m_remove, &QPushButton::clicked, this, &AddressListEdit::removeSelected);
    connect(m_list, &QListWidget::itemSelectionChanged, this, &AddressListEdit::refresh);
    refresh();
}

void AddressListEdit::setAddresses(const std::vector<std::string>& addresses) {
    m_list->clear();
    for (const auto& a : addresses) m_list->addItem(QString::fromStdString(a));
    m_entry->clear();
    refresh();
}

std::vector<std::string> AddressListEdit::addresses() const {
    std::vector<std::string> out;
    for (int i = 0; i < m_list->count(); ++i) out.push_back(m_list->item(i)->text().toStdString());
    const QString pending = m_entry->text().trimmed();
    if (!pending.isEmpty()) out.push_back(pending.toStdString());
    return out;
}

QString AddressListEdit::entryProblem() const {
    const QString entry = m_entry->text().trimmed();
    if (entry.isEmpty()) return {};
    if (QString why = reasonOf(sb::config::checkAddress(entry.toStdString())); !why.isEmpty())
        return tr("%1: %2").arg(entry, why);
    if (!m_list->findItems(entry, Qt::MatchExactly).isEmpty()) return tr("%1 is already listed").arg(entry);
    return {};
}

QString AddressListEdit::problem() const {
    return entryProblem();
}

void AddressListEdit::addEntry() {
    const QString entry = m_entry->text().trimmed();
    if (entry.isEmpty() || !entryProblem().isEmpty()) return;
    m_list->addItem(entry);
    m_entry->clear();  // textChanged → refresh()
}

void AddressListEdit::removeSelected() {
    const auto selected = m_list->selectedItems();
    if (selected.isEmpty()) return;
    delete m_list->takeItem(m_list->row(selected.first()));
    refresh();
}

void AddressListEdit::refresh() {
    const QString problem = entryProblem();
    showProblem(m_problem, problem);
    m_add->setEnabled(!m_entry->text().trimmed().isEmpty() && problem.isEmpty());
    m_remove->setEnabled(!m_list->selectedItems().isEmpty());
    emit changed();
}

}  // namespace sb::ui
