#pragma once

#include <QString>
#include <QWizard>

#include "engine/events.h"

class QCheckBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QPushButton;

namespace sb::ui {

class CoreBridge;

/// The carrier self-test of one line or trunk (docs/diagnostics.md): choose
/// the steps and the number to call, run it on the engine (progress comes
/// back live as SelfTestProgress events), then read the conclusions, apply
/// the suggested settings through the normal configuration path, or save
/// the report with its message flow for the carrier's support desk. The
/// wizard only posts a command and shows values; closing it while the test
/// runs stops the test.
class SelfTestWizard final : public QWizard {
    Q_OBJECT
public:
    enum class Target : int { Line = 1, Trunk };
    enum PageId : int { SetupPage = 0, RunPage, ResultPage };

    SelfTestWizard(CoreBridge& bridge, Target target, const QString& name, QWidget* parent = nullptr);
    ~SelfTestWizard() override;

    /// True once the engine reported the result.
    bool hasResult() const { return m_hasResult; }
    const sb::diagnostics::SelfTestReport& report() const { return m_result.report; }
    /// The report as text (what Save trace… writes).
    QString reportText() const;

    /// Write the report to @p path; false (with the reason shown) when it cannot.
    bool saveTraceTo(const QString& path);

public slots:
    /// Put the suggested settings (and the matching shipped profile's) into
    /// the line or trunk and send the configuration to the engine.
    void applySuggested();

signals:
    /// The engine reported the result (the result page shows it).
    void testFinished();

private:
    void startTest();
    void stopTest();
    void onProgress(const sb::SelfTestProgress& progress);
    void onFinished(const sb::SelfTestFinished& finished);
    void chooseSaveFile();
    QString conclusionsText() const;

    CoreBridge& m_bridge;
    Target m_target;
    QString m_name;
    quint64 m_testId = 0;
    bool m_running = false;
    bool m_hasResult = false;
    sb::SelfTestFinished m_result;

    QCheckBox* m_options;
    QCheckBox* m_register;
    QCheckBox* m_call;
    QLineEdit* m_number;
    QListWidget* m_progress;
    QLabel* m_summary;
    QPlainTextEdit* m_conclusions;
    QPushButton* m_apply;
    QPushButton* m_save;
    QLabel* m_message;
};

}  // namespace sb::ui
