#include "widgets/extensions_panel.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QKeyEvent>
#include <QMessageBox>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>

#include "core_bridge.h"
#include "dialogs/extension_dialog.h"
#include "models/extensions_model.h"
#include "models/model_roles.h"
#include "widgets/table_view.h"

namespace sb::ui {

ExtensionsPanel::ExtensionsPanel(ExtensionsModel* model, CoreBridge& bridge, QWidget* parent)
    : QWidget(parent), m_model(model), m_bridge(bridge) {
    setObjectName(QStringLiteral("extensionsPanel"));

    m_view = makeTableView(model, QStringLiteral("extensionsView"), this);
    m_view->horizontalHeader()->resizeSection(ExtensionsModel::Name, 200);
    m_view->installEventFilter(this);

    m_add = new QPushButton(tr("&Add…"), this);
    m_add->setObjectName(QStringLiteral("addExtensionButton"));
    m_add->setToolTip(tr("Add a local extension"));
    m_edit = new QPushButton(tr("&Edit…"), this);
    m_edit->setObjectName(QStringLiteral("editExtensionButton"));
    m_delete = new QPushButton(tr("&Delete"), this);
    m_delete->setObjectName(QStringLiteral("deleteExtensionButton"));

    auto* buttons = new QHBoxLayout;
    buttons->setContentsMargins(4, 0, 4, 0);
    buttons->addWidget(m_add);
    buttons->addWidget(m_edit);
    buttons->addWidget(m_delete);
    buttons->addStretch(1);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 4, 0, 0);
    layout->addLayout(buttons);
    layout->addWidget(m_view, 1);

    connect(m_add, &QPushButton::clicked, this, &ExtensionsPanel::addExtension);
    connect(m_edit, &QPushButton::clicked, this, &ExtensionsPanel::editSelected);
    connect(m_delete, &QPushButton::clicked, this, &ExtensionsPanel::deleteSelected);
    connect(m_view, &QTableView::doubleClicked, this, &ExtensionsPanel::editSelected);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &ExtensionsPanel::updateButtons);

    // A new snapshot resets the model: keep the selected extension selected.
    connect(m_model, &QAbstractItemModel::modelAboutToBeReset, this, [this] {
        if (m_keepSelected.isEmpty())
            if (auto selected = selectedExtension()) m_keepSelected = qs(selected->number);
    });
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] {
        selectNumber(m_keepSelected);
        m_keepSelected.clear();
        updateButtons();
    });
    connect(&m_bridge, &CoreBridge::configurationRejected, this, [this] { m_keepSelected.clear(); });
    connect(&m_bridge, &CoreBridge::configurationChanged, this, [this] {
        m_haveConfiguration = true;
        updateButtons();
    });
    updateButtons();
}

bool ExtensionsPanel::eventFilter(QObject* watched, QEvent* event) {
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

std::optional<sb::store::Extension> ExtensionsPanel::selectedExtension() const {
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    if (rows.isEmpty()) return std::nullopt;
    const QModelIndex source = proxyOf(m_view)->mapToSource(rows.first());
    if (!source.isValid()) return std::nullopt;
    return m_model->extensionAt(source.row());
}

void ExtensionsPanel::selectNumber(const QString& number) {
    const int row = number.isEmpty() ? -1 : m_model->rowOfNumber(number);
    if (row < 0) return;
    const QModelIndex index = proxyOf(m_view)->mapFromSource(m_model->index(row, 0));
    m_view->selectionModel()->setCurrentIndex(
        index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_view->scrollTo(index);
}

void ExtensionsPanel::updateButtons() {
    const bool selected = m_view->selectionModel()->hasSelection();
    m_add->setEnabled(m_haveConfiguration);
    m_edit->setEnabled(m_haveConfiguration && selected);
    m_delete->setEnabled(m_haveConfiguration && selected);
}

void ExtensionsPanel::addExtension() {
    if (!m_haveConfiguration) return;
    QStringList numbers;
    for (const auto& e : m_bridge.configuration().extensions) numbers << qs(e.number);
    // open(), not exec(): engine events keep flowing while the dialog is up.
    auto* dialog = new ExtensionDialog(numbers, std::nullopt, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] { applyChange({}, dialog->extension()); });
    dialog->open();
}

void ExtensionsPanel::editSelected() {
    const auto selected = selectedExtension();
    if (!m_haveConfiguration || !selected) return;
    QStringList numbers;
    for (const auto& e : m_bridge.configuration().extensions) numbers << qs(e.number);
    auto* dialog = new ExtensionDialog(numbers, selected, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this,
            [this, dialog] { applyChange(dialog->originalNumber(), dialog->extension()); });
    dialog->open();
}

void ExtensionsPanel::deleteSelected() {
    const auto selected = selectedExtension();
    if (!m_haveConfiguration || !selected) return;
    const QString number = qs(selected->number);
    const QString label = selected->name.empty() ? number : tr("%1 (%2)").arg(number, qs(selected->name));
    auto* box = new QMessageBox(QMessageBox::Question, tr("Delete extension"),
                                tr("Delete extension %1?\n\nPhones registered to it can no longer "
                                   "call or be called.")
                                    .arg(label),
                                QMessageBox::Yes | QMessageBox::No, this);
    box->setObjectName(QStringLiteral("deleteExtensionBox"));
    box->setDefaultButton(QMessageBox::No);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::finished, this, [this, box, number] {
        if (box->standardButton(box->clickedButton()) == QMessageBox::Yes) applyChange(number, std::nullopt);
    });
    box->open();
}

void ExtensionsPanel::applyChange(const QString& number,
                                  const std::optional<sb::store::Extension>& replacement) {
    // Start from the engine's latest snapshot, not the one the dialog saw:
    // only this one extension changes.
    sb::store::Configuration config = m_bridge.configuration();
    auto& list = config.extensions;
    QString done;
    if (number.isEmpty()) {
        if (!replacement) return;
        list.push_back(*replacement);
        done = tr("Adding extension %1…").arg(qs(replacement->number));
    } else {
        const auto it =
            std::find_if(list.begin(), list.end(), [&](const auto& e) { return qs(e.number) == number; });
        if (it == list.end()) {
            emit statusMessage(tr("Extension %1 no longer exists; nothing was changed.").arg(number));
            return;
        }
        if (replacement) {
            *it = *replacement;
            done = tr("Saving extension %1…").arg(qs(replacement->number));
        } else {
            list.erase(it);
            done = tr("Deleting extension %1…").arg(number);
        }
    }
    if (config == m_bridge.configuration()) {
        emit statusMessage(tr("Nothing was changed."));
        return;
    }
    if (replacement) m_keepSelected = qs(replacement->number);
    if (!m_bridge.applyConfiguration(config)) {
        m_keepSelected.clear();
        emit statusMessage(tr("The engine is not running; the change was not applied."));
        return;
    }
    emit statusMessage(done);
}

}  // namespace sb::ui
