#include "widgets/table_view.h"

#include <QHeaderView>
#include <QSortFilterProxyModel>
#include <QTableView>

#include "models/model_roles.h"

namespace sb::ui {

QTableView* makeTableView(QAbstractItemModel* model, const QString& objectName, QWidget* parent,
                          int sortColumn) {
    auto* view = new QTableView(parent);
    view->setObjectName(objectName);

    auto* proxy = new QSortFilterProxyModel(view);
    proxy->setObjectName(objectName + QStringLiteral("Proxy"));
    proxy->setSortRole(RawRole);
    proxy->setSortCaseSensitivity(Qt::CaseInsensitive);
    proxy->setSourceModel(model);
    view->setModel(proxy);

    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setSelectionMode(QAbstractItemView::SingleSelection);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view->setAlternatingRowColors(true);
    view->setWordWrap(false);
    view->verticalHeader()->hide();
    view->verticalHeader()->setDefaultSectionSize(view->fontMetrics().height() + 8);
    view->horizontalHeader()->setStretchLastSection(true);
    view->horizontalHeader()->setDefaultSectionSize(140);
    view->horizontalHeader()->setHighlightSections(false);

    // -1 keeps arrival order until the user clicks a header.
    view->horizontalHeader()->setSortIndicator(sortColumn, Qt::AscendingOrder);
    view->setSortingEnabled(true);
    return view;
}

QSortFilterProxyModel* proxyOf(QTableView* view) {
    return qobject_cast<QSortFilterProxyModel*>(view->model());
}

}  // namespace sb::ui
