// The GUI places of the call features (issue 16): the extension dialog's
// Forwarding group and the blacklist dialog.

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSpinBox>
#include <QTest>

#include <optional>

#include "dialogs/blacklist_dialog.h"
#include "dialogs/extension_dialog.h"
#include "dialogs/line_dialog.h"
#include "dialogs/trunk_dialog.h"

using namespace sb::ui;

namespace {

template <class T>
T* child(QWidget& w, const char* name) {
    T* c = w.findChild<T*>(QString::fromLatin1(name));
    if (!c) qFatal("no widget %s", name);
    return c;
}

void type(QLineEdit* edit, const QString& text) {
    edit->selectAll();
    QTest::keyClick(edit, Qt::Key_Backspace);
    QTest::keyClicks(edit, text);
}

QPushButton* okButton(QWidget& d) {
    return child<QDialogButtonBox>(d, "buttonBox")->button(QDialogButtonBox::Ok);
}

sb::store::Extension sample() {
    sb::store::Extension e;
    e.number = "101";
    e.password = "k7Qm2xRt9vPa";
    e.forwardAlways = "102";
    e.forwardBusy = "*97";
    e.forwardNoAnswer = "9013901088888";
    e.forwardNoAnswerS = 25;
    e.dnd = true;
    return e;
}

}  // namespace

class CallFeaturesDialogsTest : public QObject {
    Q_OBJECT
private slots:
    void extensionDialogShowsForwardingAndDnd() {
        ExtensionDialog d({QStringLiteral("101"), QStringLiteral("102")}, sample());
        QCOMPARE(child<QLineEdit>(d, "forwardAlwaysEdit")->text(), QStringLiteral("102"));
        QCOMPARE(child<QLineEdit>(d, "forwardBusyEdit")->text(), QStringLiteral("*97"));
        QCOMPARE(child<QLineEdit>(d, "forwardNoAnswerEdit")->text(), QStringLiteral("9013901088888"));
        QCOMPARE(child<QSpinBox>(d, "forwardNoAnswerTimeoutSpin")->value(), 25);
        QVERIFY(child<QCheckBox>(d, "dndCheck")->isChecked());
        QVERIFY(d.extension() == sample());
    }

    void extensionDialogEditsForwarding() {
        ExtensionDialog d({QStringLiteral("101"), QStringLiteral("102")}, sample());
        type(child<QLineEdit>(d, "forwardAlwaysEdit"), QString());
        type(child<QLineEdit>(d, "forwardBusyEdit"), QStringLiteral("*97102"));
        child<QSpinBox>(d, "forwardNoAnswerTimeoutSpin")->setValue(40);
        child<QCheckBox>(d, "dndCheck")->setChecked(false);
        QVERIFY(okButton(d)->isEnabled());
        const auto e = d.extension();
        QVERIFY(e.forwardAlways.empty());
        QVERIFY(e.forwardBusy == "*97102");
        QCOMPARE(e.forwardNoAnswerS, 40u);
        QVERIFY(!e.dnd);
    }

    void extensionDialogRefusesBadTargets() {
        ExtensionDialog d({QStringLiteral("101"), QStringLiteral("102")}, sample());
        auto* problem = child<QLabel>(d, "forwardProblem");
        type(child<QLineEdit>(d, "forwardBusyEdit"), QStringLiteral("sip:bob@example.org"));
        QVERIFY(!okButton(d)->isEnabled());
        QVERIFY(!problem->isHidden());
        type(child<QLineEdit>(d, "forwardBusyEdit"), QStringLiteral("101"));
        QVERIFY2(!okButton(d)->isEnabled(), "forward to itself");
        QVERIFY(problem->text().contains(QStringLiteral("itself")));
        // Renaming the extension makes 101 another extension again.
        type(child<QLineEdit>(d, "numberEdit"), QStringLiteral("105"));
        QVERIFY(okButton(d)->isEnabled());
        QVERIFY(problem->isHidden());
    }

    void extensionDialogTakesAGroupOrMenuNumber() {
        ExtensionDialog d({QStringLiteral("101"), QStringLiteral("102")}, sample());
        auto* always = child<QLineEdit>(d, "forwardAlwaysEdit");
        QVERIFY(always->toolTip().contains(QStringLiteral("ring group")));
        type(always, QStringLiteral("600"));
        type(child<QLineEdit>(d, "forwardBusyEdit"), QStringLiteral("500"));
        QVERIFY(okButton(d)->isEnabled());
        QVERIFY(child<QLabel>(d, "forwardProblem")->isHidden());
        const auto e = d.extension();
        QVERIFY(e.forwardAlways == "600");
        QVERIFY(e.forwardBusy == "500");
    }

