#pragma once

// The Security tab: addresses banned for failed authentications (address,
// reason, since, until) with an Unban button. Fed by BanChanged events.

#include <QString>
#include <QWidget>

#include "engine/events.h"
#include "models/keyed_table_model.h"

class QPushButton;
class QTableView;

namespace sb::ui {

class CoreBridge;

struct BanRow {
    QString address;
    QString reason;
    qint64 sinceMs = 0;
    qint64 untilMs = 0;

    QString key() const { return address; }
    bool operator==(const BanRow&) const = default;
};

class BansModel final : public KeyedTableModel<BanRow, QString> {
    Q_OBJECT
public:
    enum Column : int { Address, Reason, Since, Until, ColumnCount };
    using KeyedTableModel::KeyedTableModel;

    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    QString addressAt(int row) const { return rowAt(row).address; }

public slots:
    void update(const sb::BanChanged& change);
};

class SecurityPanel final : public QWidget {
    Q_OBJECT
public:
    SecurityPanel(CoreBridge& bridge, QWidget* parent = nullptr);
    BansModel* model() const { return m_model; }

signals:
    void statusMessage(const QString& text);

private:
    void unbanSelected();
    QString selectedAddress() const;

    CoreBridge& m_bridge;
    BansModel* m_model;
    QTableView* m_view;
    QPushButton* m_unban;
};

}  // namespace sb::ui
