#include "widgets/call_history_panel.h"

#include <QDateEdit>
#include <QDateTime>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSaveFile>
#include <QShowEvent>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>

#include <utility>

#include "core_bridge.h"
#include "engine/core.h"
#include "models/call_history_model.h"
#include "store/cdr_csv.h"
#include "widgets/call_flow_dialog.h"
#include "widgets/findings_view.h"
#include "widgets/table_view.h"

namespace sb::ui {

namespace {

constexpr int kRangeEditDelayMs = 300;

QDateEdit* makeDateEdit(const QString& objectName, QDate date, QWidget* parent) {
    auto* edit = new QDateEdit(date, parent);
    edit->setObjectName(objectName);
    edit->setCalendarPopup(true);
    return edit;
}

}  // namespace

CallHistoryPanel::CallHistoryPanel(CallHistoryModel* model, CoreBridge& bridge, QWidget* parent)
    : QWidget(parent),
      m_model(model),
      m_bridge(bridge),
      m_clock([] { return QDateTime::currentMSecsSinceEpoch(); }),
      m_today(today()) {
    setObjectName(QStringLiteral("callHistory"));
    m_query = [&bridge](quint64 requestId, qint64 fromMs, qint64 toMs) {
        return bridge.post(
            [requestId, fromMs, toMs](sb::Core& core) { core.queryCallHistory(requestId, fromMs, toMs); });
    };

    m_from = makeDateEdit(QStringLiteral("historyFrom"), m_today, this);
    m_from->setToolTip(tr("Show calls that started on or after this day"));
    m_to = makeDateEdit(QStringLiteral("historyTo"), m_today, this);
    m_to->setToolTip(tr("Show calls that started on or before this day"));
    m_refresh = new QPushButton(tr("&Refresh"), this);
    m_refresh->setObjectName(QStringLiteral("historyRefresh"));
    m_export = new QPushButton(tr("E&xport CSV…"), this);
    m_export->setObjectName(QStringLiteral("historyExport"));
    m_export->setToolTip(tr("Save the calls shown as a CSV file"));
    m_flow = new QPushButton(tr("Call flo&w…"), this);
    m_flow->setObjectName(QStringLiteral("historyCallFlow"));
    m_flow->setToolTip(tr("The SIP messages of the selected call as a sequence diagram, to read or export"));
    m_flow->setEnabled(false);
    m_ladderQuery = [&bridge](quint64 requestId, qint64 cdrId) {
        return bridge.post([requestId, cdrId](sb::Core& core) { core.queryCallLadder(requestId, cdrId); });
    };
    m_count = new QLabel(this);
    m_count->setObjectName(QStringLiteral("historyCount"));

    m_view = makeTableView(model, QStringLiteral("historyView"), this, CallHistoryModel::Start);
    m_view->horizontalHeader()->setSortIndicator(CallHistoryModel::Start, Qt::DescendingOrder);
    QHeaderView* header = m_view->horizontalHeader();
    header->setDefaultSectionSize(120);
    header->resizeSection(CallHistoryModel::Start, 150);
    for (const int column : {CallHistoryModel::Answer, CallHistoryModel::End, CallHistoryModel::SipCode,
                             CallHistoryModel::Duration, CallHistoryModel::Billable, CallHistoryModel::Codec})
        header->resizeSection(column, 75);
    header->resizeSection(CallHistoryModel::Route, 90);
    header->resizeSection(CallHistoryModel::Disposition, 90);

    m_findings = new FindingsView(QStringLiteral("historyFindings"), this);

    auto* from = new QLabel(tr("Fro&m"), this);
    from->setBuddy(m_from);
    auto* to = new QLabel(tr("t&o"), this);
    to->setBuddy(m_to);
    auto* top = new QHBoxLayout;
    top->setContentsMargins(4, 0, 4, 0);
    top->addWidget(from);
    top->addWidget(m_from);
    top->addWidget(to);
    top->addWidget(m_to);
    top->addWidget(m_refresh);
    top->addSpacing(12);
    top->addWidget(m_count);
    top->addStretch(1);
    top->addWidget(m_flow);
    top->addWidget(m_export);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 4, 0, 0);
    layout->addLayout(top);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_findings);

    m_autoRefresh.setSingleShot(true);
    m_autoRefresh.setInterval(kAutoRefreshMs);
    m_autoRefresh.setTimerType(Qt::PreciseTimer);  // a coarse timer may fire 5 % early
    connect(&m_autoRefresh, &QTimer::timeout, this, &CallHistoryPanel::onAutoRefresh);
    m_rangeChanged.setSingleShot(true);
    m_rangeChanged.setInterval(kRangeEditDelayMs);
    connect(&m_rangeChanged, &QTimer::timeout, this, &CallHistoryPanel::refresh);

    // Keep from <= to whichever end the user moves.
    connect(m_from, &QDateEdit::dateChanged, this, [this](QDate date) {
        if (date > m_to->date()) m_to->setDate(date);
        m_rangeChanged.start();
    });
    connect(m_to, &QDateEdit::dateChanged, this, [this](QDate date) {
        if (date < m_from->date()) m_from->setDate(date);
        m_rangeChanged.start();
    });
    connect(m_refresh, &QPushButton::clicked, this, &CallHistoryPanel::refresh);
    connect(m_export, &QPushButton::clicked, this, &CallHistoryPanel::exportCsv);
    connect(m_flow, &QPushButton::clicked, this, &CallHistoryPanel::showCallFlow);
    connect(&bridge, &CoreBridge::callLadder, this, &CallHistoryPanel::onCallLadder);
    connect(&bridge, &CoreBridge::callHistory, this, &CallHistoryPanel::onCallHistory);
    connect(&bridge, &CoreBridge::callEnded, this, &CallHistoryPanel::onCallEnded);
    connect(m_model, &QAbstractItemModel::modelReset, this, &CallHistoryPanel::updateCount);
    connect(m_model, &QAbstractItemModel::modelReset, this, &CallHistoryPanel::updateFindings);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &CallHistoryPanel::updateFindings);
    updateCount();
}

