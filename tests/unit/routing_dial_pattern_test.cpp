#include "routing/dial_pattern.h"

#include <gtest/gtest.h>

#include "config/validation.h"

namespace sb::routing {
namespace {

struct PatternCase {
    const char* pattern;
    const char* number;
    bool matches;
};

const PatternCase kPatternCases[] = {
    // Literal digits.
    {"100", "100", true},
    {"100", "1000", false},
    {"100", "10", false},
    {"100", "101", false},
    // X = 0-9, Z = 1-9, N = 2-9.
    {"1XX", "100", true},
    {"1XX", "199", true},
    {"1XX", "1a9", false},
    {"Z", "0", false},
    {"Z", "1", true},
    {"Z", "9", true},
    {"N", "1", false},
    {"N", "2", true},
    {"N", "9", true},
    {"X", "0", true},
    // Exact length without '.': 9NXXXXXX is 8 characters, no more, no fewer.
    {"9NXXXXXX", "92345678", true},
    {"9NXXXXXX", "9234567", false},
    {"9NXXXXXX", "923456789", false},
    {"9NXXXXXX", "91345678", false},
    // Sets and ranges.
    {"[1-5]", "1", true},
    {"[1-5]", "5", true},
    {"[1-5]", "6", false},
    {"[137]", "3", true},
    {"[137]", "2", false},
    {"[135-7]", "6", true},
    {"[135-7]", "4", false},
    {"[1-1]", "1", true},
    {"91[3-9]XXXXXXXXX", "913901088888", true},
    {"91[3-9]XXXXXXXXX", "912901088888", false},
    // '.' = one or more of anything after the fixed part.
    {"9.", "9", false},
    {"9.", "90", true},
    {"9.", "9013901088888", true},
    {"9.", "8013901088888", false},
    {"0.", "013901088888", true},
    {"9.", "9+8613901088888", true},
    {"9.", "9*86#", true},
    {"9.", "9alice", true},
    {"9X.", "91", false},
    {"9X.", "912", true},
    // '+', '*', '#' in a dialled number only meet a '.' tail: wildcards are digits.
    {"XXX", "+86", false},
    {"X.", "+8613901088888", false},
    {"XX", "*9", false},
    {"XXX", "#12", false},
    // ...and match themselves when written in a pattern (not accepted by validation yet).
    {"+86.", "+8613901088888", true},
    {"+86.", "8613901088888", false},
    {"*9X", "*97", true},
    {"X#", "1#", true},
    // Nothing matches an empty number.
    {"X", "", false},
    {"X.", "", false},
};

TEST(DialPlanPattern, Table) {
    for (const auto& c : kPatternCases) {
        auto pattern = DialPattern::compile(c.pattern);
        ASSERT_TRUE(pattern) << c.pattern << ": " << pattern.error().message;
        EXPECT_EQ(pattern->matches(c.number), c.matches) << c.pattern << " vs \"" << c.number << "\"";
    }
}

// The dial plan reads exactly the grammar the configuration validator lets
// through; the only extension is literal '+', '*' and '#'.
TEST(DialPlanPattern, SameGrammarAsValidation) {
    for (const char* text :
         {"9.",   "0.",  "100", "1XX", "9NXXXXXX", "[1-5]XX", "[137]", "[135-7]X.", "91[3-9]XXXXXXXXX",
          "ZN.",  "",    ".",   "9.1", "x",        "9n",      "[",     "[]",        "[5-1]",
          "[1-]", "[a]", "9 1", "9-1", "[1-5",     "abc",     "..",    "9..",       "[0-9][0-9]."}) {
        const bool validates = !config::checkRoutePattern(text);
        auto compiled = DialPattern::compile(text);
        EXPECT_EQ(bool(compiled), validates)
            << "\"" << text << "\" " << (compiled ? std::string() : compiled.error().message);
    }
    for (const char* extension : {"+86.", "*9X", "X#"}) {
        EXPECT_TRUE(config::checkRoutePattern(extension)) << extension;
        EXPECT_TRUE(DialPattern::compile(extension)) << extension;
    }
}

TEST(DialPlanPattern, ErrorsSayWhy) {
    EXPECT_NE(DialPattern::compile("9.1").error().message.find("last"), std::string::npos);
    EXPECT_NE(DialPattern::compile("[5-1]").error().message.find("backwards"), std::string::npos);
    EXPECT_NE(DialPattern::compile("9q").error().message.find("position 2"), std::string::npos);
    EXPECT_EQ(DialPattern::compile("9NXX.")->text(), "9NXX.");
}

}  // namespace
}  // namespace sb::routing
