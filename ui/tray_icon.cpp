#include "tray_icon.h"

#include <QAction>
#include <QIcon>
#include <QMenu>
#include <QSystemTrayIcon>

#include "core_bridge.h"

namespace sb::ui {

namespace {

bool isRegistered(const QString& status) {
    return status == QLatin1String("Registered");
}

bool isFailing(const QString& status) {
    return status.startsWith(QLatin1String("Failed")) || status.startsWith(QLatin1String("Unreachable"));
}

}  // namespace

TrayIcon::TrayIcon(CoreBridge& bridge, QObject* parent) : QObject(parent), m_bridge(bridge) {
    setObjectName(QStringLiteral("trayIcon"));
    // No parent widget: a tray menu must not close with, or be hidden with, the window.
    m_menu = new QMenu;
    m_menu->setObjectName(QStringLiteral("trayMenu"));
    m_status = m_menu->addAction(QString());
    m_status->setObjectName(QStringLiteral("trayStatusAction"));
    m_status->setEnabled(false);
    m_menu->addSeparator();
    m_show = m_menu->addAction(tr("&Show Switchboard"), this, &TrayIcon::showRequested);
    m_show->setObjectName(QStringLiteral("trayShowAction"));
    m_pause = m_menu->addAction(tr("&Pause new calls"));
    m_pause->setObjectName(QStringLiteral("trayPauseAction"));
    m_pause->setCheckable(true);
    m_pause->setToolTip(tr("Refuse calls that arrive from now on; calls in progress go on."));
    connect(m_pause, &QAction::toggled, &m_bridge,
            [this](bool paused) { m_bridge.setAcceptingNewCalls(!paused); });
    connect(&m_bridge, &CoreBridge::acceptingNewCallsChanged, this, [this](bool accepting) {
        m_pause->setChecked(!accepting);
        updateStatus();
    });
    m_menu->addSeparator();
    m_quit = m_menu->addAction(tr("&Quit"), this, &TrayIcon::quitRequested);
    m_quit->setObjectName(QStringLiteral("trayQuitAction"));

    connect(&m_bridge, &CoreBridge::callsChanged, this, &TrayIcon::onCallsChanged);
    connect(&m_bridge, &CoreBridge::lineStatusChanged, this, &TrayIcon::onLineStatus);
    connect(&m_bridge, &CoreBridge::configurationChanged, this, &TrayIcon::onConfiguration);

    if (QSystemTrayIcon::isSystemTrayAvailable()) {
        m_icon = new QSystemTrayIcon(QIcon(QStringLiteral(":/icons/switchboard.svg")), this);
        m_icon->setObjectName(QStringLiteral("systemTrayIcon"));
        m_icon->setContextMenu(m_menu);
        connect(m_icon, &QSystemTrayIcon::activated, this, [this](QSystemTrayIcon::ActivationReason reason) {
            if (reason == QSystemTrayIcon::Trigger || reason == QSystemTrayIcon::DoubleClick)
                emit showRequested();
        });
        m_icon->show();
    }
    updateStatus();
}

TrayIcon::~TrayIcon() {
    delete m_menu;
}

bool TrayIcon::isShown() const {
    return m_icon && m_icon->isVisible();
}

void TrayIcon::notify(const QString& title, const QString& text) {
    if (isShown()) m_icon->showMessage(title, text, QSystemTrayIcon::Information);
}

int TrayIcon::registeredLines() const {
    int n = 0;
    for (auto it = m_lineStatus.cbegin(); it != m_lineStatus.cend(); ++it)
        if (m_lineNames.contains(it.key()) && isRegistered(it.value())) ++n;
    return n;
}

int TrayIcon::failingLines() const {
    int n = 0;
    for (auto it = m_lineStatus.cbegin(); it != m_lineStatus.cend(); ++it)
        if (m_lineNames.contains(it.key()) && isFailing(it.value())) ++n;
    return n;
}

QString TrayIcon::statusText() const {
    QString text = tr("%n active call(s)", nullptr, activeCalls());
    if (!m_lineNames.isEmpty())
        text += tr(" · lines: %1 registered, %2 failing").arg(registeredLines()).arg(failingLines());
    if (!m_bridge.acceptingNewCalls()) text += tr(" · new calls paused");
    return text;
}

void TrayIcon::onCallsChanged(const sb::ui::CallChanges& changes) {
    for (const CallChange& change : changes) {
        if (change.ended)
            m_calls.remove(change.call.callId);
        else
            m_calls.insert(change.call.callId);
    }
    updateStatus();
}

void TrayIcon::onLineStatus(const sb::LineStatusChanged& change) {
    m_lineStatus.insert(QString::fromStdString(change.line), QString::fromStdString(change.status));
    updateStatus();
}

void TrayIcon::onConfiguration(const sb::store::Configuration& config) {
    m_lineNames.clear();
    for (const auto& line : config.lines) m_lineNames.insert(QString::fromStdString(line.name));
    updateStatus();
}

void TrayIcon::updateStatus() {
    const QString text = statusText();
    m_status->setText(text);
    if (m_icon) m_icon->setToolTip(tr("Switchboard — %1").arg(text));
}

}  // namespace sb::ui
