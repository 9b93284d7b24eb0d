#include "widgets/ivr_panel.h"

#include "core_bridge.h"
#include "dialogs/ivr_menu_dialog.h"
#include "models/ivr_menus_model.h"
#include "models/model_roles.h"

namespace sb::ui {

IvrPanel::IvrPanel(IvrMenusModel* model, CoreBridge& bridge, QWidget* parent)
    : ConfigListPanel(model, bridge,
                      {QStringLiteral("ivrMenusView"), QStringLiteral("addIvrMenuButton"),
                       QStringLiteral("editIvrMenuButton"), QStringLiteral("deleteIvrMenuButton"),
                       tr("Add a menu callers hear and answer with a key")},
                      IvrMenusModel::Number, parent),
      m_model(model) {
    setObjectName(QStringLiteral("ivrPanel"));
    updateButtons();
}

QString IvrPanel::keyOfRow(int row) const {
    return row < 0 || row >= m_model->rowCount() ? QString() : qs(m_model->records()[size_t(row)].number);
}

int IvrPanel::rowOfKey(const QString& key) const {
    const auto& menus = m_model->records();
    for (size_t i = 0; i < menus.size(); ++i)
        if (qs(menus[i].number) == key) return static_cast<int>(i);
    return -1;
}

std::optional<sb::store::IvrMenu> IvrPanel::selectedMenu() const {
    const int row = selectedRow();
    if (row < 0) return std::nullopt;
    return m_model->records()[static_cast<size_t>(row)];
}

void IvrPanel::addItem() {
    if (!haveConfiguration()) return;
    // open(), not exec(): engine events keep flowing while the dialog is up.
    auto* dialog = new IvrMenuDialog(bridge().configuration(), std::nullopt, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] { applyChange({}, dialog->menu()); });
    dialog->open();
}

void IvrPanel::editSelected() {
    const auto selected = selectedMenu();
    if (!haveConfiguration() || !selected) return;
    auto* dialog = new IvrMenuDialog(bridge().configuration(), selected, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this,
            [this, dialog] { applyChange(dialog->originalNumber(), dialog->menu()); });
    dialog->open();
}

void IvrPanel::deleteSelected() {
    const auto selected = selectedMenu();
    if (!haveConfiguration() || !selected) return;
    const QString number = qs(selected->number);
    confirm(tr("Delete menu"), tr("Delete auto-attendant menu %1?").arg(number),
            QStringLiteral("deleteIvrMenuBox"), [this, number] { applyChange(number, std::nullopt); });
}

void IvrPanel::applyChange(const QString& originalNumber,
                           const std::optional<sb::store::IvrMenu>& replacement) {
    // Start from the engine's latest snapshot: only this one menu changes.
    sb::store::Configuration config = bridge().configuration();
    auto& menus = config.menus;
    auto it = menus.begin();
    while (!originalNumber.isEmpty() && it != menus.end() && qs(it->number) != originalNumber) ++it;
    if (!originalNumber.isEmpty() && it == menus.end()) {
        emit statusMessage(tr("Menu %1 no longer exists; nothing was changed.").arg(originalNumber));
        return;
    }
    if (originalNumber.isEmpty())
        menus.push_back(*replacement);
    else if (replacement)
        *it = *replacement;
    else
        menus.erase(it);
    const QString doing = !replacement               ? tr("Deleting menu %1…").arg(originalNumber)
                          : originalNumber.isEmpty() ? tr("Adding menu %1…").arg(qs(replacement->number))
                                                     : tr("Saving menu %1…").arg(qs(replacement->number));
    send(config, doing, replacement ? qs(replacement->number) : QString());
}

}  // namespace sb::ui
