// The per-call ladder: bounded, lanes in order of appearance, JSON for the
// CDR column, and the text a carrier's support desk gets.
#include <gtest/gtest.h>

#include "diagnostics/ladder.h"

using namespace sb::diagnostics;

namespace {
Ladder sample() {
    // 2026-12-04 21:30:49.860 UTC and on.
    const int64_t t = 1796419849860;
    return {{t, kCallerLane, kSwitchboardLane, "INVITE sip:913901088888@127.0.0.1", "SDP PCMU, PCMA"},
            {t + 2, kSwitchboardLane, "cmcc", "INVITE sip:013901088888@127.0.0.2;user=phone",
             "Supported: 100rel"},
            {t + 40, "cmcc", kSwitchboardLane, "416 Unsupported URI Scheme", ""},
            {t + 1041, kSwitchboardLane, kCallerLane, "480 Temporarily Unavailable", ""}};
}
}  // namespace

TEST(DiagnosticsLadder, LanesInOrderOfAppearance) {
    EXPECT_EQ(ladderLanes(sample()), (std::vector<std::string>{"caller", "Switchboard", "cmcc"}));
    EXPECT_EQ(ladderLanes({}), (std::vector<std::string>{"caller", "Switchboard"}));
}

TEST(DiagnosticsLadder, BoundedAndCounted) {
    Ladder l;
    size_t dropped = 0;
    for (size_t i = 0; i < kMaxLadderItems + 3; ++i) {
        LadderItem item;
        item.timeMs = static_cast<int64_t>(i);
        appendLadder(l, item, dropped);
    }
    EXPECT_EQ(l.size(), kMaxLadderItems);
    EXPECT_EQ(dropped, 3u);
}

TEST(DiagnosticsLadder, JsonRoundTripAndDamagedText) {
    EXPECT_EQ(ladderFromJson(ladderToJson(sample())), sample());
    EXPECT_EQ(ladderToJson({}), "");
    EXPECT_TRUE(ladderFromJson("[{").empty());
    EXPECT_TRUE(ladderFromJson("{}").empty());
    // Bytes that are not UTF-8 (a carrier's reason phrase) do not throw.
    Ladder odd{{1, "a", "b", std::string("603 \xff\xfe"), ""}};
    EXPECT_EQ(ladderFromJson(ladderToJson(odd)).size(), 1u);
}

TEST(DiagnosticsLadder, TextForASupportDesk) {
    const std::string text = ladderText(sample(), "Switchboard call flow: 100 -> 913901088888");
    EXPECT_EQ(text.substr(0, text.find('\n')), "Switchboard call flow: 100 -> 913901088888");
    EXPECT_NE(
        text.find(
            "2026-12-04 21:30:49.860 UTC  +0.000s  caller -> Switchboard  INVITE sip:913901088888@127.0.0.1"
            "  [SDP PCMU, PCMA]\n"),
        std::string::npos)
        << text;
    EXPECT_NE(text.find("+0.040s  cmcc -> Switchboard    416 Unsupported URI Scheme\n"),
              std::string::npos)
        << text;
    EXPECT_NE(text.find("2026-12-04 21:30:50.901 UTC  +1.041s  Switchboard -> caller"), std::string::npos)
        << text;
}
