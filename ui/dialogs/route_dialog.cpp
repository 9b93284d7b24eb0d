#include "dialogs/route_dialog.h"

#include <QComboBox>
#include <QListWidget>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

#include "config/validation.h"
#include "dialogs/dialog_fields.h"
#include "models/model_roles.h"

namespace sb::ui {

namespace {

/// Select the item whose data is @p name; a name the list lacks is added
/// (marked as missing) so that loading and saving never changes the route.
void selectTarget(QComboBox* combo, const QString& name) {
    int at = combo->findData(name);
    if (at < 0) {
        combo->addItem(RouteDialog::tr("%1 (no such line or trunk)").arg(name), name);
        at = combo->count() - 1;
    }
    combo->setCurrentIndex(at);
}

}  // namespace

void fillTargetCombo(QComboBox* combo, const sb::store::Configuration& config, const QString& noneText) {
    combo->clear();
    if (!noneText.isEmpty()) combo->addItem(noneText, QString());
    for (const auto& l : config.lines)
        combo->addItem(RouteDialog::tr("%1 (line)").arg(qs(l.name)), qs(l.name));
    for (const auto& t : config.trunks)
        combo->addItem(RouteDialog::tr("%1 (trunk)").arg(qs(t.name)), qs(t.name));
}

RouteDialog::RouteDialog(const sb::store::Configuration& config,
                         const std::optional<sb::store::Route>& original, QWidget* parent)
    : QDialog(parent), m_editing(original.has_value()) {
    setObjectName(QStringLiteral("routeDialog"));
    for (const auto& l : config.lines) m_names.insert(qs(l.name));
    for (const auto& t : config.trunks) m_names.insert(qs(t.name));
    setWindowTitle(m_editing ? tr("Edit route %1").arg(qs(original->pattern)) : tr("Add route"));

    m_pattern = new QLineEdit(this);
    m_pattern->setObjectName(QStringLiteral("patternEdit"));
    m_pattern->setPlaceholderText(tr("e.g. 9. or 0[1-9]X."));
    m_patternProblem = makeProblemLabel(QStringLiteral("patternProblem"), this);
    m_strip = new QSpinBox(this);
    m_strip->setObjectName(QStringLiteral("stripSpin"));
    m_strip->setRange(0, 64);
    m_strip->setToolTip(
        tr("Leading digits removed before the number is sent, e.g. 1 for the outside "
           "line prefix 9"));
    m_prepend = new QLineEdit(this);
    m_prepend->setObjectName(QStringLiteral("prependEdit"));
    m_prepend->setPlaceholderText(tr("Put in front after stripping, e.g. +86"));
    m_prependProblem = makeProblemLabel(QStringLiteral("prependProblem"), this);
    m_target = new QComboBox(this);
    m_target->setObjectName(QStringLiteral("targetCombo"));
    fillTargetCombo(m_target, config, QString());
    m_targetProblem = makeProblemLabel(QStringLiteral("targetProblem"), this);
    m_failover = new QComboBox(this);
    m_failover->setObjectName(QStringLiteral("failoverCombo"));
    fillTargetCombo(m_failover, config, tr("(none)"));
    m_failover->setToolTip(tr("Tried when the target does not answer, answers 408 or 5xx, or is disabled"));
    m_failoverProblem = makeProblemLabel(QStringLiteral("failoverProblem"), this);

    m_allowed = new QListWidget(this);
    m_allowed->setObjectName(QStringLiteral("allowedExtensionsList"));
    m_allowed->setMaximumHeight(120);
    for (const auto& e : config.extensions) {
        auto* item = new QListWidgetItem(
            e.name.empty() ? qs(e.number) : tr("%1 — %2").arg(qs(e.number), qs(e.name)), m_allowed);
        item->setData(Qt::UserRole, qs(e.number));
        item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
        item->setCheckState(Qt::Unchecked);
    }

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->setObjectName(QStringLiteral("buttonBox"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &RouteDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &RouteDialog::reject);

    auto* form = new QFormLayout;
    form->addRow(tr("&Pattern:"), m_pattern);
    form->addRow(QString(), m_patternProblem);
    form->addRow(QString(),
                 makeHintLabel(tr("Digits, X (0-9), Z (1-9), N (2-9), ranges such as [1-5], and a final "
                                  "'.' for one or more of anything. The first matching route wins."),
                               QStringLiteral("patternHint"), this));
    form->addRow(tr("&Strip digits:"), m_strip);
    form->addRow(tr("P&repend:"), m_prepend);
    form->addRow(QString(), m_prependProblem);
    form->addRow(tr("&Target:"), m_target);
    form->addRow(QString(), m_targetProblem);
    form->addRow(tr("&Failover:"), m_failover);
    form->addRow(QString(), m_failoverProblem);
    form->addRow(tr("&Allowed extensions:"), m_allowed);
    form->addRow(QString(), makeHintLabel(tr("None ticked: every extension may use this route. Others "
                                             "skip it; if no later route matches they get 403 Forbidden."),
                                          QStringLiteral("allowedHint"), this));

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addStretch(1);
    layout->addWidget(m_buttons);

    sb::store::Route initial = original.value_or(sb::store::Route{});
    if (!original && m_target->count() > 0) initial.target = m_target->itemData(0).toString().toStdString();
    load(initial);

    for (QLineEdit* edit : {m_pattern, m_prepend})
        connect(edit, &QLineEdit::textChanged, this, &RouteDialog::validate);
    for (QComboBox* combo : {m_target, m_failover})
        connect(combo, &QComboBox::currentIndexChanged, this, &RouteDialog::validate);
    validate();
    setMinimumWidth(440);
}

void RouteDialog::load(const sb::store::Route& route) {
    m_pattern->setText(qs(route.pattern));
    m_strip->setValue(route.strip);
    m_prepend->setText(qs(route.prepend));
    if (!route.target.empty()) selectTarget(m_target, qs(route.target));
    selectTarget(m_failover, qs(route.failover));
    for (const auto& number : route.allowedExtensions) {
        const QString n = qs(number);
        QListWidgetItem* found = nullptr;
        for (int i = 0; i < m_allowed->count() && !found; ++i)
            if (m_allowed->item(i)->data(Qt::UserRole).toString() == n) found = m_allowed->item(i);
        if (!found) {  // gone from the configuration: kept, and shown as such, so saving changes nothing
            found = new QListWidgetItem(tr("%1 (missing)").arg(n), m_allowed);
            found->setData(Qt::UserRole, n);
            found->setFlags(found->flags() | Qt::ItemIsUserCheckable);
        }
        found->setCheckState(Qt::Checked);
    }
}

sb::store::Route RouteDialog::route() const {
    sb::store::Route r;
    r.pattern = m_pattern->text().trimmed().toStdString();
    r.strip = m_strip->value();
    r.prepend = m_prepend->text().trimmed().toStdString();
    r.target = m_target->currentData().toString().toStdString();
    r.failover = m_failover->currentData().toString().toStdString();
    for (int i = 0; i < m_allowed->count(); ++i)
        if (m_allowed->item(i)->checkState() == Qt::Checked)
            r.allowedExtensions.push_back(m_allowed->item(i)->data(Qt::UserRole).toString().toStdString());
    return r;
}

QString RouteDialog::patternProblem() const {
    return reasonOf(sb::config::checkRoutePattern(m_pattern->text().trimmed().toStdString()));
}

QString RouteDialog::prependProblem() const {
    return reasonOf(sb::config::checkPrepend(m_prepend->text().trimmed().toStdString()));
}

QString RouteDialog::targetProblem() const {
    if (m_target->count() == 0) return tr("add an external line or a SIP trunk first");
    const QString target = m_target->currentData().toString();
    if (target.isEmpty()) return tr("required");
    if (!m_names.contains(target)) return tr("no line or trunk named \"%1\"").arg(target);
    return {};
}

QString RouteDialog::failoverProblem() const {
    const QString failover = m_failover->currentData().toString();
    // The engine's wording (routes[i].failover).
    if (failover.isEmpty()) return {};
    if (!m_names.contains(failover)) return tr("no line or trunk named \"%1\"").arg(failover);
    if (failover == m_target->currentData().toString()) return tr("names the same line or trunk as target");
    return {};
}

bool RouteDialog::isInputValid() const {
    return patternProblem().isEmpty() && prependProblem().isEmpty() && targetProblem().isEmpty() &&
           failoverProblem().isEmpty();
}

void RouteDialog::validate() {
    showProblem(m_patternProblem, patternProblem());
    showProblem(m_prependProblem, prependProblem());
    showProblem(m_targetProblem, targetProblem());
    showProblem(m_failoverProblem, failoverProblem());
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(isInputValid());
    growToFit(this);
}

void RouteDialog::accept() {
    validate();
    if (!isInputValid()) return;  // OK is disabled; this refuses programmatic accepts too
    QDialog::accept();
}

}  // namespace sb::ui
