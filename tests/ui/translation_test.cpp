// The Simplified Chinese translation is compiled in and loads on request:
// by argument (--lang), by $SWITCHBOARD_LANG, and not at all for English.

#include <QAbstractItemModel>
#include <QMenuBar>
#include <QPushButton>
#include <QTabWidget>
#include <QTableView>
#include <QTest>
#include <QTranslator>

#include "core_bridge.h"
#include "dialogs/blacklist_dialog.h"
#include "dialogs/forward_group.h"
#include "dialogs/self_test_wizard.h"
#include "dialogs/settings_dialog.h"
#include "main_window.h"
#include "models/call_history_model.h"
#include "translations.h"
#include "widgets/groups_panel.h"
#include "widgets/ivr_panel.h"
#include "widgets/voicemail_panel.h"

using namespace sb::ui;

class TranslationTest : public QObject {
    Q_OBJECT

private slots:
    void cleanup();
    void chineseByArgument();
    void chineseByEnvironment();
    void englishNeedsNone();

private:
    static QString tabTitle(int index) {
        CoreBridge bridge;
        MainWindow window(bridge);
        return window.findChild<QTabWidget*>(QStringLiteral("tabs"))->tabText(index);
    }
};

void TranslationTest::cleanup() {
    for (QTranslator* translator : qApp->findChildren<QTranslator*>()) {
        QCoreApplication::removeTranslator(translator);
        delete translator;
    }
    qunsetenv(kLanguageVariable);
}

void TranslationTest::chineseByArgument() {
    QCOMPARE(installTranslations(*qApp, QStringLiteral("zh_CN")), QStringLiteral("zh_CN"));
    CoreBridge bridge;
    MainWindow window(bridge);
    auto* tabs = window.findChild<QTabWidget*>(QStringLiteral("tabs"));
    QCOMPARE(tabs->tabText(0), QStringLiteral("通话"));
    QCOMPARE(tabs->tabText(2), QStringLiteral("分机"));
    QCOMPARE(tabs->tabText(3), QStringLiteral("外线"));
    QCOMPARE(tabs->tabText(7), QStringLiteral("通话记录"));
    QCOMPARE(tabs->tabText(tabs->indexOf(window.voicemailPanel())), QStringLiteral("语音信箱"));
    QCOMPARE(tabs->tabText(tabs->indexOf(window.ivrPanel())), QStringLiteral("自动总机"));
    QCOMPARE(tabs->tabText(tabs->indexOf(window.groupsPanel())), QStringLiteral("振铃组"));
    // Its own context (sb::ui::VoicemailPanel) must match what lupdate wrote.
    QCOMPARE(window.voicemailPanel()->findChild<QPushButton*>(QStringLiteral("playVoicemailButton"))->text(),
             QStringLiteral("播放(&P)"));
    QCOMPARE(window.voicemailPanel()->model()->headerData(0, Qt::Horizontal).toString(), QStringLiteral("信箱"));
    QCOMPARE(window.findChild<QMenu*>(QStringLiteral("fileMenu"))->title(), QStringLiteral("文件(&F)"));
    QCOMPARE(window.findChild<QMenu*>(QStringLiteral("toolsMenu"))->title(), QStringLiteral("工具(&T)"));
    const QAbstractItemModel* calls = window.findChild<QTableView*>(QStringLiteral("callsView"))->model();
    QCOMPARE(calls->headerData(0, Qt::Horizontal).toString(), QStringLiteral("主叫"));
    QCOMPARE(window.findChild<QPushButton*>(QStringLiteral("selfTestLineButton"))->text(),
             QStringLiteral("自检(&T)…"));
    SelfTestWizard wizard(bridge, SelfTestWizard::Target::Trunk, QStringLiteral("cmcc"));
    QCOMPARE(wizard.windowTitle(), QStringLiteral("中继 cmcc 自检"));
    QCOMPARE(wizard.buttonText(QWizard::CommitButton), QStringLiteral("运行(&R)"));
    SettingsDialog settings(bridge, QString(), QString());
    QCOMPARE(settings.windowTitle(), QStringLiteral("设置"));

    // The call features: history columns, forwarding, blacklist.
    CallHistoryModel* history = window.callHistoryModel();
    QCOMPARE(history->headerData(CallHistoryModel::Forwards, Qt::Horizontal).toString(),
             QStringLiteral("呼叫转移"));
    QCOMPARE(history->headerData(CallHistoryModel::Transfers, Qt::Horizontal).toString(),
             QStringLiteral("呼叫转接"));
    sb::store::CdrRecord forwarded;
    forwarded.forwards = "101>102 unconditional, 102>0123 no-answer";
    forwarded.transfers = "102>103 attended";
    history->setRecords({forwarded});
    QCOMPARE(history->index(0, CallHistoryModel::Forwards).data(Qt::ToolTipRole).toString(),
             QStringLiteral("101 → 102（无条件）\n102 → 0123（无应答）"));
    QCOMPARE(history->index(0, CallHistoryModel::Transfers).data(Qt::ToolTipRole).toString(),
             QStringLiteral("102 → 103（咨询转接）"));
    ForwardGroup forwarding;
    QCOMPARE(forwarding.title(), QStringLiteral("呼叫转移(&F)"));
    BlacklistDialog blacklist(sb::store::Settings{});
    QCOMPARE(blacklist.windowTitle(), QStringLiteral("黑名单"));
}

void TranslationTest::chineseByEnvironment() {
    qputenv(kLanguageVariable, "zh_CN");
    QCOMPARE(installTranslations(*qApp), QStringLiteral("zh_CN"));
    QCOMPARE(tabTitle(1), QStringLiteral("注册"));
}

void TranslationTest::englishNeedsNone() {
    QCOMPARE(installTranslations(*qApp, QStringLiteral("en_GB")), QString());
    QCOMPARE(tabTitle(0), QStringLiteral("Calls"));
}

QTEST_MAIN(TranslationTest)
#include "translation_test.moc"
