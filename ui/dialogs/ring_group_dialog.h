#pragma once

#include <QDialog>
#include <QMap>
#include <QString>

#include <optional>

#include "store/records.h"

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableWidget;

namespace sb::ui {

/// Add or edit one ring group: number, name, strategy (all at once or one
/// after another), the members in ringing order with each one's ring time,
/// and where a caller goes when nobody answers.
///
/// As IvrMenuDialog does, the group is checked as typed by the core's own
/// validation of the whole configuration with this group in it, so the
/// dialog refuses exactly what the engine would, with the same reasons
/// shown under each field; OK stays disabled (and accept() refuses) while
/// anything is wrong.
class RingGroupDialog final : public QDialog {
    Q_OBJECT
public:
    /// @param config   the configuration the group goes into
    /// @param original the group to edit, or std::nullopt to add one
    RingGroupDialog(const sb::store::Configuration& config,
                    const std::optional<sb::store::RingGroup>& original, QWidget* parent = nullptr);

    /// The group as entered.
    sb::store::RingGroup group() const;
    /// The number of the group being edited; empty when adding.
    QString originalNumber() const { return m_originalNumber; }
    /// True when the group passes every check.
    bool isInputValid() const;

public slots:
    void accept() override;
    /// Append a member row (the first extension not yet in the group).
    void addMember();
    /// Remove the selected member row.
    void removeMember();
    /// Move the selected member one place earlier (-1) or later (+1).
    void moveMember(int by);

private slots:
    void validate();

private:
    void insertMemberRow(int row, const sb::store::GroupMember& member);
    sb::store::GroupMember memberAt(int row) const;
    sb::store::Configuration candidate(size_t& index) const;
    /// Problems by field key ("number", "name", "members", "final_destination"; "" for other records).
    QMap<QString, QString> problems() const;

    sb::store::Configuration m_config;
    sb::store::RingGroup m_original;
    QString m_originalNumber;
    bool m_editing = false;

    QLineEdit* m_number;
    QLabel* m_numberProblem;
    QLineEdit* m_name;
    QLabel* m_nameProblem;
    QComboBox* m_strategy;
    QTableWidget* m_members;
    QPushButton* m_addMember;
    QPushButton* m_removeMember;
    QPushButton* m_upMember;
    QPushButton* m_downMember;
    QLabel* m_membersProblem;
    QComboBox* m_final;
    QLabel* m_finalProblem;
    QLabel* m_otherProblem;
    QDialogButtonBox* m_buttons;
};

}  // namespace sb::ui
