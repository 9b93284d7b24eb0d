#include "widgets/voicemail_panel.h"

#include <QDateTime>
#include <QDesktopServices>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QItemSelectionModel>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QTableView>
#include <QUrl>
#include <QVBoxLayout>

#include "core_bridge.h"
#include "engine/core.h"
#include "models/model_roles.h"
#include "widgets/table_view.h"

namespace sb::ui {

VoicemailPanel::VoicemailPanel(CoreBridge& bridge, QWidget* parent)
    : QWidget(parent), m_bridge(bridge), m_model(new VoicemailModel(this)) {
    m_model->setObjectName(QStringLiteral("voicemailModel"));
    m_stack = new QStackedWidget(this);
    m_view = makeTableView(m_model, QStringLiteral("voicemailView"), m_stack, VoicemailModel::Received);
    m_empty = new QLabel(tr("No voicemail messages. Callers leave one when an extension with voicemail "
                            "does not answer; turn voicemail on in the extension's settings."),
                         m_stack);
    m_empty->setObjectName(QStringLiteral("voicemailEmptyLabel"));
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);
    m_stack->addWidget(m_empty);
    m_stack->addWidget(m_view);

    m_play = new QPushButton(tr("&Play"), this);
    m_play->setObjectName(QStringLiteral("playVoicemailButton"));
    m_export = new QPushButton(tr("&Export…"), this);
    m_export->setObjectName(QStringLiteral("exportVoicemailButton"));
    m_delete = new QPushButton(tr("&Delete"), this);
    m_delete->setObjectName(QStringLiteral("deleteVoicemailButton"));

    auto* buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(m_play);
    buttons->addWidget(m_export);
    buttons->addWidget(m_delete);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_stack, 1);
    layout->addLayout(buttons);

    connect(&m_bridge, &CoreBridge::voicemailChanged, m_model, &VoicemailModel::update);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &VoicemailPanel::updateState);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &VoicemailPanel::updateState);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &VoicemailPanel::updateState);
    connect(m_view, &QTableView::doubleClicked, this, &VoicemailPanel::playSelected);
    connect(m_play, &QPushButton::clicked, this, &VoicemailPanel::playSelected);
    connect(m_export, &QPushButton::clicked, this, &VoicemailPanel::exportSelected);
    connect(m_delete, &QPushButton::clicked, this, &VoicemailPanel::deleteSelected);
    updateState();
}

int VoicemailPanel::selectedRow() const {
    const auto rows = m_view->selectionModel()->selectedRows();
    if (rows.isEmpty()) return -1;
    return proxyOf(m_view)->mapToSource(rows.first()).row();
}

void VoicemailPanel::updateState() {
    m_stack->setCurrentWidget(m_model->rowCount() == 0 ? static_cast<QWidget*>(m_empty) : m_view);
    const bool selected = selectedRow() >= 0;
    m_play->setEnabled(selected);
    m_export->setEnabled(selected);
    m_delete->setEnabled(selected);
}

void VoicemailPanel::playSelected() {
    const int row = selectedRow();
    if (row < 0) return;
    const QString path = m_model->messageAt(row).path;
    // The system's player: Switchboard carries no audio output of its own.
    if (!QFileInfo::exists(path))
        emit statusMessage(tr("The message file %1 is missing.").arg(QDir::toNativeSeparators(path)));
    else if (!QDesktopServices::openUrl(QUrl::fromLocalFile(path)))
        emit statusMessage(tr("No program to play %1 was found.").arg(QDir::toNativeSeparators(path)));
}

void VoicemailPanel::exportSelected() {
    const int row = selectedRow();
    if (row < 0) return;
    const VoicemailRow& m = m_model->messageAt(row);
    const QString suggested =
        QStringLiteral("voicemail-%1-%2.wav")
            .arg(m.mailbox,
                 QDateTime::fromMSecsSinceEpoch(m.receivedMs).toString(QStringLiteral("yyyyMMdd-HHmmss")));
    const QString documents = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    const QString destination = QFileDialog::getSaveFileName(
        this, tr("Export voicemail"), QDir(documents).filePath(suggested), tr("WAV audio (*.wav)"));
    if (!destination.isEmpty()) exportSelectedTo(destination);
}

bool VoicemailPanel::exportSelectedTo(const QString& destination) {
    const int row = selectedRow();
    if (row < 0) return false;
    const QString source = m_model->messageAt(row).path;
    QFile file(source);
    if (!file.exists()) {
        showExportError(tr("The message file %1 is missing.").arg(QDir::toNativeSeparators(source)));
        return false;
    }
    // The save dialog already asked whether to replace it; QFile::copy never overwrites.
    if (QFileInfo::exists(destination) && !QFile::remove(destination)) {
        showExportError(tr("%1 exists and cannot be replaced.").arg(QDir::toNativeSeparators(destination)));
        return false;
    }
    if (!file.copy(destination)) {
        showExportError(tr("Could not copy the message to %1: %2")
                            .arg(QDir::toNativeSeparators(destination), file.errorString()));
        return false;
    }
    emit statusMessage(tr("Exported the message to %1.").arg(QDir::toNativeSeparators(destination)));
    return true;
}

void VoicemailPanel::showExportError(const QString& text) {
    auto* box = new QMessageBox(QMessageBox::Warning, tr("Export voicemail"), text, QMessageBox::Ok, this);
    box->setObjectName(QStringLiteral("exportVoicemailErrorBox"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

void VoicemailPanel::deleteSelected() {
    const int row = selectedRow();
    if (row < 0) return;
    const VoicemailRow& m = m_model->messageAt(row);
    const qint64 id = m.id;
    const QString text = tr("Delete the message from %1 in mailbox %2? Its recording is deleted too.")
                             .arg(m.caller, m.mailbox);
    auto* box = new QMessageBox(QMessageBox::Question, tr("Delete voicemail"), text,
                                QMessageBox::Yes | QMessageBox::No, this);
    box->setObjectName(QStringLiteral("deleteVoicemailBox"));
    box->setDefaultButton(QMessageBox::No);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::finished, this, [this, box, id] {
        if (box->standardButton(box->clickedButton()) != QMessageBox::Yes) return;
        // The engine's next VoicemailChanged removes the row.
        if (m_bridge.post([id](sb::Core& core) { (void)core.deleteVoicemail(id); }))
            emit statusMessage(tr("Deleting the message…"));
        else
            emit statusMessage(tr("Could not delete the message: the engine is not running."));
    });
    box->open();
}

}  // namespace sb::ui
