#include "config/json_config.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "config/validation.h"

namespace sb::config {
namespace {

namespace fs = std::filesystem;
using store::Configuration;

const fs::path kDataDir = fs::path(SB_TESTDATA_DIR) / "config";

std::string readText(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

/// Every field away from its default, so a field dropped on either side of
/// the round trip shows up as an inequality.
Configuration richConfiguration() {
    Configuration c;
    store::Settings& s = c.settings;
    s.domain = "pbx.example.org";
    s.bindAddress = "192.0.2.10";
    s.sipPort = 5070;
    s.tlsPort = 5071;
    s.rtpPortMin = 30000;
    s.rtpPortMax = 30999;
    s.outgroupPrefix = "0";
    s.ringback = "eu";
    s.logLevel = "debug";
    s.authAlgorithms = "SHA-256,MD5";
    s.minExpiresS = 30;
    s.maxExpiresS = 7200;
    s.defaultExpiresS = 1800;
    s.maxContacts = 3;
    s.nonceLifetimeS = 120;
    s.qualifyIntervalS = 60;
    s.tlsCertificate = "/etc/switchboard/pbx.pem";
    s.tlsPrivateKey = "/etc/switchboard/pbx.key";
    s.prackAutoDisable = false;
    s.traceFile = "/var/log/switchboard/trace.log";
    s.traceFileMaxMb = 50;
    s.authFailLimit = 5;
    s.authFailWindowS = 30;
    s.banTimeS = 7200;
    s.allowList = {"192.168.0.0/16", "2001:db8::/32"};
    s.dropScanners = false;
    s.rateLimit = 50;
    s.maxCalls = 64;
    s.codecs = {"PCMA", "PCMU", "telephone-event"};
    c.extensions = {{"100", "k7Qm2xRt9vPa", "Reception", true, true},
                    {"101", "Hn4sW8eZc3Ju", "Empfang \xC3\xBC \"quoted\"", false, false},
                    {"20001", "p9Ly6BqT2mEd", "", true, true}};
    c.extensions[0].voicemail = true;
    c.extensions[0].voicemailPin = "0042";
    c.extensions[0].voicemailGreeting = "/srv/greetings/reception.wav";
    c.extensions[0].voicemailMaxS = 300;
    c.extensions[0].forwardAlways = "101";
    c.extensions[0].forwardBusy = "*97";
    c.extensions[0].forwardNoAnswer = "0013901088888";
    c.extensions[0].forwardNoAnswerS = 45;
    c.extensions[1].dnd = true;
    s.blacklist = {"anonymous", "+44"};
    s.blacklistAnswer = 403;
    s.promptLanguage = "zh";
    s.musicOnHold = "/srv/music.wav";
    s.voicemailMaxMessages = 500;
    store::ExternalLine ims{"ims",
                            "gd.ctcims.cn",
                            "+8612345678",
                            "auth-x",
                            "pw",
                            true,
                            "[2001:db8::7]:5062",
                            store::Transport::Tcp,
                            false,
                            1800,
                            true,
                            false,
                            "100",
                            false,
                            "+8612345600"};
    store::ExternalLine backup{"backup",   "sip.example.net",
                               "office42", "",
                               "",         false,
                               "",         store::Transport::Tls,
                               true,       600,
                               false,      true,
                               "",         true,
                               ""};
    ims.forwardHeader = "history-info";
    c.lines = {ims, backup};
    c.trunks = {{"carrier",
                 "203.0.113.5",
                 5080,
                 store::Transport::Udp,
                 "sbc.example.net:5060",
                 "user=phone;npdi",
                 true,
                 {"203.0.113.5", "198.51.100.0/24", "2001:db8::/32"},
                 {{"+8613901088888", "101"}, {"+8613901088889", "20001"}},
                 false,
                 "office",
                 "trunk \"secret\"",
                 "",
                 "+861390108",
                 "20001"},
                {"empty-trunk", "[2001:db8::5]", 5060, store::Transport::Tls, "", "", false, {}, {}, true,
                 "", "", "+8613901088800", "", ""}};
    c.trunks[1].forwardHeader = "none";
    c.routes = {{"9.", 1, "", "carrier", "ims", {}},
                {"91[3-9]XXXXXXXXX", 1, "+86", "ims", "", {"101", "20001"}},
                {"0NXX.", 0, "*", "backup", "carrier", {}}};
    store::IvrMenu main;
    main.number = "500";
    main.name = "Main menu \xE6\x80\xBB\xE6\x9C\xBA";
    main.prompt = "/srv/prompts/main.wav";
    main.options = {{"1", "extension:101"}, {"2", "menu:501"}, {"0", "voicemail:100"}, {"#", "hangup"}};
    main.timeoutS = 7;
    main.timeoutDestination = "extension:100";
    main.invalidRetries = 2;
    main.invalidDestination = "voicemail:100";
    main.fallbackDestination = "menu:501";
    main.openDays = {"mon", "tue", "wed", "thu", "fri"};
    main.openFrom = "08:30";
    main.openTo = "18:00";
    main.closedDestination = "voicemail:100";
    store::IvrMenu sales;
    sales.number = "501";
    sales.options = {{"*", "menu:500"}};
    c.menus = {main, sales};
    c.trunks[0].dids["+8613901088890"] = "500";  // a DID straight to the auto attendant
    c.conferenceRooms = {{"100", "2468", "Board"}, {"12345678", "", ""}};
    return c;
}

std::string errorOf(std::string_view json) {
    auto result = parseConfigurationJson(json);
    return result ? std::string("<parsed OK>") : result.error().message;
}

::testing::AssertionResult startsWith(const std::string& text, const std::string& prefix) {
    if (text.rfind(prefix, 0) == 0) return ::testing::AssertionSuccess();
    return ::testing::AssertionFailure() << "\"" << text << "\" does not start with \"" << prefix << "\"";
}

// Counts the members of an aggregate: how many initialisers it accepts.
struct AnyField {
    template <class T>
    operator T() const;  // never defined: only used in unevaluated checks
};

template <class T, class... Fields>
constexpr size_t fieldCount() {
    if constexpr (requires { T{Fields{}..., AnyField{}}; })
        return fieldCount<T, Fields..., AnyField>();
    else
        return sizeof...(Fields);
}

TEST(JsonConfig, EveryRecordFieldHasAJsonKey) {
    // A failure here means store/records.h gained or lost a member: give it a
    // JSON key in json_config.cpp, rules in validation.cpp, a row in
    // docs/config.md and a non-default value in richConfiguration(), then
    // update the count.
    EXPECT_EQ(fieldCount<store::Settings>(), 40u);
    EXPECT_EQ(fieldCount<store::Extension>(), 15u);
    EXPECT_EQ(fieldCount<store::ExternalLine>(), 17u);
    EXPECT_EQ(fieldCount<store::SipTrunk>(), 17u);
    EXPECT_EQ(fieldCount<store::Route>(), 6u);
    EXPECT_EQ(fieldCount<store::IvrMenu>(), 13u);
    EXPECT_EQ(fieldCount<store::ConferenceRoom>(), 3u);
    EXPECT_EQ(fieldCount<Configuration>(), 9u);
    // Ring groups are read and written by json_groups.cpp (round trip: groups_test.cpp).
    EXPECT_EQ(fieldCount<store::RingGroup>(), 5u);
    EXPECT_EQ(fieldCount<store::GroupMember>(), 2u);

    // Every key the writer emits for a record with all fields set.
    const std::string text = configurationToJson(richConfiguration());
    for (const char* key :
         {"\"auth_algorithms\"", "\"min_expires\"", "\"max_expires\"", "\"default_expires\"",
          "\"max_contacts\"", "\"nonce_lifetime\"", "\"qualify_interval\"", "\"tls_certificate\"",
          "\"tls_private_key\"", "\"qualify\"", "\"voicemail\"", "\"voicemail_pin\"", "\"voicemail_greeting\"",
          "\"voicemail_max_length\"", "\"prompt_language\"", "\"music_on_hold\"", "\"voicemail_max_messages\"",
          "\"ivr_menus\"", "\"options\"", "\"timeout_destination\"", "\"invalid_retries\"",
          "\"fallback_destination\"", "\"open_days\"", "\"open_from\"", "\"closed_destination\"",
          "\"forward_always\"", "\"forward_busy\"", "\"forward_no_answer\"", "\"forward_no_answer_timeout\"",
          "\"dnd\"", "\"forward_header\"", "\"blacklist\"", "\"blacklist_answer\"", "\"conference_rooms\"",
          "\"pin\""})
        EXPECT_NE(text.find(key), std::string::npos) << key;
}

TEST(JsonConfig, ConferenceRoomsAreReadCheckedAndLeftOutWhenNone) {
    auto parsed = parseConfigurationJson(
        R"({"version": 1, "settings": {"domain": "pbx.example.org"}, "conference_rooms": [
        {"number": "700", "pin": "2468", "name": "Board"}, {"number": "701"}]})");
    ASSERT_TRUE(parsed) << parsed.error().message;
    ASSERT_EQ(parsed->conferenceRooms.size(), 2u);
    EXPECT_EQ(parsed->conferenceRooms[0], (store::ConferenceRoom{"700", "2468", "Board"}));
    EXPECT_EQ(parsed->conferenceRooms[1], (store::ConferenceRoom{"701", "", ""}));

