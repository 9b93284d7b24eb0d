#pragma once

#include <QDialog>
#include <QString>

#include "diagnostics/ladder.h"
#include "store/records.h"

class QLabel;

namespace sb::ui {

class LadderView;

/// One call's message flow (Call history → Call flow…): the ladder drawn
/// by LadderView, and Export text… for a carrier's support desk
/// (diagnostics::ladderText). Non-modal; opened with open().
class CallFlowDialog final : public QDialog {
    Q_OBJECT
public:
    CallFlowDialog(const sb::store::CdrRecord& record, sb::diagnostics::Ladder ladder,
                   QWidget* parent = nullptr);

    LadderView* view() const { return m_view; }
    /// The text Export writes.
    QString text() const;
    /// Write text() to @p path; on failure the reason shows in the dialog.
    bool exportTo(const QString& path);

private:
    void chooseExport();

    QString m_title;
    LadderView* m_view;
    QLabel* m_message;
};

}  // namespace sb::ui
