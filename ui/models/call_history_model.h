#pragma once

#include <QString>

#include <vector>

#include "models/model_roles.h"
#include "models/snapshot_table_model.h"
#include "store/records.h"

namespace sb::ui {

/// Translated name of a disposition ("Answered", "No answer", ...).
QString dispositionText(sb::store::Disposition disposition);

/// Call history: the call detail records of one CallHistory answer, oldest
/// first. A new answer replaces the rows (a reset only when they differ).
/// RawRole gives epoch milliseconds, seconds, the SIP code as numbers and the
/// disposition as its CSV name, so a proxy sorts on values. Forwards and
/// transfers show the store's hop lists ("101>102 user-busy, 102>103 blind"),
/// their tooltips one readable hop a line.
class CallHistoryModel final : public SnapshotTableModel<sb::store::CdrRecord> {
    Q_OBJECT
public:
    enum Column : int {
        Start,
        Answer,
        End,
        Caller,
        Callee,
        Route,
        Disposition,
        SipCode,
        Duration,
        Billable,
        Codec,
        Forwards,
        Transfers,
        Reason,
        ColumnCount
    };

    using SnapshotTableModel::SnapshotTableModel;

    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    using SnapshotTableModel::recordAt;
};

/// Local date and time of a Unix epoch in milliseconds ("2026-11-26 14:03:27");
/// empty for 0.
QString formatDateTime(qint64 epochMs);

}  // namespace sb::ui
