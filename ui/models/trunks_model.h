#pragma once

#include "models/snapshot_table_model.h"
#include "store/records.h"

namespace sb::ui {

/// Server-to-server SIP trunks of the current configuration.
class TrunksModel final : public SnapshotTableModel<sb::store::SipTrunk> {
    Q_OBJECT
public:
    enum Column : int { Name, Host, Transport, Proxy, RequestUriParams, Dids, Enabled, ColumnCount };

    using SnapshotTableModel::SnapshotTableModel;

    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

public slots:
    void setConfiguration(const sb::store::Configuration& config) { setRecords(config.trunks); }
};

}  // namespace sb::ui
