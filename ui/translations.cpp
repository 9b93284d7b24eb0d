#include "translations.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

namespace sb::ui {

QString installTranslations(QCoreApplication& app, const QString& language) {
    QString chosen = language;
    if (chosen.isEmpty()) chosen = qEnvironmentVariable(kLanguageVariable);
    const QLocale locale = chosen.isEmpty() ? QLocale::system() : QLocale(chosen);

    // Our .qm files are compiled into the resources (see ui/CMakeLists.txt).
    auto* ours = new QTranslator(&app);
    if (!ours->load(locale, QStringLiteral("switchboard"), QStringLiteral("_"), QStringLiteral(":/i18n"))) {
        delete ours;
        return {};
    }
    QCoreApplication::installTranslator(ours);
    // Qt's own strings (standard buttons, file dialogs) when the system has them.
    auto* qt = new QTranslator(&app);
    if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qt);
    else
        delete qt;
    return locale.name();
}

}  // namespace sb::ui
