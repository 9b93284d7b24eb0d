// switchboard: the desktop PBX. Parses arguments, starts the engine and shows
// the main window; everything else lives in ui/ and core/.

#include <QApplication>
#include <QCommandLineParser>
#include <QMessageBox>
#include <QTimer>

#include <cstdio>
#include <utility>

#include "core_bridge.h"
#include "main_window.h"
#include "sb_version.h"

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
    parser.process(app);  // exits on --help, --version and unknown options

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

    sb::ui::CoreBridge bridge;
    sb::ui::MainWindow window(bridge);  // connected before start: sees the first events
    if (auto started = bridge.start(options); !started) {
        std::fprintf(stderr, "switchboard: %s\n", started.error().message.c_str());
        QMessageBox::critical(nullptr, tr("Switchboard"),
                              tr("Switchboard could not start.\n\n%1")
                                  .arg(QString::fromStdString(started.error().message)));
        return 1;
    }
    window.show();
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
    bridge.stop();
    return status;
}
