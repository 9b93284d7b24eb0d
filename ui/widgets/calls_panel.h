#pragma once

#include <QString>
#include <QWidget>

#include <functional>
#include <vector>

class QAction;
class QPushButton;
class QTableView;

namespace sb::ui {

class CallsModel;
class CoreBridge;

/// The "Calls" tab: the live table of calls in progress with a Hang up
/// button and a context menu (right-click) holding the same action. Several
/// calls can be selected and hung up together.
///
/// Hanging up only posts Core::hangUpCall() per call; the rows leave the
/// table when the engine publishes CallEnded.
class CallsPanel final : public QWidget {
    Q_OBJECT
public:
    /// Ends one call; @return false when the command could not be sent.
    using HangUp = std::function<bool(quint64 callId)>;

    CallsPanel(CallsModel* model, CoreBridge& bridge, QWidget* parent = nullptr);

    QTableView* view() const { return m_view; }
    QAction* hangUpAction() const { return m_hangUpAction; }

    /// Replace what Hang up does (tests observe it); the default posts
    /// Core::hangUpCall() to the bridge's engine.
    void setHangUp(HangUp hangUp);

    /// Call ids of the selected rows, in view order.
    std::vector<quint64> selectedCallIds() const;

public slots:
    /// Hang up every selected call.
    void hangUpSelected();

signals:
    /// A short message for the status bar.
    void statusMessage(const QString& text);

private:
    void updateActions();

    CallsModel* m_model;
    QTableView* m_view;
    QPushButton* m_hangUpButton;
    QAction* m_hangUpAction;
    HangUp m_hangUp;
};

}  // namespace sb::ui
