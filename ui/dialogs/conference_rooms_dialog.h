#pragma once

#include <QDialog>
#include <QString>

#include <vector>

#include "store/records.h"

class QDialogButtonBox;
class QLabel;
class QPushButton;
class QTableWidget;

namespace sb::ui {

/// The conference rooms set up in advance (Tools → Conference rooms…): one
/// row per room with its number (what follows *88), an optional PIN and an
/// optional name. Each cell is checked with the core's rules
/// (sb::config::checkConferenceRoomNumber, checkConferencePin, checkText)
/// and numbers must be unique; the first problem shows under the table,
/// naming the row, and OK stays disabled (accept() refuses too) while there
/// is one. Rooms not listed keep working without a PIN.
class ConferenceRoomsDialog final : public QDialog {
    Q_OBJECT
public:
    enum Column { NumberColumn = 0, PinColumn, NameColumn, ColumnCount };

    explicit ConferenceRoomsDialog(const std::vector<sb::store::ConferenceRoom>& rooms,
                                   QWidget* parent = nullptr);

    /// The rooms as entered, in table order.
    std::vector<sb::store::ConferenceRoom> rooms() const;
    /// The first problem ("Row 2, PIN: …"), or empty when every row is valid.
    QString problem() const;
    bool isInputValid() const { return problem().isEmpty(); }

public slots:
    void accept() override;
    /// Append an empty row and start editing its number.
    void addRoom();
    /// Remove the selected rows.
    void removeSelected();

private slots:
    void validate();

private:
    void appendRow(const sb::store::ConferenceRoom& room);

    QTableWidget* m_table;
    QPushButton* m_add;
    QPushButton* m_remove;
    QLabel* m_problem;
    QDialogButtonBox* m_buttons;
};

}  // namespace sb::ui
