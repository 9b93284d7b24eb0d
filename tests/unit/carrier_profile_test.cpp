// Carrier profiles: the shipped presets, applying them, export/import round
// trips, and a clear error for every kind of bad profile file.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "config/carrier_profile.h"

using namespace sb::config;

namespace {

const std::filesystem::path kShipped =
    std::filesystem::path(SB_TESTDATA_DIR) / ".." / ".." / "resources" / "profiles";

CarrierProfile shipped(const std::string& file) {
    auto p = readCarrierProfileFile(kShipped / file);
    EXPECT_TRUE(p.ok()) << (p.ok() ? "" : p.error().message);
    return p.ok() ? p.value() : CarrierProfile{};
}

std::string errorOf(const std::string& text) {
    auto p = parseCarrierProfile(text);
    EXPECT_FALSE(p.ok()) << text;
    return p.ok() ? std::string() : p.error().message;
}

const std::string kHead = R"({"switchboard_carrier_profile": 1, "name": "x", )";

class TempDir {
public:
    TempDir()
        : m_path(std::filesystem::temp_directory_path() / ("sb-profile-" + std::to_string(::getpid()))) {
        std::filesystem::create_directories(m_path);
    }
    ~TempDir() { std::filesystem::remove_all(m_path); }
    const std::filesystem::path& path() const { return m_path; }

private:
    std::filesystem::path m_path;
};

}  // namespace

TEST(CarrierProfile, ShippedProfilesAreValid) {
    size_t count = 0;
    for (const auto& entry : std::filesystem::directory_iterator(kShipped)) {
        auto p = readCarrierProfileFile(entry.path());
        EXPECT_TRUE(p.ok()) << entry.path() << ": " << (p.ok() ? "" : p.error().message);
        ++count;
    }
    EXPECT_GE(count, 3u);
}

TEST(CarrierProfile, ChinaMobileTrunkAddsUserPhoneToTheRequestUri) {
    const auto p = shipped("china_mobile_trunk.json");
    EXPECT_FALSE(p.forLines);
    EXPECT_TRUE(p.forTrunks);
    sb::store::SipTrunk trunk;
    trunk.name = "cmcc";
    trunk.host = "203.0.113.5";
    applyCarrierProfile(p, trunk);
    EXPECT_EQ(trunk.requestUriParams, "user=phone");
    EXPECT_FALSE(trunk.disable100rel);
    EXPECT_EQ(trunk.host, "203.0.113.5");  // not the profile's business
}

TEST(CarrierProfile, CtcImsLineUsesTheFullAuthorizationName) {
    const auto p = shipped("ctc_ims_line.json");
    EXPECT_TRUE(p.forLines);
    EXPECT_FALSE(p.forTrunks);
    sb::store::ExternalLine line;
    line.proxy = "10.20.30.40:5060";
    applyCarrierProfile(p, line);
    EXPECT_TRUE(line.authIdIncludesAddress);
    EXPECT_TRUE(line.userPhone);
    EXPECT_EQ(line.proxy, "10.20.30.40:5060");  // the profile names no proxy: the one typed in stays
    EXPECT_NE(p.notes.find("outbound proxy"), std::string::npos);
}

TEST(CarrierProfile, ExportThenImportGivesTheSameSettings) {
    sb::store::ExternalLine line;
    line.disable100rel = true;
    line.userPhone = false;
    line.authIdIncludesAddress = true;
    line.expiresS = 1800;
    line.proxy = "[2001:db8::7]:5060";
    line.transport = sb::store::Transport::Tls;
    line.tlsVerify = false;
    auto profile = carrierProfileOf(line, "Our carrier");
    profile.description = "As tested on \"our\" line";
    TempDir dir;
    const auto file = dir.path() / "ours.json";
    ASSERT_TRUE(writeCarrierProfileFile(file, profile).ok());
    auto back = readCarrierProfileFile(file);
    ASSERT_TRUE(back.ok()) << back.error().message;
    EXPECT_EQ(back.value(), profile);
    sb::store::ExternalLine other;
    applyCarrierProfile(back.value(), other);
    EXPECT_EQ(other.disable100rel, line.disable100rel);
    EXPECT_EQ(other.userPhone, line.userPhone);
    EXPECT_EQ(other.authIdIncludesAddress, line.authIdIncludesAddress);
    EXPECT_EQ(other.expiresS, line.expiresS);
    EXPECT_EQ(other.proxy, line.proxy);
    EXPECT_EQ(other.transport, line.transport);
    EXPECT_EQ(other.tlsVerify, line.tlsVerify);

    sb::store::SipTrunk trunk;
    trunk.requestUriParams = "user=phone;cpc=ordinary";
    auto t = parseCarrierProfile(carrierProfileToJson(carrierProfileOf(trunk, "T")));
    ASSERT_TRUE(t.ok()) << t.error().message;
    EXPECT_EQ(t->requestUriParams, std::optional<std::string>("user=phone;cpc=ordinary"));
    EXPECT_FALSE(t->forLines);
}

