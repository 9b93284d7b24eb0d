#include "dialogs/transfer_dialog.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

#include "config/validation.h"
#include "dialogs/dialog_fields.h"

namespace sb::ui {

TransferDialog::TransferDialog(const QString& callDescription, QWidget* parent) : QDialog(parent) {
    setObjectName(QStringLiteral("transferDialog"));
    setWindowTitle(tr("Transfer call"));

    auto* intro = new QLabel(tr("Transfer the call %1 to:").arg(callDescription), this);
    intro->setWordWrap(true);
    m_number = new QLineEdit(this);
    m_number->setObjectName(QStringLiteral("transferNumberEdit"));
    m_number->setPlaceholderText(tr("e.g. 102"));
    auto* hint = makeHintLabel(tr("An extension, ring group or menu number, *97 followed by an extension for its "
                                  "voicemail, or an outside number as the extension would dial it. The party "
                                  "hears music on hold until the target answers; the extension is then hung up."),
                               QStringLiteral("transferHint"), this);
    m_problem = makeProblemLabel(QStringLiteral("transferProblem"), this);
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->setObjectName(QStringLiteral("buttonBox"));
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("&Transfer"));

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(m_number);
    layout->addWidget(hint);
    layout->addWidget(m_problem);
    layout->addWidget(m_buttons);

    connect(m_buttons, &QDialogButtonBox::accepted, this, &TransferDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &TransferDialog::reject);
    // Told as it is typed, but an empty field is not scolded before OK.
    connect(m_number, &QLineEdit::textChanged, this, [this] {
        showProblem(m_problem, m_number->text().isEmpty() ? QString() : problem());
        growToFit(this);
    });
}

QString TransferDialog::number() const { return m_number->text().trimmed(); }

QString TransferDialog::problem() const {
    if (number().isEmpty()) return tr("Enter the number to transfer the call to.");
    return reasonOf(sb::config::checkForwardTarget(number().toStdString()));
}

void TransferDialog::accept() {
    const QString why = problem();
    showProblem(m_problem, why);
    if (!why.isEmpty()) {
        growToFit(this);
        m_number->setFocus();
        return;
    }
    QDialog::accept();
}

}  // namespace sb::ui
