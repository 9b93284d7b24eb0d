// The Extensions tab against a real engine: edits made through the dialog
// travel as whole configurations through CoreBridge::applyConfiguration(),
// and the table shows only what the engine commits and publishes. Also the
// live contact counts and the Server information dialog.

#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

#include "core_bridge.h"
#include "dialogs/extension_dialog.h"
#include "dialogs/server_info_dialog.h"
#include "fixtures.h"
#include "main_window.h"
#include "models/extensions_model.h"
#include "models/model_roles.h"
#include "widgets/extensions_panel.h"

using namespace sb::ui;
using namespace sb::ui::test;

namespace {

std::unique_ptr<QAbstractItemModelTester> attachTester(QAbstractItemModel* model) {
    return std::make_unique<QAbstractItemModelTester>(model,
                                                      QAbstractItemModelTester::FailureReportingMode::QtTest);
}

/// The open dialog of type T, once the event loop has shown it.
template <class T>
T* openDialog(QWidget& window, const QString& objectName) {
    for (T* dialog : window.findChildren<T*>(objectName))
        if (dialog->isVisible()) return dialog;
    return nullptr;
}

/// Select the view's row showing extension @p number.
bool selectNumber(QTableView* view, const QString& number) {
    const QAbstractItemModel* model = view->model();
    for (int row = 0; row < model->rowCount(); ++row) {
        if (model->index(row, ExtensionsModel::Number).data().toString() != number) continue;
        view->setFocus();
        view->selectRow(row);
        return true;
    }
    return false;
}

/// With SB_UI_SCREENSHOT_DIR set, save a picture of @p widget there.
void screenshot(QWidget* widget, const char* name) {
    const QString dir = qEnvironmentVariable("SB_UI_SCREENSHOT_DIR");
    if (dir.isEmpty()) return;
    QCoreApplication::processEvents();
    widget->grab().save(QStringLiteral("%1/%2.png").arg(dir, QLatin1String(name)));
}

QString contactsOf(const ExtensionsModel* model, const QString& number) {
    const int row = model->rowOfNumber(number);
    return row < 0 ? QString() : model->index(row, ExtensionsModel::Contacts).data().toString();
}

}  // namespace

class ExtensionsTabTest : public QObject {
    Q_OBJECT

private slots:
    void editsGoThroughTheEngine();
    void registeredContactsAreCounted();
    void serverInfoShowsTheFingerprint();
};

