#pragma once

// The Voicemail tab: every message in every mailbox (mailbox, from,
// received, length, new/heard) with Play, Export… and Delete. Fed by
// VoicemailChanged events, which always carry the whole list.

#include <QString>
#include <QWidget>

#include "engine/events.h"
#include "models/keyed_table_model.h"

class QLabel;
class QPushButton;
class QStackedWidget;
class QTableView;

namespace sb::ui {

class CoreBridge;

struct VoicemailRow {
    qint64 id = 0;
    QString mailbox;
    QString caller;
    qint64 receivedMs = 0;
    qint64 durationMs = 0;
    QString path;  ///< absolute path of the WAV file
    bool heard = false;

    qint64 key() const { return id; }
    bool operator==(const VoicemailRow&) const = default;
};

/// The messages of the last VoicemailChanged, keyed by message id.
class VoicemailModel final : public KeyedTableModel<VoicemailRow, qint64> {
    Q_OBJECT
public:
    enum Column : int { Mailbox, From, Received, Length, Status, ColumnCount };
    using KeyedTableModel::KeyedTableModel;

    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    const VoicemailRow& messageAt(int row) const { return rowAt(row); }

public slots:
    /// Replace the list: rows of messages no longer listed leave, the rest
    /// are inserted or updated in place.
    void update(const sb::VoicemailChanged& change);
};

class VoicemailPanel final : public QWidget {
    Q_OBJECT
public:
    VoicemailPanel(CoreBridge& bridge, QWidget* parent = nullptr);
    VoicemailModel* model() const { return m_model; }

    /// Copy the selected message's file to @p destination (what Export…
    /// does after its file dialog). A failure is shown in a message box.
    /// @return true when the copy was made
    bool exportSelectedTo(const QString& destination);

signals:
    void statusMessage(const QString& text);

private:
    void playSelected();
    void exportSelected();
    void deleteSelected();
    void updateState();
    void showExportError(const QString& text);
    /// Row of the selected message in the model, or -1.
    int selectedRow() const;

    CoreBridge& m_bridge;
    VoicemailModel* m_model;
    QStackedWidget* m_stack;
    QTableView* m_view;
    QLabel* m_empty;
    QPushButton* m_play;
    QPushButton* m_export;
    QPushButton* m_delete;
};

}  // namespace sb::ui
