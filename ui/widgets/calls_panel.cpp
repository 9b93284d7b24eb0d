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
#include "dialogs/transfer_dialog.h"
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

    m_transfer = [&bridge](quint64 callId, const QString& number) {
        return bridge.post([callId, number = number.toStdString()](sb::Core& core) {
            if (auto started = core.transferCall(callId, number); !started)
                core.log(LogLevel::Warning, "transfer of call " + std::to_string(callId) + " to " + number +
                                                " not started: " + started.error().message);
        });
    };
    m_askNumber = [this](const QString& callDescription) {
        TransferDialog dialog(callDescription, this);
        return dialog.exec() == QDialog::Accepted ? dialog.number() : QString();
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

    m_transferAction = new QAction(tr("&Transfer…"), this);
    m_transferAction->setObjectName(QStringLiteral("transferAction"));
    m_transferAction->setToolTip(tr("Hand the selected call's party to another number, as its extension would"));
    connect(m_transferAction, &QAction::triggered, this, &CallsPanel::transferSelected);
    m_view->addAction(m_transferAction);

    m_hangUpButton = new QPushButton(tr("Hang &up"), this);
    m_hangUpButton->setObjectName(QStringLiteral("hangUpButton"));
    m_hangUpButton->setToolTip(m_hangUpAction->toolTip());
    connect(m_hangUpButton, &QPushButton::clicked, this, &CallsPanel::hangUpSelected);

    m_transferButton = new QPushButton(m_transferAction->text(), this);
    m_transferButton->setObjectName(QStringLiteral("transferButton"));
    m_transferButton->setToolTip(m_transferAction->toolTip());
    connect(m_transferButton, &QPushButton::clicked, this, &CallsPanel::transferSelected);

    auto* buttons = new QHBoxLayout;
    buttons->setContentsMargins(4, 0, 4, 0);
    buttons->addWidget(m_hangUpButton);
    buttons->addWidget(m_transferButton);
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

void CallsPanel::setTransfer(Transfer transfer) { m_transfer = std::move(transfer); }

void CallsPanel::setAskNumber(AskNumber ask) { m_askNumber = std::move(ask); }

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

void CallsPanel::transferSelected() {
    const std::vector<quint64> ids = selectedCallIds();
    if (ids.size() != 1) return;
    const quint64 id = ids.front();
    const int row = m_model->rowOf(id);
    const QString caller = m_model->index(row, CallsModel::Caller).data().toString();
    const QString callee = m_model->index(row, CallsModel::Callee).data().toString();
    const QString number = m_askNumber(tr("from %1 to %2").arg(caller, callee));
    if (number.isEmpty()) return;
    if (!m_transfer(id, number)) {
        emit statusMessage(tr("The engine is not running; the call was not transferred."));
        return;
    }
    emit statusMessage(tr("Transferring the call from %1 to %2 to %3…").arg(caller, callee, number));
}

void CallsPanel::updateActions() {
    const auto selected = m_view->selectionModel()->selectedRows().size();
    m_hangUpAction->setEnabled(selected > 0);
    m_hangUpButton->setEnabled(selected > 0);
    m_transferAction->setEnabled(selected == 1);
    m_transferButton->setEnabled(selected == 1);
}

}  // namespace sb::ui
