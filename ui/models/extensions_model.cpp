#include "models/extensions_model.h"

#include <algorithm>

#include "models/model_roles.h"

namespace sb::ui {

int ExtensionsModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

BindingCounts::Summary ExtensionsModel::contacts(const QString& number) const {
    return m_bindings.summary(number.toStdString());
}

QVariant ExtensionsModel::data(const QModelIndex& index, int role) const {
    if (!validIndex(index)) return {};
    const auto& ext = recordAt(index.row());
    if (index.column() == Contacts && role == Qt::ToolTipRole) {
        const auto s = m_bindings.summary(ext.number);
        if (s.unreachable == 0) return {};
        return tr("%n contact(s) do not answer qualify pings (OPTIONS).", nullptr, s.unreachable);
    }
    if (role != Qt::DisplayRole && role != RawRole) return {};
    switch (static_cast<Column>(index.column())) {
    case Number:
        // Sort extension numbers numerically when they are short digit strings.
        if (role == RawRole && ext.number.size() < 19) return QString::fromStdString(ext.number).toLongLong();
        return qs(ext.number);
    case Name: return qs(ext.name);
    case Enabled: return role == RawRole ? QVariant(ext.enabled) : QVariant(yesNo(ext.enabled));
    case Qualify: return role == RawRole ? QVariant(ext.qualify) : QVariant(yesNo(ext.qualify));
    case Contacts: {
        const auto s = m_bindings.summary(ext.number);
        if (role == RawRole) return s.contacts;
        if (s.unreachable == 0) return QString::number(s.contacts);
        return tr("%1 (%2 unreachable)").arg(s.contacts).arg(s.unreachable);
    }
    case ColumnCount: break;
    }
    return {};
}

QVariant ExtensionsModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (static_cast<Column>(section)) {
    case Number: return tr("Number");
    case Name: return tr("Display name");
    case Enabled: return tr("Enabled");
    case Qualify: return tr("Qualify");
    case Contacts: return tr("Registered contacts");
    case ColumnCount: break;
    }
    return {};
}

void ExtensionsModel::setConfiguration(const sb::store::Configuration& config) {
    setRecords(config.extensions);
}

void ExtensionsModel::recordsReplaced() {
    m_rowOfNumber.clear();
    for (int row = 0; row < rowCount(); ++row) m_rowOfNumber.insert(qs(recordAt(row).number), row);
}

void ExtensionsModel::applyRegistrations(const std::vector<sb::RegistrationChanged>& changes) {
    int first = rowCount();
    int last = -1;
    for (const auto& change : changes) {
        if (!m_bindings.apply(change)) continue;
        const int row = rowOfNumber(qs(change.extension));
        if (row < 0) continue;
        first = std::min(first, row);
        last = std::max(last, row);
    }
    if (last < 0) return;
    emit dataChanged(index(first, Contacts), index(last, Contacts), {Qt::DisplayRole, RawRole, Qt::ToolTipRole});
}

}  // namespace sb::ui
