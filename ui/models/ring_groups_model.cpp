#include "models/ring_groups_model.h"

#include "models/model_roles.h"

namespace sb::ui {

int RingGroupsModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QString RingGroupsModel::describeMembers(const sb::store::RingGroup& group) const {
    QStringList parts;
    for (const auto& m : group.members) parts << tr("%1 (%2 s)").arg(qs(m.extension)).arg(m.timeoutS);
    return parts.join(QStringLiteral(", "));
}

QVariant RingGroupsModel::data(const QModelIndex& index, int role) const {
    if (!validIndex(index)) return {};
    const auto& group = recordAt(index.row());
    if (role != Qt::DisplayRole && role != RawRole) return {};
    const bool raw = role == RawRole;
    switch (static_cast<Column>(index.column())) {
        case Number:
            return raw ? QVariant(qs(group.number).toLongLong()) : QVariant(qs(group.number));
        case Name:
            return qs(group.name);
        case Strategy:
            return group.strategy == sb::store::RingStrategy::Sequential ? tr("One after another")
                                                                         : tr("All at once");
        case Members:
            return raw ? QVariant(qlonglong(group.members.size())) : QVariant(describeMembers(group));
        case FinalDestination:
            return qs(group.finalDestination);
        case ColumnCount:
            break;
    }
    return {};
}

QVariant RingGroupsModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (static_cast<Column>(section)) {
        case Number:
            return tr("Number");
        case Name:
            return tr("Name");
        case Strategy:
            return tr("Rings");
        case Members:
            return tr("Members");
        case FinalDestination:
            return tr("Nobody answers");
        case ColumnCount:
            break;
    }
    return {};
}

}  // namespace sb::ui
