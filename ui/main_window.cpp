#include "main_window.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDateTime>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QIcon>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>

#include <filesystem>

#include "config/json_config.h"
#include "core_bridge.h"
#include "dialogs/blacklist_dialog.h"
#include "dialogs/conference_rooms_dialog.h"
#include "dialogs/first_run_wizard.h"
#include "dialogs/server_info_dialog.h"
#include "dialogs/settings_dialog.h"
#include "models/call_history_model.h"
#include "models/calls_model.h"
#include "models/extensions_model.h"
#include "models/lines_model.h"
#include "models/registrations_model.h"
#include "models/routes_model.h"
#include "models/trace_model.h"
#include "models/trunks_model.h"
#include "sb_version.h"
#include "tray_icon.h"
#include "widgets/call_history_panel.h"
#include "widgets/calls_panel.h"
#include "widgets/extensions_panel.h"
#include "widgets/lines_panel.h"
#include "widgets/log_dock.h"
#include "widgets/routes_panel.h"
#include "widgets/security_panel.h"
#include "widgets/table_view.h"
#include "widgets/trace_panel.h"
#include "widgets/trunks_panel.h"
#include "widgets/voicemail_panel.h"
#include "widgets/ivr_panel.h"
#include "models/ivr_menus_model.h"
#include "models/ring_groups_model.h"
#include "widgets/groups_panel.h"
#include "window_layout.h"

// Resources live in the static sbui library; referencing the initialiser
// from here keeps the linker from dropping them.
static void initSwitchboardResources() { Q_INIT_RESOURCE(switchboard); }

