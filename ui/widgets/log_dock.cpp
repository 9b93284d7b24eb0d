#include "widgets/log_dock.h"

#include <QFontDatabase>
#include <QPlainTextEdit>

#include "models/model_roles.h"

namespace sb::ui {

namespace {

/// A log pane that asks for a few lines of height, not QPlainTextEdit's
/// default, so it does not crowd out the tables when it appears.
class LogText final : public QPlainTextEdit {
public:
    using QPlainTextEdit::QPlainTextEdit;
    QSize sizeHint() const override {
        return {QPlainTextEdit::sizeHint().width(), fontMetrics().lineSpacing() * 7 + 2 * frameWidth()};
    }
};

}  // namespace

LogDock::LogDock(QWidget* parent) : QDockWidget(tr("Engine log"), parent) {
    setObjectName(QStringLiteral("logDock"));
    setAllowedAreas(Qt::BottomDockWidgetArea | Qt::TopDockWidgetArea);
    m_text = new LogText(this);
    m_text->setObjectName(QStringLiteral("logText"));
    m_text->setReadOnly(true);
    m_text->setMaximumBlockCount(kMaxLines);
    m_text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    setWidget(m_text);
}

void LogDock::append(const sb::LogMessage& message) {
    QString level;
    switch (message.level) {
    case LogLevel::Error: level = tr("error"); break;
    case LogLevel::Warning: level = tr("warning"); break;
    case LogLevel::Info: level = tr("info"); break;
    case LogLevel::Debug: level = tr("debug"); break;
    }
    m_text->appendPlainText(QStringLiteral("%1  %2  %3")
                                .arg(formatClockTime(message.timeMs, true), level.leftJustified(7),
                                     qs(message.text)));
}

}  // namespace sb::ui
