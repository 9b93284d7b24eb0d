#pragma once

#include <QMainWindow>

#include "engine/events.h"
#include "store/records.h"

class QAction;
class QLabel;
class QTabWidget;

namespace sb::ui {

class CoreBridge;
class CallHistoryModel;
class CallHistoryPanel;
class CallsModel;
class CallsPanel;
class ExtensionsModel;
class ExtensionsPanel;
class LinesModel;
class LinesPanel;
class LogDock;
class RegistrationsModel;
class RoutesModel;
class RoutesPanel;
class ServerInfoDialog;
class TraceModel;
class TracePanel;
class TrunksModel;
class TrunksPanel;

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
    QLabel* m_listening = nullptr;
    LogDock* m_log = nullptr;
    ServerInfoDialog* m_serverInfo = nullptr;  ///< created on first use, then kept current
    sb::EngineStarted m_started;
    QAction* m_exportAction = nullptr;
    bool m_importPending = false;
};

}  // namespace sb::ui
