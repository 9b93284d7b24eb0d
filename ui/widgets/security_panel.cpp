#include "widgets/security_panel.h"

#include <QDateTime>
#include <QHBoxLayout>
#include <QItemSelectionModel>
#include <QLabel>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>

#include "core_bridge.h"
#include "engine/core.h"
#include "models/model_roles.h"
#include "widgets/table_view.h"

namespace sb::ui {

int BansModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant BansModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) return {};
    if (role != Qt::DisplayRole && role != RawRole) return {};
    const BanRow& ban = rowAt(index.row());
    auto time = [role](qint64 ms) -> QVariant {
        if (role == RawRole) return ms;
        return QDateTime::fromMSecsSinceEpoch(ms).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    };
    switch (static_cast<Column>(index.column())) {
    case Address: return ban.address;
    case Reason: return ban.reason;
    case Since: return time(ban.sinceMs);
    case Until: return time(ban.untilMs);
    case ColumnCount: break;
    }
    return {};
}

QVariant BansModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (static_cast<Column>(section)) {
    case Address: return tr("Address");
    case Reason: return tr("Reason");
    case Since: return tr("Banned since");
    case Until: return tr("Banned until");
    case ColumnCount: break;
    }
    return {};
}

void BansModel::update(const sb::BanChanged& change) {
    const QString address = QString::fromStdString(change.address);
    if (change.removed) {
        applyChanges({{address, std::nullopt}});
        return;
    }
    applyChanges({{address, BanRow{address, QString::fromStdString(change.reason), change.sinceMs, change.untilMs}}});
}

SecurityPanel::SecurityPanel(CoreBridge& bridge, QWidget* parent)
    : QWidget(parent), m_bridge(bridge), m_model(new BansModel(this)) {
    m_model->setObjectName(QStringLiteral("bansModel"));
    m_view = makeTableView(m_model, QStringLiteral("bansView"), this);
    m_unban = new QPushButton(tr("&Unban"), this);
    m_unban->setObjectName(QStringLiteral("unbanButton"));
    m_unban->setEnabled(false);
    auto* hint = new QLabel(tr("Addresses that failed authentication too often are ignored for a while. "
                               "Limits and the never-banned list are in the settings."),
                            this);
    hint->setWordWrap(true);

    auto* buttons = new QHBoxLayout;
    buttons->addWidget(hint, 1);
    buttons->addWidget(m_unban);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_view, 1);
    layout->addLayout(buttons);

    connect(&m_bridge, &CoreBridge::banChanged, m_model, &BansModel::update);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            [this] { m_unban->setEnabled(!selectedAddress().isEmpty()); });
    connect(m_model, &QAbstractItemModel::rowsRemoved, this,
            [this] { m_unban->setEnabled(!selectedAddress().isEmpty()); });
    connect(m_unban, &QPushButton::clicked, this, &SecurityPanel::unbanSelected);
}

QString SecurityPanel::selectedAddress() const {
    const auto rows = m_view->selectionModel()->selectedRows();
    if (rows.isEmpty()) return {};
    return m_model->addressAt(proxyOf(m_view)->mapToSource(rows.first()).row());
}

void SecurityPanel::unbanSelected() {
    const QString address = selectedAddress();
    if (address.isEmpty()) return;
    const std::string target = address.toStdString();
    // The ban's end arrives as a BanChanged event and removes the row.
    if (m_bridge.post([target](sb::Core& core) { (void)core.unban(target); }))
        emit statusMessage(tr("Unbanned %1.").arg(address));
    else
        emit statusMessage(tr("Could not unban %1: the engine is not running.").arg(address));
}

}  // namespace sb::ui
