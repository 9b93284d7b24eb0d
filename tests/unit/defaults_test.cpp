#include "config/defaults.h"

#include <gtest/gtest.h>

#include <set>

#include "config/json_config.h"
#include "config/validation.h"

namespace sb::config {
namespace {

TEST(Defaults, ThreeExtensionsWithDistinctGeneratedPasswords) {
    const store::Configuration c = defaultConfiguration();
    ASSERT_EQ(c.extensions.size(), 3u);
    EXPECT_EQ(c.extensions[0].number, "100");
    EXPECT_EQ(c.extensions[0].name, "Reception");
    EXPECT_EQ(c.extensions[1].number, "101");
    EXPECT_EQ(c.extensions[2].number, "102");
    std::set<std::string> passwords;
    for (const auto& e : c.extensions) {
        EXPECT_EQ(e.password.size(), 12u) << e.number;
        EXPECT_TRUE(e.enabled);
        passwords.insert(e.password);
    }
    EXPECT_EQ(passwords.size(), 3u);
}

TEST(Defaults, PassValidationAndKeepRecordDefaults) {
    const store::Configuration c = defaultConfiguration();
    EXPECT_FALSE(c.settings.domain.empty());
    EXPECT_FALSE(checkDomain(c.settings.domain)) << c.settings.domain;
    EXPECT_EQ(c.settings.outgroupPrefix, "9");
    EXPECT_EQ(c.settings.sipPort, 5060);
    EXPECT_TRUE(c.lines.empty());
    EXPECT_TRUE(c.trunks.empty());
    EXPECT_TRUE(c.routes.empty());
    const auto errors = validate(c);
    EXPECT_TRUE(errors.empty()) << (errors.empty() ? "" : errors[0].toString());

    auto reparsed = parseConfigurationJson(configurationToJson(c));
    ASSERT_TRUE(reparsed) << reparsed.error().message;
    EXPECT_EQ(*reparsed, c);
}

TEST(Defaults, PrimaryAddressIsAnIpv4Literal) {
    const std::string address = primaryAddress();
    EXPECT_FALSE(checkIpAddress(address)) << address;
    EXPECT_EQ(address.find(':'), std::string::npos) << address;
    EXPECT_NE(address, "0.0.0.0");
}

TEST(Defaults, GeneratedPasswordsUseTheUnambiguousAlphabet) {
    EXPECT_EQ(generatePassword().size(), 12u);
    EXPECT_EQ(generatePassword(0), "");
    EXPECT_EQ(generatePassword(200).size(), 200u);
    std::set<char> seen;
    std::set<std::string> distinct;
    for (int i = 0; i < 200; ++i) {
        const std::string p = generatePassword();
        distinct.insert(p);
        seen.insert(p.begin(), p.end());
    }
    EXPECT_EQ(distinct.size(), 200u);
    for (char c : std::string("0O1lIo")) EXPECT_EQ(seen.count(c), 0u) << c;
    // 2,400 draws from 56 symbols: every symbol shows up unless the
    // generator is badly skewed.
    EXPECT_EQ(seen.size(), 56u);
}

}  // namespace
}  // namespace sb::config
