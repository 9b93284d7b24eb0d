// The auto attendant: the menu state machine, business hours with an
// injected time, validation of menus, JSON and store round trips, and the
// IVR service against a scripted call.

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>

#include "config/ivr_rules.h"
#include "config/json_config.h"
#include "config/validation.h"
#include "media_test_support.h"
#include "routing/dial_plan.h"
#include "routing/party.h"
#include "services/ivr.h"
#include "store_test_support.h"

namespace sb::services {
namespace {

using config::LocalTime;
using store::IvrMenu;
using namespace std::chrono_literals;

constexpr LocalTime kTuesdayNoon{1, 12 * 60};
constexpr LocalTime kSaturdayNoon{5, 12 * 60};

IvrStep play(bool invalidFirst = false) {
    return IvrStep{IvrStep::Kind::PlayMenu, {}, invalidFirst};
}
IvrStep connect(std::string ext) {
    return IvrStep{IvrStep::Kind::Connect, std::move(ext), false};
}
IvrStep voicemail(std::string ext) {
    return IvrStep{IvrStep::Kind::Voicemail, std::move(ext), false};
}
IvrStep hangup() {
    return IvrStep{IvrStep::Kind::Hangup, {}, false};
}

std::vector<IvrMenu> menus() {
    IvrMenu main;
    main.number = "500";
    main.options = {{"1", "extension:101"}, {"2", "menu:501"}, {"0", "voicemail:100"}, {"#", "hangup"}};
    main.timeoutS = 5;
    main.timeoutDestination = "extension:100";
    main.invalidRetries = 2;
    main.invalidDestination = "voicemail:100";
    main.fallbackDestination = "menu:501";
    IvrMenu sub;
    sub.number = "501";
    sub.options = {{"*", "menu:500"}, {"3", "extension:103"}};
    sub.timeoutDestination = "menu:500";
    return {main, sub};
}

TEST(IvrMachine, AKeyLeadsToItsDestination) {
    IvrMachine m(menus(), "500");
    EXPECT_EQ(m.start(kTuesdayNoon), play());
    EXPECT_EQ(m.key('1', kTuesdayNoon), connect("101"));
    // Connecting: keys are no longer menu choices.
    EXPECT_EQ(m.key('2', kTuesdayNoon), std::nullopt);
}

TEST(IvrMachine, SubmenuAndBack) {
    IvrMachine m(menus(), "500");
    m.start(kTuesdayNoon);
    EXPECT_EQ(m.key('2', kTuesdayNoon), play());
    ASSERT_TRUE(m.current());
    EXPECT_EQ(m.current()->number, "501");
    EXPECT_EQ(m.key('*', kTuesdayNoon), play());
    EXPECT_EQ(m.current()->number, "500");
    EXPECT_EQ(m.key('0', kTuesdayNoon), voicemail("100"));
}

TEST(IvrMachine, InvalidKeysReplayWithTheInvalidPromptThenGoToTheInvalidDestination) {
    IvrMachine m(menus(), "500");
    m.start(kTuesdayNoon);
    EXPECT_EQ(m.key('7', kTuesdayNoon), play(true));
    EXPECT_EQ(m.invalidCount(), 1u);
    EXPECT_EQ(m.key('8', kTuesdayNoon), play(true));
    EXPECT_EQ(m.key('9', kTuesdayNoon), voicemail("100"));  // invalid_retries = 2
}

TEST(IvrMachine, ZeroRetriesGoesStraightToTheInvalidDestination) {
    auto config = menus();
    config[0].invalidRetries = 0;
    config[0].invalidDestination = "hangup";
    IvrMachine m(config, "500");
    m.start(kTuesdayNoon);
    EXPECT_EQ(m.key('5', kTuesdayNoon), hangup());
    EXPECT_EQ(m.why(), "");
}

TEST(IvrMachine, AValidKeyAfterAWrongOneStartsTheCountAgainInTheNextMenu) {
    IvrMachine m(menus(), "500");
    m.start(kTuesdayNoon);
    m.key('7', kTuesdayNoon);
    m.key('2', kTuesdayNoon);  // to 501
    EXPECT_EQ(m.invalidCount(), 0u);
}

TEST(IvrMachine, TimeoutGoesToTheTimeoutDestination) {
    IvrMachine m(menus(), "500");
    m.start(kTuesdayNoon);
    EXPECT_EQ(m.timeout(kTuesdayNoon), connect("100"));
}

TEST(IvrMachine, UnreachableExtensionGoesToTheFallback) {
    IvrMachine m(menus(), "500");
    m.start(kTuesdayNoon);
    m.key('1', kTuesdayNoon);
    EXPECT_EQ(m.unreachable(kTuesdayNoon), play());
    EXPECT_EQ(m.current()->number, "501");
    EXPECT_EQ(m.key('3', kTuesdayNoon), connect("103"));
}

TEST(IvrMachine, ClosedHoursGoToTheClosedDestination) {
    auto config = menus();
    config[0].openDays = {"mon", "tue", "wed", "thu", "fri"};
    config[0].openFrom = "09:00";
    config[0].openTo = "17:00";
    config[0].closedDestination = "voicemail:100";
    EXPECT_EQ(IvrMachine(config, "500").start(kTuesdayNoon), play());
    EXPECT_EQ(IvrMachine(config, "500").start(kSaturdayNoon), voicemail("100"));
    EXPECT_EQ(IvrMachine(config, "500").start(LocalTime{1, 17 * 60}), voicemail("100"));  // to is exclusive
    EXPECT_EQ(IvrMachine(config, "500").start(LocalTime{1, 9 * 60}), play());             // from is inclusive
    // Closed to another menu: that menu plays.
    config[0].closedDestination = "menu:501";
    IvrMachine m(config, "500");
    EXPECT_EQ(m.start(kSaturdayNoon), play());
    EXPECT_EQ(m.current()->number, "501");
}

TEST(IvrMachine, MenusPointingAtEachOtherWithoutAKeyEndTheCall) {
    auto config = menus();
    config[0].openDays = {"sun"};
    config[0].closedDestination = "menu:501";
    config[1].openDays = {"sun"};
    config[1].closedDestination = "menu:500";
    IvrMachine m(config, "500");
    EXPECT_EQ(m.start(kTuesdayNoon), hangup());
    EXPECT_NE(m.why().find("without a key"), std::string::npos) << m.why();
}

TEST(IvrMachine, SilentCallerOnASelfLoopingTimeoutIsHungUpEventually) {
    auto config = menus();
    config[1].timeoutDestination = "menu:501";
    IvrMachine m(config, "501");
    IvrStep step = m.start(kTuesdayNoon);
    int replays = 0;
    while (step.kind == IvrStep::Kind::PlayMenu && replays < 100) {
        step = m.timeout(kTuesdayNoon);
        ++replays;
    }
    EXPECT_EQ(step, hangup());
    EXPECT_EQ(replays, IvrMachine::kMaxHopsWithoutKey);
}

TEST(IvrMachine, UnknownMenuHangsUpWithAReason) {
    IvrMachine m(menus(), "999");
    EXPECT_EQ(m.start(kTuesdayNoon), hangup());
    EXPECT_NE(m.why().find("menu 999"), std::string::npos);
}

TEST(IvrRules, BusinessHours) {
    IvrMenu menu;
    EXPECT_TRUE(config::isOpen(menu, kSaturdayNoon)) << "no open days: always open";
    menu.openDays = {"sat"};
    menu.openFrom = "10:00";
    menu.openTo = "14:30";
    EXPECT_TRUE(config::isOpen(menu, kSaturdayNoon));
    EXPECT_FALSE(config::isOpen(menu, kTuesdayNoon));
    EXPECT_FALSE(config::isOpen(menu, LocalTime{5, 9 * 60 + 59}));
    EXPECT_TRUE(config::isOpen(menu, LocalTime{5, 14 * 60 + 29}));
    EXPECT_FALSE(config::isOpen(menu, LocalTime{5, 14 * 60 + 30}));
    menu.openTo = "25:00";
    EXPECT_FALSE(config::isOpen(menu, kSaturdayNoon)) << "an unreadable time counts as closed";
}

TEST(IvrRules, LocalTimeCountsWeekdaysFromMonday) {
    // 2026-12-07 is a Monday; noon UTC is a Monday everywhere within ±11 h.
    const LocalTime t = config::localTimeAt(1796644800);
    EXPECT_EQ(t.weekday, 0);
    EXPECT_GE(t.minuteOfDay, 0);
    EXPECT_LT(t.minuteOfDay, 1440);
}

TEST(IvrRules, DestinationsClockTimesAndKeys) {
    using K = config::IvrDestination::Kind;
    EXPECT_EQ(config::parseIvrDestination("extension:101"), (config::IvrDestination{K::Extension, "101"}));
    EXPECT_EQ(config::parseIvrDestination("voicemail:7"), (config::IvrDestination{K::Voicemail, "7"}));
    EXPECT_EQ(config::parseIvrDestination("menu:500"), (config::IvrDestination{K::Menu, "500"}));
    EXPECT_EQ(config::parseIvrDestination("hangup"), (config::IvrDestination{K::Hangup, ""}));
    for (const char* bad :
         {"", "extension:", "extension:1a", "queue:1", "hangup:1", "Extension:101", "menu:500 "})
        EXPECT_FALSE(config::parseIvrDestination(bad)) << bad;
    for (const char* text : {"extension:101", "voicemail:7", "menu:500", "hangup"})
        EXPECT_EQ(config::formatIvrDestination(*config::parseIvrDestination(text)), text);
    EXPECT_EQ(config::parseClockTime("00:00"), 0);
    EXPECT_EQ(config::parseClockTime("23:59"), 1439);
    for (const char* bad : {"24:00", "9:00", "09:60", "0900", "09:0a", ""})
        EXPECT_FALSE(config::parseClockTime(bad)) << bad;
    EXPECT_FALSE(config::checkIvrKey("#"));
    EXPECT_FALSE(config::checkIvrKey("0"));
    EXPECT_TRUE(config::checkIvrKey("10"));
    EXPECT_TRUE(config::checkIvrKey("A"));
}

// --- validation, JSON, store -------------------------------------------------

store::Configuration configWithMenus() {
    store::Configuration c;
    c.settings.domain = "192.0.2.10";
    c.extensions = {{"100", "k7Qm2xRt9vPa", "Reception", true, false},
                    {"101", "Hn4sW8eZc3Ju", "Sales", true, true},
                    {"103", "Zp3vB8nQw2Lx", "Support", true, false}};
    c.extensions[0].voicemail = true;
    c.menus = menus();
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

TEST(IvrValidation, AGoodMenuPasses) {
    const auto errors = config::validate(configWithMenus());
    EXPECT_TRUE(errors.empty()) << dump(errors);
}

TEST(IvrValidation, BadValuesAreRefusedWithAReason) {
    auto c = configWithMenus();
    IvrMenu& m = c.menus[0];
    m.options["A"] = "hangup";
    m.options["5"] = "extension:999";
    m.options["6"] = "voicemail:101";  // 101 has no voicemail
    m.options["7"] = "menu:777";
    m.options["8"] = "ring group 2";
    m.timeoutS = 0;
    m.invalidRetries = 11;
    m.openDays = {"mon", "funday", "mon"};
    m.openFrom = "18:00";
    m.openTo = "09:00";
    m.closedDestination = "";
    c.menus[1].number = "101";  // an extension's number
    const auto errors = config::validate(c);
    const std::string base = "ivr_menus[0]";
    EXPECT_TRUE(hasError(errors, base + ".options[\"A\"]", "one of 0-9, * or #")) << dump(errors);
    EXPECT_TRUE(hasError(errors, base + ".options[\"5\"]", "no extension 999")) << dump(errors);
    EXPECT_TRUE(hasError(errors, base + ".options[\"6\"]", "extension 101 has no voicemail")) << dump(errors);
    EXPECT_TRUE(hasError(errors, base + ".options[\"7\"]", "no auto-attendant menu 777")) << dump(errors);
    EXPECT_TRUE(hasError(errors, base + ".options[\"8\"]", "expected extension:<number>")) << dump(errors);
    EXPECT_TRUE(hasError(errors, base + ".timeout", "expected 1 to 300 seconds")) << dump(errors);
    EXPECT_TRUE(hasError(errors, base + ".invalid_retries", "expected 0 to 10")) << dump(errors);
    EXPECT_TRUE(hasError(errors, base + ".open_days[1]", "\"funday\" is not a day")) << dump(errors);
    EXPECT_TRUE(hasError(errors, base + ".open_days[2]", "listed twice")) << dump(errors);
    EXPECT_TRUE(hasError(errors, base + ".open_to", "must be later than open_from")) << dump(errors);
    EXPECT_TRUE(hasError(errors, base + ".closed_destination", "required")) << dump(errors);
    EXPECT_TRUE(hasError(errors, "ivr_menus[1].number", "already used by extensions[1]")) << dump(errors);
}

TEST(IvrValidation, ADidMayNameAMenu) {
    auto c = configWithMenus();
    store::SipTrunk trunk;
    trunk.name = "carrier";
    trunk.host = "203.0.113.5";
    trunk.dids = {{"+8613901088888", "500"}, {"+8613901088889", "502"}};
    trunk.defaultExtension = "501";
    c.trunks = {trunk};
    const auto errors = config::validate(c);
    ASSERT_EQ(errors.size(), 1u) << dump(errors);
    EXPECT_TRUE(hasError(errors, "trunks[0].dids[\"+8613901088889\"]", "no extension 502")) << dump(errors);
}

TEST(IvrRouting, AnInboundDidToAMenuSaysSo) {
    auto c = configWithMenus();
    store::SipTrunk trunk;
    trunk.name = "carrier";
    trunk.host = "203.0.113.5";
    trunk.dids = {{"+8613901088888", "500"}, {"+8613901088889", "101"}};
    c.trunks = {trunk};
    const routing::DialPlan plan(c);
    const auto toMenu = plan.inbound("203.0.113.5:5060", *routing::fromUri("sip:+8613901088888@192.0.2.10"),
                                     *routing::fromUri("sip:+8613901088888@192.0.2.10"));
    ASSERT_TRUE(toMenu);
    EXPECT_EQ(toMenu->extension, "500");
    EXPECT_TRUE(toMenu->menu);
    const auto toExtension =
        plan.inbound("203.0.113.5:5060", *routing::fromUri("sip:+8613901088889@192.0.2.10"),
                     *routing::fromUri("sip:+8613901088889@192.0.2.10"));
    ASSERT_TRUE(toExtension);
    EXPECT_FALSE(toExtension->menu);
}

TEST(IvrJson, MenusRoundTripAndUnknownKeysAreRefused) {
    const auto original = configWithMenus();
    const std::string text = config::configurationToJson(original);
    auto parsed = config::parseConfigurationJson(text);
    ASSERT_TRUE(parsed) << parsed.error().message << "\n" << text;
    EXPECT_EQ(parsed->menus, original.menus);

    auto typo = config::parseConfigurationJson(R"({"version": 1, "settings": {"domain": "192.0.2.10"},
        "extensions": [{"number": "100", "password": "k7Qm2xRt9vPa"}],
        "ivr_menus": [{"number": "500", "options": {"1": "extension:100"}, "timout": 5}]})");
    ASSERT_FALSE(typo);
    EXPECT_NE(typo.error().message.find("ivr_menus[0].timout"), std::string::npos) << typo.error().message;

    auto bad = config::parseConfigurationJson(R"({"version": 1, "settings": {"domain": "192.0.2.10"},
        "extensions": [{"number": "100", "password": "k7Qm2xRt9vPa"}],
        "ivr_menus": [{"number": "500", "options": {"1": "extension:200"}}]})");
    ASSERT_FALSE(bad);
    EXPECT_NE(bad.error().message.find("ivr_menus[0].options[\"1\"]: no extension 200"), std::string::npos)
        << bad.error().message;
}

class IvrStore : public store::test::StoreTest {};

TEST_F(IvrStore, MenusRoundTripThroughTheDatabase) {
    auto c = configWithMenus();
    c.menus[0].openDays = {"fri", "mon"};
    c.menus[0].prompt = "C:\\Prompts\\main menu.wav";
    auto db = openOk(m_db);
    ASSERT_TRUE(db);
    ASSERT_TRUE(db->replaceConfiguration(c).ok());
    auto loaded = db->loadConfiguration();
    ASSERT_TRUE(loaded.ok()) << loaded.error().message;
    EXPECT_EQ(loaded->menus, c.menus);
    // Replacing drops menus (and their options) that are gone.
    c.menus.pop_back();
    c.menus[0].options.erase("2");
    ASSERT_TRUE(db->replaceConfiguration(c).ok());
    loaded = db->loadConfiguration();
    ASSERT_TRUE(loaded.ok()) << loaded.error().message;
    EXPECT_EQ(loaded->menus, c.menus);
    store::test::RawDb raw(m_db);
    EXPECT_EQ(raw.integer("SELECT COUNT(*) FROM ivr_options"), 3);
}

TEST_F(IvrStore, ASchemaEightDatabaseGainsTheMenuTablesAndKeepsItsData) {
    {
        store::test::RawDb raw(m_db);
        auto migrated = store::schema::migrateForward(raw.handle(), m_db, 8);
        ASSERT_TRUE(migrated.ok()) << migrated.error().message;
        raw.exec(
            "INSERT INTO extensions (position, number, password, name, enabled) VALUES (0, '201', 'pw', 'Old', "
            "1);");
    }
    auto db = openOk(m_db);
    ASSERT_TRUE(db);
    auto loaded = db->loadConfiguration();
    ASSERT_TRUE(loaded.ok()) << loaded.error().message;
    ASSERT_EQ(loaded->extensions.size(), 1u);
    EXPECT_TRUE(loaded->menus.empty());
    auto c = *loaded;
    c.menus = {menus()[1]};
    c.menus[0].options = {{"*", "extension:201"}};
    c.menus[0].timeoutDestination = "hangup";
    ASSERT_TRUE(db->replaceConfiguration(c).ok());
    EXPECT_EQ(db->loadConfiguration()->menus, c.menus);
    db.reset();
    EXPECT_EQ(store::test::RawDb(m_db).integer("PRAGMA user_version"), store::Store::kSchemaVersion);
}

// --- the service against a scripted call -------------------------------------

class ScriptedCall : public ServiceContext {
public:
    void play(std::vector<std::shared_ptr<const media::AudioClip>> clips, uint64_t token, bool) override {
        plays.push_back({clips.size(), token});
    }
    void stopPlaying() override { ++stops; }
    void record(const std::filesystem::path&, uint64_t,
                std::function<void(const Result<uint64_t>&)>) override {}
    void stopRecording() override {}
    void setEcho(bool) override {}
    void joinRoom(const std::string&) override {}
    void sendDigits(const std::string&) override {}
    void hangUp(const std::string& reason) override { hungUp = reason; }
    void setState(const std::string& s) override { state = s; }
    void log(LogLevel, const std::string& text) override { logs.push_back(text); }
    const std::string& caller() const override { return m_caller; }
    void connect(const std::string& extension, std::function<void(ConnectResult)> done) override {
        rung.push_back(extension);
        pending = std::move(done);
    }
    bool leaveMessage(const std::string& mailbox) override {
        messagesTo.push_back(mailbox);
        return mailboxTakesMessages;
    }

