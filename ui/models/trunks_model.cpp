#include "models/trunks_model.h"

#include "models/model_roles.h"

namespace sb::ui {

int TrunksModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant TrunksModel::data(const QModelIndex& index, int role) const {
    if (!validIndex(index)) return {};
    const auto& trunk = recordAt(index.row());
    // Statuses such as a PRACK warning are longer than the column.
    if (role == Qt::ToolTipRole && index.column() == Status) return status(qs(trunk.name));
    if (role != Qt::DisplayRole && role != RawRole) return {};
    const bool raw = role == RawRole;
    switch (static_cast<Column>(index.column())) {
    case Name: return qs(trunk.name);
    case Host: return qs(trunk.host) + QLatin1Char(':') + QString::number(trunk.port);
    case Transport: return QString::fromLatin1(sb::store::transportName(trunk.transport)).toUpper();
    case Proxy: return qs(trunk.proxy);
    case RequestUriParams: return qs(trunk.requestUriParams);
    case Dids: {
        const auto count = static_cast<qlonglong>(trunk.dids.size());
        return raw ? QVariant(count) : QVariant(QString::number(count));
    }
    case Enabled: return raw ? QVariant(trunk.enabled) : QVariant(yesNo(trunk.enabled));
    case Status: return status(qs(trunk.name));
    case ColumnCount: break;
    }
    return {};
}

QVariant TrunksModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (static_cast<Column>(section)) {
    case Name: return tr("Name");
    case Host: return tr("Host");
    case Transport: return tr("Transport");
    case Proxy: return tr("Outbound proxy");
    case RequestUriParams: return tr("Request-URI parameters");
    case Dids: return tr("DIDs");
    case Enabled: return tr("Enabled");
    case Status: return tr("Status");
    case ColumnCount: break;
    }
    return {};
}

}  // namespace sb::ui
