#pragma once

#include "models/snapshot_table_model.h"
#include "store/records.h"

namespace sb::ui {

/// The auto-attendant menus of the current configuration (Auto attendant tab).
class IvrMenusModel final : public SnapshotTableModel<sb::store::IvrMenu> {
    Q_OBJECT
public:
    enum Column : int { Number, Name, Prompt, Keys, Timeout, Hours, ColumnCount };

    using SnapshotTableModel::SnapshotTableModel;

    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    /// "1 → extension:101, 2 → menu:501": the keys in dialling order.
    static QString describeKeys(const sb::store::IvrMenu& menu);
    /// "mon-fri 09:00-17:00 (closed: voicemail:100)", or "always open".
    QString describeHours(const sb::store::IvrMenu& menu) const;

public slots:
    void setConfiguration(const sb::store::Configuration& config) { setRecords(config.menus); }
};

}  // namespace sb::ui
