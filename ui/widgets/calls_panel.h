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

/// The "Calls" tab: the live table of calls in progress with Hang up and
/// Transfer… buttons and a context menu (right-click) holding the same
/// actions. Several calls can be selected and hung up together; one at a
/// time is transferred (TransferDialog asks where to).
///
/// Both only post a command (Core::hangUpCall(), Core::transferCall()); the
/// rows change when the engine publishes CallUpdated and CallEnded.
class CallsPanel final : public QWidget {
    Q_OBJECT
public:
    /// Ends one call; @return false when the command could not be sent.
    using HangUp = std::function<bool(quint64 callId)>;
    /// Transfers one call to a number; @return false when the command could not be sent.
    using Transfer = std::function<bool(quint64 callId, const QString& number)>;
    /// Asks where to transfer the call described by its argument ("" when cancelled).
    using AskNumber = std::function<QString(const QString& callDescription)>;

    CallsPanel(CallsModel* model, CoreBridge& bridge, QWidget* parent = nullptr);

    QTableView* view() const { return m_view; }
    QAction* hangUpAction() const { return m_hangUpAction; }
    QAction* transferAction() const { return m_transferAction; }

    /// Replace what Hang up does (tests observe it); the default posts
    /// Core::hangUpCall() to the bridge's engine.
    void setHangUp(HangUp hangUp);
    /// The same for Transfer… (default: post Core::transferCall(), log a refusal).
    void setTransfer(Transfer transfer);
    /// Replace the question (default: a modal TransferDialog).
    void setAskNumber(AskNumber ask);

    /// Call ids of the selected rows, in view order.
    std::vector<quint64> selectedCallIds() const;

public slots:
    /// Hang up every selected call.
    void hangUpSelected();
    /// Ask where to, then transfer the one selected call.
    void transferSelected();

signals:
    /// A short message for the status bar.
    void statusMessage(const QString& text);

private:
    void updateActions();

    CallsModel* m_model;
    QTableView* m_view;
    QPushButton* m_hangUpButton;
    QAction* m_hangUpAction;
    QPushButton* m_transferButton;
    QAction* m_transferAction;
    HangUp m_hangUp;
    Transfer m_transfer;
    AskNumber m_askNumber;
};

}  // namespace sb::ui