    auto bad = parseConfigurationJson(
        R"({"version": 1, "settings": {"domain": "pbx.example.org"}, "conference_rooms": [
        {"number": "700", "pin": "12"}, {"number": "*1"}, {"number": "123456789"}]})");
    ASSERT_FALSE(bad);
    const std::string& why = bad.error().message;
    EXPECT_NE(why.find("conference_rooms[0].pin: a room PIN is 4 to 12 digits (0-9), or empty for none"),
              std::string::npos)
        << why;
    EXPECT_NE(why.find("conference_rooms[1].number: expected digits only (0-9)"), std::string::npos) << why;
    EXPECT_NE(why.find("conference_rooms[2].number: expected at most 8 digits"), std::string::npos) << why;
    auto twice = parseConfigurationJson(
        R"({"version": 1, "settings": {"domain": "pbx.example.org"}, "conference_rooms": [{"number": "700"}, {"number": "700"}]})");
    ASSERT_FALSE(twice);
    EXPECT_NE(twice.error().message.find(
                  "conference_rooms[1].number: room 700 is already set up by conference_rooms[0]"),
              std::string::npos)
        << twice.error().message;

    EXPECT_EQ(configurationToJson(Configuration{}).find("conference_rooms"), std::string::npos);
}

TEST(JsonConfig, RoundTripRichConfiguration) {
    const Configuration original = richConfiguration();
    ASSERT_TRUE(validate(original).empty());
    const std::string text = configurationToJson(original);
    auto parsed = parseConfigurationJson(text);
    ASSERT_TRUE(parsed) << parsed.error().message << "\n" << text;
    EXPECT_EQ(*parsed, original);
    // Stable output: exporting what was imported gives the same bytes.
    EXPECT_EQ(configurationToJson(*parsed), text);
}

