// switchboard: the desktop PBX. Parses arguments, starts the engine and shows
// the main window; everything else lives in ui/ and core/.

#include <QApplication>
#include <QCommandLineParser>
#include <QMessageBox>
#include <QSettings>
#include <QSystemTrayIcon>
#include <QTimer>
#include <QTranslator>

#include <cstdio>
#include <filesystem>
#include <system_error>
#include <utility>

#include "core_bridge.h"
#include "desktop_preferences.h"
#include "main_window.h"
#include "sb_version.h"
#include "single_instance.h"
#include "store/store.h"
#include "translations.h"
#include "tray_icon.h"

namespace {

QString tr(const char* text) { return QCoreApplication::translate("main", text); }

int fail(const QString& message) {
    std::fprintf(stderr, "switchboard: %s\n", qPrintable(message));
    return 2;
}

}  // namespace

int main(int argc, char* argv[]) {
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("Switchboard"));
    QApplication::setApplicationDisplayName(QStringLiteral("Switchboard"));
    QApplication::setApplicationVersion(QStringLiteral(SB_VERSION));
    QApplication::setOrganizationName(QStringLiteral("Switchboard"));
    // Before the parser, so --help is translated; --lang is applied below.
    sb::ui::installTranslations(app);

    QCommandLineParser parser;
    parser.setApplicationDescription(tr("Switchboard, a desktop SIP PBX."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption dbOption(QStringLiteral("db"),
                                      tr("Use the database at <path> (default: the per-user one)."),
                                      tr("path"));
    const QCommandLineOption portOption(QStringLiteral("sip-port"),
                                        tr("Listen for SIP on UDP/TCP <port> (0: any free port)."),
                                        tr("port"));
    const QCommandLineOption tlsPortOption(QStringLiteral("tls-port"),
                                           tr("Listen for SIP over TLS on <port> (0: any free port)."),
                                           tr("port"));
    const QCommandLineOption bindOption(QStringLiteral("bind"), tr("Listen for SIP on <address>."),
                                        tr("address"));
    parser.addOption(dbOption);
    parser.addOption(portOption);
    parser.addOption(tlsPortOption);
    parser.addOption(bindOption);
    const QCommandLineOption screenshotOption(
        QStringLiteral("screenshot"),
        tr("Save a picture of the main window to <file> once it is shown, then quit (for tests and docs)."),
        tr("file"));
    parser.addOption(screenshotOption);
    const QCommandLineOption languageOption(
        QStringLiteral("lang"),
        tr("Show the user interface in <language> (e.g. zh_CN, en), not the system's."), tr("language"));
    parser.addOption(languageOption);
    const QCommandLineOption minimisedOption(QStringLiteral("minimised"),
                                             tr("Start with the window minimised."));
    parser.addOption(minimisedOption);
    parser.process(app);  // exits on --help, --version and unknown options
    if (parser.isSet(languageOption)) {
        for (QTranslator* old : app.findChildren<QTranslator*>()) {
            QCoreApplication::removeTranslator(old);
            delete old;
        }
        sb::ui::installTranslations(app, parser.value(languageOption));
    }

    sb::EngineOptions options;
    if (parser.isSet(dbOption)) options.databasePath = parser.value(dbOption).toStdU16String();
    for (const auto& [option, target] : {std::pair{&portOption, &options.sipPort},
                                         std::pair{&tlsPortOption, &options.tlsPort}}) {
        if (!parser.isSet(*option)) continue;
        bool ok = false;
        const uint port = parser.value(*option).toUInt(&ok);
        if (!ok || port > 65535)
            return fail(tr("--%1 expects a number from 0 to 65535, not \"%2\"")
                            .arg(option->names().constFirst(), parser.value(*option)));
        *target = static_cast<uint16_t>(port);
    }
    if (parser.isSet(bindOption)) options.bindAddress = parser.value(bindOption).toStdString();

    // One Switchboard per database: a second launch raises the first window;
    // a database switchboard-server holds is reported before SIP is touched.
    const std::filesystem::path database =
        options.databasePath.empty() ? sb::store::defaultDatabasePath() : options.databasePath;
    sb::ui::SingleInstance instance(database);
    using Claim = sb::ui::SingleInstance::Claim;
    const Claim claim = instance.claim();
    if (claim == Claim::AlreadyRunning) {
        std::fprintf(stdout,
                     "switchboard: already running on this database; its window was brought to the front\n");
        return 0;
    }
    if (claim != Claim::Primary) {
        std::fprintf(stderr, "switchboard: %s\n", qPrintable(instance.message()));
        QMessageBox::critical(nullptr, tr("Switchboard"), instance.message());
        return 1;
    }
    sb::ui::CoreBridge bridge;
    sb::ui::MainWindow window(bridge);  // connected before start: sees the first events
    QObject::connect(&instance, &sb::ui::SingleInstance::activationRequested, &window,
                     &sb::ui::MainWindow::bringToFront);
    QSettings settings;
    const bool trayShown = window.trayIcon()->isShown();
    const sb::ui::DesktopPreferences preferences = sb::ui::DesktopPreferences::load(settings, trayShown);
    window.setDesktopPreferences(preferences);
    // Hidden in the tray is not closed: only Quit ends the application.
    if (trayShown) QApplication::setQuitOnLastWindowClosed(false);
    window.restoreLayout(settings);
    // The engine knows whether it created the database (a missing or empty
    // file); its first event says so.
    QObject::connect(&bridge, &sb::ui::CoreBridge::engineStarted, &window, [&window](const sb::EngineStarted& e) {
        if (e.createdNow) window.offerFirstRunWizard();
    });
    if (auto started = bridge.start(options); !started) {
        std::fprintf(stderr, "switchboard: %s\n", started.error().message.c_str());
        // --screenshot runs unattended (tests, docs): nobody would close the box.
        if (!parser.isSet(screenshotOption))
            QMessageBox::critical(nullptr, tr("Switchboard"),
                                  tr("Switchboard could not start.\n\n%1")
                                      .arg(QString::fromStdString(started.error().message)));
        return 1;
    }
    const bool minimised =
        (preferences.startMinimised || parser.isSet(minimisedOption)) && !parser.isSet(screenshotOption);
    if (!minimised)
        window.show();
    else if (!trayShown)
        window.showMinimized();  // with a tray icon, the window simply stays hidden
    if (parser.isSet(screenshotOption)) {
        // Give the engine's first events a moment to fill the tables.
        const QString file = parser.value(screenshotOption);
        QTimer::singleShot(1500, &window, [&window, file] {
            const bool saved = window.grab().save(file);
            std::fprintf(saved ? stdout : stderr, "switchboard: %s %s\n",
                         saved ? "screenshot saved to" : "cannot save a screenshot to", qPrintable(file));
            QApplication::exit(saved ? 0 : 1);
        });
    }
    const int status = QApplication::exec();
    window.saveLayout(settings);
    bridge.stop();
    return status;
}
