#include "config/validation.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace sb::config {
namespace {

using store::Configuration;

// A small configuration that passes, to be broken one field at a time.
Configuration validConfiguration() {
    Configuration c;
    c.settings.domain = "192.0.2.10";
    c.extensions = {{"100", "k7Qm2xRt9vPa", "Reception", true, false},
                    {"101", "Hn4sW8eZc3Ju", "Sales", true, true}};
    store::ExternalLine line;
    line.name = "ims";
    line.domain = "gd.ctcims.cn";
    line.account = "+8612345678";
    line.password = "secret";
    line.proxy = "198.51.100.7:5060";
    line.incomingExtension = "100";
    c.lines = {line};
    store::SipTrunk trunk;
    trunk.name = "carrier";
    trunk.host = "203.0.113.5";
    trunk.requestUriParams = "user=phone";
    trunk.allowedAddresses = {"203.0.113.5"};
    trunk.dids = {{"+8613901088888", "101"}};
    c.trunks = {trunk};
    c.routes = {{"9.", 1, "", "carrier", "ims", {}}};
    return c;
}

bool hasError(const std::vector<FieldError>& errors, const std::string& path,
              const std::string& reasonPart = {}) {
    return std::any_of(errors.begin(), errors.end(), [&](const FieldError& e) {
        return e.path == path && e.reason.find(reasonPart) != std::string::npos;
    });
}

std::string dump(const std::vector<FieldError>& errors) {
    std::string out;
    for (const auto& e : errors) out += e.toString() + "\n";
    return out;
}

TEST(ValidationChecks, ExtensionNumber) {
    for (const char* ok : {"1", "100", "123456789012345"}) EXPECT_FALSE(checkExtensionNumber(ok)) << ok;
    for (const char* bad : {"", "10a", "+100", " 100", "1234567890123456", "1-2"})
        EXPECT_TRUE(checkExtensionNumber(bad)) << bad;
}

TEST(ValidationChecks, Domain) {
    for (const char* ok :
         {"gd.ctcims.cn", "localhost", "192.0.2.10", "[2001:db8::1]", "[::1]", "a-b.example", "x1"})
        EXPECT_FALSE(checkDomain(ok)) << ok;
    for (const char* bad :
         {"", "-bad.example", "bad-.example", "a..b", "192.0.2.300", "1.2.3", "01.2.3.4", "2001:db8::1",
          "[2001:db8::1", "[zz::1]", "under_score.example", "sp ace", "host:5060"})
        EXPECT_TRUE(checkDomain(bad)) << bad;
    EXPECT_NE(checkDomain("2001:db8::1")->find("brackets"), std::string::npos);
}

TEST(ValidationChecks, HostPort) {
    for (const char* ok : {"198.51.100.7", "198.51.100.7:5060", "sbc.example.net:5080", "[2001:db8::7]:5061",
                           "[2001:db8::7]", "proxy:1", "proxy:65535"})
        EXPECT_FALSE(checkHostPort(ok)) << ok;
    for (const char* bad : {"", "host:", "host:0", "host:65536", "host:75060", "host:port", ":5060",
                            "2001:db8::7:5060", "[2001:db8::7]5060", "host name", "sip:host"}) {
        auto why = checkHostPort(bad);
        ASSERT_TRUE(why) << bad;
        EXPECT_EQ(why->rfind("expected host[:port]", 0), 0u) << *why;
    }
}

TEST(ValidationChecks, UriParams) {
    for (const char* ok :
         {"", "user=phone", "lr", "user=phone;transport=tcp", "x-carrier-id=a.b_c~d", "npdi;rn=+861"})
        EXPECT_FALSE(checkUriParams(ok)) << ok;
    for (const char* bad : {";user=phone", "user=phone;", "user=", "=phone", "user=phone; lr", "a;;b",
                            "user=ph\"one", "user phone", "a=b=c"})
        EXPECT_TRUE(checkUriParams(bad)) << bad;
    EXPECT_NE(checkUriParams("user=phone; lr")->find("position 12"), std::string::npos);
}

TEST(ValidationChecks, RoutePattern) {
    for (const char* ok : {"9.", "0", "91[3-9]XXXXXXXXX", "NXXXXXX", "Z.", "[135-7]X.", "1234"})
        EXPECT_FALSE(checkRoutePattern(ok)) << ok;
    for (const char* bad : {"", ".", "9.X", "9x.", "[]X", "[5-1]", "[1-]", "[a]", "[1-5", "9*", "+86."})
        EXPECT_TRUE(checkRoutePattern(bad)) << bad;
}

TEST(ValidationChecks, PortAndAddresses) {
    EXPECT_FALSE(checkPort(1));
    EXPECT_FALSE(checkPort(65535));
    EXPECT_TRUE(checkPort(0));
    EXPECT_TRUE(checkPort(-5060));
    EXPECT_TRUE(checkPort(65536));

    for (const char* ok : {"0.0.0.0", "192.0.2.1", "::", "2001:db8::1", "::ffff:192.0.2.1"})
        EXPECT_FALSE(checkIpAddress(ok)) << ok;
    for (const char* bad : {"", "localhost", "192.0.2.1/32", "[::1]", "256.0.0.1"})
        EXPECT_TRUE(checkIpAddress(bad)) << bad;

    for (const char* ok : {"203.0.113.5", "203.0.113.0/24", "0.0.0.0/0", "2001:db8::/32", "::1/128"})
        EXPECT_FALSE(checkAddress(ok)) << ok;
    for (const char* bad :
         {"", "203.0.113.0/33", "2001:db8::/129", "203.0.113.0/", "host.example", "1.2.3.4/-1"})
        EXPECT_TRUE(checkAddress(bad)) << bad;
}

TEST(ValidationChecks, TextNamesAccounts) {
    EXPECT_FALSE(checkDidNumber("+8613901088888"));
    EXPECT_FALSE(checkDidNumber("01088888"));
    EXPECT_TRUE(checkDidNumber("+"));
    EXPECT_TRUE(checkDidNumber("+86 139"));

    EXPECT_FALSE(checkName("ims"));
    EXPECT_FALSE(checkName("China Telecom 2"));
    EXPECT_TRUE(checkName(""));
    EXPECT_TRUE(checkName(" ims"));
    EXPECT_TRUE(checkName(std::string(65, 'a')));

    EXPECT_FALSE(checkText("Empfang \xC3\xBC"));  // UTF-8 is fine
    EXPECT_TRUE(checkText("evil\r\nVia: x"));     // header injection
    EXPECT_TRUE(checkText("\xC3"));               // truncated UTF-8
    EXPECT_TRUE(checkPassword(""));
    EXPECT_FALSE(checkPassword("k7Qm2xRt9vPa"));

    EXPECT_FALSE(checkAccount("+8612345678"));
    EXPECT_FALSE(checkAccount("office%2042"));
    EXPECT_TRUE(checkAccount(""));
    EXPECT_TRUE(checkAccount("user@example.net"));
    EXPECT_TRUE(checkAccount("bad%2"));
    EXPECT_TRUE(checkAccount("sp ace"));

    EXPECT_FALSE(checkAuthId(""));
    EXPECT_FALSE(checkAuthId("+8612345678@gd.ctcims.cn"));
    EXPECT_TRUE(checkAuthId("a\"b"));
    EXPECT_TRUE(checkAuthId("a b"));
}

TEST(ValidationChecks, SmallEnumsAndDialStrings) {
    EXPECT_FALSE(checkExpires(600));
    EXPECT_TRUE(checkExpires(0));
    EXPECT_TRUE(checkExpires(86401));
    EXPECT_FALSE(checkOutgroupPrefix(""));
    EXPECT_FALSE(checkOutgroupPrefix("9"));
    EXPECT_FALSE(checkOutgroupPrefix("*9"));
    EXPECT_TRUE(checkOutgroupPrefix("12345"));
    EXPECT_TRUE(checkOutgroupPrefix("a"));
    EXPECT_FALSE(checkPrepend("+86"));
    EXPECT_FALSE(checkPrepend(""));
    EXPECT_TRUE(checkPrepend("86+"));
    EXPECT_FALSE(checkRingback("eu"));
    EXPECT_TRUE(checkRingback("de"));
    EXPECT_FALSE(checkLogLevel("debug"));
    EXPECT_TRUE(checkLogLevel("trace"));
    EXPECT_FALSE(checkTransport(store::Transport::Tls));
    EXPECT_TRUE(checkTransport(static_cast<store::Transport>(0)));
}

TEST(ValidationPaths, HelpersSpellPathsOneWay) {
    EXPECT_EQ(indexPath("lines", 1), "lines[1]");
    EXPECT_EQ(memberPath("lines[1]", "proxy"), "lines[1].proxy");
    EXPECT_EQ(memberPath("", "settings"), "settings");
    EXPECT_EQ(memberPath("x", "odd key"), "x[\"odd key\"]");
    EXPECT_EQ(keyPath("trunks[0].dids", "+8613901088888"), "trunks[0].dids[\"+8613901088888\"]");
    EXPECT_EQ(keyPath("t", "a\"b"), "t[\"a\\\"b\"]");
    EXPECT_EQ((FieldError{"settings.sip_port", "expected a port number from 1 to 65535"}).toString(),
              "settings.sip_port: expected a port number from 1 to 65535");
}

TEST(ValidationConfig, ValidConfigurationHasNoErrors) {
    EXPECT_TRUE(validate(validConfiguration()).empty()) << dump(validate(validConfiguration()));
}

TEST(ValidationConfig, DuplicateExtensionNumber) {
    auto c = validConfiguration();
    c.extensions.push_back({"100", "pw", "Copy", true, false});
    auto errors = validate(c);
    ASSERT_EQ(errors.size(), 1u) << dump(errors);
    EXPECT_EQ(errors[0].toString(), "extensions[2].number: 100 is already used by extensions[0]");
}

TEST(ValidationConfig, NamesUniqueAcrossLinesAndTrunks) {
    auto c = validConfiguration();
    c.trunks[0].name = "ims";
    c.routes.clear();
    auto errors = validate(c);
    EXPECT_TRUE(hasError(errors, "trunks[0].name", "already used by lines[0]")) << dump(errors);
}

TEST(ValidationConfig, RouteTargetsMustExist) {
    auto c = validConfiguration();
    c.routes.push_back({"0.", 0, "", "carier", "nowhere", {}});
    c.routes.push_back({"8.", 0, "", "", "", {}});
    c.routes.push_back({"7.", -1, "", "ims", "ims", {}});
    auto errors = validate(c);
    EXPECT_TRUE(hasError(errors, "routes[1].target", "no line or trunk named \"carier\"")) << dump(errors);
    EXPECT_TRUE(hasError(errors, "routes[1].failover", "nowhere")) << dump(errors);
    EXPECT_TRUE(hasError(errors, "routes[2].target", "required")) << dump(errors);
    EXPECT_TRUE(hasError(errors, "routes[3].strip", "negative")) << dump(errors);
    EXPECT_TRUE(hasError(errors, "routes[3].failover", "same")) << dump(errors);
}

TEST(ValidationConfig, ExtensionReferencesMustExist) {
    auto c = validConfiguration();
    c.lines[0].incomingExtension = "105";
    c.trunks[0].dids["+8613901088889"] = "999";
    c.trunks[0].dids["86-1"] = "100";
    auto errors = validate(c);
    EXPECT_TRUE(hasError(errors, "lines[0].incoming_extension", "no extension 105")) << dump(errors);
    EXPECT_TRUE(hasError(errors, "trunks[0].dids[\"+8613901088889\"]", "no extension 999")) << dump(errors);
    EXPECT_TRUE(hasError(errors, "trunks[0].dids[\"86-1\"]", "DID")) << dump(errors);
}

TEST(ValidationConfig, CallerIdCredentialsAndPermissions) {
    auto c = validConfiguration();
    c.lines[0].callerId = "+86 139";
    c.trunks[0].authPassword = "secret";
    c.trunks[0].callerId = "abc";
    c.trunks[0].callerIdPrefix = "+86x";
    c.trunks[0].defaultExtension = "555";
    c.routes[0].allowedExtensions = {"100", "777"};
    c.settings.traceFileMaxMb = 0;
    c.settings.allowList = {"10.0.0.0/8", "10.0.0.0/33"};
    c.settings.authFailWindowS = 0;
    c.settings.codecs = {"PCMA", "pcma", "G.729 a"};
    auto errors = validate(c);
    EXPECT_TRUE(hasError(errors, "lines[0].caller_id", "")) << dump(errors);
    EXPECT_TRUE(hasError(errors, "trunks[0].auth_user", "required when auth_password is set")) << dump(errors);
    EXPECT_TRUE(hasError(errors, "trunks[0].caller_id", "")) << dump(errors);
    EXPECT_TRUE(hasError(errors, "trunks[0].caller_id_prefix", "")) << dump(errors);
    EXPECT_TRUE(hasError(errors, "trunks[0].default_extension", "no extension 555")) << dump(errors);
    EXPECT_TRUE(hasError(errors, "routes[0].allowed_extensions[1]", "no extension 777")) << dump(errors);
    EXPECT_FALSE(hasError(errors, "routes[0].allowed_extensions[0]", "")) << dump(errors);
    EXPECT_TRUE(hasError(errors, "settings.trace_file_max_mb", "")) << dump(errors);
    EXPECT_TRUE(hasError(errors, "settings.allow_list[1]", "")) << dump(errors);
    EXPECT_FALSE(hasError(errors, "settings.allow_list[0]", "")) << dump(errors);
    EXPECT_TRUE(hasError(errors, "settings.auth_fail_window", "")) << dump(errors);
    EXPECT_TRUE(hasError(errors, "settings.codecs[1]", "listed twice")) << dump(errors);
    EXPECT_TRUE(hasError(errors, "settings.codecs[2]", "unexpected character ' '")) << dump(errors);
    EXPECT_FALSE(hasError(errors, "settings.codecs[0]", "")) << dump(errors);

    auto good = validConfiguration();
    good.lines[0].callerId = "+8613901088800";
    good.trunks[0].authUser = "office";
    good.trunks[0].authPassword = "secret";
    good.trunks[0].callerIdPrefix = "+861390108";
    good.trunks[0].defaultExtension = "100";
    good.routes[0].allowedExtensions = {"100"};
    EXPECT_TRUE(validate(good).empty()) << dump(validate(good));
}

TEST(ValidationConfig, SettingsRanges) {
    auto c = validConfiguration();
    c.settings.rtpPortMin = 20000;
    c.settings.rtpPortMax = 10000;
    c.settings.tlsPort = 5060;
    c.settings.bindAddress = "any";
    c.settings.domain = "";
    auto errors = validate(c);
    EXPECT_TRUE(hasError(errors, "settings.rtp_port_min", "less than rtp_port_max")) << dump(errors);
    EXPECT_TRUE(hasError(errors, "settings.tls_port", "differ")) << dump(errors);
    EXPECT_TRUE(hasError(errors, "settings.bind")) << dump(errors);
    EXPECT_TRUE(hasError(errors, "settings.domain", "required")) << dump(errors);

    c = validConfiguration();
    c.settings.sipPort = 0;
    c.settings.rtpPortMin = 5000;
    c.settings.rtpPortMax = 6000;
    c.settings.tlsPort = 5061;
    errors = validate(c);
    EXPECT_TRUE(hasError(errors, "settings.sip_port", "1 to 65535")) << dump(errors);

    c.settings.sipPort = 5060;
    errors = validate(c);
    EXPECT_TRUE(hasError(errors, "settings.sip_port", "inside the RTP port range")) << dump(errors);
}

TEST(ValidationConfig, RegistrarSettings) {
    auto c = validConfiguration();
    c.settings.authAlgorithms = "MD5,SHA-1";
    c.settings.minExpiresS = 0;
    c.settings.maxContacts = 0;
    c.settings.nonceLifetimeS = 0;
    c.settings.qualifyIntervalS = 0;
    c.settings.tlsPrivateKey = "/etc/switchboard/pbx.key";
    auto errors = validate(c);
    EXPECT_TRUE(hasError(errors, "settings.auth_algorithms", "SHA-1")) << dump(errors);
    EXPECT_TRUE(hasError(errors, "settings.min_expires", "1 to 86400")) << dump(errors);
    EXPECT_TRUE(hasError(errors, "settings.max_contacts")) << dump(errors);
    EXPECT_TRUE(hasError(errors, "settings.nonce_lifetime")) << dump(errors);
    EXPECT_TRUE(hasError(errors, "settings.qualify_interval")) << dump(errors);
    EXPECT_TRUE(hasError(errors, "settings.tls_private_key", "needs tls_certificate")) << dump(errors);

    c = validConfiguration();
    c.settings.minExpiresS = 600;
    c.settings.maxExpiresS = 300;
    EXPECT_TRUE(hasError(validate(c), "settings.min_expires", "must not exceed max_expires"));
    c.settings.maxExpiresS = 3600;
    c.settings.defaultExpiresS = 120;
    EXPECT_TRUE(hasError(validate(c), "settings.default_expires", "between"));

    EXPECT_FALSE(checkAuthAlgorithms("MD5"));
    EXPECT_FALSE(checkAuthAlgorithms("SHA-256, MD5"));
    EXPECT_TRUE(checkAuthAlgorithms(""));
    EXPECT_TRUE(checkAuthAlgorithms("MD5,MD5"));
    EXPECT_TRUE(checkAuthAlgorithms("MD5,"));
}

TEST(ValidationConfig, RequiredFieldsAndTransport) {
    auto c = validConfiguration();
    c.extensions[0].password = "";
    c.lines[0].domain = "";
    c.lines[0].account = "";
    c.lines[0].transport = static_cast<store::Transport>(7);
    c.lines[0].proxy = "198.51.100.7:70000";
    c.trunks[0].host = "";
    c.trunks[0].port = 0;
    c.trunks[0].requestUriParams = ";user=phone";
    c.trunks[0].allowedAddresses.push_back("203.0.113.0/40");
    c.version = 2;
    auto errors = validate(c);
    EXPECT_TRUE(hasError(errors, "version")) << dump(errors);
    EXPECT_TRUE(hasError(errors, "extensions[0].password", "required")) << dump(errors);
    EXPECT_TRUE(hasError(errors, "lines[0].domain", "required")) << dump(errors);
    EXPECT_TRUE(hasError(errors, "lines[0].account", "required")) << dump(errors);
    EXPECT_TRUE(hasError(errors, "lines[0].transport")) << dump(errors);
    EXPECT_TRUE(hasError(errors, "lines[0].proxy", "expected host[:port]")) << dump(errors);
    EXPECT_TRUE(hasError(errors, "trunks[0].host", "required")) << dump(errors);
    EXPECT_TRUE(hasError(errors, "trunks[0].port")) << dump(errors);
    EXPECT_TRUE(hasError(errors, "trunks[0].request_uri_params")) << dump(errors);
    EXPECT_TRUE(hasError(errors, "trunks[0].allowed_addresses[1]")) << dump(errors);
}

TEST(ValidationConfig, ErrorsComeInDocumentOrder) {
    auto c = validConfiguration();
    c.routes[0].pattern = "";
    c.extensions[1].name = "Sales\nVia: injected";
    c.settings.ringback = "xx";
    auto errors = validate(c);
    ASSERT_EQ(errors.size(), 3u) << dump(errors);
    EXPECT_EQ(errors[0].path, "settings.ringback");
    EXPECT_EQ(errors[1].path, "extensions[1].name");
    EXPECT_EQ(errors[2].path, "routes[0].pattern");
}

}  // namespace
}  // namespace sb::config
