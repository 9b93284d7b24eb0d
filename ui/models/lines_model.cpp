#include "models/lines_model.h"

#include "diagnostics/rules.h"
#include "models/model_roles.h"

namespace sb::ui {

int LinesModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant LinesModel::data(const QModelIndex& index, int role) const {
    if (!validIndex(index)) return {};
    const auto& line = recordAt(index.row());
    // Statuses such as a PRACK warning are longer than the column.
    if (role == Qt::ToolTipRole && index.column() == Status) {
        const std::string why = sb::diagnostics::findingsText(findings(qs(line.name)));
        return why.empty() ? status(qs(line.name)) : status(qs(line.name)) + QStringLiteral("\n\n") + qs(why);
    }
    if (role != Qt::DisplayRole && role != RawRole) return {};
    const bool raw = role == RawRole;
    switch (static_cast<Column>(index.column())) {
    case Name: return qs(line.name);
    case Account: return qs(line.account + "@" + line.domain);
    case Proxy: return qs(line.proxy);
    case Transport: return QString::fromLatin1(sb::store::transportName(line.transport)).toUpper();
    case Register: return raw ? QVariant(line.registerEnabled) : QVariant(yesNo(line.registerEnabled));
    case Enabled: return raw ? QVariant(line.enabled) : QVariant(yesNo(line.enabled));
    case Status: {
        const QString s = status(qs(line.name));
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

}  // namespace sb::ui
