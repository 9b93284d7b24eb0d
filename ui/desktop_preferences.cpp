#include "desktop_preferences.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QSettings>
#include <QStandardPaths>

namespace sb::ui {

/// The translation context of these free functions (lupdate reads it from here).
struct DesktopPreferencesText {
    Q_DECLARE_TR_FUNCTIONS(sb::ui::DesktopPreferences)
};

namespace {

const QString kCloseToTray = QStringLiteral("desktop/closeToTray");
const QString kStartMinimised = QStringLiteral("desktop/startMinimised");

#ifdef Q_OS_WIN
const QString kRunKey =
    QStringLiteral("HKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\Run");
const QString kRunValue = QStringLiteral("Switchboard");
#else
QString autostartFile() {
    return QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation) +
           QStringLiteral("/autostart/switchboard.desktop");
}

/// Exec= quoting (Desktop Entry Specification, "The Exec key").
QString quoteExec(QString program) {
    for (const char* special : {"\\", "\"", "`", "$"})
        program.replace(QLatin1String(special), QLatin1String("\\") + QLatin1String(special));
    return QLatin1Char('"') + program + QLatin1Char('"');
}
#endif

}  // namespace

DesktopPreferences DesktopPreferences::load(QSettings& settings, bool trayAvailable) {
    DesktopPreferences p;
    p.closeToTray = settings.value(kCloseToTray, trayAvailable).toBool();
    p.startMinimised = settings.value(kStartMinimised, false).toBool();
    return p;
}

void DesktopPreferences::save(QSettings& settings) const {
    settings.setValue(kCloseToTray, closeToTray);
    settings.setValue(kStartMinimised, startMinimised);
}

#ifdef Q_OS_WIN

QString autostartLocation() {
    return kRunKey + QLatin1Char('\\') + kRunValue;
}

bool startsWithSession() {
    return QSettings(kRunKey, QSettings::NativeFormat).contains(kRunValue);
}

QString setStartWithSession(bool enabled, const QString& program) {
    QSettings run(kRunKey, QSettings::NativeFormat);
    if (enabled)
        run.setValue(kRunValue, QLatin1Char('"') + QDir::toNativeSeparators(program) + QLatin1Char('"'));
    else
        run.remove(kRunValue);
    run.sync();
    if (run.status() != QSettings::NoError)
        return DesktopPreferencesText::tr("Cannot change %1.").arg(autostartLocation());
    return {};
}

#else

QString autostartLocation() {
    return autostartFile();
}

bool startsWithSession() {
    return QFile::exists(autostartFile());
}

QString setStartWithSession(bool enabled, const QString& program) {
    const QString path = autostartFile();
    if (!enabled) {
        if (QFile::exists(path) && !QFile::remove(path))
            return DesktopPreferencesText::tr("Cannot remove %1.").arg(path);
        return {};
    }
    if (!QDir().mkpath(QFileInfo(path).absolutePath()))
        return DesktopPreferencesText::tr("Cannot create the folder of %1.").arg(path);
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Text))
        return DesktopPreferencesText::tr("Cannot write %1.").arg(path);
    const QString entry = QStringLiteral(
                              "[Desktop Entry]\n"
                              "Type=Application\n"
                              "Name=Switchboard\n"
                              "Comment=Desktop SIP PBX\n"
                              "Exec=%1\n"
                              "Icon=switchboard\n"
                              "Terminal=false\n"
                              "X-GNOME-Autostart-enabled=true\n")
                              .arg(quoteExec(program));
    file.write(entry.toUtf8());
    if (!file.commit()) return DesktopPreferencesText::tr("Cannot write %1.").arg(path);
    return {};
}

#endif

}  // namespace sb::ui
