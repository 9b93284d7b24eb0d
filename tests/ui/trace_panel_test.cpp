// The SIP trace tab: Ctrl+C copies the selected messages in full, "Save as
// text…" writes every message the filter shows, separated by blank lines.

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QFile>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include <string>

#include "fixtures.h"
#include "models/trace_model.h"
#include "widgets/trace_panel.h"

using namespace sb::ui;
using namespace sb::ui::test;

namespace {

const std::string kInvite =
    "INVITE sip:101@127.0.0.1 SIP/2.0\r\nCall-ID: a@host\r\nCSeq: 1 INVITE\r\nContent-Length: 13\r\n\r\n"
    "v=0\r\no=- 1 1\r\n";
const std::string kRinging = "SIP/2.0 180 Ringing\r\nCall-ID: a@host\r\nCSeq: 1 INVITE\r\n\r\n";
const std::string kOptions = "OPTIONS sip:127.0.0.1 SIP/2.0\r\nCall-ID: b@host\r\nCSeq: 7 OPTIONS\r\n\r\n";

/// @p message as it appears in copied or saved text.
QString plain(const std::string& message) {
    QString text = QString::fromStdString(message);
    text.replace(QLatin1String("\r\n"), QLatin1String("\n"));
    while (text.endsWith(QLatin1Char('\n'))) text.chop(1);
    return text;
}

struct Fixture {
    TraceModel model;
    TracePanel panel{&model};
    QTableView* view = panel.findChild<QTableView*>(QStringLiteral("traceView"));

    Fixture() {
        model.append({traced(false, kInvite, 1000), traced(true, kRinging, 2000), traced(false, kOptions, 3000)});
        panel.resize(900, 600);
        panel.show();
    }
    void selectRows(std::initializer_list<int> rows) {
        view->clearSelection();
        for (int row : rows)
            view->selectionModel()->select(view->model()->index(row, 0),
                                           QItemSelectionModel::Select | QItemSelectionModel::Rows);
    }
};

}  // namespace

class TracePanelTest : public QObject {
    Q_OBJECT

private slots:
    void joinNormalisesLineEnds();
    void ctrlCCopiesTheSelectedMessages();
    void saveWritesWhatTheFilterShows();
    void saveFailureIsShown();
};

void TracePanelTest::joinNormalisesLineEnds() {
    QCOMPARE(joinMessages({}), QString());
    QCOMPARE(joinMessages({QStringLiteral("A\r\nB\r\n\r\n")}), QStringLiteral("A\nB\n"));
    QCOMPARE(joinMessages({QStringLiteral("A\r\n\r\n"), QStringLiteral("B\nC")}), QStringLiteral("A\n\nB\nC\n"));
}

void TracePanelTest::ctrlCCopiesTheSelectedMessages() {
    Fixture f;
    QVERIFY(QTest::qWaitForWindowExposed(&f.panel));
    auto* copy = f.panel.findChild<QAction*>(QStringLiteral("traceCopyAction"));
    QVERIFY(copy);
    QVERIFY(!copy->isEnabled());
    QVERIFY(f.view->actions().contains(copy));  // in the context menu
    QCOMPARE(f.view->contextMenuPolicy(), Qt::ActionsContextMenu);

    // Rows 0 and 2, selected in reverse: copied in table order, in full (the SDP body too).
    f.selectRows({2, 0});
    QVERIFY(copy->isEnabled());
    const QString expected = plain(kInvite) + QStringLiteral("\n\n") + plain(kOptions) + QStringLiteral("\n");
    QCOMPARE(f.panel.selectedText(), expected);
    QApplication::clipboard()->clear();
    f.view->setFocus();
    QTest::keyClick(f.view, Qt::Key_C, Qt::ControlModifier);
    QCOMPARE(QApplication::clipboard()->text(), expected);

    // One message; then the context menu's Copy does the same.
    f.selectRows({1});
    QApplication::clipboard()->clear();
    copy->trigger();
    QCOMPARE(QApplication::clipboard()->text(), plain(kRinging) + QStringLiteral("\n"));
    QVERIFY(QApplication::clipboard()->text().contains(QStringLiteral("CSeq: 1 INVITE")));

    // Nothing selected: the clipboard is left alone.
    f.view->clearSelection();
    QApplication::clipboard()->setText(QStringLiteral("keep"));
    QTest::keyClick(f.view, Qt::Key_C, Qt::ControlModifier);
    QCOMPARE(QApplication::clipboard()->text(), QStringLiteral("keep"));
}

void TracePanelTest::saveWritesWhatTheFilterShows() {
    Fixture f;
    QVERIFY(f.panel.findChild<QPushButton*>(QStringLiteral("traceSave")));
    QVERIFY(f.panel.findChild<QAction*>(QStringLiteral("traceSaveAction")));
    QTemporaryDir dir;
    QVERIFY(dir.isValid());

    const QString all = dir.filePath(QStringLiteral("all.txt"));
    QVERIFY(f.panel.saveTo(all));
    QFile file(all);
    QVERIFY(file.open(QIODevice::ReadOnly | QIODevice::Text));
    QCOMPARE(QString::fromUtf8(file.readAll()), plain(kInvite) + QStringLiteral("\n\n") + plain(kRinging) +
                                                    QStringLiteral("\n\n") + plain(kOptions) +
                                                    QStringLiteral("\n"));
    file.close();

    // Only the dialog of Call-ID a@host; the selection does not matter.
    QTest::keyClicks(f.panel.findChild<QLineEdit*>(QStringLiteral("traceFilter")), QStringLiteral("A@HOST"));
    QCOMPARE(f.view->model()->rowCount(), 2);
    f.selectRows({1});
    const QString filtered = dir.filePath(QStringLiteral("filtered.txt"));
    QVERIFY(f.panel.saveTo(filtered));
    QFile second(filtered);
    QVERIFY(second.open(QIODevice::ReadOnly | QIODevice::Text));
    const QString text = QString::fromUtf8(second.readAll());
    QCOMPARE(text, plain(kInvite) + QStringLiteral("\n\n") + plain(kRinging) + QStringLiteral("\n"));
    QCOMPARE(text, f.panel.filteredText());
    QVERIFY(!text.contains(QStringLiteral("OPTIONS")));
}

void TracePanelTest::saveFailureIsShown() {
    Fixture f;
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QVERIFY(!f.panel.saveTo(dir.filePath(QStringLiteral("missing/trace.txt"))));
    QMessageBox* box = nullptr;
    QTRY_VERIFY((box = f.panel.findChild<QMessageBox*>(QStringLiteral("traceSaveFailedBox"))) &&
                box->isVisible());
    QVERIFY2(box->text().contains(QStringLiteral("missing")), qPrintable(box->text()));
    box->close();
}

QTEST_MAIN(TracePanelTest)
#include "trace_panel_test.moc"
