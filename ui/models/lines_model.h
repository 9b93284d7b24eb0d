#pragma once

#include <QString>

#include "engine/events.h"
#include "models/status_table_model.h"
#include "store/records.h"

namespace sb::ui {

/// External lines (carrier accounts) with their live registration status.
class LinesModel final : public StatusTableModel<sb::store::ExternalLine> {
    Q_OBJECT
public:
    enum Column : int { Name, Account, Proxy, Transport, Register, Enabled, Status, ColumnCount };

    using StatusTableModel::StatusTableModel;

    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

public slots:
    void setConfiguration(const sb::store::Configuration& config) { setRecords(config.lines); }
    /// Remember the status (it survives configuration resets) and refresh
    /// the Status cell of that line.
    void setStatus(const sb::LineStatusChanged& change) { storeStatus(change, Status); }
};

}  // namespace sb::ui
