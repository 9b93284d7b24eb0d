#include "widgets/calls_panel.h"

#include <QAction>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>

#include <string>

#include "core_bridge.h"
#include "engine/core.h"
#include "models/calls_model.h"
#include "widgets/table_view.h"

namespace sb::ui {

CallsPanel::CallsPanel(CallsModel* model, CoreBridge& bridge, QWidget* parent)
    : QWidget(parent), m_model(model) {
    setObjectName(QStringLiteral("callsPanel"));
    m_hangUp = [&bridge](quint64 callId) {
        return bridge.post([callId](sb::Core& core) {
            // The call may have ended on its own since the click: not an error.
            if (!core.hangUpCall(callId))
                core.log(LogLevel::Debug, "hang up: call " + std::to_string(callId) + " has already ended");
        });
    };

    m_view = makeTableView(model, QStringLiteral("callsView"), this, CallsModel::Started);
    m_view->horizontalHeader()->setSortIndicator(CallsModel::Started, Qt::DescendingOrder);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);

    m_hangUpAction = new QAction(tr("Hang &up"), this);
    m_hangUpAction->setObjectName(QStringLiteral("hangUpAction"));
    m_hangUpAction->setToolTip(tr("End the selected calls"));
    connect(m_hangUpAction, &QAction::triggered, this, &CallsPanel::hangUpSelected);
    // The view's context menu is its actions.
    m_view->addAction(m_hangUpAction);
    m_view->setContextMenuPolicy(Qt::ActionsContextMenu);

    m_hangUpButton = new QPushButton(tr("Hang &up"), this);
    m_hangUpButton->setObjectName(QStringLiteral("hangUpButton"));
    m_hangUpButton->setToolTip(m_hangUpAction->toolTip());
    connect(m_hangUpButton, &QPushButton::clicked, this, &CallsPanel::hangUpSelected);

    auto* buttons = new QHBoxLayout;
    buttons->setContentsMargins(4, 0, 4, 0);
    buttons->addWidget(m_hangUpButton);
    buttons->addStretch(1);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 4, 0, 0);
    layout->addLayout(buttons);
    layout->addWidget(m_view, 1);

    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &CallsPanel::updateActions);
    // Selected calls that end take their selection with them.
    connect(m_view->model(), &QAbstractItemModel::rowsRemoved, this, &CallsPanel::updateActions);
    connect(m_view->model(), &QAbstractItemModel::modelReset, this, &CallsPanel::updateActions);
    updateActions();
}

void CallsPanel::setHangUp(HangUp hangUp) { m_hangUp = std::move(hangUp); }

std::vector<quint64> CallsPanel::selectedCallIds() const {
    std::vector<quint64> ids;
    for (const QModelIndex& row : m_view->selectionModel()->selectedRows())
        ids.push_back(row.data(CallsModel::CallIdRole).toULongLong());
    return ids;
}

void CallsPanel::hangUpSelected() {
    const std::vector<quint64> ids = selectedCallIds();
    if (ids.empty()) return;
    for (const quint64 id : ids) {
        if (!m_hangUp(id)) {
            emit statusMessage(tr("The engine is not running; no call was hung up."));
            return;
        }
    }
    if (ids.size() == 1) {
        const int row = m_model->rowOf(ids.front());
        const QString caller = m_model->index(row, CallsModel::Caller).data().toString();
        const QString callee = m_model->index(row, CallsModel::Callee).data().toString();
        emit statusMessage(tr("Hanging up the call from %1 to %2…").arg(caller, callee));
    } else {
        emit statusMessage(tr("Hanging up %n calls…", nullptr, static_cast<int>(ids.size())));
    }
}

void CallsPanel::updateActions() {
    const bool selected = m_view->selectionModel()->hasSelection();
    m_hangUpAction->setEnabled(selected);
    m_hangUpButton->setEnabled(selected);
}

}  // namespace sb::ui
