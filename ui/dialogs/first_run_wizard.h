#pragma once

#include <QString>
#include <QWizard>

#include <map>
#include <string>

#include "store/records.h"

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QSpinBox;
class QTableWidget;

namespace sb::ui {

class CoreBridge;
class FormPage;

/// The first-run wizard: SIP domain (offering this computer's addresses),
/// SIP and TLS ports, the first extensions (count and first number, with
/// generated passwords shown once, copyable) and optionally one external
/// line. Finish applies the result the way every dialog does, through
/// CoreBridge::applyConfiguration(), and waits for the engine: a rejection
/// shows the engine's reason on the last page and keeps the wizard open.
/// Shown by itself when the database was new; Tools → Setup wizard runs it again.
class FirstRunWizard final : public QWizard {
    Q_OBJECT
public:
    enum Page { DomainPage = 1, PortsPage, ExtensionsPage, LinePage, SummaryPage };

    /// @param newDatabase the default extensions are replaced by default
    ///        (nobody has seen their passwords); on a later run they stay
    FirstRunWizard(CoreBridge& bridge, bool newDatabase, QWidget* parent = nullptr);

    /// The configuration the wizard would apply: the bridge's current one
    /// with the choices made here.
    sb::store::Configuration configuration() const;
    /// Number → generated password of the extensions it creates.
    const std::map<std::string, std::string>& passwords() const { return m_passwords; }
    /// The extension numbers chosen (first number, count).
    QStringList extensionNumbers() const;
    bool isAwaitingEngine() const { return m_awaiting; }

public slots:
    void accept() override;

private slots:
    void onApplied();
    void onRejected(const QString& reason);
    void copyPasswords();

private:
    FormPage* createDomainPage();
    FormPage* createPortsPage();
    FormPage* createExtensionsPage();
    FormPage* createLinePage();
    FormPage* createSummaryPage();
    void fillSummary();
    QString extensionsProblem() const;
    QString lineProblem() const;
    sb::store::ExternalLine line() const;

    CoreBridge& m_bridge;
    bool m_awaiting = false;
    std::map<std::string, std::string> m_passwords;  ///< generated once per number, kept on Back

    QComboBox* m_domain = nullptr;
    QSpinBox* m_sipPort = nullptr;
    QSpinBox* m_tlsPort = nullptr;
    QSpinBox* m_count = nullptr;
    QLineEdit* m_firstNumber = nullptr;
    QCheckBox* m_replace = nullptr;
    QCheckBox* m_addLine = nullptr;
    QLineEdit* m_lineName = nullptr;
    QLineEdit* m_lineDomain = nullptr;
    QLineEdit* m_lineAccount = nullptr;
    QLineEdit* m_linePassword = nullptr;
    QLineEdit* m_lineProxy = nullptr;
    QTableWidget* m_summary = nullptr;
    QLabel* m_applyProblem = nullptr;
};

}  // namespace sb::ui
