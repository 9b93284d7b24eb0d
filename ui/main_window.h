#pragma once

#include <QMainWindow>
#include <QPointer>

#include "desktop_preferences.h"
#include "engine/events.h"
#include "store/records.h"

class QAction;
class QLabel;
class QSettings;
class QTabWidget;

namespace sb::ui {

class CoreBridge;
class CallHistoryModel;
class CallHistoryPanel;
class SecurityPanel;
class VoicemailPanel;
class IvrPanel;
class IvrMenusModel;
class GroupsPanel;
class RingGroupsModel;
class CallsModel;
class CallsPanel;
class ExtensionsModel;
class ExtensionsPanel;
class FirstRunWizard;
class LinesModel;
class LinesPanel;
class LogDock;
class RegistrationsModel;
class RoutesModel;
class RoutesPanel;
class ServerInfoDialog;
class SettingsDialog;
class TraceModel;
class TracePanel;
class TrunksModel;
class TrunksPanel;
class TrayIcon;

/// The Switchboard main window: one tab per live table or configuration
/// list, all fed by the CoreBridge's signals, and last the call history. It owns the models; the
/// bridge must outlive it.
class MainWindow final : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(CoreBridge& bridge, QWidget* parent = nullptr);
    ~MainWindow() override;

    CallsModel* callsModel() const { return m_calls; }
    RegistrationsModel* registrationsModel() const { return m_registrations; }
    ExtensionsModel* extensionsModel() const { return m_extensions; }
    LinesModel* linesModel() const { return m_lines; }
    TrunksModel* trunksModel() const { return m_trunks; }
    RoutesModel* routesModel() const { return m_routes; }
    TraceModel* traceModel() const { return m_trace; }
    CallHistoryModel* callHistoryModel() const { return m_history; }
    CallsPanel* callsPanel() const { return m_callsPanel; }
    ExtensionsPanel* extensionsPanel() const { return m_extensionsPanel; }
    LinesPanel* linesPanel() const { return m_linesPanel; }
    TrunksPanel* trunksPanel() const { return m_trunksPanel; }
    RoutesPanel* routesPanel() const { return m_routesPanel; }
    TracePanel* tracePanel() const { return m_tracePanel; }
    CallHistoryPanel* callHistoryPanel() const { return m_historyPanel; }
    SecurityPanel* securityPanel() const { return m_securityPanel; }
    VoicemailPanel* voicemailPanel() const { return m_voicemailPanel; }
    IvrPanel* ivrPanel() const { return m_ivrPanel; }
    GroupsPanel* groupsPanel() const { return m_groupsPanel; }
    TrayIcon* trayIcon() const { return m_tray; }

    /// Desktop preferences in force (main() loads them; Settings changes them).
    void setDesktopPreferences(const DesktopPreferences& preferences) { m_preferences = preferences; }
    const DesktopPreferences& desktopPreferences() const { return m_preferences; }
    /// Open the setup wizard as soon as the first configuration arrives
    /// (the database was created by this start).
    void offerFirstRunWizard();

    /// Geometry, current tab and table headers (see window_layout.h).
    void saveLayout(QSettings& settings) const;
    void restoreLayout(QSettings& settings);

public slots:
    /// Show the window in front of the others (a second launch, the tray).
    void bringToFront();
    /// Leave the application, even when closing would only hide to the tray.
    void quitApplication();
    void showSettings();
    void showBlacklist();
    void showSetupWizard();
    /// Tools → Conference rooms…: edit the rooms; OK applies the configuration.
    void showConferenceRooms();

protected:
    void closeEvent(QCloseEvent* event) override;

private slots:
    void importConfiguration();
    void exportConfiguration();
    void about();
    void showServerInfo();
    void onEngineStarted(const sb::EngineStarted& started);
    void onConfigurationChanged(const sb::store::Configuration& config);
    void onConfigurationRejected(const QString& reason);
    void onLogMessage(const sb::LogMessage& message);

private:
    void createModels();
    void createTabs();
    void createMenus();
    void connectBridge();
    void openSetupWizard(bool newDatabase);

    CoreBridge& m_bridge;
    CallsModel* m_calls = nullptr;
    RegistrationsModel* m_registrations = nullptr;
    ExtensionsModel* m_extensions = nullptr;
    LinesModel* m_lines = nullptr;
    TrunksModel* m_trunks = nullptr;
    RoutesModel* m_routes = nullptr;
    TraceModel* m_trace = nullptr;
    CallHistoryModel* m_history = nullptr;

    QTabWidget* m_tabs = nullptr;
    CallsPanel* m_callsPanel = nullptr;
    ExtensionsPanel* m_extensionsPanel = nullptr;
    LinesPanel* m_linesPanel = nullptr;
    TrunksPanel* m_trunksPanel = nullptr;
    RoutesPanel* m_routesPanel = nullptr;
    TracePanel* m_tracePanel = nullptr;
    CallHistoryPanel* m_historyPanel = nullptr;
    SecurityPanel* m_securityPanel = nullptr;
    VoicemailPanel* m_voicemailPanel = nullptr;
    IvrMenusModel* m_menus = nullptr;
    IvrPanel* m_ivrPanel = nullptr;
    RingGroupsModel* m_groups = nullptr;
    GroupsPanel* m_groupsPanel = nullptr;
    QLabel* m_listening = nullptr;
    LogDock* m_log = nullptr;
    ServerInfoDialog* m_serverInfo = nullptr;  ///< created on first use, then kept current
    sb::EngineStarted m_started;
    QAction* m_exportAction = nullptr;
    bool m_importPending = false;
    TrayIcon* m_tray = nullptr;
    DesktopPreferences m_preferences{false, false};  ///< hiding to a tray only once main() says so
    bool m_quitting = false;
    bool m_toldAboutTray = false;
    bool m_haveConfiguration = false;  ///< the wizard starts from the engine's snapshot
    bool m_wizardPending = false;
    QPointer<FirstRunWizard> m_wizard;
    QPointer<SettingsDialog> m_settings;
};

}  // namespace sb::ui
