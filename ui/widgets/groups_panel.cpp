#include "widgets/groups_panel.h"

#include "core_bridge.h"
#include "dialogs/ring_group_dialog.h"
#include "models/model_roles.h"
#include "models/ring_groups_model.h"

namespace sb::ui {

GroupsPanel::GroupsPanel(RingGroupsModel* model, CoreBridge& bridge, QWidget* parent)
    : ConfigListPanel(model, bridge,
                      {QStringLiteral("ringGroupsView"), QStringLiteral("addRingGroupButton"),
                       QStringLiteral("editRingGroupButton"), QStringLiteral("deleteRingGroupButton"),
                       tr("Add a number that rings several extensions")},
                      RingGroupsModel::Number, parent),
      m_model(model) {
    setObjectName(QStringLiteral("groupsPanel"));
    updateButtons();
}

QString GroupsPanel::keyOfRow(int row) const {
    return row < 0 || row >= m_model->rowCount() ? QString() : qs(m_model->records()[size_t(row)].number);
}

int GroupsPanel::rowOfKey(const QString& key) const {
    const auto& groups = m_model->records();
    for (size_t i = 0; i < groups.size(); ++i)
        if (qs(groups[i].number) == key) return static_cast<int>(i);
    return -1;
}

std::optional<sb::store::RingGroup> GroupsPanel::selectedGroup() const {
    const int row = selectedRow();
    if (row < 0) return std::nullopt;
    return m_model->records()[static_cast<size_t>(row)];
}

void GroupsPanel::addItem() {
    if (!haveConfiguration()) return;
    // open(), not exec(): engine events keep flowing while the dialog is up.
    auto* dialog = new RingGroupDialog(bridge().configuration(), std::nullopt, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] { applyChange({}, dialog->group()); });
    dialog->open();
}

void GroupsPanel::editSelected() {
    const auto selected = selectedGroup();
    if (!haveConfiguration() || !selected) return;
    auto* dialog = new RingGroupDialog(bridge().configuration(), selected, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this,
            [this, dialog] { applyChange(dialog->originalNumber(), dialog->group()); });
    dialog->open();
}

void GroupsPanel::deleteSelected() {
    const auto selected = selectedGroup();
    if (!haveConfiguration() || !selected) return;
    const QString number = qs(selected->number);
    confirm(tr("Delete group"), tr("Delete ring group %1?").arg(number), QStringLiteral("deleteRingGroupBox"),
            [this, number] { applyChange(number, std::nullopt); });
}

void GroupsPanel::applyChange(const QString& originalNumber,
                              const std::optional<sb::store::RingGroup>& replacement) {
    // Start from the engine's latest snapshot: only this one group changes.
    sb::store::Configuration config = bridge().configuration();
    auto& groups = config.groups;
    auto it = groups.begin();
    while (!originalNumber.isEmpty() && it != groups.end() && qs(it->number) != originalNumber) ++it;
    if (!originalNumber.isEmpty() && it == groups.end()) {
        emit statusMessage(tr("Group %1 no longer exists; nothing was changed.").arg(originalNumber));
        return;
    }
    if (originalNumber.isEmpty())
        groups.push_back(*replacement);
    else if (replacement)
        *it = *replacement;
    else
        groups.erase(it);
    const QString doing = !replacement               ? tr("Deleting group %1…").arg(originalNumber)
                          : originalNumber.isEmpty() ? tr("Adding group %1…").arg(qs(replacement->number))
                                                     : tr("Saving group %1…").arg(qs(replacement->number));
    send(config, doing, replacement ? qs(replacement->number) : QString());
}

}  // namespace sb::ui
