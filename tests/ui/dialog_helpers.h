#pragma once

// Helpers the dialog and tab tests share: typed look-up of a child by
// object name, typing the way a user does, and problem-label checks.

#include <QAbstractButton>
#include <QAbstractItemModelTester>
#include <QCoreApplication>
#include <QLabel>
#include <QLineEdit>
#include <QTest>
#include <QWidget>

#include <memory>

namespace sb::ui::test {

/// The child of @p parent named @p objectName (nullptr when missing).
template <class T>
T* child(const QObject& parent, const char* objectName) {
    return parent.findChild<T*>(QLatin1String(objectName));
}

/// The visible widget of type T named @p objectName among @p parent's children.
template <class T>
T* openDialog(const QWidget& parent, const char* objectName) {
    for (T* dialog : parent.findChildren<T*>(QLatin1String(objectName)))
        if (dialog->isVisible()) return dialog;
    return nullptr;
}

/// Replace a field's text the way a user would.
inline void type(QLineEdit* edit, const QString& text) {
    edit->setFocus();
    edit->selectAll();
    QTest::keyClick(edit, Qt::Key_Backspace);
    QTest::keyClicks(edit, text);
}

/// Click a check box as a user does: on its indicator (a check box wider
/// than its text ignores clicks in the empty space on its right).
inline void clickBox(QAbstractButton* box) {
    QTest::mouseClick(box, Qt::LeftButton, {}, QPoint(6, box->height() / 2));
}

/// A visible problem: shown (the dialog is up) and saying something.
inline bool showsProblem(const QLabel* label) {
    return label && label->isVisible() && !label->text().isEmpty();
}

inline std::unique_ptr<QAbstractItemModelTester> attachTester(QAbstractItemModel* model) {
    return std::make_unique<QAbstractItemModelTester>(model,
                                                      QAbstractItemModelTester::FailureReportingMode::QtTest);
}

/// With SB_UI_SCREENSHOT_DIR set, save a picture of @p widget there.
inline void screenshot(QWidget* widget, const char* name) {
    const QString dir = qEnvironmentVariable("SB_UI_SCREENSHOT_DIR");
    if (dir.isEmpty()) return;
    QCoreApplication::processEvents();
    widget->grab().save(QStringLiteral("%1/%2.png").arg(dir, QLatin1String(name)));
}

}  // namespace sb::ui::test
