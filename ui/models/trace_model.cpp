#include "models/trace_model.h"

#include <algorithm>
#include <string_view>

#include "models/model_roles.h"

namespace sb::ui {

namespace {

bool equalsNoCase(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return (x | 0x20) == (y | 0x20);
           });
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
    return s;
}

}  // namespace

TraceRow parseTrace(const sb::SipTraced& message) {
    TraceRow row;
    row.timeMs = message.timeMs;
    row.outgoing = message.outgoing;
    row.peer = qs(message.peer);
    row.local = qs(message.local);
    row.transport = qs(message.transport);
    row.text = qs(message.text);

    std::string_view rest = message.text;
    bool first = true;
    while (!rest.empty()) {
        const size_t eol = rest.find('\n');
        const std::string_view line = trim(rest.substr(0, eol));
        rest = eol == std::string_view::npos ? std::string_view{} : rest.substr(eol + 1);
        if (first) {
            row.firstLine = QString::fromUtf8(line.data(), static_cast<qsizetype>(line.size()));
            first = false;
            continue;
        }
        if (line.empty()) break;  // end of the header section
        const size_t colon = line.find(':');
        if (colon == std::string_view::npos) continue;
        const std::string_view name = trim(line.substr(0, colon));
        if (equalsNoCase(name, "call-id") || equalsNoCase(name, "i")) {
            const std::string_view value = trim(line.substr(colon + 1));
            row.callId = QString::fromUtf8(value.data(), static_cast<qsizetype>(value.size()));
            break;
        }
    }
    return row;
}

TraceModel::TraceModel(QObject* parent, int cap) : QAbstractTableModel(parent), m_cap(std::max(1, cap)) {}

int TraceModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int TraceModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant TraceModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) return {};
    const TraceRow& row = rowAt(index.row());
    if (role == FullTextRole) return row.text;
    if (role == SearchRole)
        return row.peer + QLatin1Char(' ') + row.transport + QLatin1Char('\n') + row.text;
    if (role == Qt::ToolTipRole && index.column() == Peer) return tr("Local address: %1").arg(row.local);
    if (role != Qt::DisplayRole && role != RawRole) return {};
    const bool raw = role == RawRole;
    switch (static_cast<Column>(index.column())) {
    case Time: return raw ? QVariant(row.timeMs) : QVariant(formatClockTime(row.timeMs, true));
    case Direction:
        if (raw) return row.outgoing;
        return row.outgoing ? tr("→ sent") : tr("← received");
    case Peer: return row.peer;
    case Transport: return row.transport;
    case FirstLine: return row.firstLine;
    case CallId: return row.callId;
    case ColumnCount: break;
    }
    return {};
}

QVariant TraceModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (static_cast<Column>(section)) {
    case Time: return tr("Time");
    case Direction: return tr("Direction");
    case Peer: return tr("Peer");
    case Transport: return tr("Transport");
    case FirstLine: return tr("Message");
    case CallId: return tr("Call-ID");
    case ColumnCount: break;
    }
    return {};
}

void TraceModel::append(const TraceBatch& batch) {
    if (batch.empty()) return;
    // Of a batch larger than the cap only its newest messages can survive.
    const size_t keep = std::min(batch.size(), static_cast<size_t>(m_cap));
    const size_t skip = batch.size() - keep;
    const size_t cap = static_cast<size_t>(m_cap);

    const size_t total = m_rows.size() + keep;
    if (total > cap) {
        const size_t overflow = total - cap;
        const size_t drop = std::min(m_rows.size(), std::max(overflow, cap / 10));
        beginRemoveRows({}, 0, static_cast<int>(drop) - 1);
        m_rows.erase(m_rows.begin(), m_rows.begin() + static_cast<std::ptrdiff_t>(drop));
        endRemoveRows();
    }

    const int first = rowCount();
    beginInsertRows({}, first, first + static_cast<int>(keep) - 1);
    for (size_t i = skip; i < batch.size(); ++i) m_rows.push_back(parseTrace(batch[i]));
    endInsertRows();
}

void TraceModel::clear() {
    if (m_rows.empty()) return;
    beginResetModel();
    m_rows.clear();
    endResetModel();
}

}  // namespace sb::ui
