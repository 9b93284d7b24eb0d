#pragma once

#include <QString>
#include <QWidget>

#include <string>
#include <vector>

class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;

namespace sb::ui {

/// Edits a trunk's allowed source addresses: an entry field checked with
/// sb::config::checkAddress as it is typed (Add stays disabled while it is
/// not an address), the list, and Remove. Text left in the entry field
/// counts as an entry, so an address typed but not added is not lost when
/// the dialog is accepted, and a bad one blocks it.
class AddressListEdit final : public QWidget {
    Q_OBJECT
public:
    explicit AddressListEdit(QWidget* parent = nullptr);

    void setAddresses(const std::vector<std::string>& addresses);
    /// The listed addresses, then the entry field's text when it is not empty.
    std::vector<std::string> addresses() const;
    /// Why the entry field's text cannot be used (empty when it can, or is empty).
    QString problem() const;

signals:
    void changed();

private slots:
    void addEntry();
    void removeSelected();
    void refresh();

private:
    QString entryProblem() const;

    QLineEdit* m_entry;
    QPushButton* m_add;
    QListWidget* m_list;
    QPushButton* m_remove;
    QLabel* m_problem;
};

}  // namespace sb::ui
