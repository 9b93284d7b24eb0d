#pragma once

#include <QDate>
#include <QString>
#include <QTimer>
#include <QWidget>

#include <functional>
#include <vector>

#include "engine/events.h"
#include "store/records.h"

class QDateEdit;
class QLabel;
class QPushButton;
class QTableView;

namespace sb::ui {

class CallHistoryModel;
class CoreBridge;
class FindingsView;

/// The "Call history" tab: call detail records of the calls that started in
/// a range of whole days (default: today), newest first, with Refresh and
/// Export CSV….
///
/// The engine reads the records off its thread: refresh() posts
/// Core::queryCallHistory() with a fresh request id and the table fills when
/// the CallHistory event with that id arrives; answers to older requests are
/// ignored. While the range includes now, calls that end refresh the table,
/// at most once per kAutoRefreshMs (under load calls end hundreds of times a
/// second); while the tab is hidden that only marks it for a refresh on show.
/// A range left at its default (today) moves on to the new day at midnight.
/// Under the table, the selected call's findings (why it failed, which
/// setting fixes it) as the engine's explainer stored them with the record.
class CallHistoryPanel final : public QWidget {
    Q_OBJECT
public:
    /// Sends one query; @return false when it could not be sent.
    using Query = std::function<bool(quint64 requestId, qint64 fromMs, qint64 toMs)>;
    /// Current time as Unix epoch milliseconds (replaceable for tests).
    using Clock = std::function<qint64()>;
    /// Asks for one call's message flow; @return false when it could not be sent.
    using LadderQuery = std::function<bool(quint64 requestId, qint64 cdrId)>;

    static constexpr int kAutoRefreshMs = 1000;

    CallHistoryPanel(CallHistoryModel* model, CoreBridge& bridge, QWidget* parent = nullptr);

    QTableView* view() const { return m_view; }
    FindingsView* findingsView() const { return m_findings; }

    /// Replace how queries are sent (tests observe them); the default posts
    /// Core::queryCallHistory() to the bridge's engine.
    void setQuery(Query query);
    /// Replace how call-flow queries are sent; the default posts Core::queryCallLadder().
    void setLadderQuery(LadderQuery query);
    void setClock(Clock clock);

    /// Show calls that started from the start of @p from to the end of @p to
    /// (local time; a reversed range is swapped). Triggers a refresh shortly
    /// after.
    void setRange(QDate from, QDate to);
    /// The range as Unix epoch milliseconds, [fromMs, toMs).
    qint64 fromMs() const;
    qint64 toMs() const;

    /// Id of the query whose answer the table waits for, or 0.
    quint64 pendingRequestId() const { return m_pendingRequestId; }

    /// The records in the order the table shows them.
    std::vector<sb::store::CdrRecord> shownRecords() const;

    /// Write shownRecords() as CSV to @p path. On failure shows a message box
    /// (non-blocking) with the reason and returns false.
    bool exportTo(const QString& path);

public slots:
    /// Ask the engine for the records of the current range.
    void refresh();
    /// Ask for a file name, then exportTo() it.
    void exportCsv();
    /// Ask the engine for the selected call's message flow; a CallFlowDialog
    /// opens when it arrives.
    void showCallFlow();

signals:
    /// A short message for the status bar.
    void statusMessage(const QString& text);

protected:
    void showEvent(QShowEvent* event) override;

private:
    void onCallHistory(const sb::CallHistory& history);
    void onCallEnded();
    void onAutoRefresh();
    bool rangeIncludesNow() const;
    QDate today() const;
    void followToday();
    void updateCount();
    void updateFindings();
    void onCallLadder(const sb::CallLadder& ladder);

    CallHistoryModel* m_model;
    CoreBridge& m_bridge;
    Query m_query;
    LadderQuery m_ladderQuery;
    quint64 m_pendingLadderId = 0;
    sb::store::CdrRecord m_ladderRecord;  ///< the call whose flow was asked for
    Clock m_clock;
    QDate m_today;          ///< the day "today" meant when last looked at
    QDateEdit* m_from;
    QDateEdit* m_to;
    QPushButton* m_refresh;
    QPushButton* m_export;
    QPushButton* m_flow;
    QLabel* m_count;
    QTableView* m_view;
    FindingsView* m_findings;
    QTimer m_autoRefresh;   ///< debounces refreshes after calls end
    QTimer m_rangeChanged;  ///< debounces refreshes while the dates are edited
    quint64 m_pendingRequestId = 0;
    bool m_stale = true;    ///< refresh when next shown
};

}  // namespace sb::ui
