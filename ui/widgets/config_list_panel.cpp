#include "widgets/config_list_panel.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QKeyEvent>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>

#include "config_edits.h"
#include "core_bridge.h"
#include "engine/core.h"
#include "widgets/table_view.h"

namespace sb::ui {

ConfigListPanel::ConfigListPanel(QAbstractItemModel* model, CoreBridge& bridge, const Names& names,
                                 int sortColumn, QWidget* parent)
    : QWidget(parent), m_model(model), m_bridge(bridge) {
    m_view = makeTableView(model, names.view, this, sortColumn);
    if (sortColumn < 0) m_view->setSortingEnabled(false);
    m_view->installEventFilter(this);
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);

    m_buttonRow = new QHBoxLayout;
    m_buttonRow->setContentsMargins(4, 0, 4, 0);
    m_buttonRow->addStretch(1);
    m_add = addButton(tr("&Add…"), names.add, names.addToolTip);
    m_edit = addButton(tr("&Edit…"), names.edit, QString());
    m_delete = addButton(tr("&Delete"), names.remove, QString());

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 4, 0, 0);
    layout->addLayout(m_buttonRow);
    layout->addWidget(m_view, 1);

    connect(m_add, &QPushButton::clicked, this, &ConfigListPanel::addItem);
    connect(m_edit, &QPushButton::clicked, this, &ConfigListPanel::editSelected);
    connect(m_delete, &QPushButton::clicked, this, &ConfigListPanel::deleteSelected);
    connect(m_view, &QTableView::doubleClicked, this, &ConfigListPanel::editSelected);
    connect(m_view, &QWidget::customContextMenuRequested, this, &ConfigListPanel::showContextMenu);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &ConfigListPanel::updateButtons);
    // A status change of the selected record may enable a button.
    connect(m_model, &QAbstractItemModel::dataChanged, this, &ConfigListPanel::updateButtons);

    // A new snapshot resets the model: keep the selected record selected.
    connect(m_model, &QAbstractItemModel::modelAboutToBeReset, this, [this] {
        if (m_keepSelected.isEmpty())
            if (const int row = selectedRow(); row >= 0) m_keepSelected = keyOfRow(row);
    });
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] {
        if (!m_keepSelected.isEmpty()) selectRow(rowOfKey(m_keepSelected));
        m_keepSelected.clear();
        updateButtons();
    });
    connect(&m_bridge, &CoreBridge::configurationRejected, this, [this] {
        m_keepSelected.clear();
        m_awaitingEngine = false;
        updateButtons();
    });
    connect(&m_bridge, &CoreBridge::configurationChanged, this, [this] {
        m_haveConfiguration = true;
        m_awaitingEngine = false;
        updateButtons();
    });
}

QPushButton* ConfigListPanel::addButton(const QString& text, const QString& objectName,
                                        const QString& toolTip) {
    auto* button = new QPushButton(text, this);
    button->setObjectName(objectName);
    if (!toolTip.isEmpty()) button->setToolTip(toolTip);
    m_buttonRow->insertWidget(m_buttonRow->count() - 1, button);  // before the stretch
    m_buttons << button;
    return button;
}

void ConfigListPanel::addBelow(QWidget* widget) {
    layout()->addWidget(widget);
}

bool ConfigListPanel::eventFilter(QObject* watched, QEvent* event) {
    if (watched == m_view && event->type() == QEvent::KeyPress) {
        const int key = static_cast<QKeyEvent*>(event)->key();
        if (key == Qt::Key_Delete) {
            deleteSelected();
            return true;
        }
        if (key == Qt::Key_Return || key == Qt::Key_Enter) {
            editSelected();
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void ConfigListPanel::showContextMenu(const QPoint& at) {
    auto* menu = new QMenu(this);
    menu->setObjectName(m_view->objectName() + QStringLiteral("Menu"));
    menu->setAttribute(Qt::WA_DeleteOnClose);
    for (QPushButton* button : m_buttons) {
        QAction* action = menu->addAction(button->text(), button, &QPushButton::click);
        action->setObjectName(button->objectName() + QStringLiteral("Action"));
        action->setEnabled(button->isEnabled());
    }
    menu->popup(m_view->viewport()->mapToGlobal(at));
}

int ConfigListPanel::selectedRow() const {
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    if (rows.isEmpty()) return -1;
    const QModelIndex source = proxyOf(m_view)->mapToSource(rows.first());
    return source.isValid() ? source.row() : -1;
}

void ConfigListPanel::selectRow(int row) {
    if (row < 0 || row >= m_model->rowCount()) return;
    const QModelIndex index = proxyOf(m_view)->mapFromSource(m_model->index(row, 0));
    m_view->selectionModel()->setCurrentIndex(
        index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_view->scrollTo(index);
}

void ConfigListPanel::updateButtons() {
    const bool ready = m_haveConfiguration && !m_awaitingEngine;
    const bool selected = selectedRow() >= 0;
    m_add->setEnabled(ready);
    m_edit->setEnabled(ready && selected);
    m_delete->setEnabled(ready && selected);
}

bool ConfigListPanel::send(const sb::store::Configuration& config, const QString& doing,
                           const QString& keepKey) {
    if (config == m_bridge.configuration()) {
        emit statusMessage(tr("Nothing was changed."));
        return false;
    }
    m_keepSelected = keepKey;
    if (!m_bridge.applyConfiguration(config)) {
        m_keepSelected.clear();
        emit statusMessage(tr("The engine is not running; the change was not applied."));
        return false;
    }
    m_awaitingEngine = true;
    updateButtons();
    emit statusMessage(doing);
    return true;
}

void ConfigListPanel::confirm(const QString& title, const QString& text, const QString& objectName,
                              std::function<void()> onYes) {
    auto* box = new QMessageBox(QMessageBox::Question, title, text, QMessageBox::Yes | QMessageBox::No, this);
    box->setObjectName(objectName);
    box->setDefaultButton(QMessageBox::No);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::finished, this, [box, onYes = std::move(onYes)] {
        if (box->standardButton(box->clickedButton()) == QMessageBox::Yes) onYes();
    });
    box->open();
}

bool ConfigListPanel::isWarning(const QString& status) {
    return status.startsWith(QLatin1String("Warning:"));
}

void ConfigListPanel::postClearWarning(const QString& name) {
    const std::string target = name.toStdString();
    if (!m_bridge.post([target](sb::Core& core) { core.clearPrackWarning(target); })) {
        emit statusMessage(tr("The engine is not running; the warning was not cleared."));
        return;
    }
    emit statusMessage(tr("Clearing the warning on %1: 100rel will be offered again.").arg(name));
}

QString ConfigListPanel::routeConsequences(const std::string& name) const {
    const auto& config = m_bridge.configuration();
    const RouteUses uses = routeUses(config, name);
    QString text;
    if (!uses.asTarget.empty())
        text += tr("Routes that lead to it are deleted too: %1.").arg(describeRoutes(config, uses.asTarget));
    if (!uses.asFailover.empty()) {
        if (!text.isEmpty()) text += QLatin1Char('\n');
        text += tr("Routes that fail over to it lose their failover: %1.")
                    .arg(describeRoutes(config, uses.asFailover));
    }
    return text;
}

}  // namespace sb::ui
