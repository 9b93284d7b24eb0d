#pragma once

#include <optional>

#include "store/records.h"
#include "widgets/config_list_panel.h"

namespace sb::ui {

class IvrMenusModel;

/// The "Auto attendant" tab: IVR menus with Add / Edit / Delete through
/// IvrMenuDialog. A menu still named by a DID, a line, another menu's key
/// or timeout cannot be deleted: the engine refuses the change and says
/// which record names it.
class IvrPanel final : public ConfigListPanel {
    Q_OBJECT
public:
    IvrPanel(IvrMenusModel* model, CoreBridge& bridge, QWidget* parent = nullptr);

public slots:
    void addItem() override;
    void editSelected() override;
    void deleteSelected() override;

protected:
    QString keyOfRow(int row) const override;
    int rowOfKey(const QString& key) const override;

private:
    std::optional<sb::store::IvrMenu> selectedMenu() const;
    void applyChange(const QString& originalNumber, const std::optional<sb::store::IvrMenu>& replacement);

    IvrMenusModel* m_model;
};

}  // namespace sb::ui