    struct Played {
        size_t clips;
        uint64_t token;
    };
    std::vector<Played> plays;
    int stops = 0;
    std::string hungUp;
    std::string state;
    std::vector<std::string> logs, rung, messagesTo;
    std::function<void(ConnectResult)> pending;
    bool mailboxTakesMessages = false;

private:
    std::string m_caller = "+8613901088888";
};

std::unique_ptr<Service> ivrService(PromptLibrary& prompts) {
    IvrOptions o;
    o.menus = menus();
    o.menus[0].timeoutS = 1;
    o.first = "500";
    o.now = [] { return kTuesdayNoon; };
    return makeIvr(std::move(o), prompts);
}

TEST(IvrService, KeyThenConnectingPromptThenRingsAndFallsBackWhenNobodyAnswers) {
    media::test::LoopScope loop;
    PromptLibrary prompts;  // nothing loaded: every prompt is a null clip, which is fine here
    ScriptedCall call;
    auto ivr = ivrService(prompts);
    ivr->start(call);
    ASSERT_EQ(call.plays.size(), 1u);
    EXPECT_EQ(call.state, "IVR 500");
    ivr->digit(call, '1');
    EXPECT_EQ(call.stops, 1) << "a key interrupts the prompt";
    ASSERT_EQ(call.plays.size(), 2u);  // "please hold while we connect your call"
    EXPECT_TRUE(call.rung.empty()) << "rings only after the connecting prompt";
    ivr->playDone(call, call.plays.back().token);
    ASSERT_EQ(call.rung, std::vector<std::string>{"101"});
    call.pending(ConnectResult::NoAnswer);
    EXPECT_EQ(call.messagesTo, std::vector<std::string>{"101"}) << "its voicemail is tried first";
    EXPECT_EQ(call.state, "IVR 501") << "no mailbox: the menu's fallback (menu 501)";
}

TEST(IvrService, InvalidKeyReplaysWithTheInvalidPromptFirst) {
    media::test::LoopScope loop;
    PromptLibrary prompts;
    ScriptedCall call;
    auto ivr = ivrService(prompts);
    ivr->start(call);
    ivr->digit(call, '9');
    ASSERT_EQ(call.plays.size(), 2u);
    EXPECT_EQ(call.plays[1].clips, 2u) << "\"invalid option\" and then the menu again";
    EXPECT_FALSE(call.logs.empty());
}

TEST(IvrService, NoKeyAfterThePromptGoesToTheTimeoutDestination) {
    media::test::LoopScope loop;
    PromptLibrary prompts;
    ScriptedCall call;
    auto ivr = ivrService(prompts);
    ivr->start(call);
    ivr->playDone(call, call.plays.back().token);  // the prompt ended; the 1 s key timer runs
    ASSERT_TRUE(media::test::runUntil([&] { return call.plays.size() == 2; }, 10s));
    ivr->playDone(call, call.plays.back().token);
    EXPECT_EQ(call.rung, std::vector<std::string>{"100"});
    call.pending(ConnectResult::Answered);
    EXPECT_TRUE(call.messagesTo.empty());
    ivr->digit(call, '2');
    EXPECT_EQ(call.plays.size(), 2u) << "keys are not menu choices once connected";
}

TEST(IvrService, HangupSaysGoodbyeFirst) {
    media::test::LoopScope loop;
    PromptLibrary prompts;
    ScriptedCall call;
    auto ivr = ivrService(prompts);
    ivr->start(call);
    ivr->digit(call, '#');
    EXPECT_TRUE(call.hungUp.empty());
    ivr->playDone(call, call.plays.back().token);
    EXPECT_FALSE(call.hungUp.empty());
}

}  // namespace
}  // namespace sb::services