TEST(CarrierProfile, BadProfilesGetAClearError) {
    EXPECT_NE(errorOf(R"({"version": 1, "settings": {}})").find("not a carrier profile"), std::string::npos);
    EXPECT_NE(errorOf(R"({"switchboard_carrier_profile": 2, "name": "x", "settings": {}})")
                  .find("profile format 2 is newer than this Switchboard understands (1)"),
              std::string::npos);
    EXPECT_EQ(errorOf(kHead + R"("settings": {"user_phone": "yes"}})"),
              "settings.user_phone: expected true or false, got a string");
    EXPECT_EQ(errorOf(kHead + R"("settings": {"user_phnoe": true}})"),
              "settings.user_phnoe: unknown key (did you mean \"user_phone\"?)");
    EXPECT_EQ(errorOf(kHead + R"("settings": {"proxy": "sbc example"}})")
                  .rfind("settings.proxy: expected host[:port]", 0),
              0u);
    EXPECT_EQ(errorOf(kHead + R"("settings": {"expires": 5}})").rfind("settings.expires: ", 0), 0u);
    EXPECT_EQ(errorOf(kHead + R"("settings": {"request_uri_params": ";user=phone"}})")
                  .rfind("settings.request_uri_params: ", 0),
              0u);
    EXPECT_EQ(errorOf(kHead + R"("applies_to": ["trunk"], "settings": {"user_phone": true}})"),
              "settings.user_phone: only lines have it, and this profile applies to trunks only");
    EXPECT_EQ(
        errorOf(kHead + R"("applies_to": ["phone"], "settings": {}})"),
        "applies_to[0]: expected \"line\" or \"trunk\"\napplies_to: names neither \"line\" nor \"trunk\"");
    EXPECT_EQ(errorOf(R"({"switchboard_carrier_profile": 1, "settings": {}})"), "name: required");
    EXPECT_EQ(errorOf(kHead + R"("settings": {"keep_alive": 30}})"), "settings.keep_alive: unknown key");
    EXPECT_EQ(errorOf(kHead + R"("settings": {}, "settings": {}})"), "settings: duplicate key");
    EXPECT_EQ(errorOf("{\n  \"name\": \"x\",\n  oops\n}").rfind("line 3, column 3: ", 0), 0u);
    EXPECT_EQ(errorOf(R"({"switchboard_carrier_profile": 1, "name": "x"})"), "settings: required");
    EXPECT_EQ(errorOf("[]"), "document: expected a JSON object, got an array");
}

TEST(CarrierProfile, FileErrorsNameTheFile) {
    TempDir dir;
    auto missing = readCarrierProfileFile(dir.path() / "none.json");
    ASSERT_FALSE(missing.ok());
    EXPECT_NE(missing.error().message.find("none.json: cannot read"), std::string::npos);
    const auto big = dir.path() / "big.json";
    std::ofstream(big) << std::string(100 * 1024, ' ');
    auto tooBig = readCarrierProfileFile(big);
    ASSERT_FALSE(tooBig.ok());
    EXPECT_NE(tooBig.error().message.find("too large for a carrier profile"), std::string::npos);
    const auto bad = dir.path() / "bad.json";
    std::ofstream(bad) << R"({"switchboard_carrier_profile": 1})";
    auto invalid = readCarrierProfileFile(bad);
    ASSERT_FALSE(invalid.ok());
    EXPECT_EQ(invalid.error().message, bad.string() + ": name: required\nsettings: required");
}
