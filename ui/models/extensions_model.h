#pragma once

#include <QHash>
#include <QString>

#include <vector>

#include "engine/events.h"
#include "models/binding_counts.h"
#include "models/snapshot_table_model.h"
#include "store/records.h"

namespace sb::ui {

/// Local extensions of the current configuration (passwords are not shown),
/// with the number of contacts currently registered to each.
class ExtensionsModel final : public SnapshotTableModel<sb::store::Extension> {
    Q_OBJECT
public:
    enum Column : int { Number, Name, Enabled, Qualify, Contacts, ColumnCount };

    using SnapshotTableModel::SnapshotTableModel;

    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    /// Row of the extension numbered @p number, or -1.
    int rowOfNumber(const QString& number) const { return m_rowOfNumber.value(number, -1); }
    /// The extension in @p row (which must be valid).
    const sb::store::Extension& extensionAt(int row) const { return recordAt(row); }
    /// Registered contacts of @p number (also for numbers not in the table).
    BindingCounts::Summary contacts(const QString& number) const;

public slots:
    void setConfiguration(const sb::store::Configuration& config);
    /// Count the bindings of one drained batch; the Contacts cells that
    /// changed are announced with a single dataChanged.
    void applyRegistrations(const std::vector<sb::RegistrationChanged>& changes);

protected:
    void recordsReplaced() override;

private:
    BindingCounts m_bindings;
    QHash<QString, int> m_rowOfNumber;
};

}  // namespace sb::ui
