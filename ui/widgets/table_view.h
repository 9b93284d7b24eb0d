#pragma once

#include <QString>

class QAbstractItemModel;
class QSortFilterProxyModel;
class QTableView;
class QWidget;

namespace sb::ui {

/// A read-only, row-selecting QTableView over @p model through a
/// QSortFilterProxyModel that sorts on the raw-value role. The proxy is a
/// child of the view; the view gets @p objectName.
/// @param sortColumn  initial sort column, or -1 to keep the model's order
QTableView* makeTableView(QAbstractItemModel* model, const QString& objectName, QWidget* parent,
                          int sortColumn = 0);

/// The proxy makeTableView() put between the view and the model.
QSortFilterProxyModel* proxyOf(QTableView* view);

}  // namespace sb::ui
