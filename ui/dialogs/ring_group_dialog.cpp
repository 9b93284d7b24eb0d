#include "dialogs/ring_group_dialog.h"

#include <algorithm>

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTableWidget>
#include <QVBoxLayout>

#include "config/validation.h"
#include "dialogs/dialog_fields.h"
#include "models/model_roles.h"

namespace sb::ui {

namespace {
/// Same limits validate() applies to ring_groups[].members[].timeout.
constexpr int kMaxMemberTimeoutS = 600;
constexpr uint32_t kDefaultMemberTimeoutS = 20;
}  // namespace

RingGroupDialog::RingGroupDialog(const sb::store::Configuration& config,
                                 const std::optional<sb::store::RingGroup>& original, QWidget* parent)
    : QDialog(parent), m_config(config), m_editing(original.has_value()) {
    setObjectName(QStringLiteral("ringGroupDialog"));
    if (original) m_originalNumber = qs(original->number);
    setWindowTitle(m_editing ? tr("Edit group %1").arg(m_originalNumber) : tr("Add ring group"));

    m_number = new QLineEdit(this);
    m_number->setObjectName(QStringLiteral("numberEdit"));
    m_number->setPlaceholderText(tr("Dialled by extensions, or the target of a DID, e.g. 600"));
    m_numberProblem = makeProblemLabel(QStringLiteral("numberProblem"), this);
    m_name = new QLineEdit(this);
    m_name->setObjectName(QStringLiteral("nameEdit"));
    m_name->setPlaceholderText(tr("e.g. Sales"));
    m_nameProblem = makeProblemLabel(QStringLiteral("nameProblem"), this);
    m_strategy = new QComboBox(this);
    m_strategy->setObjectName(QStringLiteral("strategyCombo"));
    m_strategy->addItem(tr("All at once (simultaneous)"), int(sb::store::RingStrategy::Simultaneous));
    m_strategy->addItem(tr("One after another (sequential)"), int(sb::store::RingStrategy::Sequential));
    m_strategy->setToolTip(
        tr("All at once: every member rings for the longest ring time. One after "
           "another: each member rings for its own ring time, in list order."));

    m_members = new QTableWidget(0, 2, this);
    m_members->setObjectName(QStringLiteral("membersTable"));
    m_members->setHorizontalHeaderLabels({tr("Extension"), tr("Rings for")});
    m_members->verticalHeader()->hide();
    m_members->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_members->setSelectionMode(QAbstractItemView::SingleSelection);
    m_members->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_members->horizontalHeader()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    m_members->setMinimumHeight(160);
    m_addMember = new QPushButton(tr("&Add member"), this);
    m_addMember->setObjectName(QStringLiteral("addMemberButton"));
    m_removeMember = new QPushButton(tr("&Remove"), this);
    m_removeMember->setObjectName(QStringLiteral("removeMemberButton"));
    m_upMember = new QPushButton(tr("&Up"), this);
    m_upMember->setObjectName(QStringLiteral("upMemberButton"));
    m_downMember = new QPushButton(tr("&Down"), this);
    m_downMember->setObjectName(QStringLiteral("downMemberButton"));
    for (QPushButton* b : {m_addMember, m_removeMember, m_upMember, m_downMember}) b->setAutoDefault(false);
    m_membersProblem = makeProblemLabel(QStringLiteral("membersProblem"), this);

    m_final = new QComboBox(this);
    m_final->setObjectName(QStringLiteral("finalDestinationCombo"));
    m_final->setEditable(true);
    m_final->setInsertPolicy(QComboBox::NoInsert);
    m_final->setToolTip(tr("extension:<number>, voicemail:<number>, menu:<number> or hangup"));
    m_final->addItem(QStringLiteral("hangup"));
    for (const auto& e : m_config.extensions) m_final->addItem(QStringLiteral("extension:") + qs(e.number));
    for (const auto& e : m_config.extensions)
        if (e.voicemail) m_final->addItem(QStringLiteral("voicemail:") + qs(e.number));
    for (const auto& m : m_config.menus) m_final->addItem(QStringLiteral("menu:") + qs(m.number));
    m_finalProblem = makeProblemLabel(QStringLiteral("finalDestinationProblem"), this);

    auto* memberButtons = new QVBoxLayout;
    for (QPushButton* b : {m_addMember, m_removeMember, m_upMember, m_downMember})
        memberButtons->addWidget(b);
    memberButtons->addStretch(1);
    auto* membersRow = new QHBoxLayout;
    membersRow->addWidget(m_members, 1);
    membersRow->addLayout(memberButtons);

    auto* form = new QFormLayout;
    form->addRow(tr("&Number:"), m_number);
    form->addRow(QString(), m_numberProblem);
    form->addRow(tr("N&ame:"), m_name);
    form->addRow(QString(), m_nameProblem);
    form->addRow(tr("&Ring:"), m_strategy);
    form->addRow(tr("Members:"), membersRow);
    form->addRow(QString(), m_membersProblem);
    form->addRow(tr("Nobody answers:"), m_final);
    form->addRow(QString(), m_finalProblem);

    m_otherProblem = makeProblemLabel(QStringLiteral("otherProblem"), this);
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->setObjectName(QStringLiteral("buttonBox"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &RingGroupDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &RingGroupDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_otherProblem);
    layout->addStretch(1);
    layout->addWidget(m_buttons);

    m_original = original.value_or(sb::store::RingGroup{});
    m_number->setText(qs(m_original.number));
    m_name->setText(qs(m_original.name));
    m_strategy->setCurrentIndex(m_strategy->findData(int(m_original.strategy)));
    for (const auto& member : m_original.members) insertMemberRow(m_members->rowCount(), member);
    m_final->setCurrentText(qs(m_original.finalDestination));

    for (QLineEdit* edit : {m_number, m_name})
        connect(edit, &QLineEdit::textChanged, this, &RingGroupDialog::validate);
    connect(m_strategy, &QComboBox::currentIndexChanged, this, &RingGroupDialog::validate);
    connect(m_final, &QComboBox::currentTextChanged, this, &RingGroupDialog::validate);
    connect(m_members, &QTableWidget::currentCellChanged, this, &RingGroupDialog::validate);
    connect(m_addMember, &QPushButton::clicked, this, &RingGroupDialog::addMember);
    connect(m_removeMember, &QPushButton::clicked, this, &RingGroupDialog::removeMember);
    connect(m_upMember, &QPushButton::clicked, this, [this] { moveMember(-1); });
    connect(m_downMember, &QPushButton::clicked, this, [this] { moveMember(+1); });
    validate();
    setMinimumWidth(480);
}

void RingGroupDialog::insertMemberRow(int row, const sb::store::GroupMember& member) {
    m_members->insertRow(row);
    auto* extension = new QComboBox(m_members);
    extension->setObjectName(QStringLiteral("memberExtensionCombo"));
    extension->setEditable(true);
    extension->setInsertPolicy(QComboBox::NoInsert);
    for (const auto& e : m_config.extensions) extension->addItem(qs(e.number));
    extension->setCurrentText(qs(member.extension));
    auto* timeout = new QSpinBox(m_members);
    timeout->setObjectName(QStringLiteral("memberTimeoutSpin"));
    timeout->setRange(1, kMaxMemberTimeoutS);
    timeout->setSuffix(tr(" s"));
    timeout->setValue(static_cast<int>(member.timeoutS));
    m_members->setCellWidget(row, 0, extension);
    m_members->setCellWidget(row, 1, timeout);
    connect(extension, &QComboBox::currentTextChanged, this, &RingGroupDialog::validate);
    connect(timeout, &QSpinBox::valueChanged, this, &RingGroupDialog::validate);
}

sb::store::GroupMember RingGroupDialog::memberAt(int row) const {
    sb::store::GroupMember m;
    m.extension =
        qobject_cast<QComboBox*>(m_members->cellWidget(row, 0))->currentText().trimmed().toStdString();
    m.timeoutS = static_cast<uint32_t>(qobject_cast<QSpinBox*>(m_members->cellWidget(row, 1))->value());
    return m;
}

void RingGroupDialog::addMember() {
    sb::store::GroupMember m;
    m.timeoutS = kDefaultMemberTimeoutS;
    const auto current = group().members;
    for (const auto& e : m_config.extensions) {
        const bool taken = std::any_of(current.begin(), current.end(),
                                       [&](const auto& c) { return c.extension == e.number; });
        if (!taken) {
            m.extension = e.number;
            break;
        }
    }
    insertMemberRow(m_members->rowCount(), m);
    m_members->selectRow(m_members->rowCount() - 1);
    validate();
}

void RingGroupDialog::removeMember() {
    const int row = m_members->currentRow();
    if (row < 0) return;
    m_members->removeRow(row);
    validate();
}

void RingGroupDialog::moveMember(int by) {
    const int row = m_members->currentRow();
    const int to = row + by;
    if (row < 0 || to < 0 || to >= m_members->rowCount()) return;
    // Cell widgets cannot move between rows: rebuild both rows from values.
    const sb::store::GroupMember moving = memberAt(row);
    m_members->removeRow(row);
    insertMemberRow(to, moving);
    m_members->selectRow(to);
    validate();
}

sb::store::RingGroup RingGroupDialog::group() const {
    sb::store::RingGroup g = m_original;
    g.number = m_number->text().trimmed().toStdString();
    g.name = m_name->text().toStdString();
    g.strategy = static_cast<sb::store::RingStrategy>(m_strategy->currentData().toInt());
    g.members.clear();
    for (int row = 0; row < m_members->rowCount(); ++row) g.members.push_back(memberAt(row));
    g.finalDestination = m_final->currentText().trimmed().toStdString();
    return g;
}

sb::store::Configuration RingGroupDialog::candidate(size_t& index) const {
    sb::store::Configuration c = m_config;
    const std::string original = m_originalNumber.toStdString();
    index = c.groups.size();
    for (size_t i = 0; i < c.groups.size(); ++i)
        if (m_editing && c.groups[i].number == original) index = i;
    if (index == c.groups.size())
        c.groups.push_back(group());
    else
        c.groups[index] = group();
    return c;
}

QMap<QString, QString> RingGroupDialog::problems() const {
    size_t index = 0;
    const sb::store::Configuration c = candidate(index);
    const QString base = QString::fromStdString(config::indexPath("ring_groups", index));
    QMap<QString, QString> out;
    auto add = [&](const QString& field, const QString& text) {
        if (!out.contains(field)) out[field] = text;
    };
    for (const auto& e : config::validate(c)) {
        const QString path = QString::fromStdString(e.path);
        const QString reason = QString::fromStdString(e.reason);
        if (!path.startsWith(base + QLatin1Char('.'))) {
            add(QString(), tr("%1: %2").arg(path, reason));
            continue;
        }
        const QString field = path.mid(base.size() + 1);
        if (field.startsWith(QStringLiteral("members["))) {
            // members[2].extension: name the row in the reason, the table is one field.
            const int row = field.mid(8, field.indexOf(QLatin1Char(']')) - 8).toInt();
            add(QStringLiteral("members"), tr("Member %1: %2").arg(row + 1).arg(reason));
            continue;
        }
        add(field, reason);
    }
    // A number that is taken: say by what, in words rather than by path.
    const QString number = m_number->text().trimmed();
    for (const auto& e : m_config.extensions)
        if (qs(e.number) == number)
            out[QStringLiteral("number")] = tr("%1 is the number of an extension").arg(number);
    for (const auto& m : m_config.menus)
        if (qs(m.number) == number)
            out[QStringLiteral("number")] = tr("%1 is the number of an auto-attendant menu").arg(number);
    for (const auto& other : m_config.groups)
        if (qs(other.number) == number && (!m_editing || number != m_originalNumber))
            out[QStringLiteral("number")] =
                tr("%1 is the number of group %2").arg(number, other.name.empty() ? number : qs(other.name));
    return out;
}

bool RingGroupDialog::isInputValid() const {
    return problems().isEmpty();
}

void RingGroupDialog::validate() {
    const auto p = problems();
    showProblem(m_numberProblem, p.value(QStringLiteral("number")));
    showProblem(m_nameProblem, p.value(QStringLiteral("name"), p.value(QStringLiteral("strategy"))));
    showProblem(m_membersProblem, p.value(QStringLiteral("members")));
    showProblem(m_finalProblem, p.value(QStringLiteral("final_destination")));
    showProblem(m_otherProblem, p.value(QString()));
    const int row = m_members->currentRow();
    m_removeMember->setEnabled(row >= 0);
    m_upMember->setEnabled(row > 0);
    m_downMember->setEnabled(row >= 0 && row + 1 < m_members->rowCount());
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(p.isEmpty());
    growToFit(this);
}

void RingGroupDialog::accept() {
    validate();
    if (!isInputValid()) return;  // OK is disabled; this refuses programmatic accepts too
    QDialog::accept();
}

}  // namespace sb::ui
