// Ring groups: the ringing order (GroupMachine), validation with reasons,
// JSON and store round trips, inbound routing to a group, and the IVR's
// group destination.

#include <gtest/gtest.h>

#include <algorithm>

#include "call/service_call.h"
#include "config/ivr_rules.h"
#include "config/json_config.h"
#include "config/validation.h"
#include "routing/dial_plan.h"
#include "routing/party.h"
#include "services/ivr.h"
#include "services/ring_group.h"
#include "store_test_support.h"

namespace sb::services {
namespace {

using store::GroupMember;
using store::RingGroup;
using store::RingStrategy;

RingGroup sales(RingStrategy strategy) {
    RingGroup g;
    g.number = "600";
    g.name = "Sales";
    g.strategy = strategy;
    g.members = {{"101", 10}, {"102", 25}, {"103", 5}};
    g.finalDestination = "voicemail:100";
    return g;
}

GroupStep ring(std::vector<std::string> extensions, uint32_t timeoutS) {
    return GroupStep{GroupStep::Kind::Ring, std::move(extensions), timeoutS, {}};
}
GroupStep toFinal(std::string destination) {
    return GroupStep{GroupStep::Kind::Final, {}, 0, std::move(destination)};
}

TEST(GroupMachine, SimultaneousRingsEveryoneForTheLongestTimeoutThenTheFinalDestination) {
    GroupMachine m(sales(RingStrategy::Simultaneous));
    EXPECT_EQ(m.start(), ring({"101", "102", "103"}, 25));
    EXPECT_EQ(m.next(), toFinal("voicemail:100"));
    EXPECT_EQ(m.next(), toFinal("voicemail:100"));
}

TEST(GroupMachine, SequentialRingsOneMemberAfterTheOtherEachForItsOwnTimeout) {
    GroupMachine m(sales(RingStrategy::Sequential));
    EXPECT_EQ(m.start(), ring({"101"}, 10));
    EXPECT_EQ(m.next(), ring({"102"}, 25));
    EXPECT_EQ(m.next(), ring({"103"}, 5));
    EXPECT_EQ(m.next(), toFinal("voicemail:100"));
    // A second call (a new start) begins with the first member again.
    EXPECT_EQ(m.start(), ring({"101"}, 10));
}

TEST(GroupMachine, AGroupWithoutMembersGoesStraightToTheFinalDestination) {
    auto g = sales(RingStrategy::Simultaneous);
    g.members.clear();
    EXPECT_EQ(GroupMachine(g).start(), toFinal("voicemail:100"));
    g.strategy = RingStrategy::Sequential;
    EXPECT_EQ(GroupMachine(g).start(), toFinal("voicemail:100"));
}

// --- validation, JSON, store, routing -----------------------------------------

store::Configuration configWithGroups() {
    store::Configuration c;
    c.settings.domain = "192.0.2.10";
    c.extensions = {{"100", "k7Qm2xRt9vPa", "Reception", true, false},
                    {"101", "Hn4sW8eZc3Ju", "Sales 1", true, false},
                    {"102", "Wq8rT2yUi4Op", "Sales 2", true, false},
                    {"103", "Zp3vB8nQw2Lx", "Support", true, false}};
    c.extensions[0].voicemail = true;
    store::IvrMenu menu;
    menu.number = "500";
    menu.options = {{"1", "group:600"}};
    c.menus = {menu};
    c.groups = {sales(RingStrategy::Simultaneous), sales(RingStrategy::Sequential)};
    c.groups[1].number = "601";
    c.groups[1].name = "Support";
    c.groups[1].finalDestination = "menu:500";
    return c;
}

bool hasError(const std::vector<config::FieldError>& errors, const std::string& path,
              const std::string& part) {
    return std::any_of(errors.begin(), errors.end(), [&](const auto& e) {
        return e.path == path && e.reason.find(part) != std::string::npos;
    });
}

std::string dump(const std::vector<config::FieldError>& errors) {
    std::string out;
    for (const auto& e : errors) out += e.toString() + "\n";
    return out;
}

TEST(GroupValidation, GoodGroupsPass) {
    const auto errors = config::validate(configWithGroups());
    EXPECT_TRUE(errors.empty()) << dump(errors);
}

TEST(GroupValidation, BadGroupsAreRefusedWithAReason) {
    auto c = configWithGroups();
    c.groups[0].members.push_back({"999", 10});
    c.groups[0].members.push_back({"101", 0});
    c.groups[0].finalDestination = "group:601";
    c.groups[1].number = "101";
    c.groups[1].members.clear();
    RingGroup clash = sales(RingStrategy::Simultaneous);
    clash.number = "500";
    clash.finalDestination = "extension:777";
    RingGroup twice = sales(RingStrategy::Simultaneous);
    c.groups.push_back(clash);
    c.groups.push_back(twice);
    c.menus[0].options["2"] = "group:699";
    const auto errors = config::validate(c);
    EXPECT_TRUE(hasError(errors, "ring_groups[0].members[3].extension", "no extension 999")) << dump(errors);
    EXPECT_TRUE(hasError(errors, "ring_groups[0].members[4].extension", "101 is already a member"))
        << dump(errors);
    EXPECT_TRUE(hasError(errors, "ring_groups[0].members[4].timeout", "expected 1 to 600 seconds"))
        << dump(errors);
    EXPECT_TRUE(hasError(errors, "ring_groups[0].final_destination", "cannot be another ring group"))
        << dump(errors);
    EXPECT_TRUE(hasError(errors, "ring_groups[1].number", "already used by extensions[1]")) << dump(errors);
    EXPECT_TRUE(hasError(errors, "ring_groups[1].members", "at least one member")) << dump(errors);
    EXPECT_TRUE(hasError(errors, "ring_groups[2].number", "already used by ivr_menus[0]")) << dump(errors);
    EXPECT_TRUE(hasError(errors, "ring_groups[2].final_destination", "no extension 777")) << dump(errors);
    EXPECT_TRUE(hasError(errors, "ring_groups[3].number", "already used by ring_groups[0]")) << dump(errors);
    EXPECT_TRUE(hasError(errors, "ivr_menus[0].options[\"2\"]", "no ring group 699")) << dump(errors);
}

TEST(GroupValidation, ADidMayNameAGroupAndRoutingSaysSo) {
    auto c = configWithGroups();
    store::SipTrunk trunk;
    trunk.name = "carrier";
    trunk.host = "203.0.113.5";
    trunk.dids = {{"+8613901088888", "600"}};
    c.trunks = {trunk};
    const auto errors = config::validate(c);
    EXPECT_TRUE(errors.empty()) << dump(errors);
    const routing::DialPlan plan(c);
    const auto match = plan.inbound("203.0.113.5:5060", *routing::fromUri("sip:+8613901088888@192.0.2.10"),
                                    *routing::fromUri("sip:+8613901088888@192.0.2.10"));
    ASSERT_TRUE(match);
    EXPECT_EQ(match->extension, "600");
    EXPECT_TRUE(match->group);
    EXPECT_FALSE(match->menu);
}

TEST(GroupJson, GroupsRoundTripAndMistakesAreRefused) {
    const auto original = configWithGroups();
    const std::string text = config::configurationToJson(original);
    EXPECT_NE(text.find("\"strategy\": \"sequential\""), std::string::npos) << text;
    auto parsed = config::parseConfigurationJson(text);
    ASSERT_TRUE(parsed) << parsed.error().message << "\n" << text;
    EXPECT_EQ(parsed->groups, original.groups);

    auto bad = config::parseConfigurationJson(R"({"version": 1, "settings": {"domain": "192.0.2.10"},
        "extensions": [{"number": "100", "password": "k7Qm2xRt9vPa"}],
        "ring_groups": [{"number": "600", "strategy": "random", "members": [{"extension": "100", "timout": 5}]}]})");
    ASSERT_FALSE(bad);
    EXPECT_NE(bad.error().message.find("ring_groups[0].strategy"), std::string::npos) << bad.error().message;
    EXPECT_NE(bad.error().message.find("ring_groups[0].members[0].timout"), std::string::npos)
        << bad.error().message;
}

TEST(GroupIvr, AMenuOptionLeadsToAGroup) {
    EXPECT_EQ(config::parseIvrDestination("group:600"),
              (config::IvrDestination{config::IvrDestination::Kind::Group, "600"}));
    EXPECT_EQ(config::formatIvrDestination({config::IvrDestination::Kind::Group, "600"}), "group:600");
    const auto c = configWithGroups();
    IvrMachine m(c.menus, "500");
    EXPECT_EQ(m.start({1, 600}).kind, IvrStep::Kind::PlayMenu);
    EXPECT_EQ(m.key('1', {1, 600}), (IvrStep{IvrStep::Kind::Group, "600", false}));
}

TEST(Pickup, CodesAreRecognisedAndDoNotCollideWithConferences) {
    const call::FeatureCodes codes;
    ASSERT_TRUE(call::matchPickup(codes, "*8"));
    EXPECT_EQ(call::matchPickup(codes, "*8")->extension, "");
    ASSERT_TRUE(call::matchPickup(codes, "**101"));
    EXPECT_EQ(call::matchPickup(codes, "**101")->extension, "101");
    EXPECT_FALSE(call::matchPickup(codes, "**"));
    EXPECT_FALSE(call::matchPickup(codes, "**1a"));
    EXPECT_FALSE(call::matchPickup(codes, "*88100"));
    EXPECT_FALSE(call::matchPickup(codes, "101"));
    EXPECT_FALSE(call::matchService(codes, "*8"));
    EXPECT_TRUE(call::matchService(codes, "*88100"));
}

class GroupStore : public store::test::StoreTest {};

TEST_F(GroupStore, GroupsRoundTripThroughTheDatabase) {
    auto c = configWithGroups();
    auto db = openOk(m_db);
    ASSERT_TRUE(db);
    ASSERT_TRUE(db->replaceConfiguration(c).ok());
    auto loaded = db->loadConfiguration();
    ASSERT_TRUE(loaded.ok()) << loaded.error().message;
    EXPECT_EQ(loaded->groups, c.groups);
    // Replacing drops groups and members that are gone; member order is kept.
    c.groups.pop_back();
    std::reverse(c.groups[0].members.begin(), c.groups[0].members.end());
    c.groups[0].members.pop_back();
    ASSERT_TRUE(db->replaceConfiguration(c).ok());
    loaded = db->loadConfiguration();
    ASSERT_TRUE(loaded.ok()) << loaded.error().message;
    EXPECT_EQ(loaded->groups, c.groups);
    store::test::RawDb raw(m_db);
    EXPECT_EQ(raw.integer("SELECT COUNT(*) FROM ring_group_members"), 2);
    EXPECT_EQ(raw.integer("PRAGMA user_version"), store::Store::kSchemaVersion);
}

}  // namespace
}  // namespace sb::services
