#include "models/registrations_model.h"

#include <QDateTime>

#include "models/model_roles.h"

namespace sb::ui {

RegistrationsModel::RegistrationsModel(QObject* parent)
    : KeyedTableModel(parent), m_clock([] { return QDateTime::currentMSecsSinceEpoch(); }) {
    m_ticker.setInterval(1000);
    connect(&m_ticker, &QTimer::timeout, this, &RegistrationsModel::tick);
}

int RegistrationsModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

void RegistrationsModel::setClock(Clock clock) { m_clock = std::move(clock); }

qint64 RegistrationsModel::expiresInS(int row) const {
    const qint64 leftMs = rowAt(row).expiresAtMs - m_clock();
    // Round up: a binding with 0.4 s left has not expired yet.
    return leftMs > 0 ? (leftMs + 999) / 1000 : 0;
}

QVariant RegistrationsModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) return {};
    if (role != Qt::DisplayRole && role != RawRole) return {};
    const RegistrationRow& reg = rowAt(index.row());
    switch (static_cast<Column>(index.column())) {
    case Extension: return reg.extension;
    case Contact: return reg.contact;
    case Source: return reg.source;
    case Transport: return reg.transport;
    case UserAgent: return reg.userAgent;
    case ExpiresIn: {
        const qint64 s = expiresInS(index.row());
        if (role == RawRole) return s;
        return s > 0 ? tr("%1 s").arg(s) : tr("expired");
    }
    case Reachable: return role == RawRole ? QVariant(reg.reachable) : QVariant(yesNo(reg.reachable));
    case ColumnCount: break;
    }
    return {};
}

QVariant RegistrationsModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (static_cast<Column>(section)) {
    case Extension: return tr("Extension");
    case Contact: return tr("Contact");
    case Source: return tr("Source");
    case Transport: return tr("Transport");
    case UserAgent: return tr("User agent");
    case ExpiresIn: return tr("Expires in");
    case Reachable: return tr("Reachable");
    case ColumnCount: break;
    }
    return {};
}

void RegistrationsModel::apply(const RegistrationChanges& changes) {
    std::vector<Change> rows;
    rows.reserve(changes.size());
    for (const auto& c : changes) {
        RegistrationRow row{qs(c.extension), qs(c.contact), qs(c.source),
                            qs(c.transport), qs(c.userAgent), c.expiresAtMs, c.reachable};
        QString key = row.key();
        if (c.removed)
            rows.emplace_back(std::move(key), std::nullopt);
        else
            rows.emplace_back(std::move(key), std::move(row));
    }
    applyChanges(rows);
    if (rowCount() > 0 && !m_ticker.isActive()) m_ticker.start();
    if (rowCount() == 0) m_ticker.stop();
}

void RegistrationsModel::update(const sb::RegistrationChanged& change) { apply({change}); }

void RegistrationsModel::tick() {
    if (rowCount() == 0) return;
    emit dataChanged(index(0, ExpiresIn), index(rowCount() - 1, ExpiresIn), {Qt::DisplayRole, RawRole});
}

}  // namespace sb::ui