namespace sb::ui {

namespace {

std::filesystem::path toPath(const QString& path) { return std::filesystem::path(path.toStdU16String()); }

constexpr int kStatusMessageMs = 15000;
constexpr int kLogDockHeight = 130;

}  // namespace

MainWindow::MainWindow(CoreBridge& bridge, QWidget* parent) : QMainWindow(parent), m_bridge(bridge) {
    initSwitchboardResources();
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("Switchboard"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/switchboard.svg")));
    resize(1100, 680);

    createModels();
    createTabs();

    m_log = new LogDock(this);
    addDockWidget(Qt::BottomDockWidgetArea, m_log);
    m_log->hide();

    createMenus();

    m_listening = new QLabel(tr("Engine not started"), this);
    m_listening->setObjectName(QStringLiteral("listeningLabel"));
    statusBar()->setObjectName(QStringLiteral("statusBar"));
    statusBar()->addPermanentWidget(m_listening);

    m_tray = new TrayIcon(m_bridge, this);
    connect(m_tray, &TrayIcon::showRequested, this, &MainWindow::bringToFront);
    connect(m_tray, &TrayIcon::quitRequested, this, &MainWindow::quitApplication);

    connectBridge();
}

MainWindow::~MainWindow() = default;

void MainWindow::createModels() {
    m_calls = new CallsModel(this);
    m_registrations = new RegistrationsModel(this);
    m_extensions = new ExtensionsModel(this);
    m_lines = new LinesModel(this);
    m_trunks = new TrunksModel(this);
    m_routes = new RoutesModel(this);
    m_trace = new TraceModel(this);
    m_history = new CallHistoryModel(this);
    m_calls->setObjectName(QStringLiteral("callsModel"));
    m_registrations->setObjectName(QStringLiteral("registrationsModel"));
    m_extensions->setObjectName(QStringLiteral("extensionsModel"));
    m_lines->setObjectName(QStringLiteral("linesModel"));
    m_trunks->setObjectName(QStringLiteral("trunksModel"));
    m_routes->setObjectName(QStringLiteral("routesModel"));
    m_trace->setObjectName(QStringLiteral("traceModel"));
    m_history->setObjectName(QStringLiteral("callHistoryModel"));
    m_menus = new IvrMenusModel(this);
    m_menus->setObjectName(QStringLiteral("ivrMenusModel"));
    m_groups = new RingGroupsModel(this);
    m_groups->setObjectName(QStringLiteral("ringGroupsModel"));
}

void MainWindow::createTabs() {
    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("tabs"));
    m_tabs->setDocumentMode(true);

    auto addTab = [this](QWidget* page, const char* icon, const QString& title) {
        m_tabs->addTab(page, QIcon(QStringLiteral(":/icons/%1.svg").arg(QLatin1String(icon))), title);
    };
    m_callsPanel = new CallsPanel(m_calls, m_bridge, m_tabs);
    addTab(m_callsPanel, "calls", tr("Calls"));
    addTab(makeTableView(m_registrations, QStringLiteral("registrationsView"), m_tabs), "registrations",
           tr("Registrations"));
    m_extensionsPanel = new ExtensionsPanel(m_extensions, m_bridge, m_tabs);
    addTab(m_extensionsPanel, "extensions", tr("Extensions"));
    m_linesPanel = new LinesPanel(m_lines, m_bridge, m_tabs);
    addTab(m_linesPanel, "lines", tr("External lines"));
    m_trunksPanel = new TrunksPanel(m_trunks, m_bridge, m_tabs);
    addTab(m_trunksPanel, "trunks", tr("SIP trunks"));
    // Routes are tried in list order: the table keeps that order.
    m_routesPanel = new RoutesPanel(m_routes, m_bridge, m_tabs);
    addTab(m_routesPanel, "routes", tr("Routes"));
    m_tracePanel = new TracePanel(m_trace, m_tabs);
    addTab(m_tracePanel, "trace", tr("SIP trace"));
    m_historyPanel = new CallHistoryPanel(m_history, m_bridge, m_tabs);
    addTab(m_historyPanel, "calls", tr("Call history"));
    m_securityPanel = new SecurityPanel(m_bridge, m_tabs);
    addTab(m_securityPanel, "security", tr("Security"));
    m_voicemailPanel = new VoicemailPanel(m_bridge, m_tabs);
    addTab(m_voicemailPanel, "calls", tr("Voicemail"));
    m_ivrPanel = new IvrPanel(m_menus, m_bridge, m_tabs);
    addTab(m_ivrPanel, "routes", tr("Auto attendant"));
    m_groupsPanel = new GroupsPanel(m_groups, m_bridge, m_tabs);
    addTab(m_groupsPanel, "extensions", tr("Groups"));
    setCentralWidget(m_tabs);
}

void MainWindow::createMenus() {
    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->setObjectName(QStringLiteral("fileMenu"));
    QAction* import = file->addAction(tr("&Import configuration…"), this, &MainWindow::importConfiguration);
    import->setObjectName(QStringLiteral("importAction"));
    import->setShortcut(QKeySequence::Open);
    m_exportAction = file->addAction(tr("&Export configuration…"), this, &MainWindow::exportConfiguration);
    m_exportAction->setObjectName(QStringLiteral("exportAction"));
    m_exportAction->setShortcut(QKeySequence::SaveAs);
    m_exportAction->setEnabled(false);  // until the first snapshot arrives
    file->addSeparator();
    QAction* quit = file->addAction(tr("&Quit"), this, &MainWindow::quitApplication);
    quit->setObjectName(QStringLiteral("quitAction"));
    quit->setShortcut(QKeySequence::Quit);
    quit->setMenuRole(QAction::QuitRole);

    QMenu* view = menuBar()->addMenu(tr("&View"));
    view->setObjectName(QStringLiteral("viewMenu"));
    view->addAction(m_log->toggleViewAction());

    QMenu* tools = menuBar()->addMenu(tr("&Tools"));
    tools->setObjectName(QStringLiteral("toolsMenu"));
    QAction* wizard = tools->addAction(tr("Setup &wizard…"), this, &MainWindow::showSetupWizard);
    wizard->setObjectName(QStringLiteral("setupWizardAction"));
    QAction* settings = tools->addAction(tr("&Settings…"), this, &MainWindow::showSettings);
    QAction* blacklist = tools->addAction(tr("&Blacklist…"), this, &MainWindow::showBlacklist);
    blacklist->setObjectName(QStringLiteral("blacklistAction"));
    settings->setObjectName(QStringLiteral("settingsAction"));
    settings->setShortcut(QKeySequence::Preferences);
    settings->setMenuRole(QAction::PreferencesRole);
    QAction* rooms = tools->addAction(tr("&Conference rooms…"), this, &MainWindow::showConferenceRooms);
    rooms->setObjectName(QStringLiteral("conferenceRoomsAction"));

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->setObjectName(QStringLiteral("helpMenu"));
    QAction* serverInfo = help->addAction(tr("&Server information…"), this, &MainWindow::showServerInfo);
    serverInfo->setObjectName(QStringLiteral("serverInfoAction"));
    QAction* aboutAction = help->addAction(tr("&About Switchboard"), this, &MainWindow::about);
    aboutAction->setObjectName(QStringLiteral("aboutAction"));
    aboutAction->setMenuRole(QAction::AboutRole);
}

void MainWindow::connectBridge() {
    connect(&m_bridge, &CoreBridge::engineStarted, this, &MainWindow::onEngineStarted);
    connect(&m_bridge, &CoreBridge::configurationChanged, this, &MainWindow::onConfigurationChanged);
    connect(&m_bridge, &CoreBridge::configurationRejected, this, &MainWindow::onConfigurationRejected);
    connect(&m_bridge, &CoreBridge::logMessage, this, &MainWindow::onLogMessage);
    connect(&m_bridge, &CoreBridge::callsChanged, m_calls, &CallsModel::apply);
    connect(&m_bridge, &CoreBridge::registrationsChanged, m_registrations, &RegistrationsModel::apply);
    connect(&m_bridge, &CoreBridge::registrationsChanged, m_extensions, &ExtensionsModel::applyRegistrations);
    // LineStatusChanged names a line or a trunk (names are unique across both).
    connect(&m_bridge, &CoreBridge::lineStatusChanged, m_lines, &LinesModel::setStatus);
    connect(&m_bridge, &CoreBridge::lineStatusChanged, m_trunks, &TrunksModel::setStatus);
    connect(&m_bridge, &CoreBridge::sipTracedBatch, m_trace, &TraceModel::append);
    const auto showStatus = [this](const QString& text) { statusBar()->showMessage(text, kStatusMessageMs); };
    connect(&m_bridge, &CoreBridge::acceptingNewCallsChanged, this, [this](bool accepting) {
        statusBar()->showMessage(accepting ? tr("New calls are accepted again.")
                                           : tr("New calls are paused: callers get 503 Service Unavailable."),
                                 kStatusMessageMs);
    });
    connect(m_callsPanel, &CallsPanel::statusMessage, this, showStatus);
    connect(m_securityPanel, &SecurityPanel::statusMessage, this, showStatus);
    connect(m_voicemailPanel, &VoicemailPanel::statusMessage, this, showStatus);
    connect(m_extensionsPanel, &ExtensionsPanel::statusMessage, this, showStatus);
    for (ConfigListPanel* panel : {static_cast<ConfigListPanel*>(m_linesPanel),
                                   static_cast<ConfigListPanel*>(m_trunksPanel),
                                   static_cast<ConfigListPanel*>(m_routesPanel)})
        connect(panel, &ConfigListPanel::statusMessage, this, showStatus);
    connect(m_tracePanel, &TracePanel::statusMessage, this, showStatus);
    connect(m_historyPanel, &CallHistoryPanel::statusMessage, this, showStatus);
}

void MainWindow::onEngineStarted(const sb::EngineStarted& started) {
    m_started = started;
    if (m_serverInfo) m_serverInfo->setServerInfo(started);
    m_listening->setText(tr("Listening on %1").arg(QString::fromStdString(started.listening)));
    m_listening->setToolTip(tr("Database: %1").arg(QString::fromStdString(started.databasePath)));
}

void MainWindow::onConfigurationChanged(const sb::store::Configuration& config) {
    m_extensions->setConfiguration(config);
    m_lines->setConfiguration(config);
    m_trunks->setConfiguration(config);
    m_routes->setConfiguration(config);
    m_menus->setConfiguration(config);
    m_groups->setConfiguration(config);
    m_exportAction->setEnabled(true);
    m_haveConfiguration = true;
    if (m_wizardPending) {
        m_wizardPending = false;
        openSetupWizard(true);
    }
    if (m_importPending) {
        m_importPending = false;
        statusBar()->showMessage(tr("Configuration imported and applied."), kStatusMessageMs);
    }
}

void MainWindow::onConfigurationRejected(const QString& reason) {
    const QString text = tr("Configuration rejected: %1").arg(reason);
    statusBar()->showMessage(text, kStatusMessageMs);
    // The engine does not log rejections itself: the log keeps the full reason
    // after the status bar message has gone.
    sb::LogMessage line;
    line.level = LogLevel::Warning;
    line.text = text.toStdString();
    line.timeMs = QDateTime::currentMSecsSinceEpoch();
    onLogMessage(line);
    if (m_importPending) {
        m_importPending = false;
        // open(), not exec(): this runs inside CoreBridge::drain().
        auto* box = new QMessageBox(QMessageBox::Warning, tr("Import configuration"),
                                    tr("The engine refused the imported configuration; the previous "
                                       "one stays in force.\n\n%1")
                                        .arg(reason),
                                    QMessageBox::Ok, this);
        box->setObjectName(QStringLiteral("importRejectedBox"));
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();
    }
}

void MainWindow::onLogMessage(const sb::LogMessage& message) {
    m_log->append(message);
    if (message.level <= LogLevel::Warning && m_log->isHidden()) {
        m_log->show();
        resizeDocks({m_log}, {kLogDockHeight}, Qt::Vertical);
    }
    if (message.level == LogLevel::Error)
        statusBar()->showMessage(QString::fromStdString(message.text), kStatusMessageMs);
}

void MainWindow::importConfiguration() {
    const QString path = QFileDialog::getOpenFileName(this, tr("Import configuration"), QDir::homePath(),
                                                      tr("Switchboard configuration (*.json);;All files (*)"));
    if (path.isEmpty()) return;
    auto config = sb::config::readConfigurationFile(toPath(path));
    if (!config) {
        QMessageBox::warning(this, tr("Import configuration"),
                             tr("The file cannot be imported.\n\n%1")
                                 .arg(QString::fromStdString(config.error().message)));
        return;
    }
    const auto answer = QMessageBox::question(
        this, tr("Import configuration"),
        tr("Replace the whole configuration (extensions, lines, trunks, routes and settings) "
           "with the contents of %1?")
            .arg(QDir::toNativeSeparators(path)));
    if (answer != QMessageBox::Yes) return;
    if (!m_bridge.applyConfiguration(*config)) {
        QMessageBox::warning(this, tr("Import configuration"), tr("The engine is not running."));
        return;
    }
    m_importPending = true;
    statusBar()->showMessage(tr("Applying the imported configuration…"), kStatusMessageMs);
}

void MainWindow::exportConfiguration() {
    QString path = QFileDialog::getSaveFileName(this, tr("Export configuration"),
                                                QDir::home().filePath(QStringLiteral("switchboard.json")),
                                                tr("Switchboard configuration (*.json)"));
    if (path.isEmpty()) return;
    if (!path.endsWith(QLatin1String(".json"), Qt::CaseInsensitive)) path += QLatin1String(".json");
    // The last committed snapshot is exactly what the engine runs with.
    auto written = sb::config::writeConfigurationFile(toPath(path), m_bridge.configuration());
    if (!written) {
        QMessageBox::warning(this, tr("Export configuration"),
                             tr("The configuration could not be exported.\n\n%1")
                                 .arg(QString::fromStdString(written.error().message)));
        return;
    }
    statusBar()->showMessage(tr("Configuration exported to %1 (it contains passwords).")
                                 .arg(QDir::toNativeSeparators(path)),
                             kStatusMessageMs);
}

void MainWindow::showServerInfo() {
    if (!m_serverInfo) {
        m_serverInfo = new ServerInfoDialog(this);
        m_serverInfo->setServerInfo(m_started);
    }
    m_serverInfo->show();
    m_serverInfo->raise();
    m_serverInfo->activateWindow();
}

void MainWindow::offerFirstRunWizard() {
    if (m_haveConfiguration)
        openSetupWizard(true);
    else
        m_wizardPending = true;
}

void MainWindow::showSetupWizard() {
    openSetupWizard(false);
}

void MainWindow::openSetupWizard(bool newDatabase) {
    // A wizard just closed is hidden until its deferred deletion: make a new one.
    if (!m_wizard || m_wizard->isHidden()) {
        m_wizard = new FirstRunWizard(m_bridge, newDatabase, this);
        m_wizard->setAttribute(Qt::WA_DeleteOnClose);
        connect(m_wizard, &QWizard::accepted, this, [this] {
            statusBar()->showMessage(tr("The setup wizard's configuration is applied."), kStatusMessageMs);
        });
        m_wizard->open();  // not exec(): this may run inside CoreBridge::drain()
    }
    m_wizard->raise();
    m_wizard->activateWindow();
}

void MainWindow::showSettings() {
    if (!m_settings || m_settings->isHidden()) {
        const QString folder = QFileInfo(QString::fromStdString(m_started.databasePath)).absolutePath();
        m_settings = new SettingsDialog(m_bridge, QString::fromStdString(m_started.tlsFingerprint),
                                        m_started.databasePath.empty() ? QString() : folder, this);
        m_settings->setAttribute(Qt::WA_DeleteOnClose);
        connect(m_settings, &QDialog::accepted, this, [this, dialog = m_settings] {
            m_preferences = dialog->preferences();
            statusBar()->showMessage(tr("Settings saved."), kStatusMessageMs);
        });
        m_settings->open();
    }
    m_settings->raise();
    m_settings->activateWindow();
}

void MainWindow::showBlacklist() {
    auto* dialog = new BlacklistDialog(m_bridge.configuration().settings, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        // Applied to the snapshot in force now, not the one the dialog opened with.
        sb::store::Configuration config = m_bridge.configuration();
        dialog->apply(config.settings);
        if (!m_bridge.applyConfiguration(config))
            QMessageBox::warning(this, tr("Blacklist"), tr("The engine is not running."));
    });
    dialog->open();
}

