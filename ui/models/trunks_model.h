#pragma once

#include "engine/events.h"
#include "models/status_table_model.h"
#include "store/records.h"

namespace sb::ui {

/// Server-to-server SIP trunks of the current configuration, with the live
/// status the engine reports for them (e.g. a PRACK warning).
class TrunksModel final : public StatusTableModel<sb::store::SipTrunk> {
    Q_OBJECT
public:
    enum Column : int { Name, Host, Transport, Proxy, RequestUriParams, Dids, Enabled, Status, ColumnCount };

    using StatusTableModel::StatusTableModel;

    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

public slots:
    void setConfiguration(const sb::store::Configuration& config) { setRecords(config.trunks); }
    /// Remember the status and refresh the Status cell of that trunk.
    void setStatus(const sb::LineStatusChanged& change) { storeStatus(change, Status); }
};

}  // namespace sb::ui
