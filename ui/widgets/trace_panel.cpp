#include "widgets/trace_panel.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSaveFile>
#include <QScrollBar>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>

#include "models/trace_model.h"
#include "widgets/table_view.h"

namespace sb::ui {

QString joinMessages(const QStringList& messages) {
    QString out;
    for (QString text : messages) {
        text.replace(QLatin1String("\r\n"), QLatin1String("\n"));
        while (text.endsWith(QLatin1Char('\n'))) text.chop(1);
        if (!out.isEmpty()) out += QLatin1String("\n\n");
        out += text;
    }
    if (!out.isEmpty()) out += QLatin1Char('\n');
    return out;
}

TracePanel::TracePanel(TraceModel* model, QWidget* parent) : QWidget(parent), m_model(model) {
    setObjectName(QStringLiteral("tracePanel"));

    m_filter = new QLineEdit(this);
    m_filter->setObjectName(QStringLiteral("traceFilter"));
    m_filter->setPlaceholderText(tr("Filter: method, Call-ID, number, peer address…"));
    m_filter->setClearButtonEnabled(true);

    auto* clear = new QPushButton(tr("Clear"), this);
    clear->setObjectName(QStringLiteral("traceClear"));
    connect(clear, &QPushButton::clicked, m_model, &TraceModel::clear);
    auto* save = new QPushButton(tr("&Save as text…"), this);
    save->setObjectName(QStringLiteral("traceSave"));
    save->setToolTip(tr("Save every message the filter shows, in full, as a text file"));
    connect(save, &QPushButton::clicked, this, &TracePanel::saveAsText);

    m_view = makeTableView(model, QStringLiteral("traceView"), this, -1);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->installEventFilter(this);
    m_view->horizontalHeader()->resizeSection(TraceModel::Time, 110);
    m_view->horizontalHeader()->resizeSection(TraceModel::Direction, 100);
    m_view->horizontalHeader()->resizeSection(TraceModel::Peer, 150);
    m_view->horizontalHeader()->resizeSection(TraceModel::Transport, 80);
    m_view->horizontalHeader()->resizeSection(TraceModel::FirstLine, 380);
    m_proxy = proxyOf(m_view);
    m_proxy->setFilterRole(TraceModel::SearchRole);
    m_proxy->setFilterKeyColumn(0);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    connect(m_filter, &QLineEdit::textChanged, m_proxy, &QSortFilterProxyModel::setFilterFixedString);

    m_detail = new QPlainTextEdit(this);
    m_detail->setObjectName(QStringLiteral("traceDetail"));
    m_detail->setReadOnly(true);
    m_detail->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_detail->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_detail->setPlaceholderText(tr("Select a message to see it in full."));

    auto* splitter = new QSplitter(Qt::Vertical, this);
    splitter->setObjectName(QStringLiteral("traceSplitter"));
    splitter->addWidget(m_view);
    splitter->addWidget(m_detail);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);

    // The context menu: Copy (Ctrl+C while the table has focus) and Save.
    m_copy = new QAction(tr("&Copy"), this);
    m_copy->setObjectName(QStringLiteral("traceCopyAction"));
    m_copy->setShortcut(QKeySequence::Copy);
    m_copy->setShortcutContext(Qt::WidgetShortcut);
    connect(m_copy, &QAction::triggered, this, &TracePanel::copySelected);
    auto* saveAction = new QAction(save->text(), this);
    saveAction->setObjectName(QStringLiteral("traceSaveAction"));
    connect(saveAction, &QAction::triggered, this, &TracePanel::saveAsText);
    m_view->addActions({m_copy, saveAction});
    m_view->setContextMenuPolicy(Qt::ActionsContextMenu);

    auto* top = new QHBoxLayout;
    top->addWidget(m_filter, 1);
    top->addWidget(save);
    top->addWidget(clear);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(splitter, 1);

    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &TracePanel::showSelected);
    auto updateCopy = [this] { m_copy->setEnabled(m_view->selectionModel()->hasSelection()); };
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, updateCopy);
    connect(m_proxy, &QAbstractItemModel::rowsRemoved, this, updateCopy);
    connect(m_proxy, &QAbstractItemModel::modelReset, this, updateCopy);
    updateCopy();

    // Follow the newest message only while the user is at the bottom.
    connect(m_proxy, &QAbstractItemModel::rowsAboutToBeInserted, this, [this] {
        const QScrollBar* bar = m_view->verticalScrollBar();
        m_following = bar->value() == bar->maximum();
    });
    connect(m_proxy, &QAbstractItemModel::rowsInserted, this, [this] {
        if (m_following) m_view->scrollToBottom();
    });
}

bool TracePanel::eventFilter(QObject* watched, QEvent* event) {
    // Without an active window the action's shortcut does not fire; the key
    // still reaches the view (whose own Ctrl+C copies one cell's text).
    if (watched == m_view && event->type() == QEvent::KeyPress &&
        static_cast<QKeyEvent*>(event)->matches(QKeySequence::Copy)) {
        copySelected();
        return true;
    }
    return QWidget::eventFilter(watched, event);
}

QString TracePanel::selectedText() const {
    QModelIndexList rows = m_view->selectionModel()->selectedRows();
    std::sort(rows.begin(), rows.end(),
              [](const QModelIndex& a, const QModelIndex& b) { return a.row() < b.row(); });
    QStringList texts;
    for (const QModelIndex& row : rows) texts << row.data(TraceModel::FullTextRole).toString();
    return joinMessages(texts);
}

QString TracePanel::filteredText() const {
    QStringList texts;
    for (int row = 0; row < m_proxy->rowCount(); ++row)
        texts << m_proxy->index(row, 0).data(TraceModel::FullTextRole).toString();
    return joinMessages(texts);
}

void TracePanel::copySelected() {
    const QString text = selectedText();
    if (text.isEmpty()) return;
    QApplication::clipboard()->setText(text);
}

void TracePanel::saveAsText() {
    QString path = QFileDialog::getSaveFileName(this, tr("Save SIP trace"),
                                                QDir::home().filePath(QStringLiteral("sip-trace.txt")),
                                                tr("Text files (*.txt);;All files (*)"));
    if (path.isEmpty()) return;
    if (QFileInfo(path).suffix().isEmpty()) path += QLatin1String(".txt");
    saveTo(path);
}

bool TracePanel::saveTo(const QString& path) {
    const QByteArray text = filteredText().toUtf8();
    QSaveFile file(path);
    const bool written = file.open(QIODevice::WriteOnly | QIODevice::Text) &&
                         file.write(text) == text.size() && file.commit();
    if (!written) {
        auto* box = new QMessageBox(QMessageBox::Warning, tr("Save SIP trace"),
                                    tr("The SIP trace could not be saved to %1.\n\n%2")
                                        .arg(QDir::toNativeSeparators(path), file.errorString()),
                                    QMessageBox::Ok, this);
        box->setObjectName(QStringLiteral("traceSaveFailedBox"));
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();
        return false;
    }
    emit statusMessage(tr("Saved %n SIP message(s) to %1.", nullptr, m_proxy->rowCount())
                           .arg(QDir::toNativeSeparators(path)));
    return true;
}

void TracePanel::showSelected() {
    const QModelIndex current = m_view->selectionModel()->currentIndex();
    if (!current.isValid()) {
        m_detail->clear();
        return;
    }
    m_detail->setPlainText(current.data(TraceModel::FullTextRole).toString());
}

}  // namespace sb::ui
