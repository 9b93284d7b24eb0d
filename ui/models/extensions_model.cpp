#include "models/extensions_model.h"

#include "models/model_roles.h"

namespace sb::ui {

int ExtensionsModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant ExtensionsModel::data(const QModelIndex& index, int role) const {
    if (!validIndex(index) || (role != Qt::DisplayRole && role != RawRole)) return {};
    const auto& ext = recordAt(index.row());
    switch (static_cast<Column>(index.column())) {
    case Number:
        // Sort extension numbers numerically when they are short digit strings.
        if (role == RawRole && ext.number.size() < 19) return QString::fromStdString(ext.number).toLongLong();
        return qs(ext.number);
    case Name: return qs(ext.name);
    case Enabled: return role == RawRole ? QVariant(ext.enabled) : QVariant(yesNo(ext.enabled));
    case ColumnCount: break;
    }
    return {};
}

QVariant ExtensionsModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (static_cast<Column>(section)) {
    case Number: return tr("Number");
    case Name: return tr("Name");
    case Enabled: return tr("Enabled");
    case ColumnCount: break;
    }
    return {};
}

}  // namespace sb::ui
