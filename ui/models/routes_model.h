#pragma once

#include "models/snapshot_table_model.h"
#include "store/records.h"

namespace sb::ui {

/// Outbound dial-plan rules in priority order.
class RoutesModel final : public SnapshotTableModel<sb::store::Route> {
    Q_OBJECT
public:
    enum Column : int { Priority, Pattern, Strip, Prepend, Target, Failover, ColumnCount };

    using SnapshotTableModel::SnapshotTableModel;

    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

public slots:
    void setConfiguration(const sb::store::Configuration& config) { setRecords(config.routes); }
};

}  // namespace sb::ui