void CallHistoryPanel::setQuery(Query query) { m_query = std::move(query); }

void CallHistoryPanel::setLadderQuery(LadderQuery query) { m_ladderQuery = std::move(query); }

void CallHistoryPanel::setClock(Clock clock) {
    m_clock = std::move(clock);
    followToday();
}

QDate CallHistoryPanel::today() const { return QDateTime::fromMSecsSinceEpoch(m_clock()).date(); }

void CallHistoryPanel::followToday() {
    const QDate now = today();
    if (now == m_today) return;
    const bool showingToday = m_from->date() == m_today && m_to->date() == m_today;
    m_today = now;
    if (showingToday) setRange(now, now);
}

void CallHistoryPanel::setRange(QDate from, QDate to) {
    if (from > to) std::swap(from, to);
    m_from->setDate(from);
    m_to->setDate(to);
}

qint64 CallHistoryPanel::fromMs() const { return m_from->date().startOfDay().toMSecsSinceEpoch(); }

qint64 CallHistoryPanel::toMs() const { return m_to->date().addDays(1).startOfDay().toMSecsSinceEpoch(); }

bool CallHistoryPanel::rangeIncludesNow() const {
    const qint64 now = m_clock();
    return fromMs() <= now && now < toMs();
}

void CallHistoryPanel::refresh() {
    followToday();
    m_rangeChanged.stop();
    m_stale = false;
    // Whatever was asked before is superseded: its answer will be ignored.
    m_pendingRequestId = m_bridge.nextRequestId();
    if (!m_query(m_pendingRequestId, fromMs(), toMs())) {
        m_pendingRequestId = 0;
        emit statusMessage(tr("The engine is not running; call history cannot be read."));
    }
    updateCount();
}

void CallHistoryPanel::onCallHistory(const sb::CallHistory& history) {
    if (history.requestId == 0 || history.requestId != m_pendingRequestId) return;  // stale or not ours
    m_pendingRequestId = 0;
    if (!history.error.empty()) {
        // The rows of the last good answer stay.
        emit statusMessage(tr("Call history could not be read: %1").arg(qs(history.error)));
    } else {
        m_model->setRecords(history.records);
    }
    updateCount();
}

void CallHistoryPanel::onCallEnded() {
    if (m_autoRefresh.isActive()) return;
    followToday();
    if (rangeIncludesNow()) m_autoRefresh.start();
}

void CallHistoryPanel::onAutoRefresh() {
    if (!isVisible()) {
        m_stale = true;
        return;
    }
    refresh();
}

