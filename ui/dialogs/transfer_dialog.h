#pragma once

#include <QDialog>
#include <QString>

class QDialogButtonBox;
class QLabel;
class QLineEdit;

namespace sb::ui {

/// Asks where the operator transfers a call (the Calls tab's Transfer…):
/// an extension, ring group or menu number, *97 + an extension for its
/// voicemail, or an outside number as the extension would dial it. The
/// number is checked as it is typed (sb::config::checkForwardTarget); OK
/// refuses an empty or bad one and says why.
class TransferDialog final : public QDialog {
    Q_OBJECT
public:
    /// @p callDescription: the call, as the Calls table shows it ("100 → 101").
    explicit TransferDialog(const QString& callDescription, QWidget* parent = nullptr);

    QString number() const;

public slots:
    void accept() override;

private:
    /// Why number() cannot be used, or empty.
    QString problem() const;

    QLineEdit* m_number;
    QLabel* m_problem;
    QDialogButtonBox* m_buttons;
};

}  // namespace sb::ui
