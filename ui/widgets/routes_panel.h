#pragma once

#include <memory>
#include <optional>

#include "store/records.h"
#include "widgets/config_list_panel.h"

class QLabel;
class QLineEdit;
class QPushButton;

namespace sb::routing {
class DialPlan;
}

namespace sb::ui {

class RoutesModel;

/// The "Routes" tab: the outbound rules in priority order (the first that
/// matches wins) with Add / Edit / Delete through RouteDialog and Move up /
/// Move down; the table cannot be sorted, its order is the priority. Under
/// it, "Test a number" explains, as the user types, what the committed dial
/// plan does with a number (sb::routing::DialPlan::explain, computed here
/// on the GUI thread from the configuration snapshot: pure logic).
class RoutesPanel final : public ConfigListPanel {
    Q_OBJECT
public:
    RoutesPanel(RoutesModel* model, CoreBridge& bridge, QWidget* parent = nullptr);
    ~RoutesPanel() override;

    /// What the "Test a number" box shows now.
    QString testResult() const;

public slots:
    void addItem() override;
    void editSelected() override;
    void deleteSelected() override;
    /// Swap the selected route with the one above (higher priority).
    void moveUp();
    /// Swap the selected route with the one below.
    void moveDown();

protected:
    QString keyOfRow(int row) const override;
    int rowOfKey(const QString& key) const override;
    void updateButtons() override;

private slots:
    void configurationChanged(const sb::store::Configuration& config);
    void explainNumber();

private:
    std::optional<sb::store::Route> selectedRoute() const;
    void move(int from, int to);
    /// Replace route @p index with @p replacement, delete it (@p replacement
    /// empty) or append @p replacement (@p index < 0); then send.
    void applyChange(int index, const std::optional<sb::store::Route>& replacement,
                     const sb::store::Route& original);

    RoutesModel* m_model;
    QPushButton* m_up = nullptr;
    QPushButton* m_down = nullptr;
    QLineEdit* m_testNumber = nullptr;
    QLabel* m_testResult = nullptr;
    std::unique_ptr<sb::routing::DialPlan> m_plan;  ///< of the last snapshot
};

}  // namespace sb::ui