TEST(JsonConfig, SampleFromContractParses) {
    const char* sample = R"({"version": 1,
 "settings":  {"domain": "192.0.2.10", "bind": "0.0.0.0", "sip_port": 5060, "tls_port": 5061,
               "rtp_port_min": 10000, "rtp_port_max": 20000, "outgroup_prefix": "9", "ringback": "cn", "log_level": "info"},
 "extensions": [{"number": "100", "password": "k7Qm2xRt9vPa", "name": "Reception", "enabled": true}],
 "lines":  [{"name": "ims", "domain": "gd.ctcims.cn", "account": "+8612345678", "auth_id": "",
             "password": "carrier-secret", "auth_id_includes_address": true, "proxy": "198.51.100.7:5060",
             "transport": "udp", "register": true, "expires": 600, "disable_100rel": false,
             "user_phone": true, "incoming_extension": "100", "enabled": true}],
 "trunks": [{"name": "carrier", "host": "203.0.113.5", "port": 5060, "transport": "udp", "proxy": "",
             "request_uri_params": "user=phone", "disable_100rel": false,
             "allowed_addresses": ["203.0.113.5"], "dids": {"+8613901088888": "100"}, "enabled": true}],
 "routes": [{"pattern": "9.", "strip": 1, "prepend": "", "target": "carrier", "failover": "ims"}]})";
    auto parsed = parseConfigurationJson(sample);
    ASSERT_TRUE(parsed) << parsed.error().message;
    const Configuration& c = *parsed;
    EXPECT_EQ(c.settings.domain, "192.0.2.10");
    ASSERT_EQ(c.lines.size(), 1u);
    EXPECT_TRUE(c.lines[0].authIdIncludesAddress);
    EXPECT_EQ(c.lines[0].proxy, "198.51.100.7:5060");
    EXPECT_EQ(c.lines[0].expiresS, 600u);
    ASSERT_EQ(c.trunks.size(), 1u);
    EXPECT_EQ(c.trunks[0].requestUriParams, "user=phone");
    EXPECT_EQ(c.trunks[0].dids.at("+8613901088888"), "100");
    ASSERT_EQ(c.routes.size(), 1u);
    EXPECT_EQ(c.routes[0].failover, "ims");
}

