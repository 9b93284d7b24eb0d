#include "window_layout.h"

#include <QHeaderView>
#include <QMainWindow>
#include <QSettings>
#include <QTabWidget>
#include <QTableView>

namespace sb::ui {

namespace {

const QString kGeometry = QStringLiteral("layout/geometry");
const QString kState = QStringLiteral("layout/state");
const QString kTab = QStringLiteral("layout/tab");
const QString kTables = QStringLiteral("layout/tables/");

QTabWidget* tabsOf(const QMainWindow& window) {
    return window.findChild<QTabWidget*>(QStringLiteral("tabs"));
}

}  // namespace

void saveWindowLayout(const QMainWindow& window, QSettings& settings) {
    settings.setValue(kGeometry, window.saveGeometry());
    settings.setValue(kState, window.saveState());
    if (QTabWidget* tabs = tabsOf(window)) settings.setValue(kTab, tabs->currentIndex());
    for (const QTableView* view : window.findChildren<QTableView*>()) {
        if (view->objectName().isEmpty()) continue;
        settings.setValue(kTables + view->objectName(), view->horizontalHeader()->saveState());
    }
}

void restoreWindowLayout(QMainWindow& window, QSettings& settings) {
    if (const QByteArray geometry = settings.value(kGeometry).toByteArray(); !geometry.isEmpty())
        window.restoreGeometry(geometry);
    if (const QByteArray state = settings.value(kState).toByteArray(); !state.isEmpty())
        window.restoreState(state);
    if (QTabWidget* tabs = tabsOf(window)) {
        bool ok = false;
        const int tab = settings.value(kTab).toInt(&ok);
        if (ok && tab >= 0 && tab < tabs->count()) tabs->setCurrentIndex(tab);
    }
    for (QTableView* view : window.findChildren<QTableView*>()) {
        if (view->objectName().isEmpty()) continue;
        const QByteArray state = settings.value(kTables + view->objectName()).toByteArray();
        if (state.isEmpty()) continue;
        // A state saved with another column count would shuffle columns.
        QHeaderView* header = view->horizontalHeader();
        const QByteArray before = header->saveState();
        if (!header->restoreState(state) || header->count() != view->model()->columnCount())
            header->restoreState(before);
    }
}

}  // namespace sb::ui
