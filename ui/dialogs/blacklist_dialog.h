#pragma once

#include <QDialog>
#include <QString>

#include <cstdint>
#include <string>
#include <vector>

#include "store/records.h"

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;

namespace sb::ui {

/// Edits the blacklist (Tools → Blacklist): caller number prefixes and
/// "anonymous", refused on calls from lines and trunks, and the answer
/// they get (settings.blacklist, settings.blacklist_answer). Entries are
/// checked with sb::config::checkBlacklistEntry as they are typed; Add
/// stays disabled and OK refuses while the entry field holds a bad one.
///
/// The dialog only edits values: the caller applies them to the configuration.
class BlacklistDialog final : public QDialog {
    Q_OBJECT
public:
    explicit BlacklistDialog(const sb::store::Settings& settings, QWidget* parent = nullptr);

    /// The listed entries, then the entry field's text when it is not empty.
    std::vector<std::string> entries() const;
    /// 403, 480, 486 or 603.
    uint32_t answer() const;
    /// Put entries() and answer() into @p settings.
    void apply(sb::store::Settings& settings) const;

public slots:
    void accept() override;

private slots:
    void addEntry();
    void removeSelected();
    void refresh();

private:
    QString entryProblem() const;

    QLineEdit* m_entry;
    QPushButton* m_add;
    QPushButton* m_anonymous;
    QListWidget* m_list;
    QPushButton* m_remove;
    QLabel* m_problem;
    QComboBox* m_answer;
    QDialogButtonBox* m_buttons;
};

}  // namespace sb::ui
