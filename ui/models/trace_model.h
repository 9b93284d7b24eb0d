#pragma once

#include <QAbstractTableModel>
#include <QString>

#include <deque>
#include <vector>

#include "engine/events.h"
#include "models/model_roles.h"

namespace sb::ui {

using TraceBatch = std::vector<sb::SipTraced>;

/// One traced SIP message, with the columns parsed out of its text once.
struct TraceRow {
    qint64 timeMs = 0;
    bool outgoing = false;
    QString peer;
    QString local;
    QString transport;
    QString firstLine;  ///< request line or status line
    QString callId;     ///< Call-ID (or compact "i") header value
    QString text;       ///< the whole message
};

/// Parse the request/status line and the Call-ID out of a raw SIP message.
/// Only the header section is searched; header names are case-insensitive.
TraceRow parseTrace(const sb::SipTraced& message);

/// The SIP trace: append-only, capped. When a batch would pass the cap the
/// oldest rows go in one removal, with a margin, so a steady stream causes
/// one removal per `cap / 10` messages rather than one per message.
class TraceModel final : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column : int { Time, Direction, Peer, Transport, FirstLine, CallId, ColumnCount };
    enum Role : int {
        FullTextRole = FirstCustomRole,  ///< the whole message (any column)
        SearchRole,                        ///< what the trace filter matches against
    };

    static constexpr int kDefaultCap = 5000;

    explicit TraceModel(QObject* parent = nullptr, int cap = kDefaultCap);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    int cap() const { return m_cap; }
    const TraceRow& rowAt(int row) const { return m_rows[static_cast<size_t>(row)]; }

public slots:
    void append(const sb::ui::TraceBatch& batch);
    void appendOne(const sb::SipTraced& message) { append({message}); }
    void clear();

private:
    std::deque<TraceRow> m_rows;
    int m_cap;
};

}  // namespace sb::ui
