// Call features (issue 16): the routing decisions, the checks, and the
// round trips of the new settings through JSON and the store.
#include "routing/call_features.h"

#include <gtest/gtest.h>

#include "config/json_config.h"
#include "config/validation.h"
#include "store_test_support.h"

namespace sb::routing {
namespace {

store::Configuration withExtensions(std::initializer_list<const char*> numbers) {
    store::Configuration c;
    c.settings.domain = "pbx.example.org";
    for (const char* n : numbers) {
        store::Extension e;
        e.number = n;
        e.password = std::string("pw-") + n;
        c.extensions.push_back(e);
    }
    return c;
}

TEST(CallFeatures, ForwardTargetsAreExtensionsMailboxesOrNumbers) {
    const auto c = withExtensions({"100", "101"});
    EXPECT_EQ(parseForwardTarget("", "100", c), std::nullopt);
    EXPECT_EQ(parseForwardTarget("101", "100", c), (ForwardTarget{ForwardTarget::Kind::Extension, "101"}));
    EXPECT_EQ(parseForwardTarget("*97", "100", c), (ForwardTarget{ForwardTarget::Kind::Voicemail, "100"}));
    EXPECT_EQ(parseForwardTarget("*97101", "100", c), (ForwardTarget{ForwardTarget::Kind::Voicemail, "101"}));
    EXPECT_EQ(parseForwardTarget("9013901088888", "100", c),
              (ForwardTarget{ForwardTarget::Kind::Outside, "9013901088888"}));
    // Not an extension (102 does not exist): the dial plan decides.
    EXPECT_EQ(parseForwardTarget("102", "100", c), (ForwardTarget{ForwardTarget::Kind::Outside, "102"}));
}

store::Configuration withGroupAndMenu() {
    auto c = withExtensions({"100", "101"});
    store::RingGroup g;
    g.number = "600";
    g.members = {store::GroupMember{"101", 20}};
    c.groups.push_back(g);
    store::IvrMenu m;
    m.number = "500";
    c.menus.push_back(m);
    return c;
}

TEST(CallFeatures, ForwardTargetsMayBeRingGroupsAndMenus) {
    const auto c = withGroupAndMenu();
    EXPECT_EQ(parseForwardTarget("600", "100", c), (ForwardTarget{ForwardTarget::Kind::Group, "600"}));
    EXPECT_EQ(parseForwardTarget("500", "100", c), (ForwardTarget{ForwardTarget::Kind::Menu, "500"}));
    EXPECT_EQ(parseForwardTarget("101", "100", c), (ForwardTarget{ForwardTarget::Kind::Extension, "101"}));
    EXPECT_EQ(parseForwardTarget("601", "100", c), (ForwardTarget{ForwardTarget::Kind::Outside, "601"}));
    EXPECT_EQ(forwardTargetName({ForwardTarget::Kind::Group, "600"}), "group 600");
    EXPECT_EQ(forwardTargetName({ForwardTarget::Kind::Menu, "500"}), "menu 500");
    EXPECT_EQ(forwardTargetName({ForwardTarget::Kind::Voicemail, "101"}), "voicemail 101");
    EXPECT_EQ(forwardTargetName({ForwardTarget::Kind::Extension, "101"}), "101");
    EXPECT_EQ(forwardTargetName({ForwardTarget::Kind::Outside, "0123"}), "0123");
    // The call record names the group like a mailbox.
    EXPECT_EQ(
        forwardsText({{"101", "102", ForwardReason::Busy}, {"102", "group 600", ForwardReason::NoAnswer}}),
        "101>102 user-busy, 102>group 600 no-answer");
}

TEST(CallFeatures, ArrivalForwardAlwaysThenDndAsBusy) {
    store::Extension e;
    e.number = "100";
    EXPECT_EQ(onArrival(e).action, Arrival::Action::Ring);
    e.dnd = true;
    EXPECT_EQ(onArrival(e).action, Arrival::Action::Busy);
    e.voicemail = true;
    EXPECT_EQ(onArrival(e).action, Arrival::Action::Voicemail);
    e.forwardBusy = "101";
    auto a = onArrival(e);
    EXPECT_EQ(a.action, Arrival::Action::Forward);
    EXPECT_EQ(a.reason, ForwardReason::Busy);
    EXPECT_EQ(a.target, "101");
    e.forwardAlways = "102";
    a = onArrival(e);
    EXPECT_EQ(a.action, Arrival::Action::Forward);
    EXPECT_EQ(a.reason, ForwardReason::Unconditional);
    EXPECT_EQ(a.target, "102");
    EXPECT_EQ(forwardSetting(e, ForwardReason::Busy), "101");
    EXPECT_EQ(forwardSetting(e, ForwardReason::NoAnswer), "");
}

TEST(CallFeatures, LoopsAndLongChainsAreStopped) {
    const ForwardTarget to101{ForwardTarget::Kind::Extension, "101"};
    const ForwardTarget out{ForwardTarget::Kind::Outside, "0123"};
    EXPECT_TRUE(forwardAllowed({"100"}, 0, to101));
    EXPECT_FALSE(forwardAllowed({"101", "102"}, 1, to101));  // 101 → 102 → 101
    EXPECT_TRUE(forwardAllowed({"101", "102"}, 1, out));
    EXPECT_FALSE(forwardAllowed({"100"}, kMaxForwardHops, out));
    // A mailbox is the end of the road: never a loop.
    EXPECT_TRUE(forwardAllowed({"100"}, 0, ForwardTarget{ForwardTarget::Kind::Voicemail, "100"}));
    // So are a group and a menu (they ring phones without their forwards),
    // even when the forwarding extension is a member; the hop limit stays.
    const ForwardTarget group{ForwardTarget::Kind::Group, "600"};
    EXPECT_TRUE(forwardAllowed({"101"}, 0, group));
    EXPECT_TRUE(forwardAllowed({"101", "102"}, 1, ForwardTarget{ForwardTarget::Kind::Menu, "500"}));
    EXPECT_FALSE(forwardAllowed({"101"}, kMaxForwardHops, group));
}

TEST(CallFeatures, DiversionListsTheMostRecentForwardFirst) {
    EXPECT_EQ(diversionHeader({}, "pbx"), "");
    const std::vector<ForwardHop> hops{{"101", "102", ForwardReason::Unconditional},
                                       {"102", "0123", ForwardReason::NoAnswer}};
    EXPECT_EQ(diversionHeader(hops, "pbx"),
              "Diversion: <sip:102@pbx>;reason=no-answer;counter=1, "
              "<sip:101@pbx>;reason=unconditional;counter=1\r\n");
}

TEST(CallFeatures, AnOperatorsDeflectionIsNamedAsSuchAndHasNoSetting) {
    const std::vector<ForwardHop> hops{{"101", "102", ForwardReason::Deflection}};
    EXPECT_EQ(diversionHeader(hops, "pbx"), "Diversion: <sip:101@pbx>;reason=deflection;counter=1\r\n");
    EXPECT_EQ(historyInfoCause(ForwardReason::Deflection), 487);  // RFC 4458: deflection during alerting
    EXPECT_EQ(forwardsText(hops), "101>102 deflection");
    store::Extension ext;
    ext.forwardAlways = "103";
    EXPECT_EQ(forwardSetting(ext, ForwardReason::Deflection), "");
    EXPECT_EQ(forwardSetting(ext, ForwardReason::Unconditional), "103");
}

TEST(CallFeatures, HistoryInfoCarriesCausesAndMappings) {
    EXPECT_EQ(historyInfoHeader({}, "pbx", "sip:x@y"), "");
    EXPECT_EQ(historyInfoHeader({{"101", "0123", ForwardReason::Busy}}, "pbx", "sip:0123@carrier"),
              "History-Info: <sip:101@pbx?Reason=SIP%3Bcause%3D486>;index=1,"
              "<sip:0123@carrier>;index=1.1;mp=1\r\n");
    const std::vector<ForwardHop> two{{"101", "102", ForwardReason::Unconditional},
                                      {"102", "0123", ForwardReason::NoAnswer}};
    EXPECT_EQ(historyInfoHeader(two, "pbx", "sip:0123@carrier"),
              "History-Info: <sip:101@pbx?Reason=SIP%3Bcause%3D302>;index=1,"
              "<sip:102@pbx?Reason=SIP%3Bcause%3D408>;index=1.1;mp=1,"
              "<sip:0123@carrier>;index=1.1.1;mp=1.1\r\n");
    EXPECT_EQ(forwardsText(two), "101>102 unconditional, 102>0123 no-answer");
}

TEST(CallFeatures, BlacklistPrefixesAndAnonymous) {
    const std::vector<std::string> list{"+86139", "0044", "anonymous"};
    EXPECT_TRUE(blacklisted(list, "+8613901088888"));
    EXPECT_TRUE(blacklisted(list, "008613901088888"));
    EXPECT_TRUE(blacklisted(list, "+442071234567"));
    EXPECT_TRUE(blacklisted(list, "anonymous"));
    EXPECT_TRUE(blacklisted(list, "Anonymous"));
    EXPECT_TRUE(blacklisted(list, ""));
    EXPECT_FALSE(blacklisted(list, "+8613801088888"));
    EXPECT_FALSE(blacklisted(list, "101"));
    EXPECT_FALSE(blacklisted({"+86139"}, "anonymous"));
    EXPECT_FALSE(blacklisted({}, "+8613901088888"));
}

TEST(CallFeatures, FeatureCodesSetAndClear) {
    const ForwardCodes codes;
    using Kind = FeatureCodeChange::Kind;
    EXPECT_EQ(matchFeatureCode(codes, "*72102"), (FeatureCodeChange{Kind::ForwardAlways, "102"}));
    EXPECT_EQ(matchFeatureCode(codes, "*73"), (FeatureCodeChange{Kind::ForwardAlways, ""}));
    EXPECT_EQ(matchFeatureCode(codes, "*90*97"), (FeatureCodeChange{Kind::ForwardBusy, "*97"}));
    EXPECT_EQ(matchFeatureCode(codes, "*91"), (FeatureCodeChange{Kind::ForwardBusy, ""}));
    EXPECT_EQ(matchFeatureCode(codes, "*929013901088888"),
              (FeatureCodeChange{Kind::ForwardNoAnswer, "9013901088888"}));
    EXPECT_EQ(matchFeatureCode(codes, "*93"), (FeatureCodeChange{Kind::ForwardNoAnswer, ""}));
    // A ring group's number, like any target.
    EXPECT_EQ(matchFeatureCode(codes, "*90600"), (FeatureCodeChange{Kind::ForwardBusy, "600"}));
    EXPECT_EQ(matchFeatureCode(codes, "*78"), (FeatureCodeChange{Kind::DndOn, ""}));
    EXPECT_EQ(matchFeatureCode(codes, "*79"), (FeatureCodeChange{Kind::DndOff, ""}));
    // Not ours: the services' codes and plain numbers.
    EXPECT_EQ(matchFeatureCode(codes, "*97"), std::nullopt);
    EXPECT_EQ(matchFeatureCode(codes, "*43"), std::nullopt);
    EXPECT_EQ(matchFeatureCode(codes, "101"), std::nullopt);
    EXPECT_EQ(matchFeatureCode(codes, "*72"), std::nullopt);
    EXPECT_TRUE(incompleteFeatureCode(codes, "*72"));
    EXPECT_FALSE(incompleteFeatureCode(codes, "*73"));

    store::Extension e;
    applyFeatureCode({Kind::ForwardAlways, "102"}, e);
    applyFeatureCode({Kind::ForwardBusy, "*97"}, e);
    applyFeatureCode({Kind::DndOn, ""}, e);
    EXPECT_EQ(e.forwardAlways, "102");
    EXPECT_EQ(e.forwardBusy, "*97");
    EXPECT_TRUE(e.dnd);
    applyFeatureCode({Kind::ForwardAlways, ""}, e);
    applyFeatureCode({Kind::DndOff, ""}, e);
    EXPECT_EQ(e.forwardAlways, "");
    EXPECT_FALSE(e.dnd);
}

TEST(CallFeaturesValidation, FieldChecks) {
    EXPECT_FALSE(config::checkForwardTarget(""));
    EXPECT_FALSE(config::checkForwardTarget("101"));
    EXPECT_FALSE(config::checkForwardTarget("*97"));
    EXPECT_FALSE(config::checkForwardTarget("*97101"));
    EXPECT_FALSE(config::checkForwardTarget("+8613901088888"));
    EXPECT_TRUE(config::checkForwardTarget("*97abc"));
    EXPECT_TRUE(config::checkForwardTarget("sip:101@pbx"));
    EXPECT_TRUE(config::checkForwardTarget("+"));
    EXPECT_FALSE(config::checkForwardHeader("history-info"));
    EXPECT_TRUE(config::checkForwardHeader("History-Info"));
    EXPECT_FALSE(config::checkBlacklistEntry("anonymous"));
    EXPECT_FALSE(config::checkBlacklistEntry("+86"));
    EXPECT_TRUE(config::checkBlacklistEntry("86x"));
    EXPECT_TRUE(config::checkBlacklistEntry(""));
}

TEST(CallFeaturesValidation, ConfigurationRules) {
    auto c = withExtensions({"100", "101"});
    c.extensions[0].forwardAlways = "100";
    c.extensions[0].forwardBusy = "*97102";
    c.extensions[0].forwardNoAnswerS = 2;
    c.settings.blacklist = {"anonymous", "abc"};
    c.settings.blacklistAnswer = 404;
    store::SipTrunk t;
    t.name = "carrier";
    t.host = "203.0.113.5";
    t.forwardHeader = "sometimes";
    c.trunks.push_back(t);
    std::vector<std::string> paths;
    for (const auto& e : config::validate(c)) paths.push_back(e.path);
    EXPECT_EQ(paths, (std::vector<std::string>{"settings.blacklist[1]", "settings.blacklist_answer",
                                               "extensions[0].forward_always", "extensions[0].forward_busy",
                                               "extensions[0].forward_no_answer_timeout",
                                               "trunks[0].forward_header"}));
}

TEST(CallFeaturesValidation, RingGroupsAndMenusAreForwardTargets) {
    auto c = withGroupAndMenu();
    c.extensions[0].forwardAlways = "600";
    c.extensions[0].forwardBusy = "500";
    c.extensions[1].forwardNoAnswer = "600";  // a member forwarding to its own group
    EXPECT_TRUE(config::validate(c).empty());
    EXPECT_FALSE(config::checkForwardTarget("600"));
}

TEST(CallFeaturesJson, NewKeysRoundTripAndDefaultsApply) {
    auto parsed = config::parseConfigurationJson(R"({"version": 1, "settings": {"domain": "pbx",
        "blacklist": ["anonymous", "+86139"], "blacklist_answer": 486},
        "extensions": [{"number": "100", "password": "pw", "forward_always": "*97", "dnd": true},
                       {"number": "101", "password": "pw", "forward_no_answer": "90123",
                        "forward_no_answer_timeout": 10}],
        "trunks": [{"name": "t", "host": "203.0.113.5", "forward_header": "history-info"}]})");
    ASSERT_TRUE(parsed) << parsed.error().message;
    EXPECT_EQ(parsed->settings.blacklist, (std::vector<std::string>{"anonymous", "+86139"}));
    EXPECT_EQ(parsed->settings.blacklistAnswer, 486u);
    EXPECT_EQ(parsed->extensions[0].forwardAlways, "*97");
    EXPECT_TRUE(parsed->extensions[0].dnd);
    EXPECT_EQ(parsed->extensions[1].forwardNoAnswerS, 10u);
    EXPECT_EQ(parsed->extensions[1].forwardBusy, "");
    EXPECT_EQ(parsed->trunks[0].forwardHeader, "history-info");
    auto again = config::parseConfigurationJson(config::configurationToJson(*parsed));
    ASSERT_TRUE(again) << again.error().message;
    EXPECT_EQ(*again, *parsed);