TEST(JsonConfig, FullSampleFileParsesAndRoundTrips) {
    auto parsed = readConfigurationFile(kDataDir / "full.json");
    ASSERT_TRUE(parsed) << parsed.error().message;
    EXPECT_EQ(parsed->extensions.size(), 3u);
    EXPECT_EQ(parsed->lines.size(), 2u);
    EXPECT_EQ(parsed->lines[1].transport, store::Transport::Tls);
    EXPECT_EQ(parsed->trunks[0].allowedAddresses.size(), 3u);
    auto again = parseConfigurationJson(configurationToJson(*parsed));
    ASSERT_TRUE(again) << again.error().message;
    EXPECT_EQ(*again, *parsed);
}

TEST(JsonConfig, MissingOptionalFieldsTakeDefaults) {
    auto parsed = parseConfigurationJson(R"({"version": 1, "settings": {"domain": "pbx.example.org"},
        "lines": [{"name": "l", "domain": "sip.example.net", "account": "a"}],
        "trunks": [{"name": "t", "host": "203.0.113.5"}]})");
    ASSERT_TRUE(parsed) << parsed.error().message;
    Configuration expected;
    expected.settings.domain = "pbx.example.org";
    expected.lines.resize(1);
    expected.lines[0].name = "l";
    expected.lines[0].domain = "sip.example.net";
    expected.lines[0].account = "a";
    expected.trunks.resize(1);
    expected.trunks[0].name = "t";
    expected.trunks[0].host = "203.0.113.5";
    EXPECT_EQ(*parsed, expected);
}

struct InvalidSample {
    const char* file;
    const char* messagePrefix;
};

TEST(JsonConfig, InvalidSampleFilesAreRejectedWithPath) {
    const InvalidSample samples[] = {
        {"bad_proxy.json", "lines[1].proxy: expected host[:port]"},
        {"wrong_type.json", "lines[1].register: expected true or false"},
        {"unknown_key.json",
         "trunks[0].request_uri_param: unknown key (did you mean \"request_uri_params\"?)"},
        {"duplicate_extension.json", "extensions[2].number: 100 is already used by extensions[0]"},
        {"route_target_missing.json", "routes[1].target: no line or trunk named \"carier\""},
        {"bad_uri_params.json", "trunks[0].request_uri_params: expected name[=value](;name[=value])*"},
        {"newer_version.json", "version 2 is newer than this Switchboard understands (1)"},
        {"syntax_error.json", "line 6, column 3: "},
        {"duplicate_key.json", "extensions[1].password: duplicate key"},
        {"did_target_missing.json", "trunks[0].dids[\"+8613901088888\"]: no extension 101"},
        {"missing_version.json", "version: required"},
    };
    for (const auto& sample : samples) {
        SCOPED_TRACE(sample.file);
        const std::string text = readText(kDataDir / "invalid" / sample.file);
        ASSERT_FALSE(text.empty());
        EXPECT_TRUE(startsWith(errorOf(text), sample.messagePrefix));
    }
}

