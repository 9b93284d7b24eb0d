#pragma once

#include <QHash>
#include <QString>

#include "engine/events.h"
#include "models/snapshot_table_model.h"
#include "store/records.h"

namespace sb::ui {

/// External lines (carrier accounts) with their live registration status.
class LinesModel final : public SnapshotTableModel<sb::store::ExternalLine> {
    Q_OBJECT
public:
    enum Column : int { Name, Account, Proxy, Transport, Register, Enabled, Status, ColumnCount };

    using SnapshotTableModel::SnapshotTableModel;

    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    /// Last status reported for @p line (empty when none yet).
    QString status(const QString& line) const { return m_status.value(line); }

public slots:
    void setConfiguration(const sb::store::Configuration& config) { setRecords(config.lines); }
    /// Remember the status (it survives configuration resets) and refresh
    /// the Status cell of that line.
    void setStatus(const sb::LineStatusChanged& change);

private:
    QHash<QString, QString> m_status;  ///< line name → status text
};

}  // namespace sb::ui