    auto defaults = config::parseConfigurationJson(R"({"version": 1, "settings": {"domain": "pbx"},
        "lines": [{"name": "l", "domain": "sip.example.net", "account": "a"}]})");
    ASSERT_TRUE(defaults) << defaults.error().message;
    EXPECT_EQ(defaults->lines[0].forwardHeader, "diversion");
    EXPECT_EQ(defaults->settings.blacklistAnswer, 603u);
}

}  // namespace
}  // namespace sb::routing

namespace sb::store::test {
namespace {

TEST_F(StoreTest, CallFeaturesSurviveTheStoreAndCdrKeepsForwards) {
    auto store = openOk(m_db);
    ASSERT_TRUE(store);
    const auto config = richConfiguration();
    ASSERT_TRUE(store->replaceConfiguration(config));
    auto loaded = store->loadConfiguration();
    ASSERT_TRUE(loaded) << loaded.error().message;
    EXPECT_EQ(loaded->extensions[1].forwardAlways, "*97201");
    EXPECT_TRUE(loaded->extensions[1].dnd);
    EXPECT_EQ(loaded->settings.blacklist, config.settings.blacklist);
    EXPECT_EQ(loaded->lines[0].forwardHeader, "history-info");
    EXPECT_EQ(*loaded, config);

    CdrRecord r;
    r.startMs = 1000;
    r.endMs = 2000;
    r.caller = "100";
    r.callee = "101";
    r.forwards = "101>102 user-busy";
    ASSERT_TRUE(store->appendCdrs({r}));
    auto rows = store->cdrsBetween(0, 10000);
    ASSERT_TRUE(rows) << rows.error().message;
    ASSERT_EQ(rows->size(), 1u);
    EXPECT_EQ((*rows)[0].forwards, "101>102 user-busy");
}

}  // namespace
}  // namespace sb::store::test
