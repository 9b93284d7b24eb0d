#pragma once

#include <QHash>
#include <QObject>
#include <QSet>
#include <QString>

#include "models/calls_model.h"

class QAction;
class QMenu;
class QSystemTrayIcon;

namespace sb {
struct LineStatusChanged;
}
namespace sb::store {
struct Configuration;
}

namespace sb::ui {

class CoreBridge;

/// The notification-area icon: a summary of the PBX (active calls, external
/// lines registered and failing) as its tool tip and the first line of its
/// menu, and the menu Show / Pause new calls / Quit. The menu and the summary
/// exist even where the desktop has no tray (tests, some Wayland sessions);
/// only the icon itself is then missing.
class TrayIcon final : public QObject {
    Q_OBJECT
public:
    TrayIcon(CoreBridge& bridge, QObject* parent = nullptr);
    ~TrayIcon() override;

    /// Whether an icon is in the tray (a tray exists and the icon is shown).
    bool isShown() const;
    /// Say @p text in a balloon from the icon (no-op without one).
    void notify(const QString& title, const QString& text);

    QMenu* menu() const { return m_menu; }
    QAction* showAction() const { return m_show; }
    QAction* pauseAction() const { return m_pause; }
    QAction* quitAction() const { return m_quit; }

    int activeCalls() const { return static_cast<int>(m_calls.size()); }
    int registeredLines() const;
    int failingLines() const;
    /// "2 active calls · lines: 1 registered, 1 failing" (plus "new calls paused").
    QString statusText() const;

signals:
    void showRequested();
    void quitRequested();

private slots:
    void onCallsChanged(const sb::ui::CallChanges& changes);
    void onLineStatus(const sb::LineStatusChanged& change);
    void onConfiguration(const sb::store::Configuration& config);
    void updateStatus();

private:
    CoreBridge& m_bridge;
    QMenu* m_menu = nullptr;
    QAction* m_status = nullptr;
    QAction* m_show = nullptr;
    QAction* m_pause = nullptr;
    QAction* m_quit = nullptr;
    QSystemTrayIcon* m_icon = nullptr;  ///< only when the desktop has a tray
    QSet<quint64> m_calls;
    QSet<QString> m_lineNames;             ///< external lines (trunks do not register)
    QHash<QString, QString> m_lineStatus;  ///< line name → last status text
};

}  // namespace sb::ui
