#include "models/call_history_model.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QStringList>

#include "diagnostics/rules.h"

namespace sb::ui {

QString dispositionText(sb::store::Disposition disposition) {
    using D = sb::store::Disposition;
    const char* text = nullptr;
    switch (disposition) {
    case D::Answered: text = QT_TRANSLATE_NOOP("sb::ui::CallHistoryModel", "Answered"); break;
    case D::Busy: text = QT_TRANSLATE_NOOP("sb::ui::CallHistoryModel", "Busy"); break;
    case D::NoAnswer: text = QT_TRANSLATE_NOOP("sb::ui::CallHistoryModel", "No answer"); break;
    case D::Cancelled: text = QT_TRANSLATE_NOOP("sb::ui::CallHistoryModel", "Cancelled"); break;
    case D::Failed: text = QT_TRANSLATE_NOOP("sb::ui::CallHistoryModel", "Failed"); break;
    }
    if (!text) return QString::number(static_cast<int>(disposition));
    return QCoreApplication::translate("sb::ui::CallHistoryModel", text);
}

namespace {

bool sameDay(qint64 aMs, qint64 bMs) {
    return QDateTime::fromMSecsSinceEpoch(aMs).date() == QDateTime::fromMSecsSinceEpoch(bMs).date();
}

QString hopKindText(const QString& kind) {
    // The words the store writes: RFC 5806 diversion reasons and the transfer kinds.
    const char* text = nullptr;
    if (kind == QLatin1String("unconditional"))
        text = QT_TRANSLATE_NOOP("sb::ui::CallHistoryModel", "always");
    else if (kind == QLatin1String("user-busy"))
        text = QT_TRANSLATE_NOOP("sb::ui::CallHistoryModel", "busy");
    else if (kind == QLatin1String("no-answer"))
        text = QT_TRANSLATE_NOOP("sb::ui::CallHistoryModel", "no answer");
    else if (kind == QLatin1String("blind"))
        text = QT_TRANSLATE_NOOP("sb::ui::CallHistoryModel", "blind");
    else if (kind == QLatin1String("attended"))
        text = QT_TRANSLATE_NOOP("sb::ui::CallHistoryModel", "attended");
    return text ? QCoreApplication::translate("sb::ui::CallHistoryModel", text) : kind;
}

/// "101>102 user-busy, 102>0123 no-answer" as one readable hop a line.
QString hopsToolTip(const std::string& hops) {
    QStringList lines;
    for (const QString& hop : qs(hops).split(QStringLiteral(", "), Qt::SkipEmptyParts)) {
        const qsizetype space = hop.lastIndexOf(QLatin1Char(' '));  // "voicemail 101" has one too
        const QStringList ends = hop.left(space).split(QLatin1Char('>'));
        if (space < 0 || ends.size() != 2) {
            lines << hop;
            continue;
        }
        lines << QCoreApplication::translate("sb::ui::CallHistoryModel", "%1 → %2 (%3)")
                     .arg(ends[0], ends[1], hopKindText(hop.mid(space + 1)));
    }
    return lines.join(QLatin1Char('\n'));
}

}  // namespace

QString formatDateTime(qint64 epochMs) {
    if (epochMs <= 0) return {};
    return QDateTime::fromMSecsSinceEpoch(epochMs).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}

int CallHistoryModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant CallHistoryModel::data(const QModelIndex& index, int role) const {
    if (!validIndex(index)) return {};
    const sb::store::CdrRecord& r = recordAt(index.row());
    if (role == Qt::ToolTipRole && index.column() == Reason && !r.reason.empty()) {
        const std::string why = sb::diagnostics::findingsText(r.findings);
        return why.empty() ? qs(r.reason) : qs(r.reason) + QStringLiteral("\n\n") + qs(why);
    }
    if (role == Qt::ToolTipRole && (index.column() == Forwards || index.column() == Transfers)) {
        const std::string& hops = index.column() == Forwards ? r.forwards : r.transfers;
        return hops.empty() ? QVariant() : QVariant(hopsToolTip(hops));
    }
    if (role == Qt::ToolTipRole && index.column() == Caller) return tr("Call-ID: %1").arg(qs(r.callId));
    if (role == Qt::ToolTipRole && (index.column() == Answer || index.column() == End)) {
        const qint64 ms = index.column() == Answer ? r.answerMs : r.endMs;
        return ms > 0 ? QVariant(formatDateTime(ms)) : QVariant();
    }
    if (role == Qt::TextAlignmentRole) {
        switch (index.column()) {
        case SipCode:
        case Duration:
        case Billable: return QVariant::fromValue(Qt::Alignment(Qt::AlignRight | Qt::AlignVCenter));
        default: return {};
        }
    }
    if (role != Qt::DisplayRole && role != RawRole) return {};
    const bool raw = role == RawRole;
    // Answer and end on the day the call started show as a clock time only.
    auto time = [raw, &r](qint64 ms) {
        if (raw) return QVariant(ms);
        if (ms == r.startMs || !sameDay(ms, r.startMs)) return QVariant(formatDateTime(ms));
        return QVariant(formatClockTime(ms));
    };
    auto seconds = [raw](qint64 s) { return raw ? QVariant(s) : QVariant(formatDuration(s)); };
    switch (static_cast<Column>(index.column())) {
    case Start: return time(r.startMs);
    case Answer: return time(r.answerMs);
    case End: return time(r.endMs);
    case Caller: return qs(r.caller);
    case Callee: return qs(r.callee);
    case Route: return qs(r.route);
    case Disposition:
        return raw ? QVariant(QLatin1String(sb::store::dispositionName(r.disposition)))
                   : QVariant(dispositionText(r.disposition));
    case SipCode: return r.sipCode > 0 || raw ? QVariant(r.sipCode) : QVariant(QString());
    case Duration: return seconds(r.durationS());
    case Billable: return seconds(r.billableS());
    case Codec: return qs(r.codec);
    case Forwards: return qs(r.forwards);
    case Transfers: return qs(r.transfers);
    case Reason: return qs(r.reason);
    case ColumnCount: break;
    }
    return {};
}

QVariant CallHistoryModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (static_cast<Column>(section)) {
    case Start: return tr("Start");
    case Answer: return tr("Answer");
    case End: return tr("End");
    case Caller: return tr("Caller");
    case Callee: return tr("Callee");
    case Route: return tr("Route");
    case Disposition: return tr("Disposition");
    case SipCode: return tr("SIP code");
    case Duration: return tr("Duration");
    case Billable: return tr("Billable");
    case Codec: return tr("Codec");
    case Forwards: return tr("Forwarded");
    case Transfers: return tr("Transferred");
    case Reason: return tr("Reason");
    case ColumnCount: break;
    }
    return {};
}

}  // namespace sb::ui
