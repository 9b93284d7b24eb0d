#include "dialogs/forward_group.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>

#include "config/validation.h"
#include "dialogs/dialog_fields.h"

namespace sb::ui {

namespace {
/// Same limits validate() applies to extensions[].forward_no_answer_timeout.
constexpr int kMinRingS = 5;
constexpr int kMaxRingS = 600;
}  // namespace

ForwardGroup::ForwardGroup(QWidget* parent) : QGroupBox(tr("&Forwarding"), parent) {
    setObjectName(QStringLiteral("forwardGroup"));
    const QString hint =
        tr("An extension, a ring group or auto-attendant menu number, *97 for voicemail (*97 and a "
           "number: that extension's), or a number to dial as this extension would; empty: off");
    auto target = [&](const char* name) {
        auto* edit = new QLineEdit(this);
        edit->setObjectName(QString::fromLatin1(name));
        edit->setPlaceholderText(tr("Off"));
        edit->setToolTip(hint);
        connect(edit, &QLineEdit::textChanged, this, &ForwardGroup::refresh);
        return edit;
    };
    m_always = target("forwardAlwaysEdit");
    m_busy = target("forwardBusyEdit");
    m_noAnswer = target("forwardNoAnswerEdit");
    m_noAnswerTimeout = new QSpinBox(this);
    m_noAnswerTimeout->setObjectName(QStringLiteral("forwardNoAnswerTimeoutSpin"));
    m_noAnswerTimeout->setRange(kMinRingS, kMaxRingS);
    m_noAnswerTimeout->setSuffix(tr(" s"));
    m_dnd = new QCheckBox(tr("Do &not disturb (callers get busy, or voicemail when it is on)"), this);
    m_dnd->setObjectName(QStringLiteral("dndCheck"));
    m_problem = makeProblemLabel(QStringLiteral("forwardProblem"), this);

    auto* form = new QFormLayout(this);
    form->addRow(tr("&Every call to:"), m_always);
    form->addRow(tr("When &busy to:"), m_busy);
    form->addRow(tr("When &unanswered to:"), m_noAnswer);
    form->addRow(tr("... after ringing:"), m_noAnswerTimeout);
    form->addRow(QString(), m_dnd);
    form->addRow(QString(), m_problem);
    refresh();
}

void ForwardGroup::load(const sb::store::Extension& ext) {
    m_always->setText(QString::fromStdString(ext.forwardAlways));
    m_busy->setText(QString::fromStdString(ext.forwardBusy));
    m_noAnswer->setText(QString::fromStdString(ext.forwardNoAnswer));
    m_noAnswerTimeout->setValue(static_cast<int>(ext.forwardNoAnswerS));
    m_dnd->setChecked(ext.dnd);
    refresh();
}

void ForwardGroup::store(sb::store::Extension& ext) const {
    ext.forwardAlways = m_always->text().trimmed().toStdString();
    ext.forwardBusy = m_busy->text().trimmed().toStdString();
    ext.forwardNoAnswer = m_noAnswer->text().trimmed().toStdString();
    ext.forwardNoAnswerS = static_cast<uint32_t>(m_noAnswerTimeout->value());
    ext.dnd = m_dnd->isChecked();
}

void ForwardGroup::setOwner(const QString& number) {
    // No changed(): the dialog calls this from its own validation.
    m_owner = number;
    showProblem(m_problem, problem());
}

QString ForwardGroup::targetProblem(const QLineEdit* edit) const {
    const QString target = edit->text().trimmed();
    if (QString why = reasonOf(sb::config::checkForwardTarget(target.toStdString())); !why.isEmpty())
        return why;
    if (!target.isEmpty() && target == m_owner) return tr("An extension cannot forward to itself");
    return {};
}

QString ForwardGroup::problem() const {
    for (const QLineEdit* edit : {m_always, m_busy, m_noAnswer})
        if (QString why = targetProblem(edit); !why.isEmpty()) return why;
    return {};
}

void ForwardGroup::refresh() {
    showProblem(m_problem, problem());
    emit changed();
}

QComboBox* makeForwardHeaderCombo(QWidget* parent) {
    auto* combo = new QComboBox(parent);
    combo->setObjectName(QStringLiteral("forwardHeaderCombo"));
    combo->addItem(ForwardGroup::tr("Diversion (RFC 5806)"), QStringLiteral("diversion"));
    combo->addItem(ForwardGroup::tr("History-Info (RFC 7044)"), QStringLiteral("history-info"));
    combo->addItem(ForwardGroup::tr("Nothing"), QStringLiteral("none"));
    combo->setToolTip(
        ForwardGroup::tr("How a call an extension forwarded out through here tells the carrier "
                         "who forwarded it"));
    return combo;
}

void setForwardHeader(QComboBox* combo, const std::string& header) {
    const int index = combo->findData(QString::fromStdString(header));
    combo->setCurrentIndex(index < 0 ? 0 : index);
}

std::string forwardHeaderOf(const QComboBox* combo) {
    return combo->currentData().toString().toStdString();
}

}  // namespace sb::ui