TEST(JsonConfig, WrongTypesNameTheExpectedType) {
    EXPECT_TRUE(startsWith(errorOf(R"({"version":1,"settings":{"domain":"a.b","sip_port":"5060"}})"),
                           "settings.sip_port: expected an integer, got a string"));
    EXPECT_TRUE(startsWith(errorOf(R"({"version":1,"settings":{"domain":"a.b","sip_port":5060.5}})"),
                           "settings.sip_port: expected an integer"));
    EXPECT_TRUE(startsWith(errorOf(R"({"version":1,"settings":{"domain":"a.b","sip_port":70000}})"),
                           "settings.sip_port: expected a port number from 1 to 65535"));
    EXPECT_TRUE(startsWith(errorOf(R"({"version":1,"extensions":{}})"),
                           "extensions: expected an array, got an object"));
    EXPECT_TRUE(startsWith(errorOf(R"({"version":1,"extensions":[7]})"),
                           "extensions[0]: expected an object, got a number"));
    EXPECT_TRUE(startsWith(errorOf(R"({"version":1,"trunks":[{"name":"t","host":"h","dids":{"+1":1}}]})"),
                           "trunks[0].dids[\"+1\"]: expected a string, got a number"));
    EXPECT_TRUE(startsWith(
        errorOf(R"({"version":1,"trunks":[{"name":"t","host":"h","allowed_addresses":"1.2.3.4"}]})"),
        "trunks[0].allowed_addresses: expected an array of strings"));
    EXPECT_TRUE(startsWith(errorOf(R"({"version":1,"lines":[{"name":"l","transport":"sctp"}]})"),
                           "lines[0].transport: expected \"udp\", \"tcp\" or \"tls\""));
    EXPECT_TRUE(startsWith(errorOf(R"({"version":1,"lines":[{"expires":-1}]})"),
                           "lines[0].expires: expected an integer from 0 to 4294967295"));
    EXPECT_TRUE(startsWith(errorOf(R"({"version":1,"settings":{"domain":null}})"),
                           "settings.domain: expected a string, got null"));
    EXPECT_TRUE(startsWith(errorOf(R"({"version":1,"routes":[{"strip":99999999999}]})"),
                           "routes[0].strip: expected an integer"));
    EXPECT_TRUE(startsWith(errorOf(R"([1,2])"), "document: expected a JSON object"));
}

TEST(JsonConfig, VersionGateComesFirst) {
    EXPECT_EQ(errorOf(R"({"version": 2, "future_section": {}})"),
              "version 2 is newer than this Switchboard understands (1)");
    EXPECT_TRUE(startsWith(errorOf(R"({"version": "1"})"), "version: expected an integer"));
    EXPECT_TRUE(startsWith(errorOf(R"({"version": 0})"), "version: expected 1, got 0"));
    EXPECT_TRUE(
        startsWith(errorOf(R"({"version": 18446744073709551615})"), "version 18446744073709551615 is newer"));
}

TEST(JsonConfig, SyntaxErrorReportsLineAndColumn) {
    EXPECT_TRUE(
        startsWith(errorOf("{\n  \"version\": 1,\n  \"settings\": {\"domain\": tru}\n}"), "line 3, column "));
    EXPECT_TRUE(startsWith(errorOf("{\"version\": 1"), "line 1, column "));
    EXPECT_EQ(errorOf("  \n"), "line 2, column 1: the document is empty");
}

TEST(JsonConfig, AllProblemsReportedOnePerLine) {
    const std::string message =
        errorOf(R"({"version":1,"settings":{"domain":"a.b","ringback":"xx","log_level":"loud"},
        "extensions":[{"number":"1x","password":""}]})");
    EXPECT_EQ(message,
              "settings.ringback: expected one of cn, eu, us, uk\n"
              "settings.log_level: expected one of error, warning, info, debug\n"
              "extensions[0].number: expected digits only\n"
              "extensions[0].password: required");
}

TEST(JsonConfig, UnknownKeysAnywhereAreRejected) {
    EXPECT_TRUE(startsWith(errorOf(R"({"version":1,"setting":{}})"),
                           "setting: unknown key (did you mean \"settings\"?)"));
    EXPECT_TRUE(startsWith(errorOf(R"({"version":1,"routes":[{"pattern":"9.","target":"x","priority":1}]})"),
                           "routes[0].priority: unknown key"));
    EXPECT_EQ(errorOf(R"({"version":1,"settings":{"domain":"a.b","zzzzzzzz":1}})"),
              "settings.zzzzzzzz: unknown key");
}

