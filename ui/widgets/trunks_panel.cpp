#include "widgets/trunks_panel.h"

#include <QPushButton>
#include <QTableView>

#include "config_edits.h"
#include "core_bridge.h"
#include "dialogs/self_test_wizard.h"
#include "dialogs/trunk_dialog.h"
#include "models/model_roles.h"
#include "models/trunks_model.h"

namespace sb::ui {

TrunksPanel::TrunksPanel(TrunksModel* model, CoreBridge& bridge, QWidget* parent)
    : ConfigListPanel(model, bridge,
                      {QStringLiteral("trunksView"), QStringLiteral("addTrunkButton"),
                       QStringLiteral("editTrunkButton"), QStringLiteral("deleteTrunkButton"),
                       tr("Add a server-to-server trunk to a carrier or another PBX")},
                      TrunksModel::Name, parent),
      m_model(model) {
    setObjectName(QStringLiteral("trunksPanel"));
    m_clearWarning =
        addButton(tr("C&lear warning"), QStringLiteral("clearTrunkWarningButton"),
                  tr("The trunk's peer refused PRACK, so 100rel is no longer offered on it. Clear "
                     "the warning to offer 100rel again (e.g. after the carrier fixed it)."));
    connect(m_clearWarning, &QPushButton::clicked, this, &TrunksPanel::clearWarning);
    m_selfTest = addButton(tr("Self-&test…"), QStringLiteral("selfTestTrunkButton"),
                           tr("Ask the carrier what it supports, try a test call and suggest the settings "
                              "that fit it"));
    connect(m_selfTest, &QPushButton::clicked, this, &TrunksPanel::selfTest);
    updateButtons();
}

QString TrunksPanel::keyOfRow(int row) const {
    return row < 0 || row >= m_model->rowCount() ? QString() : qs(m_model->records()[size_t(row)].name);
}

int TrunksPanel::rowOfKey(const QString& key) const {
    const auto& trunks = m_model->records();
    for (size_t i = 0; i < trunks.size(); ++i)
        if (qs(trunks[i].name) == key) return static_cast<int>(i);
    return -1;
}

std::optional<sb::store::SipTrunk> TrunksPanel::selectedTrunk() const {
    const int row = selectedRow();
    if (row < 0) return std::nullopt;
    return m_model->records()[static_cast<size_t>(row)];
}

void TrunksPanel::updateButtons() {
    ConfigListPanel::updateButtons();
    const auto trunk = selectedTrunk();
    if (m_selfTest) m_selfTest->setEnabled(trunk.has_value() && trunk->enabled);
    m_clearWarning->setEnabled(trunk && isWarning(m_model->status(qs(trunk->name))));
}

void TrunksPanel::addItem() {
    if (!haveConfiguration()) return;
    // open(), not exec(): engine events keep flowing while the dialog is up.
    auto* dialog = new TrunkDialog(bridge().configuration(), std::nullopt, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] { applyChange({}, dialog->trunk()); });
    dialog->open();
}

void TrunksPanel::editSelected() {
    const auto selected = selectedTrunk();
    if (!haveConfiguration() || !selected) return;
    auto* dialog = new TrunkDialog(bridge().configuration(), selected, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this,
            [this, dialog] { applyChange(dialog->originalName(), dialog->trunk()); });
    dialog->open();
}

void TrunksPanel::deleteSelected() {
    const auto selected = selectedTrunk();
    if (!haveConfiguration() || !selected) return;
    const QString name = qs(selected->name);
    QString text = tr("Delete SIP trunk %1 (%2:%3)?\n\nCalls can no longer go out through it, and calls "
                      "from its addresses are no longer accepted.")
                       .arg(name, qs(selected->host))
                       .arg(selected->port);
    if (const QString routes = routeConsequences(selected->name); !routes.isEmpty())
        text += QStringLiteral("\n\n") + routes;
    confirm(tr("Delete SIP trunk"), text, QStringLiteral("deleteTrunkBox"),
            [this, name] { applyChange(name, std::nullopt); });
}

void TrunksPanel::clearWarning() {
    const auto trunk = selectedTrunk();
    if (trunk && isWarning(m_model->status(qs(trunk->name)))) postClearWarning(qs(trunk->name));
}

void TrunksPanel::applyChange(const QString& originalName,
                              const std::optional<sb::store::SipTrunk>& replacement) {
    // Start from the engine's latest snapshot, not the one the dialog saw:
    // only this one trunk (and the routes naming it) changes.
    sb::store::Configuration config = bridge().configuration();
    if (!replaceNamed(config, config.trunks, originalName.toStdString(), replacement)) {
        emit statusMessage(tr("Trunk %1 no longer exists; nothing was changed.").arg(originalName));
        return;
    }
    const QString doing = !replacement             ? tr("Deleting trunk %1…").arg(originalName)
                          : originalName.isEmpty() ? tr("Adding trunk %1…").arg(qs(replacement->name))
                                                   : tr("Saving trunk %1…").arg(qs(replacement->name));
    send(config, doing, replacement ? qs(replacement->name) : QString());
}

SelfTestWizard* TrunksPanel::selfTest() {
    const auto selected = selectedTrunk();
    if (!selected) return nullptr;
    // open(), not exec(): the progress arrives as engine events.
    auto* wizard = new SelfTestWizard(bridge(), SelfTestWizard::Target::Trunk, qs(selected->name), this);
    wizard->setAttribute(Qt::WA_DeleteOnClose);
    wizard->open();
    return wizard;
}

}  // namespace sb::ui
