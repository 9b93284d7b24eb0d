#pragma once

#include <QDialog>

#include "engine/events.h"

class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;

namespace sb::ui {

/// Read-only facts a user needs to set up phones: where SIP listens, which
/// database is in use, and the SHA-256 fingerprint of the certificate SIP
/// over TLS serves (to compare with what a phone shows on first connect).
class ServerInfoDialog final : public QDialog {
    Q_OBJECT
public:
    explicit ServerInfoDialog(QWidget* parent = nullptr);

    QString fingerprint() const;

public slots:
    /// Show what the engine reported when it started.
    void setServerInfo(const sb::EngineStarted& started);
    void copyFingerprint();

private:
    QPlainTextEdit* m_listening;
    QLineEdit* m_database;
    QLineEdit* m_fingerprint;
    QPushButton* m_copy;
};

}  // namespace sb::ui
