#pragma once

#include <QString>
#include <Qt>

#include <string>

namespace sb::ui {

/// Roles shared by every Switchboard table model.
enum ModelRole : int {
    /// The unformatted value of a cell (qint64 milliseconds, seconds, bool,
    /// QString); views sort on it so "10 s" sorts after "9 s".
    RawRole = Qt::UserRole,
    /// Role numbers above this are model-specific.
    FirstCustomRole = Qt::UserRole + 16,
};

inline QString qs(const std::string& s) { return QString::fromStdString(s); }

/// "0:07", "12:34", "1:02:03".
QString formatDuration(qint64 seconds);

/// Local wall-clock time of a Unix epoch in milliseconds ("14:03:27").
QString formatClockTime(qint64 epochMs, bool withMilliseconds = false);

/// tr()-translated "Yes"/"No".
QString yesNo(bool value);

}  // namespace sb::ui
