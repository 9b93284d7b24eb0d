#include "widgets/call_flow_dialog.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QPushButton>
#include <QSaveFile>
#include <QScrollArea>
#include <QVBoxLayout>

#include "models/call_history_model.h"
#include "models/model_roles.h"
#include "widgets/ladder_view.h"

namespace sb::ui {

CallFlowDialog::CallFlowDialog(const sb::store::CdrRecord& record, sb::diagnostics::Ladder ladder,
                               QWidget* parent)
    : QDialog(parent) {
    setObjectName(QStringLiteral("callFlowDialog"));
    setWindowTitle(tr("Call flow: %1 to %2").arg(qs(record.caller), qs(record.callee)));
    // Plain words in the exported text: a support desk may not read ours.
    const QString ending =
        QString::number(record.sipCode) +
        (record.reason.empty() ? QString() : QStringLiteral(" (%1)").arg(qs(record.reason)));
    m_title = QStringLiteral("Switchboard call flow: %1 -> %2 via %3, started %4, ended %5, Call-ID %6")
                  .arg(qs(record.caller), qs(record.callee), qs(record.route), formatDateTime(record.startMs),
                       ending, qs(record.callId));
    m_view = new LadderView;
    m_view->setLadder(std::move(ladder));
    auto* scroll = new QScrollArea(this);
    scroll->setWidget(m_view);
    scroll->setWidgetResizable(false);
    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("callFlowMessage"));
    m_message->setWordWrap(true);
    if (m_view->ladder().empty()) m_message->setText(tr("No message flow was kept for this call."));

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    auto* exportButton = buttons->addButton(tr("E&xport text…"), QDialogButtonBox::ActionRole);
    exportButton->setObjectName(QStringLiteral("callFlowExport"));
    exportButton->setEnabled(!m_view->ladder().empty());
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(exportButton, &QPushButton::clicked, this, &CallFlowDialog::chooseExport);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(scroll, 1);
    layout->addWidget(m_message);
    layout->addWidget(buttons);
    resize(std::min(m_view->sizeHint().width() + 40, 1100), std::min(m_view->sizeHint().height() + 90, 700));
}

QString CallFlowDialog::text() const {
    return qs(sb::diagnostics::ladderText(m_view->ladder(), m_title.toStdString()));
}

bool CallFlowDialog::exportTo(const QString& path) {
    const QByteArray bytes = text().toUtf8();
    QSaveFile file(path);
    if (!(file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size() && file.commit())) {
        m_message->setText(tr("The call flow could not be saved to %1: %2")
                               .arg(QDir::toNativeSeparators(path), file.errorString()));
        return false;
    }
    m_message->setText(tr("Saved to %1.").arg(QDir::toNativeSeparators(path)));
    return true;
}

void CallFlowDialog::chooseExport() {
    QString path = QFileDialog::getSaveFileName(this, tr("Export call flow"),
                                                QDir::home().filePath(QStringLiteral("call-flow.txt")),
                                                tr("Text files (*.txt);;All files (*)"));
    if (path.isEmpty()) return;
    if (QFileInfo(path).suffix().isEmpty()) path += QLatin1String(".txt");
    exportTo(path);
}

}  // namespace sb::ui
