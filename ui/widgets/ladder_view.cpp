#include "widgets/ladder_view.h"

#include <QPainter>
#include <QPainterPath>

#include <algorithm>

#include "models/model_roles.h"

namespace sb::ui {

namespace {
constexpr int kTimeColumn = 90;  // offset text on the left
constexpr int kLaneWidth = 230;
constexpr int kHeader = 40;
constexpr int kRow = 38;
constexpr int kArrowHead = 7;
}  // namespace

LadderView::LadderView(QWidget* parent) : QWidget(parent) {
    setObjectName(QStringLiteral("ladderView"));
    setBackgroundRole(QPalette::Base);
    setAutoFillBackground(true);
}

void LadderView::setLadder(sb::diagnostics::Ladder ladder) {
    m_ladder = std::move(ladder);
    m_lanes = sb::diagnostics::ladderLanes(m_ladder);
    updateGeometry();
    resize(sizeHint());
    update();
}

QSize LadderView::sizeHint() const {
    return {kTimeColumn + kLaneWidth * static_cast<int>(std::max<size_t>(m_lanes.size(), 2)),
            kHeader + kRow * (static_cast<int>(m_ladder.size()) + 1)};
}

int LadderView::laneX(const std::string& lane) const {
    const auto it = std::find(m_lanes.begin(), m_lanes.end(), lane);
    const int index = it == m_lanes.end() ? 0 : static_cast<int>(it - m_lanes.begin());
    return kTimeColumn + kLaneWidth * index + kLaneWidth / 2;
}

QPair<int, int> LadderView::arrowSpan(int index) const {
    if (index < 0 || static_cast<size_t>(index) >= m_ladder.size()) return {0, 0};
    const auto& item = m_ladder[static_cast<size_t>(index)];
    return {laneX(item.from), laneX(item.to)};
}

void LadderView::paintEvent(QPaintEvent*) {
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QPalette pal = palette();
    const int bottom = kHeader + kRow * (static_cast<int>(m_ladder.size()) + 1) - 8;
    QFont bold = font();
    bold.setBold(true);

    for (const auto& lane : m_lanes) {
        const int x = laneX(lane);
        p.setFont(bold);
        p.setPen(pal.color(QPalette::Text));
        p.drawText(QRect(x - kLaneWidth / 2, 4, kLaneWidth, kHeader - 12), Qt::AlignCenter, qs(lane));
        p.setPen(QPen(pal.color(QPalette::Mid), 1, Qt::DashLine));
        p.drawLine(x, kHeader - 6, x, bottom);
    }
    p.setFont(font());
    const int64_t start = m_ladder.empty() ? 0 : m_ladder.front().timeMs;
    for (size_t i = 0; i < m_ladder.size(); ++i) {
        const auto& item = m_ladder[i];
        const int y = kHeader + kRow * static_cast<int>(i) + kRow - 8;
        const int from = laneX(item.from);
        const int to = laneX(item.to);
        p.setPen(pal.color(QPalette::PlaceholderText));
        p.drawText(QRect(2, y - kRow + 8, kTimeColumn - 6, kRow - 8), Qt::AlignRight | Qt::AlignVCenter,
                   QStringLiteral("+%1 s").arg(double(item.timeMs - start) / 1000.0, 0, 'f', 3));
        const bool failure =
            item.label.size() >= 3 && (item.label[0] == '4' || item.label[0] == '5' || item.label[0] == '6');
        const QColor ink = failure ? QColor(0xb0, 0x00, 0x20) : pal.color(QPalette::Text);
        p.setPen(QPen(ink, 1.5));
        if (from == to) {
            p.drawText(QRect(from - kLaneWidth / 2, y - kRow + 10, kLaneWidth, kRow - 10), Qt::AlignCenter,
                       qs(item.label));
            continue;
        }
        p.drawLine(from, y, to, y);
        const int dir = to > from ? -1 : 1;
        QPainterPath head;
        head.moveTo(to, y);
        head.lineTo(to + dir * kArrowHead, y - kArrowHead / 2 - 1);
        head.lineTo(to + dir * kArrowHead, y + kArrowHead / 2 + 1);
        head.closeSubpath();
        p.fillPath(head, ink);
        const QString text =
            item.detail.empty() ? qs(item.label) : qs(item.label + "  (" + item.detail + ")");
        const QRect box(std::min(from, to) + 4, y - kRow + 10, std::abs(to - from) - 8, kRow - 12);
        p.drawText(box, Qt::AlignHCenter | Qt::AlignBottom,
                   p.fontMetrics().elidedText(text, Qt::ElideMiddle, box.width()));
    }
}

}  // namespace sb::ui
