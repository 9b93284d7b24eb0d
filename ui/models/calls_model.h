#pragma once

#include <QString>
#include <QTimer>

#include <functional>
#include <vector>

#include "engine/events.h"
#include "models/keyed_table_model.h"
#include "models/model_roles.h"

namespace sb::ui {

/// One entry of a drained batch of call events, in engine order.
struct CallChange {
    sb::CallUpdated call;  ///< for an end only call.callId is meaningful
    bool ended = false;
};
using CallChanges = std::vector<CallChange>;

/// Translated text of a call state the engine sends (CallUpdated::state:
/// Trying, Ringing, Early media, Ring-back, Talking, On hold, Ending);
/// unknown states are shown as they come.
QString callStateText(const QString& state);

/// One live call as the Calls table shows it.
struct CallRow {
    quint64 callId = 0;
    QString caller;
    QString callee;
    QString route;
    QString state;
    QString codec;
    qint64 startMs = 0;
    qint64 answerMs = 0;

    quint64 key() const { return callId; }
    bool operator==(const CallRow&) const = default;
};

/// Calls in progress, fed by CallUpdated / CallEnded in batches. The Duration
/// column ticks once a second: talk time once answered, otherwise time since
/// the call arrived.
class CallsModel final : public KeyedTableModel<CallRow, quint64> {
    Q_OBJECT
public:
    enum Column : int { Caller, Callee, Route, State, Codec, Duration, Started, ColumnCount };
    enum Role : int { CallIdRole = FirstCustomRole };

    /// Current time as Unix epoch milliseconds (replaceable for tests).
    using Clock = std::function<qint64()>;

    explicit CallsModel(QObject* parent = nullptr);

    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void setClock(Clock clock);
    /// Duration in whole seconds of @p row at the model's current time.
    qint64 durationS(int row) const;

public slots:
    /// Apply a drained batch; an update followed by an end of the same call
    /// within the batch never shows the call.
    void apply(const sb::ui::CallChanges& changes);
    void update(const sb::CallUpdated& call);
    void end(quint64 callId);
    /// Emit dataChanged for the Duration column of every row (the ticker).
    void tick();

private:
    void updateTicker();

    QTimer m_ticker;
    Clock m_clock;
};

}  // namespace sb::ui
