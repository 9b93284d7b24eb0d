#pragma once

// The Voicemail tab's table: every message in every mailbox (mailbox,
// from, received, length, new/heard), replaced by each VoicemailChanged.

#include <QString>

#include "engine/events.h"
#include "models/keyed_table_model.h"

namespace sb::ui {

struct VoicemailRow {
    qint64 id = 0;
    QString mailbox;
    QString caller;
    qint64 receivedMs = 0;
    qint64 durationMs = 0;
    QString path;  ///< absolute path of the WAV file
    bool heard = false;

    qint64 key() const { return id; }
    bool operator==(const VoicemailRow&) const = default;
};

/// The messages of the last VoicemailChanged, keyed by message id.
class VoicemailModel final : public KeyedTableModel<VoicemailRow, qint64> {
    Q_OBJECT
public:
    enum Column : int { Mailbox, From, Received, Length, Status, ColumnCount };
    using KeyedTableModel::KeyedTableModel;

    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    const VoicemailRow& messageAt(int row) const { return rowAt(row); }

public slots:
    /// Replace the list: rows of messages no longer listed leave, the rest
    /// are inserted or updated in place.
    void update(const sb::VoicemailChanged& change);
};

}  // namespace sb::ui
