#pragma once

#include <QGroupBox>
#include <QString>

#include "store/records.h"

#include <string>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace sb::ui {

/// The extension dialog's "Forwarding" group: where calls go when the
/// extension forwards every call, is busy, or does not answer (an
/// extension, a ring group or menu, *97 for voicemail, or a number to
/// dial), how long it rings
/// first, and do not disturb. Targets are checked as they are typed with
/// sb::config::checkForwardTarget; an extension may not forward to itself.
/// Phones change the same fields with feature codes (docs/features.md).
class ForwardGroup final : public QGroupBox {
    Q_OBJECT
public:
    explicit ForwardGroup(QWidget* parent = nullptr);

    /// Show the settings of @p ext.
    void load(const sb::store::Extension& ext);
    /// Write the fields into @p ext.
    void store(sb::store::Extension& ext) const;
    /// The extension's number as typed in the dialog (for "not itself").
    void setOwner(const QString& number);
    /// Why the fields cannot be used; empty when they can.
    QString problem() const;

signals:
    void changed();

private:
    QString targetProblem(const QLineEdit* edit) const;
    void refresh();

    QString m_owner;
    QLineEdit* m_always;
    QLineEdit* m_busy;
    QLineEdit* m_noAnswer;
    QSpinBox* m_noAnswerTimeout;
    QCheckBox* m_dnd;
    QLabel* m_problem;
};

/// The line and trunk dialogs' choice of how a forwarded call names its
/// forwarder (forward_header): Diversion, History-Info or nothing.
QComboBox* makeForwardHeaderCombo(QWidget* parent);
void setForwardHeader(QComboBox* combo, const std::string& header);
std::string forwardHeaderOf(const QComboBox* combo);

}  // namespace sb::ui
