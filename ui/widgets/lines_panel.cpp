#include "widgets/lines_panel.h"

#include <QHeaderView>
#include <QPushButton>
#include <QTableView>

#include "config_edits.h"
#include "core_bridge.h"
#include "dialogs/line_dialog.h"
#include "dialogs/self_test_wizard.h"
#include "models/lines_model.h"
#include "models/model_roles.h"
#include "widgets/findings_view.h"

namespace sb::ui {

LinesPanel::LinesPanel(LinesModel* model, CoreBridge& bridge, QWidget* parent)
    : ConfigListPanel(
          model, bridge,
          {QStringLiteral("linesView"), QStringLiteral("addLineButton"), QStringLiteral("editLineButton"),
           QStringLiteral("deleteLineButton"), tr("Add an account at a carrier or IMS network")},
          LinesModel::Name, parent),
      m_model(model) {
    setObjectName(QStringLiteral("linesPanel"));
    view()->horizontalHeader()->resizeSection(LinesModel::Account, 220);
    m_clearWarning = addButton(tr("C&lear warning"), QStringLiteral("clearLineWarningButton"),
                               tr("The line refused PRACK, so 100rel is no longer offered on it. Clear "
                                  "the warning to offer 100rel again (e.g. after the carrier fixed it)."));
    connect(m_clearWarning, &QPushButton::clicked, this, &LinesPanel::clearWarning);
    m_selfTest = addButton(tr("Self-&test…"), QStringLiteral("selfTestLineButton"),
                           tr("Ask the carrier what it supports, try a test call and suggest the settings "
                              "that fit it"));
    connect(m_selfTest, &QPushButton::clicked, this, &LinesPanel::selfTest);
    m_findings = new FindingsView(QStringLiteral("lineFindings"), this);
    addBelow(m_findings);
    updateButtons();
}

QString LinesPanel::keyOfRow(int row) const {
    return row < 0 || row >= m_model->rowCount() ? QString() : qs(m_model->records()[size_t(row)].name);
}

int LinesPanel::rowOfKey(const QString& key) const {
    const auto& lines = m_model->records();
    for (size_t i = 0; i < lines.size(); ++i)
        if (qs(lines[i].name) == key) return static_cast<int>(i);
    return -1;
}

std::optional<sb::store::ExternalLine> LinesPanel::selectedLine() const {
    const int row = selectedRow();
    if (row < 0) return std::nullopt;
    return m_model->records()[static_cast<size_t>(row)];
}

void LinesPanel::updateButtons() {
    ConfigListPanel::updateButtons();
    const auto line = selectedLine();
    if (m_selfTest) m_selfTest->setEnabled(line.has_value() && line->enabled);
    m_clearWarning->setEnabled(line && isWarning(m_model->status(qs(line->name))));
    // Called on selection and data changes alike, so the findings follow both.
    if (m_findings)
        m_findings->setFindings(line ? tr("Why line %1 fails").arg(qs(line->name)) : QString(),
                                line ? m_model->findings(qs(line->name)) : sb::diagnostics::Findings{});
}

void LinesPanel::addItem() {
    if (!haveConfiguration()) return;
    // open(), not exec(): engine events keep flowing while the dialog is up.
    auto* dialog = new LineDialog(bridge().configuration(), std::nullopt, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] { applyChange({}, dialog->line()); });
    dialog->open();
}

void LinesPanel::editSelected() {
    const auto selected = selectedLine();
    if (!haveConfiguration() || !selected) return;
    auto* dialog = new LineDialog(bridge().configuration(), selected, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this,
            [this, dialog] { applyChange(dialog->originalName(), dialog->line()); });
    dialog->open();
}

void LinesPanel::deleteSelected() {
    const auto selected = selectedLine();
    if (!haveConfiguration() || !selected) return;
    const QString name = qs(selected->name);
    QString text = tr("Delete external line %1 (%2@%3)?\n\nIt stops registering; calls can no longer "
                      "go out or come in through it.")
                       .arg(name, qs(selected->account), qs(selected->domain));
    if (const QString routes = routeConsequences(selected->name); !routes.isEmpty())
        text += QStringLiteral("\n\n") + routes;
    confirm(tr("Delete external line"), text, QStringLiteral("deleteLineBox"),
            [this, name] { applyChange(name, std::nullopt); });
}

void LinesPanel::clearWarning() {
    const auto line = selectedLine();
    if (line && isWarning(m_model->status(qs(line->name)))) postClearWarning(qs(line->name));
}

void LinesPanel::applyChange(const QString& originalName,
                             const std::optional<sb::store::ExternalLine>& replacement) {
    // Start from the engine's latest snapshot, not the one the dialog saw:
    // only this one line (and the routes naming it) changes.
    sb::store::Configuration config = bridge().configuration();
    if (!replaceNamed(config, config.lines, originalName.toStdString(), replacement)) {
        emit statusMessage(tr("Line %1 no longer exists; nothing was changed.").arg(originalName));
        return;
    }
    const QString doing = !replacement             ? tr("Deleting line %1…").arg(originalName)
                          : originalName.isEmpty() ? tr("Adding line %1…").arg(qs(replacement->name))
                                                   : tr("Saving line %1…").arg(qs(replacement->name));
    send(config, doing, replacement ? qs(replacement->name) : QString());
}

SelfTestWizard* LinesPanel::selfTest() {
    const auto selected = selectedLine();
    if (!selected) return nullptr;
    // open(), not exec(): the progress arrives as engine events.
    auto* wizard = new SelfTestWizard(bridge(), SelfTestWizard::Target::Line, qs(selected->name), this);
    wizard->setAttribute(Qt::WA_DeleteOnClose);
    wizard->open();
    return wizard;
}

}  // namespace sb::ui