void ExtensionsTabTest::editsGoThroughTheEngine() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    CoreBridge bridge;
    MainWindow window(bridge);
    auto tester = attachTester(window.extensionsModel());
    auto* view = window.findChild<QTableView*>(QStringLiteral("extensionsView"));
    auto* add = window.findChild<QPushButton*>(QStringLiteral("addExtensionButton"));
    auto* edit = window.findChild<QPushButton*>(QStringLiteral("editExtensionButton"));
    auto* remove = window.findChild<QPushButton*>(QStringLiteral("deleteExtensionButton"));
    QVERIFY(view && add && edit && remove);
    auto proxyTester = attachTester(view->model());
    QVERIFY(!add->isEnabled());  // nothing to edit before the first snapshot

    const auto started = bridge.start(engineOptions(dir));
    QVERIFY2(started.ok(), started.ok() ? "" : started.error().message.c_str());
    auto* tabs = window.findChild<QTabWidget*>(QStringLiteral("tabs"));
    tabs->setCurrentWidget(window.extensionsPanel());
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QTRY_COMPARE(view->model()->rowCount(), 3);  // a new database has 100-102
    QVERIFY(add->isEnabled());
    QVERIFY(!edit->isEnabled() && !remove->isEnabled());  // nothing selected

    // Add 150 through the dialog, as a user would.
    QTest::mouseClick(add, Qt::LeftButton);
    ExtensionDialog* dialog = nullptr;
    QTRY_VERIFY((dialog = openDialog<ExtensionDialog>(window, QStringLiteral("extensionDialog"))));
    QTest::keyClicks(dialog->findChild<QLineEdit*>(QStringLiteral("numberEdit")), QStringLiteral("150"));
    QTest::keyClicks(dialog->findChild<QLineEdit*>(QStringLiteral("nameEdit")), QStringLiteral("Reception"));
    QTest::mouseClick(dialog->findChild<QPushButton*>(QStringLiteral("generatePasswordButton")),
                      Qt::LeftButton);
    QPushButton* ok = dialog->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok);
    QVERIFY(ok->isEnabled());
    const std::string password = dialog->extension().password;
    screenshot(dialog, "extension_dialog");
    QTest::mouseClick(ok, Qt::LeftButton);

    ExtensionsModel* model = window.extensionsModel();
    QTRY_VERIFY(model->rowOfNumber(QStringLiteral("150")) >= 0);
    QCOMPARE(view->model()->rowCount(), 4);
    const sb::store::Extension& added = model->extensionAt(model->rowOfNumber(QStringLiteral("150")));
    QCOMPARE(added.name, std::string("Reception"));
    QCOMPARE(added.password, password);
    QCOMPARE(bridge.configuration().extensions.size(), size_t(4));
    QCOMPARE(contactsOf(model, QStringLiteral("150")), QStringLiteral("0"));
    // The new extension is selected, ready to edit.
    QTRY_VERIFY(edit->isEnabled());

    // Double-click edits; change the display name and turn on qualify.
    QVERIFY(selectNumber(view, QStringLiteral("150")));
    const QModelIndex cell = view->currentIndex();
    const QPoint at = view->visualRect(cell).center();
    // QTest::mouseDClick() sends only the double-click event; a real one follows a press.
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, at);
    QTest::mouseDClick(view->viewport(), Qt::LeftButton, {}, at);
    QTRY_VERIFY((dialog = openDialog<ExtensionDialog>(window, QStringLiteral("extensionDialog"))));
    QVERIFY(dialog->isEditing());
    auto* name = dialog->findChild<QLineEdit*>(QStringLiteral("nameEdit"));
    name->selectAll();
    QTest::keyClicks(name, QStringLiteral("Front desk"));
    dialog->findChild<QCheckBox*>(QStringLiteral("qualifyCheck"))->setChecked(true);
    dialog->accept();
    QTRY_COMPARE(
        model->index(model->rowOfNumber(QStringLiteral("150")), ExtensionsModel::Name).data().toString(),
        QStringLiteral("Front desk"));
    QCOMPARE(model->index(model->rowOfNumber(QStringLiteral("150")), ExtensionsModel::Qualify).data(RawRole),
             QVariant(true));

    // A change the engine refuses (a duplicate number, bypassing the dialog):
    // the reason shows in the status bar and the log, the table stays.
    sb::store::Configuration duplicate = bridge.configuration();
    duplicate.extensions.push_back(extension("100", "Impostor"));
    QVERIFY(bridge.applyConfiguration(duplicate));
    QTRY_VERIFY2(window.statusBar()->currentMessage().contains(QStringLiteral("already used")),
                 qPrintable(window.statusBar()->currentMessage()));
    QVERIFY(window.statusBar()->currentMessage().contains(QStringLiteral("extensions[4].number")));
    auto* log = window.findChild<QPlainTextEdit*>(QStringLiteral("logText"));
    QVERIFY(log);
    QVERIFY2(log->toPlainText().contains(QStringLiteral("Configuration rejected: extensions[4].number")),
             qPrintable(log->toPlainText()));
    QVERIFY(window.findChild<QWidget*>(QStringLiteral("logDock"))->isVisible());
    QCOMPARE(view->model()->rowCount(), 4);
    QCOMPARE(bridge.configuration().extensions.size(), size_t(4));
    screenshot(&window, "extensions_tab_rejected");

    // Delete 150: the Delete key asks first; "No" keeps it.
    QVERIFY(selectNumber(view, QStringLiteral("150")));
    QTest::keyClick(view, Qt::Key_Delete);
    QMessageBox* box = nullptr;
    QTRY_VERIFY((box = openDialog<QMessageBox>(window, QStringLiteral("deleteExtensionBox"))));
    QVERIFY(box->text().contains(QStringLiteral("150 (Front desk)")));
    QTest::mouseClick(box->button(QMessageBox::No), Qt::LeftButton);
    QTest::qWait(100);
    QCOMPARE(view->model()->rowCount(), 4);

    QTest::mouseClick(remove, Qt::LeftButton);
    QTRY_VERIFY((box = openDialog<QMessageBox>(window, QStringLiteral("deleteExtensionBox"))));
    QTest::mouseClick(box->button(QMessageBox::Yes), Qt::LeftButton);
    QTRY_COMPARE(view->model()->rowCount(), 3);
    QCOMPARE(model->rowOfNumber(QStringLiteral("150")), -1);
    QCOMPARE(bridge.configuration().extensions.size(), size_t(3));

    window.close();
    bridge.stop();
}

