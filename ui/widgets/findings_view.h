#pragma once

#include <QLabel>

#include "diagnostics/finding.h"

namespace sb::ui {

/// "Why did this call fail": the explainer's findings for a failed call or
/// line, each as what happened and which setting fixes it. Hidden while
/// there is nothing to say. It only shows findings the core made.
class FindingsView final : public QLabel {
    Q_OBJECT
public:
    explicit FindingsView(const QString& objectName, QWidget* parent = nullptr);

    /// Show @p findings under @p title ("Why the call failed"); none hides the view.
    void setFindings(const QString& title, const sb::diagnostics::Findings& findings);
    const sb::diagnostics::Findings& findings() const { return m_findings; }

private:
    sb::diagnostics::Findings m_findings;
};

}  // namespace sb::ui
