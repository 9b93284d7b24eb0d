#pragma once

#include <QString>

class QCoreApplication;

namespace sb::ui {

/// The environment variable that overrides the system locale for the user
/// interface ("zh_CN", "en"); the --lang option sets it too.
inline constexpr char kLanguageVariable[] = "SWITCHBOARD_LANG";

/// Install the translation of the user interface for @p language ("zh_CN");
/// empty: $SWITCHBOARD_LANG, else the system locale. English needs none.
/// The translators are children of @p app.
/// @return the language installed, or empty when the interface stays English
QString installTranslations(QCoreApplication& app, const QString& language = {});

}  // namespace sb::ui