    void newExtensionStartsWithForwardingOff() {
        ExtensionDialog d({}, std::nullopt);
        QVERIFY(child<QLineEdit>(d, "forwardAlwaysEdit")->text().isEmpty());
        QCOMPARE(child<QSpinBox>(d, "forwardNoAnswerTimeoutSpin")->value(), 20);
        QVERIFY(!child<QCheckBox>(d, "dndCheck")->isChecked());
    }

    void blacklistDialogEditsEntriesAndAnswer() {
        sb::store::Settings s;
        s.blacklist = {"+86139"};
        s.blacklistAnswer = 486;
        BlacklistDialog d(s);
        auto* list = child<QListWidget>(d, "blacklistList");
        auto* entry = child<QLineEdit>(d, "blacklistEntryEdit");
        auto* add = child<QPushButton>(d, "blacklistAddButton");
        QCOMPARE(list->count(), 1);
        QCOMPARE(child<QComboBox>(d, "blacklistAnswerCombo")->currentData().toInt(), 486);
        QCOMPARE(d.answer(), 486u);

        type(entry, QStringLiteral("00x"));
        QVERIFY(!add->isEnabled());
        QVERIFY(!okButton(d)->isEnabled());
        QVERIFY(!child<QLabel>(d, "blacklistProblem")->isHidden());
        type(entry, QStringLiteral("0044"));
        QVERIFY(add->isEnabled());
        QTest::mouseClick(add, Qt::LeftButton);
        QCOMPARE(list->count(), 2);
        QVERIFY(entry->text().isEmpty());

        auto* anonymous = child<QPushButton>(d, "blacklistAnonymousButton");
        QTest::mouseClick(anonymous, Qt::LeftButton);
        QVERIFY(!anonymous->isEnabled());
        QVERIFY((d.entries() == std::vector<std::string>{"+86139", "0044", "anonymous"}));

        list->setCurrentRow(0);
        QTest::mouseClick(child<QPushButton>(d, "blacklistRemoveButton"), Qt::LeftButton);
        child<QComboBox>(d, "blacklistAnswerCombo")->setCurrentIndex(0);
        sb::store::Settings out;
        d.apply(out);
        QVERIFY((out.blacklist == std::vector<std::string>{"0044", "anonymous"}));
        QCOMPARE(out.blacklistAnswer, 603u);
    }

    void blacklistDialogKeepsATypedButNotAddedEntry() {
        BlacklistDialog d(sb::store::Settings{});
        type(child<QLineEdit>(d, "blacklistEntryEdit"), QStringLiteral("+44"));
        QVERIFY((d.entries() == std::vector<std::string>{"+44"}));
        QVERIFY(okButton(d)->isEnabled());
    }

    void lineAndTrunkDialogsKeepTheForwardHeader() {
        sb::store::Configuration config;
        sb::store::ExternalLine line;
        line.name = "ims";
        line.domain = "ims.example.net";
        line.account = "+8612345678";
        line.forwardHeader = "history-info";
        LineDialog ld(config, line);
        auto* lineCombo = child<QComboBox>(ld, "forwardHeaderCombo");
        QCOMPARE(lineCombo->currentData().toString(), QStringLiteral("history-info"));
        QVERIFY(ld.line().forwardHeader == "history-info");
        lineCombo->setCurrentIndex(lineCombo->findData(QStringLiteral("none")));
        QVERIFY(ld.line().forwardHeader == "none");

        sb::store::SipTrunk trunk;
        trunk.name = "carrier";
        trunk.host = "203.0.113.5";
        TrunkDialog td(config, trunk);
        auto* trunkCombo = child<QComboBox>(td, "forwardHeaderCombo");
        QCOMPARE(trunkCombo->currentData().toString(), QStringLiteral("diversion"));
        trunkCombo->setCurrentIndex(trunkCombo->findData(QStringLiteral("history-info")));
        QVERIFY(td.trunk().forwardHeader == "history-info");
    }
};

QTEST_MAIN(CallFeaturesDialogsTest)
#include "call_features_dialogs_test.moc"