void MainWindow::showConferenceRooms() {
    auto* dialog = new ConferenceRoomsDialog(m_bridge.configuration().conferenceRooms, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        // The rooms go into the snapshot the engine last confirmed; it
        // validates again and answers with configurationChanged or Rejected.
        sb::store::Configuration config = m_bridge.configuration();
        config.conferenceRooms = dialog->rooms();
        if (!m_bridge.applyConfiguration(config))
            QMessageBox::warning(this, tr("Conference rooms"), tr("The engine is not running."));
        else
            statusBar()->showMessage(tr("Conference rooms saved."), kStatusMessageMs);
    });
    dialog->open();  // not exec(): this may run inside CoreBridge::drain()
}

void MainWindow::saveLayout(QSettings& settings) const {
    saveWindowLayout(*this, settings);
}

void MainWindow::restoreLayout(QSettings& settings) {
    restoreWindowLayout(*this, settings);
}

void MainWindow::bringToFront() {
    if (isMinimized())
        showNormal();
    else
        show();
    raise();
    activateWindow();
}

void MainWindow::quitApplication() {
    m_quitting = true;
    close();
    // Hidden in the tray, the window's close is not the last window closing.
    QCoreApplication::quit();
}

void MainWindow::closeEvent(QCloseEvent* event) {
    if (!m_quitting && m_preferences.closeToTray && m_tray->isShown()) {
        hide();
        event->ignore();
        if (!m_toldAboutTray) {
            m_toldAboutTray = true;
            m_tray->notify(tr("Switchboard is still running"),
                           tr("Calls go on. Use Quit in this icon's menu to stop the PBX."));
        }
        return;
    }
    QMainWindow::closeEvent(event);
}

void MainWindow::about() {
    QMessageBox::about(this, tr("About Switchboard"),
                       tr("<h3>Switchboard %1</h3>"
                          "<p>A desktop SIP PBX that interoperates with carrier and IMS networks: "
                          "TEL URIs, user=phone, 100rel/PRACK, UPDATE, outbound proxies.</p>")
                           .arg(QStringLiteral(SB_VERSION)));
}

}  // namespace sb::ui
