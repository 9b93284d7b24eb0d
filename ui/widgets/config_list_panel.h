#pragma once

#include <QList>
#include <QString>
#include <QWidget>

#include <functional>

#include "store/records.h"

class QAbstractItemModel;
class QHBoxLayout;
class QPushButton;
class QTableView;

namespace sb::ui {

class CoreBridge;

/// What the Lines, Trunks and Routes tabs share: a table over one list of
/// the configuration with Add, Edit and Delete buttons (mirrored in a
/// context menu; double-click or Enter edits, the Delete key deletes),
/// and the configuration contract: a change is a whole modified copy of
/// the bridge's latest snapshot sent with applyConfiguration(); the table
/// only shows what the engine commits and publishes (a rejection is
/// reported by the main window). The selected record stays selected
/// across the snapshot that follows an edit.
class ConfigListPanel : public QWidget {
    Q_OBJECT
public:
    QTableView* view() const { return m_view; }

public slots:
    /// Open the dialog for a new record (non-blocking).
    virtual void addItem() = 0;
    /// Open the dialog for the selected record.
    virtual void editSelected() = 0;
    /// Ask, then delete the selected record.
    virtual void deleteSelected() = 0;

signals:
    /// A short message for the status bar.
    void statusMessage(const QString& text);

protected:
    /// Object names and texts of the standard parts.
    struct Names {
        QString view;  ///< e.g. "linesView"
        QString add;   ///< button object names
        QString edit;
        QString remove;
        QString addToolTip;
    };

    /// @param sortColumn initial sort column, or -1 to keep the model's
    ///                   order (and forbid sorting: the order means something)
    ConfigListPanel(QAbstractItemModel* model, CoreBridge& bridge, const Names& names, int sortColumn,
                    QWidget* parent);

    /// A further button after Delete (also offered in the context menu).
    QPushButton* addButton(const QString& text, const QString& objectName, const QString& toolTip);
    /// Put @p widget under the table.
    void addBelow(QWidget* widget);

    CoreBridge& bridge() const { return m_bridge; }
    bool haveConfiguration() const { return m_haveConfiguration; }
    /// True while a change this panel sent awaits the engine's answer;
    /// editing buttons wait, so no edit starts from a snapshot about to go.
    bool awaitingEngine() const { return m_awaitingEngine; }
    /// The model row of the selected record, or -1.
    int selectedRow() const;
    /// Select model row @p row (no-op when out of range).
    void selectRow(int row);

    /// A key that finds the record again after a reset (its name; for
    /// routes, its position).
    virtual QString keyOfRow(int row) const = 0;
    virtual int rowOfKey(const QString& key) const = 0;
    /// Enable the buttons; subclasses extend it for their own buttons.
    virtual void updateButtons();

    /// Send @p config unless it equals the current snapshot; say @p doing
    /// in the status bar and select the record with @p keepKey afterwards.
    /// @return true when the engine was asked
    bool send(const sb::store::Configuration& config, const QString& doing, const QString& keepKey);
    /// A non-blocking Yes/No question; @p onYes runs when Yes is chosen.
    void confirm(const QString& title, const QString& text, const QString& objectName,
                 std::function<void()> onYes);

    /// Whether a line or trunk status is a warning "Clear warning" can clear.
    static bool isWarning(const QString& status);
    /// Post Core::clearPrackWarning(@p name): offer 100rel on it again.
    void postClearWarning(const QString& name);
    /// For a delete confirmation: what happens to the routes using @p name
    /// (empty when none does).
    QString routeConsequences(const std::string& name) const;

    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void showContextMenu(const QPoint& at);

    QAbstractItemModel* m_model;
    CoreBridge& m_bridge;
    QTableView* m_view;
    QHBoxLayout* m_buttonRow;
    QList<QPushButton*> m_buttons;  ///< in order, for the context menu
    QPushButton* m_add;
    QPushButton* m_edit;
    QPushButton* m_delete;
    bool m_haveConfiguration = false;
    bool m_awaitingEngine = false;
    QString m_keepSelected;  ///< key to select again after the next reset
};

}  // namespace sb::ui
