#include "routing/dial_plan.h"

#include <gtest/gtest.h>

namespace sb::routing {
namespace {

// A configuration with a little of everything the dial plan has to handle:
// IMS lines behind a proxy, trunks by hostname, CIDR and IPv6, disabled
// targets, and routes whose order matters.
store::Configuration routingConfiguration() {
    store::Configuration c;
    c.settings.domain = "192.0.2.10";
    c.extensions = {{"100", "k7Qm2xRt9vPa", "Reception", true, false},
                    {"101", "Hn4sW8eZc3Ju", "Sales", true, false},
                    {"102", "Pq8vRt2wXy4Z", "", false, false}};

    store::ExternalLine ims;  // CTC IMS: logical domain reached through an SBC
    ims.name = "ims";
    ims.domain = "gd.ctcims.cn";
    ims.account = "+8612345678";
    ims.proxy = "198.51.100.7:5060";
    ims.incomingExtension = "100";
    store::ExternalLine cmcc;  // no user=phone, no 100rel, TCP, no proxy
    cmcc.name = "cmcc";
    cmcc.domain = "ims.bj.chinamobile.com";
    cmcc.account = "+8613800000000";
    cmcc.transport = store::Transport::Tcp;
    cmcc.userPhone = false;
    cmcc.disable100rel = true;
    cmcc.incomingExtension = "101";
    store::ExternalLine old;
    old.name = "old";
    old.domain = "198.51.100.50";
    old.account = "+8611111111";
    old.incomingExtension = "100";
    old.enabled = false;
    c.lines = {ims, cmcc, old};

    store::SipTrunk carrier;
    carrier.name = "carrier";
    carrier.host = "203.0.113.5";
    carrier.requestUriParams = "user=phone";
    carrier.allowedAddresses = {"203.0.113.5"};
    carrier.dids = {{"+8613901088888", "100"}};
    store::SipTrunk sbc;
    sbc.name = "sbc";
    sbc.host = "sbc.example.net";
    sbc.port = 5080;
    sbc.transport = store::Transport::Tls;
    sbc.proxy = "[2001:db8::7]:5061";
    sbc.allowedAddresses = {"198.18.0.0/15", "2001:db8:1::/48"};
    sbc.dids = {{"8610880000", "101"}, {"+861088001234", "102"}};
    store::SipTrunk v6;  // no allowed_addresses: recognised by its host literal
    v6.name = "v6";
    v6.host = "[2001:db8::5]";
    store::SipTrunk off;
    off.name = "off";
    off.host = "203.0.113.9";
    off.dids = {{"+8613901000000", "100"}};
    off.enabled = false;
    c.trunks = {carrier, sbc, v6, off};

    c.routes = {
        {"9NXXXXXX", 1, "+8610", "sbc", "", {}},                // 0: Beijing local numbers
        {"91[3-9]XXXXXXXXX", 1, "+86", "cmcc", "carrier", {}},  // 1: mobiles
        {"9.", 1, "", "carrier", "ims", {}},                    // 2: everything else after 9
        {"00.", 0, "", "off", "ims", {}},                       // 3: international, primary disabled
        {"0.", 0, "", "off", "", {}},                           // 4: nothing usable
        {"8XXX", 4, "", "v6", "", {}},                          // 5: strips everything: passed over
        {"8.", 1, "", "v6", "", {}},                            // 6
        {"7.", 0, "", "missing", "", {}},                       // 7: names nothing
        {"6[", 0, "", "carrier", "", {}},                       // 8: broken pattern
    };
    return c;
}

TEST(DialPlanMatch, Table) {
    const store::Configuration config = routingConfiguration();
    const DialPlan plan(config);
    struct Case {
        const char* dialled;
        int rule;  // -1 = no match
        const char* number;
    };
    for (const Case& c : std::initializer_list<Case>{
             {"92345678", 0, "+86102345678"},        // exact 8 digits: rule 0, before "9."
             {"913901088888", 1, "+8613901088888"},  // mobile range
             {"912901088888", 2, "12901088888"},     // 2 is outside [3-9]: falls to "9."
             {"923456789", 2, "23456789"},           // 9 digits: too long for 9NXXXXXX
             {"912345", 2, "12345"},
             {"9013901088888", 2, "013901088888"},
             {"9+8613901088888", 2, "+8613901088888"},  // '+' rides the '.' tail
             {"0044123", 3, "0044123"},
             {"0123", 4, "0123"},
             {"8123", 6, "123"},  // rule 5 would strip all four digits
             {"81", 6, "1"},
             {"7123", 7, "7123"},
             {"9", -1, ""},  // '.' needs at least one more character
             {"12345", -1, ""},
             {"+8613901088888", -1, ""},
             {"6[", -1, ""},  // a broken pattern never matches, even itself
             {"", -1, ""},
         }) {
        const auto match = plan.match(c.dialled, "100");
        if (c.rule < 0) {
            EXPECT_FALSE(match) << c.dialled << " matched rule " << (match ? match->ruleIndex : 0);
            continue;
        }
        ASSERT_TRUE(match) << c.dialled;
        EXPECT_EQ(match->ruleIndex, static_cast<size_t>(c.rule)) << c.dialled;
        EXPECT_EQ(match->number, c.number) << c.dialled;
        const auto& route = config.routes[static_cast<size_t>(c.rule)];
        EXPECT_EQ(match->pattern, route.pattern);
        EXPECT_EQ(match->target, route.target);
        EXPECT_EQ(match->failover, route.failover);
    }
}

TEST(DialPlanMatch, OrderIsPriority) {
    auto config = routingConfiguration();
    std::swap(config.routes[0], config.routes[2]);  // "9." now first: it wins everything after 9
    const DialPlan plan(config);
    for (const char* dialled : {"92345678", "913901088888", "912345"}) {
        const auto match = plan.match(dialled, "100");
        ASSERT_TRUE(match) << dialled;
        EXPECT_EQ(match->ruleIndex, 0u) << dialled;
        EXPECT_EQ(match->target, "carrier");
    }
}

TEST(DialPlanMatch, EmptyPlanMatchesNothingAndBrokenPatternsAreReported) {
    EXPECT_FALSE(DialPlan(store::Configuration{}).match("9123", "100"));
    const DialPlan plan(routingConfiguration());
    ASSERT_EQ(plan.problems().size(), 1u);
    EXPECT_EQ(plan.problems()[0].rfind("routes[8].pattern: ", 0), 0u) << plan.problems()[0];
}

TEST(DialPlanPlan, TargetKinds) {
    const DialPlan plan(routingConfiguration());
    EXPECT_EQ(plan.targetKind("ims"), TargetKind::Line);
    EXPECT_EQ(plan.targetKind("old"), TargetKind::Line);
    EXPECT_EQ(plan.targetKind("carrier"), TargetKind::Trunk);
    EXPECT_EQ(plan.targetKind("off"), TargetKind::Trunk);
    EXPECT_FALSE(plan.targetKind("missing"));
    EXPECT_STREQ(targetKindName(TargetKind::Line), "line");
    EXPECT_STREQ(targetKindName(TargetKind::Trunk), "trunk");
}

TEST(DialPlanPlan, TrunkThenLineThroughProxy) {
    const DialPlan plan(routingConfiguration());
    const OutgoingPlan p = plan.plan("9013901088888", "100");
    ASSERT_TRUE(p.route);
    EXPECT_TRUE(p.skipped.empty());
    ASSERT_EQ(p.attempts.size(), 2u);

    const Attempt& trunk = p.attempts[0];
    EXPECT_EQ(trunk.kind, TargetKind::Trunk);
    EXPECT_EQ(trunk.name, "carrier");
    EXPECT_EQ(trunk.number, "013901088888");
    EXPECT_EQ(trunk.requestUri, "sip:013901088888@203.0.113.5:5060;user=phone");
    EXPECT_EQ(trunk.nextHop, "203.0.113.5:5060");
    EXPECT_FALSE(trunk.viaProxy);
    EXPECT_EQ(trunk.nextHopUri(), "sip:203.0.113.5:5060;transport=udp");
    EXPECT_FALSE(trunk.omit100rel);
    EXPECT_EQ(trunk.fromUser, "100");
    EXPECT_EQ(trunk.fromHost, "192.0.2.10");

    const Attempt& line = p.attempts[1];
    EXPECT_EQ(line.kind, TargetKind::Line);
    EXPECT_EQ(line.name, "ims");
    EXPECT_EQ(line.requestUri, "sip:013901088888@gd.ctcims.cn;user=phone");
    EXPECT_EQ(line.nextHop, "198.51.100.7:5060");
    EXPECT_TRUE(line.viaProxy);
    EXPECT_EQ(line.nextHopUri(), "sip:198.51.100.7:5060;transport=udp;lr");
    EXPECT_EQ(line.transport, store::Transport::Udp);
    EXPECT_EQ(line.fromUser, "+8612345678");
    EXPECT_EQ(line.fromHost, "gd.ctcims.cn");
}

TEST(DialPlanPlan, RoutePermissionPassesOverRulesTheExtensionMayNotUse) {
    auto config = routingConfiguration();
    config.routes[1].allowedExtensions = {"101"};  // mobiles: only Sales
    config.routes[2].allowedExtensions = {"101"};  // everything else after 9: only Sales
    const DialPlan plan(config);
    // Sales may use the mobile rule.
    auto p = plan.plan("913901088888", "101");
    ASSERT_TRUE(p.route);
    EXPECT_EQ(p.route->ruleIndex, 1u);
    // Reception may not: no later rule matches either, and that is a refusal, not "unknown".
    p = plan.plan("913901088888", "100");
    EXPECT_FALSE(p.route);
    EXPECT_TRUE(p.forbidden);
    // A number no rule matches at all is not forbidden.
    p = plan.plan("5", "100");
    EXPECT_FALSE(p.route);
    EXPECT_FALSE(p.forbidden);
    // The GUI's test box (no calling extension) shows the rule.
    EXPECT_NE(plan.explain("913901088888", "").find("rule 2"), std::string::npos);
    EXPECT_NE(plan.explain("913901088888", "100").find("may not use it (403)"), std::string::npos);
}

TEST(DialPlanPlan, CallerIdRulesAndTrunkCredentials) {
    auto config = routingConfiguration();
    config.trunks[0].callerIdPrefix = "+861088";  // carrier
    config.trunks[0].authUser = "office";
    config.trunks[0].authPassword = "s3cret";
    config.lines[0].callerId = "+8612345600";     // ims
    DialPlan plan(config);
    auto p = plan.plan("9013901088888", "100");
    ASSERT_EQ(p.attempts.size(), 2u);
    EXPECT_EQ(p.attempts[0].fromUser, "+861088100");
    EXPECT_EQ(p.attempts[0].identityHeader, "P-Asserted-Identity");
    EXPECT_EQ(p.attempts[0].identityNumber, "+861088100");
    EXPECT_EQ(p.attempts[0].authUser, "office");
    EXPECT_EQ(p.attempts[0].authPassword, "s3cret");
    // A line keeps its account in From (the carrier authorises by it) and asks
    // for the presented number.
    EXPECT_EQ(p.attempts[1].fromUser, "+8612345678");
    EXPECT_EQ(p.attempts[1].identityHeader, "P-Preferred-Identity");
    EXPECT_EQ(p.attempts[1].identityNumber, "+8612345600");
    EXPECT_TRUE(p.attempts[1].authUser.empty());

    config.trunks[0].callerId = "+8610880000";  // a fixed number wins over the prefix
    plan = DialPlan(config);
    p = plan.plan("9013901088888", "100");
    EXPECT_EQ(p.attempts[0].fromUser, "+8610880000");
}

TEST(DialPlanPlan, LineWithoutUserPhoneOrProxyAndTrunkFailover) {
    const DialPlan plan(routingConfiguration());
    const OutgoingPlan p = plan.plan("913901088888", "101");
    ASSERT_EQ(p.attempts.size(), 2u);
    const Attempt& line = p.attempts[0];
    EXPECT_EQ(line.name, "cmcc");
    EXPECT_EQ(line.requestUri, "sip:+8613901088888@ims.bj.chinamobile.com");  // user_phone off
    EXPECT_EQ(line.nextHop, "ims.bj.chinamobile.com");
    EXPECT_FALSE(line.viaProxy);
    EXPECT_EQ(line.transport, store::Transport::Tcp);
    EXPECT_EQ(line.nextHopUri(), "sip:ims.bj.chinamobile.com;transport=tcp");
    EXPECT_TRUE(line.omit100rel);
    EXPECT_EQ(line.fromUser, "+8613800000000");
    const Attempt& trunk = p.attempts[1];
    EXPECT_EQ(trunk.name, "carrier");
    EXPECT_EQ(trunk.requestUri, "sip:+8613901088888@203.0.113.5:5060;user=phone");  // once, from the trunk
    EXPECT_EQ(trunk.fromUser, "101");
}

TEST(DialPlanPlan, TrunkByHostnameThroughIpv6ProxyOverTls) {
    const DialPlan plan(routingConfiguration());
    const OutgoingPlan p = plan.plan("92345678", "");
    ASSERT_EQ(p.attempts.size(), 1u);
    const Attempt& a = p.attempts[0];
    EXPECT_EQ(a.requestUri, "sip:+86102345678@sbc.example.net:5080");  // no params configured
    EXPECT_EQ(a.nextHop, "[2001:db8::7]:5061");
    EXPECT_EQ(a.transport, store::Transport::Tls);
    EXPECT_EQ(a.nextHopUri(), "sip:[2001:db8::7]:5061;transport=tls;lr");
    EXPECT_EQ(a.fromUser, "anonymous");  // no calling extension (e.g. a call from a trunk)
    EXPECT_TRUE(a.tlsVerify);            // tls_verify defaults to on

    auto config = routingConfiguration();
    config.trunks[1].tlsVerify = false;
    EXPECT_FALSE(DialPlan(config).plan("92345678", "").attempts.at(0).tlsVerify);
}

TEST(DialPlanPlan, TlsVerifyOnlyMeansSomethingOverTls) {
    const DialPlan plan(routingConfiguration());
    const OutgoingPlan p = plan.plan("913901088888", "101");  // cmcc over TCP, carrier over UDP
    ASSERT_EQ(p.attempts.size(), 2u);
    EXPECT_FALSE(p.attempts[0].tlsVerify);
    EXPECT_FALSE(p.attempts[1].tlsVerify);
}

TEST(DialPlanPlan, UnusableTargetsAreSkippedAndNamed) {
    const DialPlan plan(routingConfiguration());
    OutgoingPlan p = plan.plan("0044123", "100");
    ASSERT_EQ(p.attempts.size(), 1u);
    EXPECT_EQ(p.attempts[0].name, "ims");
    EXPECT_EQ(p.skipped, std::vector<std::string>{"trunk \"off\" is disabled"});

    p = plan.plan("0123", "100");
    EXPECT_TRUE(p.route);
    EXPECT_TRUE(p.attempts.empty());  // matched, nothing usable: 503, not 404

    p = plan.plan("7123", "100");
    EXPECT_TRUE(p.attempts.empty());
    EXPECT_EQ(p.skipped, std::vector<std::string>{"\"missing\" is no line or trunk"});

    p = plan.plan("12345", "100");
    EXPECT_FALSE(p.route);
    EXPECT_TRUE(p.attempts.empty());
}

TEST(DialPlanPlan, FailoverCodes) {
    for (int code : {kNoResponse, 408, 500, 502, 503, 504, 580, 599})
        EXPECT_TRUE(shouldFailOver(code)) << code;
    for (int code :
         {100, 180, 183, 200, 302, 400, 401, 403, 404, 407, 480, 484, 486, 487, 488, 600, 603, 604})
        EXPECT_FALSE(shouldFailOver(code)) << code;
}

TEST(DialPlanExplain, Lines) {
    const DialPlan plan(routingConfiguration());
    struct Case {
        const char* dialled;
        const char* want;
    };
    for (const Case& c : std::initializer_list<Case>{
             {"9013901088888",
              "rule 3 (9.) → trunk \"carrier\": sip:013901088888@203.0.113.5:5060;user=phone; failover line "
              "\"ims\": sip:013901088888@gd.ctcims.cn;user=phone"},
             {"913901088888",
              "rule 2 (91[3-9]XXXXXXXXX) → line \"cmcc\": sip:+8613901088888@ims.bj.chinamobile.com; "
              "failover "
              "trunk \"carrier\": sip:+8613901088888@203.0.113.5:5060;user=phone"},
             {"92345678", "rule 1 (9NXXXXXX) → trunk \"sbc\": sip:+86102345678@sbc.example.net:5080"},
             {"0044123",
              "rule 4 (00.) → trunk \"off\" is disabled; failover line \"ims\": "
              "sip:0044123@gd.ctcims.cn;user=phone"},
             {"0123", "rule 5 (0.) → trunk \"off\" is disabled; nothing to call (503)"},
             {"7123", "rule 8 (7.) → \"missing\" is no line or trunk; nothing to call (503)"},
             {"12345", "no rule matches 12345"},
             {"100", "100 is extension 100 \"Reception\"; routes are not consulted"},
             {"102", "no rule matches 102"},  // disabled extensions are not rung
         })
        EXPECT_EQ(plan.explain(c.dialled, "100"), c.want) << c.dialled;
}

}  // namespace
}  // namespace sb::routing
