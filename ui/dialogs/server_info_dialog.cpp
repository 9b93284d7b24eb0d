#include "dialogs/server_info_dialog.h"

#include <QApplication>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QDir>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace sb::ui {

ServerInfoDialog::ServerInfoDialog(QWidget* parent) : QDialog(parent) {
    setObjectName(QStringLiteral("serverInfoDialog"));
    setWindowTitle(tr("Server information"));
    const QFont fixed = QFontDatabase::systemFont(QFontDatabase::FixedFont);

    m_listening = new QPlainTextEdit(this);
    m_listening->setObjectName(QStringLiteral("serverListening"));
    m_listening->setReadOnly(true);
    m_listening->setFont(fixed);
    m_listening->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_listening->setFixedHeight(m_listening->fontMetrics().lineSpacing() * 4 + 12);

    m_database = new QLineEdit(this);
    m_database->setObjectName(QStringLiteral("serverDatabase"));
    m_database->setReadOnly(true);

    m_fingerprint = new QLineEdit(this);
    m_fingerprint->setObjectName(QStringLiteral("tlsFingerprint"));
    m_fingerprint->setReadOnly(true);
    m_fingerprint->setFont(fixed);
    // A SHA-256 fingerprint is 95 characters: show it whole.
    m_fingerprint->setMinimumWidth(
        m_fingerprint->fontMetrics().horizontalAdvance(QString(96, QLatin1Char('F'))));
    m_copy = new QPushButton(tr("Copy"), this);
    m_copy->setObjectName(QStringLiteral("copyFingerprintButton"));
    m_copy->setToolTip(tr("Copy the fingerprint to the clipboard"));
    m_copy->setAutoDefault(false);
    connect(m_copy, &QPushButton::clicked, this, &ServerInfoDialog::copyFingerprint);

    auto* fingerprintRow = new QHBoxLayout;
    fingerprintRow->addWidget(m_fingerprint, 1);
    fingerprintRow->addWidget(m_copy);

    auto* form = new QFormLayout;
    form->addRow(tr("Listening on:"), m_listening);
    form->addRow(tr("Database:"), m_database);
    form->addRow(tr("TLS certificate\n(SHA-256):"), fingerprintRow);

    auto* hint = new QLabel(tr("Phones connecting over TLS may ask you to trust this certificate: "
                               "compare the fingerprint they show with the one above."),
                            this);
    hint->setWordWrap(true);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->setObjectName(QStringLiteral("buttonBox"));
    connect(buttons, &QDialogButtonBox::rejected, this, &ServerInfoDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(hint);
    layout->addWidget(buttons);

    setServerInfo({});
}

QString ServerInfoDialog::fingerprint() const {
    return m_fingerprint->text();
}

void ServerInfoDialog::setServerInfo(const sb::EngineStarted& started) {
    const QString listening = QString::fromStdString(started.listening);
    // "udp:0.0.0.0:5060 tcp:0.0.0.0:5060 tls:…": one address a line.
    m_listening->setPlainText(
        listening.isEmpty() ? tr("The engine has not started.")
                            : listening.split(QLatin1Char(' '), Qt::SkipEmptyParts).join(QLatin1Char('\n')));
    m_database->setText(QDir::toNativeSeparators(QString::fromStdString(started.databasePath)));
    const QString fingerprint = QString::fromStdString(started.tlsFingerprint);
    m_fingerprint->setText(fingerprint);
    m_fingerprint->setPlaceholderText(tr("No TLS certificate"));
    m_copy->setEnabled(!fingerprint.isEmpty());
}

void ServerInfoDialog::copyFingerprint() {
    if (!m_fingerprint->text().isEmpty()) QApplication::clipboard()->setText(m_fingerprint->text());
}

}  // namespace sb::ui