void ExtensionsTabTest::registeredContactsAreCounted() {
    CoreBridge bridge;  // no engine: events go straight into the bridge's sink
    MainWindow window(bridge);
    ExtensionsModel* model = window.extensionsModel();
    auto tester = attachTester(model);
    auto registrationsTester = attachTester(window.registrationsModel());
    sb::EventSink& sink = bridge.eventSink();

    sb::store::Configuration config;
    config.extensions = {extension("100", "Alice"), extension("101", "Bob")};
    sink.publish(sb::ConfigurationChanged{config});
    QTRY_COMPARE(model->rowCount(), 2);
    QCOMPARE(contactsOf(model, QStringLiteral("100")), QStringLiteral("0"));

    QSignalSpy changed(model, &QAbstractItemModel::dataChanged);
    sink.publish(binding("100", "sip:100@192.0.2.10:5062", 1));
    sink.publish(binding("100", "sip:100@192.0.2.11:5062", 1));
    sink.publish(binding("100", "sip:100@192.0.2.10:5062", 2));  // a refresh is not a new contact
    QTRY_COMPARE(contactsOf(model, QStringLiteral("100")), QStringLiteral("2"));
    QCOMPARE(changed.count(), 1);  // one drained batch, one notification
    QCOMPARE(model->index(model->rowOfNumber(QStringLiteral("100")), ExtensionsModel::Contacts).data(RawRole),
             QVariant(2));
    QCOMPARE(contactsOf(model, QStringLiteral("101")), QStringLiteral("0"));
    QCOMPARE(window.registrationsModel()->rowCount(), 2);

    // Qualify pings go unanswered on one contact.
    sink.publish(binding("100", "sip:100@192.0.2.11:5062", 2, false, false));
    QTRY_COMPARE(contactsOf(model, QStringLiteral("100")), QStringLiteral("2 (1 unreachable)"));

    sink.publish(binding("100", "sip:100@192.0.2.11:5062", 0, true));
    QTRY_COMPARE(contactsOf(model, QStringLiteral("100")), QStringLiteral("1"));
    QCOMPARE(window.registrationsModel()->rowCount(), 1);

    // Counts survive a new snapshot, and a binding of a number not (yet)
    // in the table is counted once it appears.
    sink.publish(binding("102", "sip:102@192.0.2.12:5062", 1));
    config.extensions.push_back(extension("102", "Carol"));
    sink.publish(sb::ConfigurationChanged{config});
    QTRY_COMPARE(model->rowCount(), 3);
    QCOMPARE(contactsOf(model, QStringLiteral("100")), QStringLiteral("1"));
    QCOMPARE(contactsOf(model, QStringLiteral("102")), QStringLiteral("1"));
}

void ExtensionsTabTest::serverInfoShowsTheFingerprint() {
    CoreBridge bridge;
    MainWindow window(bridge);
    const std::string fingerprint =
        "AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89";
    bridge.eventSink().publish(
        engineStarted("udp:127.0.0.1:5099 tcp:127.0.0.1:5099 tls:127.0.0.1:5098", "/tmp/sb.db", fingerprint));
    QTRY_VERIFY(
        window.findChild<QLabel*>(QStringLiteral("listeningLabel"))->text().contains(QStringLiteral("5099")));

    auto* action = window.findChild<QAction*>(QStringLiteral("serverInfoAction"));
    QVERIFY(action);
    action->trigger();
    auto* dialog = window.findChild<ServerInfoDialog*>(QStringLiteral("serverInfoDialog"));
    QVERIFY(dialog);
    QTRY_VERIFY(dialog->isVisible());
    auto* shown = dialog->findChild<QLineEdit*>(QStringLiteral("tlsFingerprint"));
    QVERIFY(shown && shown->isReadOnly());
    QCOMPARE(shown->text(), QString::fromStdString(fingerprint));
    const QString listening =
        dialog->findChild<QPlainTextEdit*>(QStringLiteral("serverListening"))->toPlainText();
    QCOMPARE(listening.split(QLatin1Char('\n')).size(), 3);
    QVERIFY(listening.contains(QStringLiteral("tls:127.0.0.1:5098")));
    QCOMPARE(dialog->findChild<QLineEdit*>(QStringLiteral("serverDatabase"))->text(),
             QDir::toNativeSeparators(QStringLiteral("/tmp/sb.db")));

    screenshot(dialog, "server_info_dialog");
    QApplication::clipboard()->clear();
    QTest::mouseClick(dialog->findChild<QPushButton*>(QStringLiteral("copyFingerprintButton")),
                      Qt::LeftButton);
    QCOMPARE(QApplication::clipboard()->text(), QString::fromStdString(fingerprint));

    // The real engine's certificate: 32 bytes as colon-separated hex.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    CoreBridge real;
    MainWindow realWindow(real);
    const auto started = real.start(engineOptions(dir));
    QVERIFY2(started.ok(), started.ok() ? "" : started.error().message.c_str());
    realWindow.findChild<QAction*>(QStringLiteral("serverInfoAction"))->trigger();
    auto* realDialog = realWindow.findChild<ServerInfoDialog*>(QStringLiteral("serverInfoDialog"));
    QVERIFY(realDialog);
    static const QRegularExpression sha256(QStringLiteral("^[0-9A-F]{2}(:[0-9A-F]{2}){31}$"));
    QTRY_VERIFY2(sha256.match(realDialog->fingerprint()).hasMatch(), qPrintable(realDialog->fingerprint()));
    real.stop();
}

QTEST_MAIN(ExtensionsTabTest)
#include "extensions_tab_test.moc"
