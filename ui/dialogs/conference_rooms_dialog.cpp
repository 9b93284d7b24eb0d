#include "dialogs/conference_rooms_dialog.h"

#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSet>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>

#include "config/validation.h"
#include "dialogs/dialog_fields.h"
#include "models/model_roles.h"

namespace sb::ui {

namespace {

QString cellText(const QTableWidget* table, int row, int column) {
    const QTableWidgetItem* item = table->item(row, column);
    return item ? item->text().trimmed() : QString();
}

}  // namespace

ConferenceRoomsDialog::ConferenceRoomsDialog(const std::vector<sb::store::ConferenceRoom>& rooms,
                                             QWidget* parent)
    : QDialog(parent) {
    setObjectName(QStringLiteral("conferenceRoomsDialog"));
    setWindowTitle(tr("Conference rooms"));

    m_table = new QTableWidget(0, ColumnCount, this);
    m_table->setObjectName(QStringLiteral("roomsTable"));
    m_table->setHorizontalHeaderLabels({tr("Room number"), tr("PIN"), tr("Name")});
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->verticalHeader()->setVisible(false);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);

    m_add = new QPushButton(tr("&Add room"), this);
    m_add->setObjectName(QStringLiteral("addButton"));
    m_remove = new QPushButton(tr("&Remove"), this);
    m_remove->setObjectName(QStringLiteral("removeButton"));
    connect(m_add, &QPushButton::clicked, this, &ConferenceRoomsDialog::addRoom);
    connect(m_remove, &QPushButton::clicked, this, &ConferenceRoomsDialog::removeSelected);

    m_problem = makeProblemLabel(QStringLiteral("roomsProblem"), this);
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->setObjectName(QStringLiteral("buttonBox"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &ConferenceRoomsDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &ConferenceRoomsDialog::reject);

    auto* rowButtons = new QHBoxLayout;
    rowButtons->addWidget(m_add);
    rowButtons->addWidget(m_remove);
    rowButtons->addStretch(1);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(makeHintLabel(tr("Callers join a room by dialling *88 and its number, e.g. *88100. "
                                       "A room with a PIN asks for it (PIN, then #; three tries). "
                                       "Rooms not listed here work too, without a PIN."),
                                    QStringLiteral("roomsHint"), this));
    layout->addWidget(m_table, 1);
    layout->addLayout(rowButtons);
    layout->addWidget(m_problem);
    layout->addWidget(m_buttons);

    for (const auto& room : rooms) appendRow(room);
    connect(m_table, &QTableWidget::itemChanged, this, &ConferenceRoomsDialog::validate);
    validate();
    setMinimumSize(480, 320);
}

void ConferenceRoomsDialog::appendRow(const sb::store::ConferenceRoom& room) {
    const int row = m_table->rowCount();
    m_table->insertRow(row);
    m_table->setItem(row, NumberColumn, new QTableWidgetItem(qs(room.number)));
    m_table->setItem(row, PinColumn, new QTableWidgetItem(qs(room.pin)));
    m_table->setItem(row, NameColumn, new QTableWidgetItem(qs(room.name)));
}

void ConferenceRoomsDialog::addRoom() {
    appendRow({});
    const int row = m_table->rowCount() - 1;
    m_table->setCurrentCell(row, NumberColumn);
    m_table->editItem(m_table->item(row, NumberColumn));
    validate();
}

void ConferenceRoomsDialog::removeSelected() {
    QList<int> rows;
    for (const QModelIndex& index : m_table->selectionModel()->selectedRows()) rows.append(index.row());
    std::sort(rows.begin(), rows.end(), std::greater<int>());
    for (int row : rows) m_table->removeRow(row);
    validate();
}

std::vector<sb::store::ConferenceRoom> ConferenceRoomsDialog::rooms() const {
    std::vector<sb::store::ConferenceRoom> out;
    for (int row = 0; row < m_table->rowCount(); ++row) {
        sb::store::ConferenceRoom room;
        room.number = cellText(m_table, row, NumberColumn).toStdString();
        room.pin = cellText(m_table, row, PinColumn).toStdString();
        room.name = cellText(m_table, row, NameColumn).toStdString();
        out.push_back(std::move(room));
    }
    return out;
}

QString ConferenceRoomsDialog::problem() const {
    QSet<QString> seen;
    const auto rows = rooms();
    for (size_t i = 0; i < rows.size(); ++i) {
        const auto& room = rows[i];
        const QString where = tr("Row %1").arg(i + 1);
        if (QString why = reasonOf(sb::config::checkConferenceRoomNumber(room.number)); !why.isEmpty())
            return tr("%1, room number: %2").arg(where, why);
        if (seen.contains(qs(room.number)))
            return tr("%1, room number: room %2 is listed twice").arg(where, qs(room.number));
        seen.insert(qs(room.number));
        if (QString why = reasonOf(sb::config::checkConferencePin(room.pin)); !why.isEmpty())
            return tr("%1, PIN: %2").arg(where, why);
        if (QString why = reasonOf(sb::config::checkText(room.name, 64)); !why.isEmpty())
            return tr("%1, name: %2").arg(where, why);
    }
    return {};
}

void ConferenceRoomsDialog::validate() {
    const QString why = problem();
    showProblem(m_problem, why);
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(why.isEmpty());
    m_remove->setEnabled(m_table->rowCount() > 0);
}

void ConferenceRoomsDialog::accept() {
    validate();
    if (!isInputValid()) return;  // OK is disabled; this refuses programmatic accepts too
    QDialog::accept();
}

}  // namespace sb::ui
