#pragma once

#include <QDockWidget>

#include "engine/events.h"

class QPlainTextEdit;

namespace sb::ui {

/// The engine's log, newest last. The main window shows it when a warning or
/// an error arrives (the first start of a new database logs the generated
/// extension passwords as a warning: the user must get to see them).
class LogDock final : public QDockWidget {
    Q_OBJECT
public:
    explicit LogDock(QWidget* parent = nullptr);

    static constexpr int kMaxLines = 2000;

public slots:
    void append(const sb::LogMessage& message);

private:
    QPlainTextEdit* m_text;
};

}  // namespace sb::ui
