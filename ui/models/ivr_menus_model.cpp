#include "models/ivr_menus_model.h"

#include "dialogs/ivr_menu_dialog.h"
#include "models/model_roles.h"

namespace sb::ui {

int IvrMenusModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QString IvrMenusModel::describeKeys(const sb::store::IvrMenu& menu) {
    QStringList parts;
    for (const char* key : IvrMenuDialog::keys())
        if (const auto it = menu.options.find(key); it != menu.options.end())
            parts << QString::fromLatin1(key) + QStringLiteral(" → ") + qs(it->second);
    return parts.join(QStringLiteral(", "));
}

QString IvrMenusModel::describeHours(const sb::store::IvrMenu& menu) const {
    if (menu.openDays.empty()) return tr("always open");
    QStringList days;
    for (const auto& d : menu.openDays) days << qs(d);
    return tr("%1 %2-%3 (closed: %4)")
        .arg(days.join(QLatin1Char(',')), qs(menu.openFrom), qs(menu.openTo), qs(menu.closedDestination));
}

QVariant IvrMenusModel::data(const QModelIndex& index, int role) const {
    if (!validIndex(index)) return {};
    const auto& menu = recordAt(index.row());
    if (role == Qt::ToolTipRole && index.column() == Keys) return describeKeys(menu);
    if (role != Qt::DisplayRole && role != RawRole) return {};
    const bool raw = role == RawRole;
    switch (static_cast<Column>(index.column())) {
        case Number:
            return raw ? QVariant(qs(menu.number).toLongLong()) : QVariant(qs(menu.number));
        case Name:
            return qs(menu.name);
        case Prompt:
            return menu.prompt.empty() ? tr("(standard welcome)") : qs(menu.prompt);
        case Keys:
            return describeKeys(menu);
        case Timeout:
            return raw ? QVariant(qlonglong(menu.timeoutS))
                       : QVariant(tr("%1 s → %2").arg(menu.timeoutS).arg(qs(menu.timeoutDestination)));
        case Hours:
            return describeHours(menu);
        case ColumnCount:
            break;
    }
    return {};
}

QVariant IvrMenusModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (static_cast<Column>(section)) {
        case Number:
            return tr("Number");
        case Name:
            return tr("Name");
        case Prompt:
            return tr("Prompt");
        case Keys:
            return tr("Keys");
        case Timeout:
            return tr("No key");
        case Hours:
            return tr("Business hours");
        case ColumnCount:
            break;
    }
    return {};
}

}  // namespace sb::ui
