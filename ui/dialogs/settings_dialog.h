#pragma once

#include <QDialog>
#include <QHash>
#include <QString>

#include "desktop_preferences.h"
#include "store/records.h"

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace sb::ui {

class CoreBridge;

/// Tools → Settings: the PBX's global settings (ports, bind address, TLS
/// files, RTP range, ring-back tone, log level, media timeout, prompt
/// language, music on hold, mailbox size) and the
/// desktop application's own preferences (tray, start-up).
///
/// Every field is judged by the core's own validate() on the whole
/// configuration it would produce, so cross-field rules (TLS port differs
/// from SIP port, SIP port outside the RTP range) are the engine's; reasons
/// appear under the field and Save stays disabled. Save applies through
/// CoreBridge::applyConfiguration() and waits for the engine: a rejection
/// shows the engine's reason and keeps the dialog open.
class SettingsDialog final : public QDialog {
    Q_OBJECT
public:
    /// @param tlsFingerprint SHA-256 of the certificate SIP over TLS serves now
    /// @param dataFolder     the folder of the database (shown, not editable)
    SettingsDialog(CoreBridge& bridge, const QString& tlsFingerprint, const QString& dataFolder,
                   QWidget* parent = nullptr);

    /// The settings as entered, over the bridge's current configuration.
    sb::store::Settings settings() const;
    DesktopPreferences preferences() const;
    bool startWithSession() const;
    bool isInputValid() const { return m_valid; }
    /// True between Save and the engine's answer.
    bool isAwaitingEngine() const { return m_awaiting; }

public slots:
    void accept() override;

private slots:
    void validate();
    void onApplied();
    void onRejected(const QString& reason);

private:
    void buildWidgets();
    void layOut();
    void load(const sb::store::Settings& s);
    /// @param save   pick a file to write (the trace file) rather than one to read
    /// @param filter the file dialog's filter; empty = PEM files
    QLineEdit* fileField(const char* objectName, const QString& caption, QWidget** row, bool save = false,
                         const QString& filter = {});
    /// Write the desktop preferences; false (with the reason shown) on failure.
    bool saveDesktop();

    CoreBridge& m_bridge;
    sb::store::Settings m_original;
    bool m_valid = false;
    bool m_awaiting = false;

    QSpinBox* m_sipPort = nullptr;
    QSpinBox* m_tlsPort = nullptr;
    QComboBox* m_bind = nullptr;
    QLineEdit* m_certificate = nullptr;
    QWidget* m_certificateRow = nullptr;
    QLineEdit* m_key = nullptr;
    QWidget* m_keyRow = nullptr;
    QLabel* m_fingerprint = nullptr;
    QSpinBox* m_rtpMin = nullptr;
    QSpinBox* m_rtpMax = nullptr;
    QComboBox* m_ringback = nullptr;
    QComboBox* m_logLevel = nullptr;
    QSpinBox* m_mediaTimeout = nullptr;
    QLineEdit* m_codecs = nullptr;
    QCheckBox* m_prackAutoDisable = nullptr;
    QSpinBox* m_maxCalls = nullptr;
    QLineEdit* m_traceFile = nullptr;
    QWidget* m_traceFileRow = nullptr;
    QSpinBox* m_traceFileMaxMb = nullptr;
    QSpinBox* m_authFailLimit = nullptr;
    QSpinBox* m_authFailWindow = nullptr;
    QSpinBox* m_banTime = nullptr;
    QLineEdit* m_allowList = nullptr;
    QCheckBox* m_dropScanners = nullptr;
    QSpinBox* m_rateLimit = nullptr;
    QLineEdit* m_caFile = nullptr;
    QWidget* m_caFileRow = nullptr;
    QSpinBox* m_tcpMaxPerAddress = nullptr;
    QSpinBox* m_tcpIdleTimeout = nullptr;
    QSpinBox* m_maxOpenFiles = nullptr;
    QSpinBox* m_maxMemoryMb = nullptr;
    QComboBox* m_promptLanguage = nullptr;
    QLineEdit* m_musicOnHold = nullptr;
    QWidget* m_musicOnHoldRow = nullptr;
    QSpinBox* m_voicemailMaxMessages = nullptr;
    QLineEdit* m_dataFolder = nullptr;
    QCheckBox* m_closeToTray = nullptr;
    QCheckBox* m_startMinimised = nullptr;
    QCheckBox* m_startWithSession = nullptr;
    QHash<QString, QLabel*> m_problems;  ///< JSON field name ("sip_port") → its problem label
    QLabel* m_otherProblems = nullptr;   ///< problems outside this dialog's fields
    QLabel* m_applyProblem = nullptr;    ///< why the last Save did not happen
    QDialogButtonBox* m_buttons = nullptr;
};

}  // namespace sb::ui
