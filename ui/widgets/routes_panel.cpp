#include "widgets/routes_panel.h"

#include <QFormLayout>
#include <QGroupBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableView>

#include <utility>

#include "core_bridge.h"
#include "dialogs/route_dialog.h"
#include "models/model_roles.h"
#include "models/routes_model.h"
#include "routing/dial_plan.h"

namespace sb::ui {

RoutesPanel::RoutesPanel(RoutesModel* model, CoreBridge& bridge, QWidget* parent)
    : ConfigListPanel(model, bridge,
                      {QStringLiteral("routesView"), QStringLiteral("addRouteButton"),
                       QStringLiteral("editRouteButton"), QStringLiteral("deleteRouteButton"),
                       tr("Add an outbound rule; it is tried after the existing ones")},
                      -1, parent),
      m_model(model) {
    setObjectName(QStringLiteral("routesPanel"));
    view()->horizontalHeader()->resizeSection(RoutesModel::Priority, 40);
    m_up = addButton(tr("Move &up"), QStringLiteral("moveRouteUpButton"), tr("Try this route earlier"));
    m_down = addButton(tr("Move do&wn"), QStringLiteral("moveRouteDownButton"), tr("Try this route later"));
    connect(m_up, &QPushButton::clicked, this, &RoutesPanel::moveUp);
    connect(m_down, &QPushButton::clicked, this, &RoutesPanel::moveDown);

    auto* test = new QGroupBox(tr("Test a number"), this);
    test->setObjectName(QStringLiteral("testNumberBox"));
    m_testNumber = new QLineEdit(test);
    m_testNumber->setObjectName(QStringLiteral("testNumber"));
    m_testNumber->setPlaceholderText(tr("A number as an extension dials it, e.g. 9013901088888"));
    m_testNumber->setClearButtonEnabled(true);
    m_testResult = new QLabel(test);
    m_testResult->setObjectName(QStringLiteral("testResult"));
    m_testResult->setWordWrap(true);
    m_testResult->setTextFormat(Qt::PlainText);
    m_testResult->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* form = new QFormLayout(test);
    form->addRow(tr("&Number:"), m_testNumber);
    form->addRow(tr("Result:"), m_testResult);
    addBelow(test);

    connect(m_testNumber, &QLineEdit::textChanged, this, &RoutesPanel::explainNumber);
    connect(&bridge, &CoreBridge::configurationChanged, this, &RoutesPanel::configurationChanged);
    explainNumber();
    updateButtons();
}

RoutesPanel::~RoutesPanel() = default;

QString RoutesPanel::testResult() const {
    return m_testResult->text();
}

void RoutesPanel::configurationChanged(const sb::store::Configuration& config) {
    // Pure logic over a copied snapshot: safe to build on the GUI thread.
    m_plan = std::make_unique<sb::routing::DialPlan>(config);
    explainNumber();
}

void RoutesPanel::explainNumber() {
    const QString number = m_testNumber->text().trimmed();
    if (!m_plan) {
        m_testResult->setText(tr("The configuration has not been received yet."));
        return;
    }
    if (number.isEmpty()) {
        m_testResult->setText(tr("Type a number to see which route, line or trunk it leaves by."));
        return;
    }
    m_testResult->setText(QString::fromStdString(m_plan->explain(number.toStdString(), std::string())));
}

QString RoutesPanel::keyOfRow(int row) const {
    return row < 0 ? QString() : QString::number(row);
}

int RoutesPanel::rowOfKey(const QString& key) const {
    bool ok = false;
    const int row = key.toInt(&ok);
    return ok && row < m_model->rowCount() ? row : -1;
}

std::optional<sb::store::Route> RoutesPanel::selectedRoute() const {
    const int row = selectedRow();
    if (row < 0) return std::nullopt;
    return m_model->records()[static_cast<size_t>(row)];
}

void RoutesPanel::updateButtons() {
    ConfigListPanel::updateButtons();
    const bool ready = haveConfiguration() && !awaitingEngine();
    const int row = selectedRow();
    m_up->setEnabled(ready && row > 0);
    m_down->setEnabled(ready && row >= 0 && row + 1 < m_model->rowCount());
}

void RoutesPanel::addItem() {
    if (!haveConfiguration()) return;
    // open(), not exec(): engine events keep flowing while the dialog is up.
    auto* dialog = new RouteDialog(bridge().configuration(), std::nullopt, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] { applyChange(-1, dialog->route(), {}); });
    dialog->open();
}

void RoutesPanel::editSelected() {
    const auto selected = selectedRoute();
    if (!haveConfiguration() || !selected) return;
    const int row = selectedRow();
    auto* dialog = new RouteDialog(bridge().configuration(), selected, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this,
            [this, dialog, row, original = *selected] { applyChange(row, dialog->route(), original); });
    dialog->open();
}

void RoutesPanel::deleteSelected() {
    const auto selected = selectedRoute();
    if (!haveConfiguration() || !selected) return;
    const int row = selectedRow();
    QString target = qs(selected->target);
    if (!selected->failover.empty()) target = tr("%1, failover %2").arg(target, qs(selected->failover));
    confirm(tr("Delete route"),
            tr("Delete route %1 (%2 → %3)?\n\nNumbers it matches go to the next matching route, or fail "
               "with 404 when none matches.")
                .arg(row + 1)
                .arg(qs(selected->pattern), target),
            QStringLiteral("deleteRouteBox"),
            [this, row, original = *selected] { applyChange(row, std::nullopt, original); });
}

void RoutesPanel::moveUp() {
    const int row = selectedRow();
    if (row > 0) move(row, row - 1);
}

void RoutesPanel::moveDown() {
    const int row = selectedRow();
    if (row >= 0 && row + 1 < m_model->rowCount()) move(row, row + 1);
}

void RoutesPanel::move(int from, int to) {
    if (!haveConfiguration() || awaitingEngine()) return;
    sb::store::Configuration config = bridge().configuration();
    auto& routes = config.routes;
    if (from >= static_cast<int>(routes.size()) || to >= static_cast<int>(routes.size()) ||
        routes[size_t(from)] != m_model->records()[size_t(from)]) {
        emit statusMessage(tr("The routes changed meanwhile; nothing was moved."));
        return;
    }
    std::swap(routes[size_t(from)], routes[size_t(to)]);
    send(config,
         tr("Moving route %1 (%2) to position %3…")
             .arg(from + 1)
             .arg(qs(routes[size_t(to)].pattern))
             .arg(to + 1),
         QString::number(to));
}

void RoutesPanel::applyChange(int index, const std::optional<sb::store::Route>& replacement,
                              const sb::store::Route& original) {
    // Start from the engine's latest snapshot; the route is found by
    // position, so make sure it is still the one the user saw.
    sb::store::Configuration config = bridge().configuration();
    auto& routes = config.routes;
    if (index < 0) {
        if (!replacement) return;
        routes.push_back(*replacement);
        send(config, tr("Adding route %1…").arg(qs(replacement->pattern)),
             QString::number(routes.size() - 1));
        return;
    }
    if (index >= static_cast<int>(routes.size()) || routes[size_t(index)] != original) {
        emit statusMessage(tr("Route %1 changed meanwhile; nothing was changed.").arg(index + 1));
        return;
    }
    if (replacement) {
        routes[size_t(index)] = *replacement;
        send(config, tr("Saving route %1…").arg(index + 1), QString::number(index));
    } else {
        routes.erase(routes.begin() + index);
        send(config, tr("Deleting route %1…").arg(index + 1), QString());
    }
}

}  // namespace sb::ui
