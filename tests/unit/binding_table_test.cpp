#include <gtest/gtest.h>

#include "sip/binding_table.h"

using namespace sb::sip;

namespace {

RegisterRequest reg(const std::string& ext, std::vector<ContactRequest> contacts, std::optional<uint32_t> expires,
                    const std::string& callId = "call-1", uint32_t cseq = 1) {
    RegisterRequest r;
    r.extension = ext;
    r.contacts = std::move(contacts);
    r.expiresHeaderS = expires;
    r.callId = callId;
    r.cseq = cseq;
    r.source = "127.0.0.1:5062";
    r.transport = "UDP";
    return r;
}

const ExpiryPolicy kPolicy{60, 3600, 1800, 3};

}  // namespace

TEST(BindingTable, AddsRefreshesAndLists) {
    BindingTable t;
    auto out = t.apply(reg("100", {{"sip:100@a", std::nullopt}}, 600), kPolicy, 0);
    EXPECT_EQ(out.status, 200);
    ASSERT_EQ(out.changed.size(), 1u);
    EXPECT_EQ(out.changed[0].expiresAtMs, 600'000);
    out = t.apply(reg("100", {{"sip:100@a", 120}}, 600, "call-1", 2), kPolicy, 1000);
    EXPECT_EQ(t.bindingsOf("100").size(), 1u);
    EXPECT_EQ(t.bindingsOf("100")[0].expiresAtMs, 121'000) << "the contact's expires beats the header";
}

TEST(BindingTable, DefaultFloorAndCap) {
    BindingTable t;
    EXPECT_EQ(t.apply(reg("100", {{"sip:100@a", std::nullopt}}, std::nullopt), kPolicy, 0).changed[0].expiresAtMs,
              1'800'000);
    auto brief = t.apply(reg("100", {{"sip:100@b", 30}}, std::nullopt, "call-1", 2), kPolicy, 0);
    EXPECT_EQ(brief.status, 423);
    EXPECT_EQ(brief.minExpiresS, 60u);
    EXPECT_EQ(t.size(), 1u) << "a refused REGISTER changes nothing";
    EXPECT_EQ(t.apply(reg("100", {{"sip:100@c", 99999}}, std::nullopt, "call-1", 3), kPolicy, 0)
                  .changed[0]
                  .expiresAtMs,
              3'600'000);
}

TEST(BindingTable, UnregisterOneAndWildcard) {
    BindingTable t;
    t.apply(reg("100", {{"sip:100@a", std::nullopt}, {"sip:100@b", std::nullopt}}, 600), kPolicy, 0);
    auto out = t.apply(reg("100", {{"sip:100@a", 0}}, std::nullopt, "call-1", 2), kPolicy, 0);
    ASSERT_EQ(out.removed.size(), 1u);
    EXPECT_EQ(out.removed[0].contact, "sip:100@a");
    auto bad = t.apply([] {
        auto r = reg("100", {}, 600, "call-1", 3);
        r.wildcard = true;
        return r;
    }(), kPolicy, 0);
    EXPECT_EQ(bad.status, 400);
    auto star = reg("100", {}, 0, "call-1", 4);
    star.wildcard = true;
    out = t.apply(star, kPolicy, 0);
    EXPECT_EQ(out.status, 200);
    EXPECT_EQ(out.removed.size(), 1u);
    EXPECT_EQ(t.size(), 0u);
}

TEST(BindingTable, SameCallIdNeedsRisingCseq) {
    BindingTable t;
    t.apply(reg("100", {{"sip:100@a", std::nullopt}}, 600, "call-1", 5), kPolicy, 0);
    EXPECT_EQ(t.apply(reg("100", {{"sip:100@a", std::nullopt}}, 600, "call-1", 5), kPolicy, 0).status, 500);
    EXPECT_EQ(t.apply(reg("100", {{"sip:100@a", std::nullopt}}, 600, "call-1", 4), kPolicy, 0).status, 500);
    EXPECT_EQ(t.apply(reg("100", {{"sip:100@a", std::nullopt}}, 600, "call-2", 1), kPolicy, 0).status, 200)
        << "a new Call-ID (the phone rebooted) replaces the binding";
}

TEST(BindingTable, CapDropsTheOldest) {
    BindingTable t;
    for (int i = 0; i < 5; ++i)
        t.apply(reg("100", {{"sip:100@" + std::to_string(i), std::nullopt}}, 600, "c" + std::to_string(i)),
                kPolicy, i);
    auto list = t.bindingsOf("100");
    ASSERT_EQ(list.size(), 3u);
    EXPECT_EQ(list.front().contact, "sip:100@2");
}

TEST(BindingTable, ExpiresAndRetainsAndRestores) {
    BindingTable t;
    t.apply(reg("100", {{"sip:100@a", 60}}, std::nullopt), kPolicy, 0);
    t.apply(reg("101", {{"sip:101@a", 600}}, std::nullopt), kPolicy, 0);
    EXPECT_TRUE(t.expire(59'999).empty());
    EXPECT_EQ(t.expire(60'000).size(), 1u);
    EXPECT_EQ(t.retainExtensions({"100"}).size(), 1u);
    EXPECT_EQ(t.size(), 0u);
    Binding old{"100", "sip:100@x", "1.2.3.4:5060", "UDP", "", "c", 1, 1000, true};
    t.restore(old, 2000);
    EXPECT_EQ(t.size(), 0u) << "expired bindings are not restored";
    old.expiresAtMs = 5000;
    t.restore(old, 2000);
    EXPECT_EQ(t.size(), 1u);
    auto changed = t.setReachable("100", "sip:100@x", false);
    ASSERT_TRUE(changed);
    EXPECT_FALSE(changed->reachable);
    EXPECT_FALSE(t.setReachable("100", "sip:100@x", false)) << "no change, no event";
}
