#pragma once

#include <optional>

#include "store/records.h"
#include "widgets/config_list_panel.h"

class QPushButton;

namespace sb::ui {

class SelfTestWizard;

class FindingsView;
class LinesModel;

/// The "External lines" tab: carrier accounts with their live registration
/// status, Add / Edit / Delete through LineDialog, and "Clear warning" for a
/// line that refused PRACK (offer 100rel on it again). Renaming a line
/// renames it in the routes; deleting one deletes the routes that lead to
/// it (the confirmation names them). Under the table, a line that fails to
/// register shows the explainer's findings: why, and which setting fixes it.
class LinesPanel final : public ConfigListPanel {
    Q_OBJECT
public:
    LinesPanel(LinesModel* model, CoreBridge& bridge, QWidget* parent = nullptr);

    FindingsView* findingsView() const { return m_findings; }

public slots:
    void addItem() override;
    void editSelected() override;
    void deleteSelected() override;
    /// Post Core::clearPrackWarning for the selected line.
    void clearWarning();
    /// Open the carrier self-test wizard for the selected line.
    SelfTestWizard* selfTest();

protected:
    QString keyOfRow(int row) const override;
    int rowOfKey(const QString& key) const override;
    void updateButtons() override;

private:
    std::optional<sb::store::ExternalLine> selectedLine() const;
    void applyChange(const QString& originalName, const std::optional<sb::store::ExternalLine>& replacement);

    LinesModel* m_model;
    QPushButton* m_clearWarning = nullptr;
    QPushButton* m_selfTest = nullptr;
    FindingsView* m_findings = nullptr;
};

}  // namespace sb::ui
