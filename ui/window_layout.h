#pragma once

// The main window's layout across runs: geometry, docks, the current tab and
// every table's column widths, order and sort (QHeaderView state), kept in
// QSettings under "layout/". Tables are found by object name, so a table
// added later is remembered without code here.

class QMainWindow;
class QSettings;

namespace sb::ui {

void saveWindowLayout(const QMainWindow& window, QSettings& settings);

/// Restore what saveWindowLayout() stored; anything missing or unreadable
/// (a first start, a table that gained a column) keeps its default.
void restoreWindowLayout(QMainWindow& window, QSettings& settings);

}  // namespace sb::ui
