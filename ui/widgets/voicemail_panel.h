#pragma once

// The Voicemail tab: every message in every mailbox (mailbox, from,
// received, length, new/heard) with Play, Export… and Delete. Fed by
// VoicemailChanged events, which always carry the whole list.

#include <QString>
#include <QWidget>

#include "models/voicemail_model.h"

class QLabel;
class QPushButton;
class QStackedWidget;
class QTableView;

namespace sb::ui {

class CoreBridge;

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
