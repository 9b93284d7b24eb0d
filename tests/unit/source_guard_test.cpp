#include "sip/source_guard.h"

#include <gtest/gtest.h>

#include <vector>

namespace sb::sip {
namespace {

struct Recorder {
    std::vector<std::pair<Ban, bool>> events;
    SourceGuard::BanHook hook() {
        return [this](const Ban& b, bool removed) { events.emplace_back(b, removed); };
    }
};

SourceGuard::Settings settings(uint32_t limit = 3, uint32_t windowS = 60, uint32_t banS = 600) {
    SourceGuard::Settings s;
    s.authFailLimit = limit;
    s.authFailWindowS = windowS;
    s.banTimeS = banS;
    s.allowList = {"127.0.0.0/8", "192.168.1.0/24"};
    return s;
}

constexpr int64_t kT0 = 1'790'000'000'000;

TEST(SourceGuard, BansAfterTheLimitWithinTheWindowThenLetsGo) {
    SourceGuard g;
    Recorder r;
    g.configure(settings());
    g.setBanHook(r.hook());
    g.authFailed("203.0.113.9", kT0);
    g.authFailed("203.0.113.9", kT0 + 1000);
    EXPECT_EQ(g.admit("203.0.113.9", "", kT0 + 2000), SourceGuard::Verdict::Admit);
    g.authFailed("203.0.113.9", kT0 + 2000);
    EXPECT_EQ(g.admit("203.0.113.9", "", kT0 + 2001), SourceGuard::Verdict::Banned);
    EXPECT_EQ(g.admit("203.0.113.10", "", kT0 + 2001), SourceGuard::Verdict::Admit);  // only that address
    ASSERT_EQ(r.events.size(), 1u);
    EXPECT_FALSE(r.events[0].second);
    EXPECT_EQ(r.events[0].first.address, "203.0.113.9");
    EXPECT_EQ(r.events[0].first.reason, "3 failed authentications in 60 s");
    EXPECT_EQ(r.events[0].first.untilMs, kT0 + 2000 + 600'000);

    g.sweep(kT0 + 2000 + 600'000);  // the ban time is over
    EXPECT_EQ(g.admit("203.0.113.9", "", kT0 + 2000 + 600'001), SourceGuard::Verdict::Admit);
    ASSERT_EQ(r.events.size(), 2u);
    EXPECT_TRUE(r.events[1].second);
}

TEST(SourceGuard, FailuresOutsideTheWindowDoNotCount) {
    SourceGuard g;
    g.configure(settings(3, 10));
    g.authFailed("198.51.100.1", kT0);
    g.authFailed("198.51.100.1", kT0 + 5000);
    g.authFailed("198.51.100.1", kT0 + 11000);  // the first has left the 10 s window
    EXPECT_FALSE(g.isBanned("198.51.100.1", kT0 + 11001));
    g.authFailed("198.51.100.1", kT0 + 12000);
    EXPECT_TRUE(g.isBanned("198.51.100.1", kT0 + 12001));
}

TEST(SourceGuard, AllowListIsNeverBannedOrLimited) {
    SourceGuard g;
    auto s = settings(1);
    s.rateLimit = 2;
    g.configure(s);
    for (int i = 0; i < 20; ++i) g.authFailed("192.168.1.20", kT0 + i);
    EXPECT_FALSE(g.isBanned("192.168.1.20", kT0 + 100));
    for (int i = 0; i < 50; ++i) EXPECT_EQ(g.admit("127.0.0.1", "", kT0), SourceGuard::Verdict::Admit);
    EXPECT_TRUE(g.allowListed("192.168.1.255"));
    EXPECT_FALSE(g.allowListed("192.168.2.1"));
}

TEST(SourceGuard, ScannerAgentsAreDroppedWhenTheSettingIsOn) {
    SourceGuard g;
    g.configure(settings());
    for (const char* agent : {"friendly-scanner", "sipvicious", "SIPVicious/0.3.3", "sipcli/v1.8", "Sundayddr"})
        EXPECT_EQ(g.admit("203.0.113.5", agent, kT0), SourceGuard::Verdict::Scanner) << agent;
    for (const char* agent : {"", "Yealink SIP-T46S 66.86.0.15", "Linphone/5.2", "Grandstream GXP2170"})
        EXPECT_EQ(g.admit("203.0.113.5", agent, kT0), SourceGuard::Verdict::Admit) << agent;
    auto off = settings();
    off.dropScanners = false;
    g.configure(off);
    EXPECT_EQ(g.admit("203.0.113.5", "friendly-scanner", kT0), SourceGuard::Verdict::Admit);
}

TEST(SourceGuard, RateLimitCountsPerSourcePerSecond) {
    SourceGuard g;
    auto s = settings();
    s.rateLimit = 5;
    g.configure(s);
    int admitted = 0;
    for (int i = 0; i < 20; ++i) admitted += g.admit("203.0.113.7", "", kT0 + i) == SourceGuard::Verdict::Admit;
    EXPECT_EQ(admitted, 5);
    EXPECT_EQ(g.admit("203.0.113.8", "", kT0 + 20), SourceGuard::Verdict::Admit);  // another source
    EXPECT_EQ(g.admit("203.0.113.7", "", kT0 + 1000), SourceGuard::Verdict::Admit);  // the next second
}

TEST(SourceGuard, RestoreKeepsLiveBansAndUnbanLiftsThem) {
    SourceGuard g;
    Recorder r;
    g.configure(settings());
    g.setBanHook(r.hook());
    g.restore({{"203.0.113.1", "old", kT0 - 10'000, kT0 + 10'000}, {"203.0.113.2", "expired", kT0 - 20'000, kT0 - 1}},
              kT0);
    EXPECT_TRUE(g.isBanned("203.0.113.1", kT0));
    EXPECT_FALSE(g.isBanned("203.0.113.2", kT0));
    ASSERT_EQ(r.events.size(), 1u);  // the expired one is reported gone (removed from the database)
    EXPECT_TRUE(r.events[0].second);
    EXPECT_EQ(g.bans().size(), 1u);
    EXPECT_TRUE(g.unban("203.0.113.1"));
    EXPECT_FALSE(g.unban("203.0.113.1"));
    EXPECT_EQ(g.admit("203.0.113.1", "", kT0), SourceGuard::Verdict::Admit);
    EXPECT_TRUE(g.bans().empty());
}

}  // namespace
}  // namespace sb::sip