void CallHistoryPanel::showEvent(QShowEvent* event) {
    QWidget::showEvent(event);
    if (m_stale && !event->spontaneous()) refresh();
}

void CallHistoryPanel::updateCount() {
    const int rows = m_model->rowCount();
    m_export->setEnabled(rows > 0);
    QString text = tr("Calls: %1").arg(rows);
    if (m_pendingRequestId) text = tr("%1 (refreshing…)").arg(text);
    m_count->setText(text);
}

void CallHistoryPanel::updateFindings() {
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    const int row = rows.size() == 1 ? proxyOf(m_view)->mapToSource(rows.front()).row() : -1;
    m_flow->setEnabled(row >= 0 && row < m_model->rowCount());
    if (row < 0 || row >= m_model->rowCount()) {
        m_findings->setFindings({}, {});
        return;
    }
    const auto& record = m_model->recordAt(row);
    m_findings->setFindings(record.answerMs ? tr("What went wrong in this call") : tr("Why this call failed"),
                            record.findings);
}

void CallHistoryPanel::showCallFlow() {
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    if (rows.size() != 1) return;
    const int row = proxyOf(m_view)->mapToSource(rows.front()).row();
    if (row < 0 || row >= m_model->rowCount()) return;
    m_ladderRecord = m_model->recordAt(row);
    m_pendingLadderId = m_bridge.nextRequestId();
    if (!m_ladderQuery(m_pendingLadderId, m_ladderRecord.id)) {
        m_pendingLadderId = 0;
        emit statusMessage(tr("The engine is not running; the call flow cannot be read."));
    }
}

void CallHistoryPanel::onCallLadder(const sb::CallLadder& ladder) {
    if (ladder.requestId == 0 || ladder.requestId != m_pendingLadderId) return;  // stale or not ours
    m_pendingLadderId = 0;
    if (!ladder.error.empty()) {
        emit statusMessage(tr("The call flow could not be read: %1").arg(qs(ladder.error)));
        return;
    }
    // open(), not exec(): engine events keep flowing while it is up.
    auto* dialog = new CallFlowDialog(m_ladderRecord, ladder.ladder, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

std::vector<sb::store::CdrRecord> CallHistoryPanel::shownRecords() const {
    const QSortFilterProxyModel* proxy = proxyOf(m_view);
    std::vector<sb::store::CdrRecord> records;
    records.reserve(static_cast<size_t>(proxy->rowCount()));
    for (int row = 0; row < proxy->rowCount(); ++row)
        records.push_back(m_model->recordAt(proxy->mapToSource(proxy->index(row, 0)).row()));
    return records;
}

void CallHistoryPanel::exportCsv() {
    const QString suggested = QDir::home().filePath(
        QStringLiteral("call-history-%1.csv").arg(m_from->date().toString(Qt::ISODate)));
    QString path = QFileDialog::getSaveFileName(this, tr("Export call history"), suggested,
                                                tr("CSV files (*.csv);;All files (*)"));
    if (path.isEmpty()) return;
    if (QFileInfo(path).suffix().isEmpty()) path += QLatin1String(".csv");
    exportTo(path);
}

bool CallHistoryPanel::exportTo(const QString& path) {
    const std::vector<sb::store::CdrRecord> records = shownRecords();
    const std::string csv = sb::store::cdrCsv(records);
    QSaveFile file(path);
    const bool written = file.open(QIODevice::WriteOnly) &&
                         file.write(csv.data(), static_cast<qint64>(csv.size())) ==
                             static_cast<qint64>(csv.size()) &&
                         file.commit();
    if (!written) {
        // open(), not exec(): engine events keep flowing while the box is up.
        auto* box = new QMessageBox(QMessageBox::Warning, tr("Export call history"),
                                    tr("The call history could not be saved to %1.\n\n%2")
                                        .arg(QDir::toNativeSeparators(path), file.errorString()),
                                    QMessageBox::Ok, this);
        box->setObjectName(QStringLiteral("historyExportFailedBox"));
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();
        return false;
    }
    emit statusMessage(tr("Exported %n call(s) to %1.", nullptr, static_cast<int>(records.size()))
                           .arg(QDir::toNativeSeparators(path)));
    return true;
}

}  // namespace sb::ui
