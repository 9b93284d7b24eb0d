#pragma once

#include <QSet>
#include <QString>
#include <QWidget>

#include <map>
#include <string>

#include "store/records.h"

class QLabel;
class QPushButton;
class QTableWidget;

namespace sb::ui {

/// Edits a trunk's DIDs: a two-column table, the DID number (typed, checked
/// with sb::config::checkDidNumber) and the extension it rings (a combo of
/// the configuration's extensions), with Add and Remove. problem() names
/// the first row that cannot be saved: a bad or repeated DID, or no
/// extension to ring.
class DidTableEdit final : public QWidget {
    Q_OBJECT
public:
    enum Column : int { DidColumn, ExtensionColumn, ColumnCount };

    /// @param config the snapshot whose extensions a DID may ring
    explicit DidTableEdit(const sb::store::Configuration& config, QWidget* parent = nullptr);

    void setDids(const std::map<std::string, std::string>& dids);
    /// DID (trimmed) → extension, row by row (a repeated DID keeps the last).
    std::map<std::string, std::string> dids() const;
    /// Why the table cannot be saved, or empty.
    QString problem() const;
    QTableWidget* table() const { return m_table; }

public slots:
    /// Append a row for extension @p extension (the first one when empty)
    /// and, when @p did is empty, select it and focus its number field.
    void addDid(const QString& did = {}, const QString& extension = {});

signals:
    void changed();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private slots:
    void removeSelected();
    void refresh();

private:
    void selectRowOf(const QWidget* editor);
    QString didAt(int row) const;
    QString extensionAt(int row) const;

    const sb::store::Configuration m_config;
    QSet<QString> m_extensions;  ///< extension and menu numbers that exist
    QTableWidget* m_table;
    QPushButton* m_add;
    QPushButton* m_remove;
    QLabel* m_problem;
};

}  // namespace sb::ui