TEST(JsonConfig, HostileInputNeverThrows) {
    std::string deep(5000, '[');
    EXPECT_NO_THROW({ EXPECT_TRUE(startsWith(errorOf(deep), "line 1, column ")); });
    EXPECT_NO_THROW({ EXPECT_FALSE(parseConfigurationJson(std::string("\xff\xfe{}", 4))); });
    EXPECT_NO_THROW(
        { EXPECT_FALSE(parseConfigurationJson("{\"version\":1,\"settings\":{\"domain\":\"\\ud800\"}}")); });
}

TEST(JsonConfig, KeyOrderFollowsTheDocumentation) {
    const std::string text = configurationToJson(richConfiguration());
    const char* order[] = {"\"version\"",    "\"settings\"", "\"domain\"", "\"bind\"",  "\"sip_port\"",
                           "\"extensions\"", "\"lines\"",    "\"trunks\"", "\"routes\"", "\"ivr_menus\""};
    size_t last = 0;
    for (const char* key : order) {
        const size_t at = text.find(key, last);
        ASSERT_NE(at, std::string::npos) << key;
        last = at;
    }
    EXPECT_EQ(text.back(), '\n');
}

class JsonConfigFile : public ::testing::Test {
protected:
    void SetUp() override {
        m_dir = fs::temp_directory_path() /
                ("sb_json_config_test_" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
                 "_" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(m_dir);
        fs::create_directories(m_dir);
    }
    void TearDown() override { fs::remove_all(m_dir); }

    size_t entries() const {
        return static_cast<size_t>(std::distance(fs::directory_iterator(m_dir), fs::directory_iterator{}));
    }

    fs::path m_dir;
};

TEST_F(JsonConfigFile, WriteThenReadRoundTrips) {
    const fs::path file = m_dir / "export.json";
    auto written = writeConfigurationFile(file, richConfiguration());
    ASSERT_TRUE(written) << written.error().message;
    EXPECT_EQ(entries(), 1u);  // no temporary left behind
    EXPECT_EQ((fs::status(file).permissions() & (fs::perms::group_all | fs::perms::others_all)),
              fs::perms::none);
    auto read = readConfigurationFile(file);
    ASSERT_TRUE(read) << read.error().message;
    EXPECT_EQ(*read, richConfiguration());

    // Overwriting replaces the whole file.
    Configuration smaller = richConfiguration();
    smaller.routes.clear();
    ASSERT_TRUE(writeConfigurationFile(file, smaller));
    EXPECT_EQ(readText(file), configurationToJson(smaller));
    EXPECT_EQ(entries(), 1u);
}

TEST_F(JsonConfigFile, FailedWriteLeavesNothingBehind) {
    const fs::path missingDir = m_dir / "no" / "such" / "dir" / "export.json";
    auto result = writeConfigurationFile(missingDir, richConfiguration());
    ASSERT_FALSE(result);
    EXPECT_NE(result.error().code, 0);
    EXPECT_FALSE(fs::exists(m_dir / "no"));

    // Target is a directory: rename fails, the directory and folder stay clean.
    fs::create_directory(m_dir / "taken");
    fs::create_directory(m_dir / "taken" / "inner");
    result = writeConfigurationFile(m_dir / "taken", richConfiguration());
    ASSERT_FALSE(result);
    EXPECT_TRUE(fs::is_directory(m_dir / "taken"));
    EXPECT_EQ(entries(), 1u);
}

TEST_F(JsonConfigFile, ReadErrorsNameTheFile) {
    auto missing = readConfigurationFile(m_dir / "absent.json");
    ASSERT_FALSE(missing);
    EXPECT_NE(missing.error().message.find("absent.json"), std::string::npos) << missing.error().message;
    EXPECT_EQ(missing.error().code, ENOENT);

    auto invalid = readConfigurationFile(kDataDir / "invalid" / "bad_proxy.json");
    ASSERT_FALSE(invalid);
    EXPECT_NE(invalid.error().message.find("bad_proxy.json: lines[1].proxy: expected host[:port]"),
              std::string::npos)
        << invalid.error().message;

    auto directory = readConfigurationFile(m_dir);
    ASSERT_FALSE(directory);
}

}  // namespace
}  // namespace sb::config
