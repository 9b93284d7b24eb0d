#include "models/voicemail_model.h"

#include <QDateTime>
#include <QDir>
#include <QSet>

#include "models/model_roles.h"

namespace sb::ui {

int VoicemailModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant VoicemailModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) return {};
    if (role != Qt::DisplayRole && role != RawRole) return {};
    const VoicemailRow& m = rowAt(index.row());
    const bool raw = role == RawRole;
    switch (static_cast<Column>(index.column())) {
        case Mailbox:
            return m.mailbox;
        case From:
            return m.caller;
        case Received:
            if (raw) return m.receivedMs;
            return QDateTime::fromMSecsSinceEpoch(m.receivedMs)
                .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
        case Length: {
            if (raw) return m.durationMs;
            const qint64 s = (m.durationMs + 500) / 1000;
            return QStringLiteral("%1:%2").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'));
        }
        case Status:
            if (raw) return m.heard;
            return m.heard ? tr("Heard") : tr("New");
        case ColumnCount:
            break;
    }
    return {};
}

QVariant VoicemailModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (static_cast<Column>(section)) {
        case Mailbox:
            return tr("Mailbox");
        case From:
            return tr("From");
        case Received:
            return tr("Received");
        case Length:
            return tr("Length");
        case Status:
            return tr("Status");
        case ColumnCount:
            break;
    }
    return {};
}

void VoicemailModel::update(const sb::VoicemailChanged& change) {
    const QDir folder(QString::fromStdString(change.folder));
    std::vector<Change> changes;
    QSet<qint64> listed;
    for (const auto& m : change.messages) {
        listed.insert(m.id);
        changes.push_back(
            {m.id, VoicemailRow{m.id, QString::fromStdString(m.mailbox), QString::fromStdString(m.caller),
                                m.receivedMs, static_cast<qint64>(m.durationMs),
                                QDir::cleanPath(folder.absoluteFilePath(QString::fromStdString(m.file))),
                                m.heard}});
    }
    for (const auto& row : rows())
        if (!listed.contains(row.id)) changes.push_back({row.id, std::nullopt});
    applyChanges(changes);
}

}  // namespace sb::ui
