#pragma once

#include <QString>
#include <QStringList>
#include <QWidget>

class QAction;
class QLineEdit;
class QPlainTextEdit;
class QSortFilterProxyModel;
class QTableView;

namespace sb::ui {

class TraceModel;

/// Full texts of SIP messages as one plain text: line ends as "\n", trailing
/// blank lines dropped, one blank line between messages, a final "\n".
QString joinMessages(const QStringList& messages);

/// The "SIP trace" tab: a filter line, the message table (arrival order,
/// following the newest message while scrolled to the bottom) and the full
/// text of the selected message.
///
/// Ctrl+C (or Copy in the context menu) copies the selected messages' full
/// text; Save as text… writes every message the filter lets through.
class TracePanel final : public QWidget {
    Q_OBJECT
public:
    explicit TracePanel(TraceModel* model, QWidget* parent = nullptr);

    QTableView* view() const { return m_view; }

    /// joinMessages() of the selected rows, in view order.
    QString selectedText() const;
    /// joinMessages() of every row that matches the filter, in view order.
    QString filteredText() const;

    /// Write filteredText() to @p path. On failure shows a message box
    /// (non-blocking) with the reason and returns false.
    bool saveTo(const QString& path);

public slots:
    /// Put selectedText() on the clipboard (nothing when no row is selected).
    void copySelected();
    /// Ask for a file name, then saveTo() it.
    void saveAsText();

signals:
    /// A short message for the status bar.
    void statusMessage(const QString& text);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private slots:
    void showSelected();

private:
    TraceModel* m_model;
    QLineEdit* m_filter;
    QTableView* m_view;
    QSortFilterProxyModel* m_proxy;
    QPlainTextEdit* m_detail;
    QAction* m_copy;
    bool m_following = true;
};

}  // namespace sb::ui
