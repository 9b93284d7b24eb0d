#include "models/model_roles.h"

#include <QCoreApplication>
#include <QDateTime>

namespace sb::ui {

QString formatDuration(qint64 seconds) {
    if (seconds < 0) seconds = 0;
    const qint64 h = seconds / 3600;
    const qint64 m = (seconds / 60) % 60;
    const qint64 s = seconds % 60;
    if (h > 0)
        return QStringLiteral("%1:%2:%3")
            .arg(h)
            .arg(m, 2, 10, QLatin1Char('0'))
            .arg(s, 2, 10, QLatin1Char('0'));
    return QStringLiteral("%1:%2").arg(m).arg(s, 2, 10, QLatin1Char('0'));
}

QString formatClockTime(qint64 epochMs, bool withMilliseconds) {
    if (epochMs <= 0) return {};
    const QDateTime t = QDateTime::fromMSecsSinceEpoch(epochMs);
    return t.toString(withMilliseconds ? QStringLiteral("HH:mm:ss.zzz") : QStringLiteral("HH:mm:ss"));
}

QString yesNo(bool value) {
    return value ? QCoreApplication::translate("sb::ui::Models", "Yes")
                 : QCoreApplication::translate("sb::ui::Models", "No");
}

}  // namespace sb::ui
