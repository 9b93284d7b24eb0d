#pragma once

#include <optional>

#include "store/records.h"
#include "widgets/config_list_panel.h"

class QPushButton;

namespace sb::ui {

class SelfTestWizard;

class TrunksModel;

/// The "SIP trunks" tab: server-to-server trunks with their live status,
/// Add / Edit / Delete through TrunkDialog, and "Clear warning" for a trunk
/// that refused PRACK. Renaming a trunk renames it in the routes; deleting
/// one deletes the routes that lead to it (the confirmation names them).
class TrunksPanel final : public ConfigListPanel {
    Q_OBJECT
public:
    TrunksPanel(TrunksModel* model, CoreBridge& bridge, QWidget* parent = nullptr);

public slots:
    void addItem() override;
    void editSelected() override;
    void deleteSelected() override;
    /// Post Core::clearPrackWarning for the selected trunk.
    void clearWarning();
    /// Open the carrier self-test wizard for the selected trunk.
    SelfTestWizard* selfTest();

protected:
    QString keyOfRow(int row) const override;
    int rowOfKey(const QString& key) const override;
    void updateButtons() override;

private:
    std::optional<sb::store::SipTrunk> selectedTrunk() const;
    void applyChange(const QString& originalName, const std::optional<sb::store::SipTrunk>& replacement);

    TrunksModel* m_model;
    QPushButton* m_clearWarning = nullptr;
    QPushButton* m_selfTest = nullptr;
};

}  // namespace sb::ui
