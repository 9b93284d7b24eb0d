#include "models/routes_model.h"

#include "models/model_roles.h"

namespace sb::ui {

int RoutesModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant RoutesModel::data(const QModelIndex& index, int role) const {
    if (!validIndex(index) || (role != Qt::DisplayRole && role != RawRole)) return {};
    const auto& route = recordAt(index.row());
    const bool raw = role == RawRole;
    switch (static_cast<Column>(index.column())) {
    case Priority: {
        const int priority = index.row() + 1;  // list order is priority
        return raw ? QVariant(priority) : QVariant(QString::number(priority));
    }
    case Pattern: return qs(route.pattern);
    case Strip: return raw ? QVariant(route.strip) : QVariant(QString::number(route.strip));
    case Prepend: return qs(route.prepend);
    case Target: return qs(route.target);
    case Failover: return qs(route.failover);
    case ColumnCount: break;
    }
    return {};
}

QVariant RoutesModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (static_cast<Column>(section)) {
    case Priority: return tr("#");
    case Pattern: return tr("Pattern");
    case Strip: return tr("Strip");
    case Prepend: return tr("Prepend");
    case Target: return tr("Target");
    case Failover: return tr("Failover");
    case ColumnCount: break;
    }
    return {};
}

}  // namespace sb::ui
