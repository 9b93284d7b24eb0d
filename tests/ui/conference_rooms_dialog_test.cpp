// ConferenceRoomsDialog on its own: rooms load and save in order; a bad
// number, a bad PIN or a number listed twice shows a reason naming the row,
// disables OK and makes accept() refuse; removing a row removes the room.

#include <QDialogButtonBox>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QTest>

#include "dialog_helpers.h"
#include "dialogs/conference_rooms_dialog.h"

using namespace sb::ui;
using namespace sb::ui::test;
using Room = sb::store::ConferenceRoom;

namespace {

void setCell(QTableWidget* table, int row, int column, const QString& text) {
    table->item(row, column)->setText(text);
}

}  // namespace

class ConferenceRoomsDialogTest : public QObject {
    Q_OBJECT

private slots:
    void loadsAndReturnsRoomsInOrder() {
        const std::vector<Room> rooms{{"100", "4321", "Board"}, {"7", "", ""}};
        ConferenceRoomsDialog dialog(rooms);
        auto* table = child<QTableWidget>(dialog, "roomsTable");
        QVERIFY(table);
        QCOMPARE(table->rowCount(), 2);
        QCOMPARE(table->item(0, ConferenceRoomsDialog::PinColumn)->text(), QStringLiteral("4321"));
        QVERIFY(dialog.isInputValid());
        QCOMPARE(dialog.rooms(), rooms);
    }

    void anAddedRoomIsCheckedAsItIsTyped() {
        ConferenceRoomsDialog dialog({});
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        auto* table = child<QTableWidget>(dialog, "roomsTable");
        auto* ok = child<QDialogButtonBox>(dialog, "buttonBox")->button(QDialogButtonBox::Ok);
        auto* problem = child<QLabel>(dialog, "roomsProblem");
        QTest::mouseClick(child<QPushButton>(dialog, "addButton"), Qt::LeftButton);
        QCOMPARE(table->rowCount(), 1);
        QVERIFY2(showsProblem(problem), "an empty room number is refused");
        QVERIFY(!ok->isEnabled());

        setCell(table, 0, ConferenceRoomsDialog::NumberColumn, QStringLiteral("12a"));
        QVERIFY(problem->text().contains(QStringLiteral("Row 1, room number")));
        setCell(table, 0, ConferenceRoomsDialog::NumberColumn, QStringLiteral("200"));
        QVERIFY(!problem->isVisible());
        QVERIFY(ok->isEnabled());

        setCell(table, 0, ConferenceRoomsDialog::PinColumn, QStringLiteral("12"));
        QVERIFY(problem->text().contains(QStringLiteral("Row 1, PIN: a room PIN is 4 to 12 digits")));
        QVERIFY(!ok->isEnabled());
        dialog.accept();
        QVERIFY2(dialog.isVisible(), "accept() refuses while a row is invalid");

        setCell(table, 0, ConferenceRoomsDialog::PinColumn, QStringLiteral("2468"));
        setCell(table, 0, ConferenceRoomsDialog::NameColumn, QStringLiteral("Sales weekly"));
        QVERIFY(ok->isEnabled());
        QCOMPARE(dialog.rooms(), (std::vector<Room>{{"200", "2468", "Sales weekly"}}));
        dialog.accept();
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
    }

    void aNumberListedTwiceIsRefusedAndRemovingARowFixesIt() {
        ConferenceRoomsDialog dialog({{"300", "", "A"}, {"300", "", "B"}});
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        auto* table = child<QTableWidget>(dialog, "roomsTable");
        auto* problem = child<QLabel>(dialog, "roomsProblem");
        QVERIFY(showsProblem(problem));
        QVERIFY(problem->text().contains(QStringLiteral("Row 2, room number: room 300 is listed twice")));
        table->selectRow(1);
        QTest::mouseClick(child<QPushButton>(dialog, "removeButton"), Qt::LeftButton);
        QCOMPARE(table->rowCount(), 1);
        QVERIFY(dialog.isInputValid());
        QCOMPARE(dialog.rooms(), (std::vector<Room>{{"300", "", "A"}}));
    }
};

QTEST_MAIN(ConferenceRoomsDialogTest)
#include "conference_rooms_dialog_test.moc"
