#pragma once

#include "models/snapshot_table_model.h"
#include "store/records.h"

namespace sb::ui {

/// Local extensions of the current configuration (passwords are not shown).
class ExtensionsModel final : public SnapshotTableModel<sb::store::Extension> {
    Q_OBJECT
public:
    enum Column : int { Number, Name, Enabled, ColumnCount };

    using SnapshotTableModel::SnapshotTableModel;

    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

public slots:
    void setConfiguration(const sb::store::Configuration& config) { setRecords(config.extensions); }
};

}  // namespace sb::ui
