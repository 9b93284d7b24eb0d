#pragma once

#include <QDialog>
#include <QMap>
#include <QString>

#include <array>
#include <optional>

#include "store/records.h"

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QGroupBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QTableWidget;
class QTimeEdit;

namespace sb::ui {

/// Add or edit one auto-attendant menu: number, name, prompt file (Browse…),
/// what each key leads to, the timeout and its destination, how many wrong
/// keys are replayed and where the caller goes after that, where a caller
/// goes whose chosen extension cannot be reached, and optional business
/// hours with a destination for closed hours.
///
/// Destinations are editable combos listing "extension:<n>",
/// "voicemail:<n>" (extensions with voicemail), "menu:<n>" and "hangup".
/// The menu is checked as typed by the core's own validation of the whole
/// configuration with this menu in it, so the dialog refuses exactly what
/// the engine would, with the same reasons, shown under each field; OK stays
/// disabled (and accept() refuses) while anything is wrong. A change that
/// breaks another record (a menu or DID naming this menu's old number) is
/// refused too, naming the record.
class IvrMenuDialog final : public QDialog {
    Q_OBJECT
public:
    /// @param config   the configuration the menu goes into
    /// @param original the menu to edit, or std::nullopt to add one
    IvrMenuDialog(const sb::store::Configuration& config, const std::optional<sb::store::IvrMenu>& original,
                  QWidget* parent = nullptr);

    /// The menu as entered.
    sb::store::IvrMenu menu() const;
    /// The number of the menu being edited; empty when adding.
    QString originalNumber() const { return m_originalNumber; }
    /// True when the menu passes every check.
    bool isInputValid() const;
    /// The keys in table order ("1" … "9", "0", "*", "#").
    static const std::array<const char*, 12>& keys();

public slots:
    void accept() override;

private slots:
    void validate();

private:
    QComboBox* makeDestinationCombo(const QString& objectName, bool allowNone);
    void browsePrompt();
    /// The configuration with this dialog's menu in place of the original.
    sb::store::Configuration candidate(size_t& index) const;
    /// Problems by field key ("number", "options", "open_to", ...; "" for
    /// other records), from the core's validation.
    QMap<QString, QString> problems() const;

    sb::store::Configuration m_config;
    sb::store::IvrMenu m_original;
    QString m_originalNumber;
    bool m_editing = false;

    QLineEdit* m_number;
    QLabel* m_numberProblem;
    QLineEdit* m_name;
    QLabel* m_nameProblem;
    QLineEdit* m_prompt;
    QPushButton* m_browsePrompt;
    QLabel* m_promptProblem;
    QTableWidget* m_options;
    QLabel* m_optionsProblem;
    QSpinBox* m_timeout;
    QComboBox* m_timeoutDestination;
    QLabel* m_timeoutProblem;
    QSpinBox* m_retries;
    QComboBox* m_invalidDestination;
    QLabel* m_invalidProblem;
    QComboBox* m_fallbackDestination;
    QLabel* m_fallbackProblem;
    QGroupBox* m_hours;
    std::array<QCheckBox*, 7> m_days{};
    QTimeEdit* m_openFrom;
    QTimeEdit* m_openTo;
    QComboBox* m_closedDestination;
    QLabel* m_hoursProblem;
    QLabel* m_otherProblem;
    QDialogButtonBox* m_buttons;
};

}  // namespace sb::ui
