#pragma once

#include <optional>

#include "store/records.h"
#include "widgets/config_list_panel.h"

namespace sb::ui {

class RingGroupsModel;

/// The "Groups" tab: ring groups with Add / Edit / Delete through
/// RingGroupDialog. A group still named by a DID, a line or a menu's key
/// cannot be deleted: the engine refuses the change and says which record
/// names it.
class GroupsPanel final : public ConfigListPanel {
    Q_OBJECT
public:
    GroupsPanel(RingGroupsModel* model, CoreBridge& bridge, QWidget* parent = nullptr);

public slots:
    void addItem() override;
    void editSelected() override;
    void deleteSelected() override;

protected:
    QString keyOfRow(int row) const override;
    int rowOfKey(const QString& key) const override;

private:
    std::optional<sb::store::RingGroup> selectedGroup() const;
    void applyChange(const QString& originalNumber, const std::optional<sb::store::RingGroup>& replacement);

    RingGroupsModel* m_model;
};

}  // namespace sb::ui
