#pragma once

#include "models/snapshot_table_model.h"
#include "store/records.h"

namespace sb::ui {

/// The ring groups of the current configuration (Groups tab).
class RingGroupsModel final : public SnapshotTableModel<sb::store::RingGroup> {
    Q_OBJECT
public:
    enum Column : int { Number, Name, Strategy, Members, FinalDestination, ColumnCount };

    using SnapshotTableModel::SnapshotTableModel;

    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    /// "101 (20 s), 102 (20 s)": the members in ringing order.
    QString describeMembers(const sb::store::RingGroup& group) const;

public slots:
    void setConfiguration(const sb::store::Configuration& config) { setRecords(config.groups); }
};

}  // namespace sb::ui
