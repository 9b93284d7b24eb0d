#include "widgets/trace_panel.h"

#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

#include "models/trace_model.h"
#include "widgets/table_view.h"

namespace sb::ui {

TracePanel::TracePanel(TraceModel* model, QWidget* parent) : QWidget(parent), m_model(model) {
    setObjectName(QStringLiteral("tracePanel"));

    m_filter = new QLineEdit(this);
    m_filter->setObjectName(QStringLiteral("traceFilter"));
    m_filter->setPlaceholderText(tr("Filter: method, Call-ID, number, peer address…"));
    m_filter->setClearButtonEnabled(true);

    auto* clear = new QPushButton(tr("Clear"), this);
    clear->setObjectName(QStringLiteral("traceClear"));
    connect(clear, &QPushButton::clicked, m_model, &TraceModel::clear);

    m_view = makeTableView(model, QStringLiteral("traceView"), this, -1);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
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

    auto* top = new QHBoxLayout;
    top->addWidget(m_filter, 1);
    top->addWidget(clear);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(splitter, 1);

    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &TracePanel::showSelected);

    // Follow the newest message only while the user is at the bottom.
    connect(m_proxy, &QAbstractItemModel::rowsAboutToBeInserted, this, [this] {
        const QScrollBar* bar = m_view->verticalScrollBar();
        m_following = bar->value() == bar->maximum();
    });
    connect(m_proxy, &QAbstractItemModel::rowsInserted, this, [this] {
        if (m_following) m_view->scrollToBottom();
    });
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
