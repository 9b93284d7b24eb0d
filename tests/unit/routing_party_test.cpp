#include "routing/party.h"

#include <gtest/gtest.h>

#include "routing/text_util.h"

namespace sb::routing {
namespace {

struct UriCase {
    const char* uri;
    UriScheme scheme;
    const char* user;
    const char* number;
    const char* host;
    uint16_t port;
    bool isPhone;
    bool isGlobal;
    const char* phoneContext;
};

// Every form a carrier, IMS core or phone may hand us for a party.
const UriCase kUriCases[] = {
    // TEL URIs (RFC 3966): separators removed, '+' kept, phone-context kept.
    {"tel:+8613901088888", UriScheme::Tel, "+8613901088888", "+8613901088888", "", 0, true, true, ""},
    {"tel:+86-139-0108-8888", UriScheme::Tel, "+86-139-0108-8888", "+8613901088888", "", 0, true, true, ""},
    {"tel:+86.139.0108.8888", UriScheme::Tel, "+86.139.0108.8888", "+8613901088888", "", 0, true, true, ""},
    {"tel:+1-(201)-555-0123", UriScheme::Tel, "+1-(201)-555-0123", "+12015550123", "", 0, true, true, ""},
    {"TEL:+8613901088888", UriScheme::Tel, "+8613901088888", "+8613901088888", "", 0, true, true, ""},
    {"tel:88888;phone-context=+86-10", UriScheme::Tel, "88888", "88888", "", 0, true, false, "+86-10"},
    {"tel:0108-8888;phone-context=ims.bj.chinamobile.com", UriScheme::Tel, "0108-8888", "01088888", "", 0,
     true, false, "ims.bj.chinamobile.com"},
    {"tel:*86#;phone-context=example.com", UriScheme::Tel, "*86#", "*86#", "", 0, true, false, "example.com"},
    {"tel:+86-139-0108-8888;phone-context=+86", UriScheme::Tel, "+86-139-0108-8888", "+8613901088888", "", 0,
     true, true, "+86"},
    {"tel:%2B8613901088888", UriScheme::Tel, "+8613901088888", "+8613901088888", "", 0, true, true, ""},
    {"  tel:+8613901088888  ", UriScheme::Tel, "+8613901088888", "+8613901088888", "", 0, true, true, ""},
    // SIP URIs with user=phone: the user is a telephone-subscriber.
    {"sip:+86-139-0108-8888@ims.bj.chinamobile.com;user=phone", UriScheme::Sip, "+86-139-0108-8888",
     "+8613901088888", "ims.bj.chinamobile.com", 0, true, true, ""},
    {"sip:88888;phone-context=+86-10@gd.ctcims.cn;user=phone", UriScheme::Sip, "88888", "88888",
     "gd.ctcims.cn", 0, true, false, "+86-10"},
    {"sip:+8613901088888@203.0.113.5:5060;user=PHONE", UriScheme::Sip, "+8613901088888", "+8613901088888",
     "203.0.113.5", 5060, true, true, ""},
    // Not a number after all: kept as a plain user rather than failing the call.
    {"sip:alice@example.com;user=phone", UriScheme::Sip, "alice", "alice", "example.com", 0, false, false,
     ""},
    // Plain SIP: separators are not a SIP user's business, so they stay.
    {"sip:100@192.0.2.10", UriScheme::Sip, "100", "100", "192.0.2.10", 0, true, false, ""},
    {"sip:+8613901088888@ims.example", UriScheme::Sip, "+8613901088888", "+8613901088888", "ims.example", 0,
     true, true, ""},
    {"sip:%2B8613901088888@ims.example", UriScheme::Sip, "+8613901088888", "+8613901088888", "ims.example", 0,
     true, true, ""},
    {"sip:139-0108@ims.example", UriScheme::Sip, "139-0108", "139-0108", "ims.example", 0, false, false, ""},
    {"sip:alice@example.com", UriScheme::Sip, "alice", "alice", "example.com", 0, false, false, ""},
    {"sip:alice:secret@example.com:5070;transport=tcp?subject=hi", UriScheme::Sip, "alice", "alice",
     "example.com", 5070, false, false, ""},
    {"sips:100@[2001:db8::1]:5061", UriScheme::Sips, "100", "100", "[2001:db8::1]", 5061, true, false, ""},
    {"SIP:pbx.example.com", UriScheme::Sip, "", "", "pbx.example.com", 0, false, false, ""},
    {"sip:*97@pbx.example.com", UriScheme::Sip, "*97", "*97", "pbx.example.com", 0, true, false, ""},
};

TEST(PartyFromUri, Forms) {
    for (const auto& c : kUriCases) {
        SCOPED_TRACE(c.uri);
        auto party = fromUri(c.uri);
        ASSERT_TRUE(party) << party.error().message;
        EXPECT_EQ(party->scheme, c.scheme);
        EXPECT_EQ(party->user, c.user);
        EXPECT_EQ(party->number, c.number);
        EXPECT_EQ(party->host, c.host);
        EXPECT_EQ(party->port, c.port);
        EXPECT_EQ(party->isPhoneNumber, c.isPhone);
        EXPECT_EQ(party->isGlobal, c.isGlobal);
        EXPECT_EQ(party->phoneContext, c.phoneContext);
    }
}

TEST(PartyFromUri, Params) {
    auto sip = fromUri("sip:+8613901088888;ext=12@ims.example;user=phone;Transport=TCP;lr");
    ASSERT_TRUE(sip) << sip.error().message;
    // Subscriber parameters first, then the URI's, names lower-cased.
    const std::vector<std::pair<std::string, std::string>> want = {
        {"ext", "12"}, {"user", "phone"}, {"transport", "TCP"}, {"lr", ""}};
    EXPECT_EQ(sip->params, want);
    EXPECT_EQ(sip->param("TRANSPORT"), "TCP");
    EXPECT_EQ(sip->param("lr"), "");
    EXPECT_FALSE(sip->param("maddr"));

    auto tel = fromUri("tel:+8613901088888;isub=1411;phone-context=+86;foo");
    ASSERT_TRUE(tel) << tel.error().message;
    EXPECT_EQ(tel->phoneContext, "+86");
    EXPECT_EQ(tel->param("isub"), "1411");
    EXPECT_EQ(tel->param("foo"), "");
    EXPECT_FALSE(tel->param("phone-context")) << "phone-context lives in its own field";
}

TEST(PartyFromUri, JunkIsRejectedWithAReason) {
    for (const char* junk : {"",
                             "   ",
                             "8613901088888",
                             "http://example.com",
                             "mailto:a@b",
                             "tel:",
                             "tel:+",
                             "tel:+86 139",
                             "tel:+86abc",
                             "tel:abcxyz",
                             "tel:--",
                             "tel:+86@host",
                             "tel:+86?x=y",
                             "sip:",
                             "sip:@host",
                             "sip:100@",
                             "sip:100@host:0",
                             "sip:100@host:65536",
                             "sip:100@host:port",
                             "sip:100@host:",
                             "sip:100@[2001:db8::1",
                             "sip:100@[zz]",
                             "sip:100@ho st",
                             "sip:10 0@host",
                             "<sip:100@host>",
                             "sip:%4@host",
                             "sip:%0a@host",
                             "sip:100@host;=x",
                             "sip:100@bad/host",
                             "\"Alice\" sip:100@host"}) {
        auto party = fromUri(junk);
        EXPECT_FALSE(party) << "accepted: " << junk;
        if (!party) {
            EXPECT_FALSE(party.error().message.empty()) << junk;
        }
    }
}

TEST(PartyFromNameAddr, HeaderForms) {
    struct Case {
        const char* value;
        const char* number;
        const char* host;
    };
    for (const Case& c : std::initializer_list<Case>{
             {"\"Alice\" <sip:100@pbx.example>;tag=abc", "100", "pbx.example"},
             {"<tel:+86-139-0108-8888>", "+8613901088888", ""},
             {"sip:100@pbx.example;tag=abc", "100", "pbx.example"},
             {"Bob <sip:+8612345678@gd.ctcims.cn;user=phone>", "+8612345678", "gd.ctcims.cn"},
             {"\"Smith, J <boss>\" <sip:101@pbx>", "101", "pbx"},
             {"<sip:+8613901088888@ims;user=phone>, <tel:+8613901088888>", "+8613901088888", "ims"},
         }) {
        auto party = fromNameAddr(c.value);
        ASSERT_TRUE(party) << c.value << ": " << party.error().message;
        EXPECT_EQ(party->number, c.number) << c.value;
        EXPECT_EQ(party->host, c.host) << c.value;
    }
    for (const char* junk : {"", "\"Alice <sip:100@pbx>", "<sip:100@pbx", "Alice sip:100@pbx", "<>"})
        EXPECT_FALSE(fromNameAddr(junk)) << junk;
}

TEST(PartyToSipUri, NeverTelAndUserPhoneOnce) {
    struct Case {
        const char* uri;
        const char* domain;
        bool userPhone;
        const char* extra;
        const char* want;
    };
    for (const Case& c : std::initializer_list<Case>{
             {"tel:+86-139-0108-8888", "ims.bj.chinamobile.com", true, "",
              "sip:+8613901088888@ims.bj.chinamobile.com;user=phone"},
             {"tel:+86-139-0108-8888", "ims.bj.chinamobile.com", false, "",
              "sip:+8613901088888@ims.bj.chinamobile.com"},
             {"tel:88888;phone-context=+86-10", "gd.ctcims.cn", true, "",
              "sip:88888@gd.ctcims.cn;user=phone"},
             {"sip:+8613901088888@x;user=phone", "203.0.113.5:5060", true, "user=phone",
              "sip:+8613901088888@203.0.113.5:5060;user=phone"},
             {"tel:+8613901088888", "203.0.113.5:5060", false, "user=phone",
              "sip:+8613901088888@203.0.113.5:5060;user=phone"},
             {"tel:+8613901088888", "h", true, "npdi;user=phone;rn=123",
              "sip:+8613901088888@h;npdi;user=phone;rn=123"},
             {"tel:+8613901088888", "h", true, "npdi", "sip:+8613901088888@h;user=phone;npdi"},
             {"tel:+8613901088888", "h", true, ";npdi", "sip:+8613901088888@h;user=phone;npdi"},
             {"tel:+8613901088888", "h", true, "User=Phone", "sip:+8613901088888@h;User=Phone"},
             {"tel:+8613901088888", "h", true, "user=phone;user=phone", "sip:+8613901088888@h;user=phone"},
             {"tel:+8613901088888", "h", true, "user=ip", "sip:+8613901088888@h;user=ip"},
             {"sip:alice@example.com", "example.com", true, "", "sip:alice@example.com"},
             {"sip:alice@example.com", "example.com", true, "user=phone", "sip:alice@example.com;user=phone"},
             {"tel:*86#;phone-context=x", "h", true, "", "sip:*86%23@h;user=phone"},
             {"sip:pbx.example", "pbx.example", true, "", "sip:pbx.example"},
         }) {
        auto party = fromUri(c.uri);
        ASSERT_TRUE(party) << c.uri;
        const std::string got = toSipUri(*party, c.domain, c.userPhone, c.extra);
        EXPECT_EQ(got, c.want) << c.uri << " extra=" << c.extra;
        EXPECT_EQ(got.rfind("sip:", 0), 0u);
        EXPECT_EQ(got.find("tel:"), std::string::npos);
    }
}

TEST(PartyToSipUri, RoundTripsThroughTheParser) {
    const Party callee = fromNumber("+8613901088888");
    auto back = fromUri(toSipUri(callee, "ims.example", true, "npdi"));
    ASSERT_TRUE(back) << back.error().message;
    EXPECT_EQ(back->number, "+8613901088888");
    EXPECT_TRUE(back->isPhoneNumber);
    EXPECT_EQ(back->param("user"), "phone");
    EXPECT_EQ(back->param("npdi"), "");
}

TEST(PartyCallerNumber, PrefersAssertedIdentityThenRpidThenFrom) {
    const std::optional<std::string> none;
    const std::string pai = "<sip:+8613901088888@ims.example;user=phone>";
    const std::string rpid = "\"Desk\" <sip:+8612345678@gd.ctcims.cn>;party=calling;privacy=off";
    const std::string from = "\"Alice\" <sip:100@pbx.example>;tag=1";
    EXPECT_EQ(callerNumber(pai, rpid, from), "+8613901088888");
    EXPECT_EQ(callerNumber(none, rpid, from), "+8612345678");
    EXPECT_EQ(callerNumber(none, none, from), "100");
    EXPECT_EQ(callerNumber(none, none, none), std::nullopt);
    // A TEL identity is normalised like any other.
    EXPECT_EQ(callerNumber(std::string("<tel:+86-139-0108-8888>"), none, from), "+8613901088888");
    // Broken or empty headers fall through to the next source.
    EXPECT_EQ(callerNumber(std::string(""), std::string("<sip:broken"), from), "100");
    EXPECT_EQ(callerNumber(std::string("<sip:ims.example>"), none, from), "100");
    // Remote-Party-ID of the called party says nothing about the caller.
    EXPECT_EQ(callerNumber(none, std::string("<sip:999@x>;party=called"), from), "100");
    EXPECT_EQ(callerNumber(none, std::string("<sip:999@x>;party=called, <sip:555@x>;party=calling"), from),
              "555");
    // A P-Asserted-Identity list: the first entry that parses.
    EXPECT_EQ(callerNumber(std::string("<junk>, <tel:+8613901088888>"), none, from), "+8613901088888");
}

TEST(PartyNumbers, NormalisationHelpers) {
    EXPECT_EQ(removeVisualSeparators("+86-(10).8888"), "+86108888");
    for (const char* yes : {"100", "+8613901088888", "*97", "*86#", "#1"})
        EXPECT_TRUE(looksLikePhoneNumber(yes)) << yes;
    for (const char* no : {"", "+", "*#", "alice", "139-0108", "+86 139", "12a"})
        EXPECT_FALSE(looksLikePhoneNumber(no)) << no;

    struct Case {
        const char* in;
        const char* want;
    };
    for (const Case& c : std::initializer_list<Case>{{"+8613901088888", "8613901088888"},
                                                     {"8613901088888", "8613901088888"},
                                                     {"008613901088888", "8613901088888"},
                                                     {"+86-139-0108-8888", "8613901088888"},
                                                     {"013901088888", "13901088888"},
                                                     {"0", "0"},
                                                     {"000", "0"},
                                                     {"alice", "alice"},
                                                     {"*97", "*97"}})
        EXPECT_EQ(significantDigits(c.in), c.want) << c.in;
    EXPECT_TRUE(sameNumber("+8613901088888", "8613901088888"));
    EXPECT_TRUE(sameNumber("+86-139-0108-8888", "008613901088888"));
    EXPECT_FALSE(sameNumber("+8613901088888", "13901088888"));
    EXPECT_FALSE(sameNumber("alice", "Alice"));
}

TEST(RoutingTextUtil, HeaderLists) {
    const auto list = splitHeaderList(" \"a, b\" <sip:1@h;x=\"y\">;p=1 , <sip:2@h?a=b,c>,, tel:3 ");
    ASSERT_EQ(list.size(), 3u);
    EXPECT_EQ(list[0], "\"a, b\" <sip:1@h;x=\"y\">;p=1");
    EXPECT_EQ(list[1], "<sip:2@h?a=b,c>");
    EXPECT_EQ(list[2], "tel:3");

    const NameAddr quoted = splitNameAddr("\"x <not> ;here\" <sip:1@h;lr>;party=calling;screen=yes");
    EXPECT_EQ(quoted.uri, "sip:1@h;lr");
    EXPECT_EQ(quoted.headerParams, "party=calling;screen=yes");
    EXPECT_EQ(headerParam(quoted.headerParams, "PARTY"), "calling");
    EXPECT_EQ(headerParam("a=\"q v\";flag", "a"), "q v");
    EXPECT_EQ(headerParam("a=\"q v\";flag", "flag"), "");
    EXPECT_FALSE(headerParam("a=1", "b"));
}

}  // namespace
}  // namespace sb::routing
