#pragma once

// Preferences of the desktop application itself, not of the PBX: they live
// in QSettings (per user, per machine) and never in the database, which
// switchboard-server shares and exports.

#include <QString>

class QSettings;

namespace sb::ui {

struct DesktopPreferences {
    bool closeToTray = true;      ///< closing the window hides it to the tray
    bool startMinimised = false;  ///< start with the window hidden (tray) or minimised

    /// @param trayAvailable closing to a tray that does not exist would lose
    ///        the window, so without one the default is off
    static DesktopPreferences load(QSettings& settings, bool trayAvailable);
    void save(QSettings& settings) const;
    bool operator==(const DesktopPreferences&) const = default;
};

/// Where the desktop session's autostart entry lives: on Linux the XDG
/// autostart file (~/.config/autostart/switchboard.desktop), on Windows the
/// HKCU Run key's value name, for messages.
QString autostartLocation();

/// Whether Switchboard starts with the desktop session (the entry exists).
bool startsWithSession();

/// Create or remove the autostart entry; it starts @p program.
/// @return empty on success, otherwise why not
QString setStartWithSession(bool enabled, const QString& program);

}  // namespace sb::ui
