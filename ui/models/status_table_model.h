#pragma once

#include <QHash>
#include <QString>

#include "engine/events.h"
#include "models/model_roles.h"
#include "models/snapshot_table_model.h"

namespace sb::ui {

/// A configuration table of lines or trunks with a live Status column fed
/// by LineStatusChanged (which names a line or a trunk). Statuses are kept
/// by name, so they survive configuration resets and show as soon as a
/// record of that name appears.
template <class Record>
class StatusTableModel : public SnapshotTableModel<Record> {
public:
    using SnapshotTableModel<Record>::SnapshotTableModel;

    /// Last status reported for @p name (empty when none yet).
    QString status(const QString& name) const { return m_status.value(name); }
    /// The explainer's findings with that status (empty when none).
    sb::diagnostics::Findings findings(const QString& name) const { return m_findings.value(name); }

protected:
    /// Remember @p change and refresh the @p statusColumn cell of its record.
    void storeStatus(const sb::LineStatusChanged& change, int statusColumn) {
        const QString name = qs(change.line);
        const QString text = qs(change.status);
        if (m_status.contains(name) && m_status.value(name) == text &&
            m_findings.value(name) == change.findings)
            return;
        m_status.insert(name, text);
        m_findings.insert(name, change.findings);
        const auto& records = this->records();
        for (size_t i = 0; i < records.size(); ++i) {
            if (records[i].name != change.line) continue;
            const QModelIndex cell = this->index(static_cast<int>(i), statusColumn);
            emit this->dataChanged(cell, cell, {Qt::DisplayRole, RawRole});
        }
    }

private:
    QHash<QString, QString> m_status;  ///< line or trunk name → status text
    QHash<QString, sb::diagnostics::Findings> m_findings;
};

}  // namespace sb::ui
