#pragma once

#include <QString>
#include <QWidget>

#include <optional>

#include "store/records.h"

class QPushButton;
class QTableView;

namespace sb::ui {

class CoreBridge;
class ExtensionsModel;

/// The "Extensions" tab: the table of local extensions with Add, Edit and
/// Delete. Double-click or Enter edits; the Delete key deletes (after a
/// confirmation).
///
/// Edits follow the configuration contract: the panel copies the bridge's
/// last snapshot, changes one extension and sends the whole configuration
/// with applyConfiguration(). The table only ever shows what the engine
/// publishes; a rejection is reported by the main window.
class ExtensionsPanel final : public QWidget {
    Q_OBJECT
public:
    ExtensionsPanel(ExtensionsModel* model, CoreBridge& bridge, QWidget* parent = nullptr);

    QTableView* view() const { return m_view; }

public slots:
    /// Open the dialog for a new extension (non-blocking).
    void addExtension();
    /// Open the dialog for the selected extension.
    void editSelected();
    /// Ask, then delete the selected extension.
    void deleteSelected();

signals:
    /// A short message for the status bar.
    void statusMessage(const QString& text);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    std::optional<sb::store::Extension> selectedExtension() const;
    void selectNumber(const QString& number);
    void updateButtons();
    /// Replace (or with @p replacement empty, remove) the extension numbered
    /// @p number, or append when @p number is empty; then send the result.
    void applyChange(const QString& number, const std::optional<sb::store::Extension>& replacement);

    ExtensionsModel* m_model;
    CoreBridge& m_bridge;
    QTableView* m_view;
    QPushButton* m_add;
    QPushButton* m_edit;
    QPushButton* m_delete;
    bool m_haveConfiguration = false;
    QString m_keepSelected;  ///< number to select again after the next reset
};

}  // namespace sb::ui
