#pragma once

#include <QWidget>

class QLineEdit;
class QPlainTextEdit;
class QSortFilterProxyModel;
class QTableView;

namespace sb::ui {

class TraceModel;

/// The "SIP trace" tab: a filter line, the message table (arrival order,
/// following the newest message while scrolled to the bottom) and the full
/// text of the selected message.
class TracePanel final : public QWidget {
    Q_OBJECT
public:
    explicit TracePanel(TraceModel* model, QWidget* parent = nullptr);

    QTableView* view() const { return m_view; }

private slots:
    void showSelected();

private:
    TraceModel* m_model;
    QLineEdit* m_filter;
    QTableView* m_view;
    QSortFilterProxyModel* m_proxy;
    QPlainTextEdit* m_detail;
    bool m_following = true;
};

}  // namespace sb::ui
