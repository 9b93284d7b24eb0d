#include "sip/connection_guard.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "call/call_manager.h"

namespace sb {
namespace {

using sip::ConnectionGuard;

std::vector<ConnectionGuard::Connection> fromOneAddress(const std::string& ip, int count, int firstFd = 10) {
    std::vector<ConnectionGuard::Connection> open;
    for (int i = 0; i < count; ++i) open.push_back({firstFd + i, ip + ":" + std::to_string(40000 + i), 0});
    return open;
}

std::set<int> fds(const std::vector<ConnectionGuard::Closing>& closing) {
    std::set<int> out;
    for (const auto& c : closing) out.insert(c.fd);
    return out;
}

const auto nothingInUse = [](const std::string&) { return false; };

TEST(ConnectionGuard, ClosesTheNewestBeyondTheCapPerAddress) {
    ConnectionGuard guard;
    guard.configure({3, 30, {}});
    auto first = fromOneAddress("192.0.2.7", 3);
    EXPECT_TRUE(guard.review(first, nothingInUse, 1000).empty());
    // Two more arrive later: they are the ones that go, whatever their fd.
    auto open = first;
    open.push_back({5, "192.0.2.7:50001", 0});
    open.push_back({99, "192.0.2.7:50002", 0});
    open.push_back({6, "198.51.100.1:5060", 0});  // another address has its own quota
    const auto closing = guard.review(open, nothingInUse, 2000);
    EXPECT_EQ(fds(closing), (std::set<int>{5, 99}));
    ASSERT_FALSE(closing.empty());
    EXPECT_NE(closing[0].reason.find("tcp_max_per_address"), std::string::npos) << closing[0].reason;
}

TEST(ConnectionGuard, ConnectionsInUseCountButAreNeverClosed) {
    ConnectionGuard guard;
    guard.configure({2, 30, {}});
    auto open = fromOneAddress("192.0.2.7", 4);
    // The two newest carry registrations: the older two go instead.
    auto inUse = [](const std::string& peer) { return peer == "192.0.2.7:40002" || peer == "192.0.2.7:40003"; };
    EXPECT_EQ(fds(guard.review(open, inUse, 1000)), (std::set<int>{10, 11}));
    // All in use: over the cap, yet nothing is cut.
    EXPECT_TRUE(guard.review(open, [](const std::string&) { return true; }, 2000).empty());
}

TEST(ConnectionGuard, AllowListIsExemptFromTheCapButNotFromIdleness) {
    ConnectionGuard guard;
    guard.configure({1, 30, {"10.0.0.0/8"}});
    auto open = fromOneAddress("10.1.2.3", 5);
    EXPECT_TRUE(guard.review(open, nothingInUse, 1000).empty());
    open[2].idleMs = 30000;
    EXPECT_EQ(fds(guard.review(open, nothingInUse, 2000)), (std::set<int>{12}));
}

TEST(ConnectionGuard, SilentConnectionsCloseAfterTheTimeoutUnlessInUse) {
    ConnectionGuard guard;
    guard.configure({0, 30, {}});
    std::vector<ConnectionGuard::Connection> open{
        {10, "192.0.2.1:1000", 29999}, {11, "192.0.2.1:1001", 30000}, {12, "[2001:db8::1]:5060", 90000}};
    const auto closing = guard.review(open, [](const std::string& p) { return p == "[2001:db8::1]:5060"; }, 1000);
    EXPECT_EQ(fds(closing), (std::set<int>{11}));
    ASSERT_EQ(closing.size(), 1u);
    EXPECT_NE(closing[0].reason.find("silent for 30 s"), std::string::npos) << closing[0].reason;
    guard.configure({0, 0, {}});  // 0 = never
    EXPECT_TRUE(guard.review(open, nothingInUse, 2000).empty());
}

TEST(ConnectionGuard, AReusedDescriptorIsANewConnection) {
    ConnectionGuard guard;
    guard.configure({1, 0, {}});
    std::vector<ConnectionGuard::Connection> open{{20, "192.0.2.9:1000", 0}, {21, "192.0.2.9:1001", 0}};
    EXPECT_EQ(fds(guard.review(open, nothingInUse, 1000)), (std::set<int>{21}));
    // fd 20 now belongs to a newer connection from the same address: it is
    // the newest, so it goes, and fd 21 (seen since 1000) stays.
    open = {{20, "192.0.2.9:2000", 0}, {21, "192.0.2.9:1001", 0}};
    EXPECT_EQ(fds(guard.review(open, nothingInUse, 5000)), (std::set<int>{20}));
}

TEST(ResourceRefusal, DescriptorsRunShortBeforeTheLimit) {
    call::ResourceUsage usage{100, 256, 0};
    // 100 open + 4 for this call + 64 kept free = 168: fine.
    EXPECT_EQ(call::resourceRefusal(usage, 0, 0), "");
    // 22 calls started since the sample: 100 + 4 * 23 + 64 = 256 — still fits.
    EXPECT_EQ(call::resourceRefusal(usage, 22, 0), "");
    const std::string why = call::resourceRefusal(usage, 23, 0);
    EXPECT_NE(why.find("max_open_files"), std::string::npos) << why;
    EXPECT_EQ(call::resourceRefusal({0, 0, 0}, 1000, 0), "");  // unknown: never refuse
}

TEST(ResourceRefusal, MemoryAboveTheSetting) {
    constexpr uint64_t kMiB = 1024 * 1024;
    EXPECT_EQ(call::resourceRefusal({10, 4096, 64 * kMiB}, 0, 64), "");
    const std::string why = call::resourceRefusal({10, 4096, 64 * kMiB + 1}, 0, 64);
    EXPECT_NE(why.find("max_memory_mb"), std::string::npos) << why;
    EXPECT_EQ(call::resourceRefusal({10, 4096, 1000 * kMiB}, 0, 0), "");  // 0 = no limit
}

}  // namespace
}  // namespace sb
