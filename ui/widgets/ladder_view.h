#pragma once

#include <QWidget>

#include "diagnostics/ladder.h"

namespace sb::ui {

/// A sequence diagram of one call's message flow: a lane per party (the
/// caller, Switchboard, each callee attempt), an arrow per message with its
/// label above and its time offset on the left. It only draws the ladder
/// the core built (diagnostics::Ladder); it has no SIP knowledge.
class LadderView final : public QWidget {
    Q_OBJECT
public:
    explicit LadderView(QWidget* parent = nullptr);

    void setLadder(sb::diagnostics::Ladder ladder);
    const sb::diagnostics::Ladder& ladder() const { return m_ladder; }
    /// Lane names left to right.
    const std::vector<std::string>& lanes() const { return m_lanes; }
    /// Where the arrow of item @p index runs (for tests): x of its start and end.
    QPair<int, int> arrowSpan(int index) const;

    QSize sizeHint() const override;

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    int laneX(const std::string& lane) const;

    sb::diagnostics::Ladder m_ladder;
    std::vector<std::string> m_lanes;
};

}  // namespace sb::ui
