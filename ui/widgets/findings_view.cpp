#include "widgets/findings_view.h"

#include "models/model_roles.h"

namespace sb::ui {

FindingsView::FindingsView(const QString& objectName, QWidget* parent) : QLabel(parent) {
    setObjectName(objectName);
    setWordWrap(true);
    setTextFormat(Qt::RichText);
    setTextInteractionFlags(Qt::TextSelectableByMouse);
    setFrameShape(QFrame::StyledPanel);
    setMargin(6);
    hide();
}

void FindingsView::setFindings(const QString& title, const sb::diagnostics::Findings& findings) {
    m_findings = findings;
    if (findings.empty()) {
        clear();
        hide();
        return;
    }
    QString html = QStringLiteral("<b>%1</b>").arg(title.toHtmlEscaped());
    for (const auto& f : findings) {
        html += QStringLiteral("<p style='margin-top:4px'>%1<br/><i>%2</i> %3</p>")
                    .arg(qs(f.what).toHtmlEscaped(), tr("Fix:").toHtmlEscaped(), qs(f.fix).toHtmlEscaped());
    }
    setText(html);
    show();
}

}  // namespace sb::ui
