#include "models/calls_model.h"

#include <QCoreApplication>
#include <QDateTime>

#include "models/model_roles.h"

namespace sb::ui {

QString callStateText(const QString& state) {
    // The engine names states in English; these are the ones it sends.
    static const char* const kStates[] = {
        QT_TRANSLATE_NOOP("sb::ui::CallsModel", "Trying"),
        QT_TRANSLATE_NOOP("sb::ui::CallsModel", "Ringing"),
        QT_TRANSLATE_NOOP("sb::ui::CallsModel", "Early media"),
        QT_TRANSLATE_NOOP("sb::ui::CallsModel", "Ring-back"),
        QT_TRANSLATE_NOOP("sb::ui::CallsModel", "Talking"),
        QT_TRANSLATE_NOOP("sb::ui::CallsModel", "On hold"),
        QT_TRANSLATE_NOOP("sb::ui::CallsModel", "Ending"),
    };
    for (const char* known : kStates)
        if (state == QLatin1String(known)) return QCoreApplication::translate("sb::ui::CallsModel", known);
    return state;
}

CallsModel::CallsModel(QObject* parent)
    : KeyedTableModel(parent), m_clock([] { return QDateTime::currentMSecsSinceEpoch(); }) {
    m_ticker.setInterval(1000);
    connect(&m_ticker, &QTimer::timeout, this, &CallsModel::tick);
}

int CallsModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

void CallsModel::setClock(Clock clock) { m_clock = std::move(clock); }

qint64 CallsModel::durationS(int row) const {
    const CallRow& call = rowAt(row);
    const qint64 since = call.answerMs > 0 ? call.answerMs : call.startMs;
    if (since <= 0) return 0;
    return std::max<qint64>(0, (m_clock() - since) / 1000);
}

QVariant CallsModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) return {};
    const CallRow& call = rowAt(index.row());
    if (role == CallIdRole) return call.callId;
    if (role != Qt::DisplayRole && role != RawRole) return {};
    const bool raw = role == RawRole;
    switch (static_cast<Column>(index.column())) {
    case Caller: return call.caller;
    case Callee: return call.callee;
    case Route: return call.route;
    case State: return raw ? call.state : callStateText(call.state);
    case Codec: return call.codec;
    case Duration: {
        const qint64 s = durationS(index.row());
        return raw ? QVariant(s) : QVariant(formatDuration(s));
    }
    case Started: return raw ? QVariant(call.startMs) : QVariant(formatClockTime(call.startMs));
    case ColumnCount: break;
    }
    return {};
}

QVariant CallsModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (static_cast<Column>(section)) {
    case Caller: return tr("Caller");
    case Callee: return tr("Callee");
    case Route: return tr("Route");
    case State: return tr("State");
    case Codec: return tr("Codec");
    case Duration: return tr("Duration");
    case Started: return tr("Started");
    case ColumnCount: break;
    }
    return {};
}

void CallsModel::apply(const CallChanges& changes) {
    std::vector<Change> rows;
    rows.reserve(changes.size());
    for (const CallChange& c : changes) {
        if (c.ended) {
            rows.emplace_back(c.call.callId, std::nullopt);
            continue;
        }
        rows.emplace_back(c.call.callId,
                          CallRow{c.call.callId, qs(c.call.caller), qs(c.call.callee), qs(c.call.route),
                                  qs(c.call.state), qs(c.call.codec), c.call.startMs, c.call.answerMs});
    }
    applyChanges(rows);
    updateTicker();
}

void CallsModel::update(const sb::CallUpdated& call) { apply({CallChange{call, false}}); }

void CallsModel::end(quint64 callId) {
    CallChange change;
    change.call.callId = callId;
    change.ended = true;
    apply({change});
}

void CallsModel::tick() {
    if (rowCount() == 0) return;
    emit dataChanged(index(0, Duration), index(rowCount() - 1, Duration), {Qt::DisplayRole, RawRole});
}

void CallsModel::updateTicker() {
    if (rowCount() > 0 && !m_ticker.isActive()) m_ticker.start();
    if (rowCount() == 0) m_ticker.stop();
}

}  // namespace sb::ui
