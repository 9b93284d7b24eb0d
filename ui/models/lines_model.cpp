#include "models/lines_model.h"

#include "models/model_roles.h"

namespace sb::ui {

int LinesModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant LinesModel::data(const QModelIndex& index, int role) const {
    if (!validIndex(index) || (role != Qt::DisplayRole && role != RawRole)) return {};
    const auto& line = recordAt(index.row());
    const bool raw = role == RawRole;
    switch (static_cast<Column>(index.column())) {
    case Name: return qs(line.name);
    case Account: return qs(line.account + "@" + line.domain);
    case Proxy: return qs(line.proxy);
    case Transport: return QString::fromLatin1(sb::store::transportName(line.transport)).toUpper();
    case Register: return raw ? QVariant(line.registerEnabled) : QVariant(yesNo(line.registerEnabled));
    case Enabled: return raw ? QVariant(line.enabled) : QVariant(yesNo(line.enabled));
    case Status: {
        const QString s = m_status.value(qs(line.name));
        if (!s.isEmpty() || raw) return s;
        return line.enabled && line.registerEnabled ? tr("Not registered") : QString();
    }
    case ColumnCount: break;
    }
    return {};
}

QVariant LinesModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (static_cast<Column>(section)) {
    case Name: return tr("Name");
    case Account: return tr("Account");
    case Proxy: return tr("Outbound proxy");
    case Transport: return tr("Transport");
    case Register: return tr("Register");
    case Enabled: return tr("Enabled");
    case Status: return tr("Status");
    case ColumnCount: break;
    }
    return {};
}

void LinesModel::setStatus(const sb::LineStatusChanged& change) {
    const QString name = qs(change.line);
    const QString text = qs(change.status);
    if (m_status.value(name) == text && m_status.contains(name)) return;
    m_status.insert(name, text);
    const auto& lines = records();
    for (size_t i = 0; i < lines.size(); ++i) {
        if (lines[i].name != change.line) continue;
        const QModelIndex cell = index(static_cast<int>(i), Status);
        emit dataChanged(cell, cell, {Qt::DisplayRole, RawRole});
    }
}

}  // namespace sb::ui
