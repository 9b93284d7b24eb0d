#include <gtest/gtest.h>

#include "routing/address_match.h"
#include "routing/dial_plan.h"

namespace sb::routing {
namespace {

// Carriers as they reach us: a trunk by IP, a trunk behind CIDR/IPv6 blocks,
// a trunk known only by its IPv6 host, a disabled trunk, an IMS line behind
// a proxy, a line whose domain is an address, and a disabled line.
store::Configuration inboundConfiguration() {
    store::Configuration c;
    c.settings.domain = "192.0.2.10";
    c.extensions = {{"100", "k7Qm2xRt9vPa", "Reception", true, false},
                    {"101", "Hn4sW8eZc3Ju", "Sales", true, false},
                    {"102", "Pq8vRt2wXy4Z", "Store", true, false}};

    store::ExternalLine ims;
    ims.name = "ims";
    ims.domain = "gd.ctcims.cn";
    ims.account = "+8612345678";
    ims.proxy = "198.51.100.7:5060";
    ims.incomingExtension = "100";
    store::ExternalLine direct;
    direct.name = "direct";
    direct.domain = "198.51.100.20";
    direct.account = "office";
    direct.incomingExtension = "101";
    store::ExternalLine old;
    old.name = "old";
    old.domain = "198.51.100.50";
    old.account = "+8611111111";
    old.incomingExtension = "100";
    old.enabled = false;
    c.lines = {ims, direct, old};

    store::SipTrunk carrier;
    carrier.name = "carrier";
    carrier.host = "203.0.113.5";
    carrier.allowedAddresses = {"203.0.113.5"};
    carrier.dids = {{"+8613901088888", "100"}};
    store::SipTrunk sbc;
    sbc.name = "sbc";
    sbc.host = "sbc.example.net";
    sbc.allowedAddresses = {"198.18.0.0/15", "2001:db8:1::/48"};
    sbc.dids = {{"8610880000", "101"}, {"+861088001234", "102"}};
    store::SipTrunk v6;
    v6.name = "v6";
    v6.host = "[2001:db8::5]";
    v6.dids = {{"+8675500000000", "102"}};
    store::SipTrunk byName;  // a hostname and no allowed_addresses: never recognised
    byName.name = "byname";
    byName.host = "trunk.example.org";
    byName.dids = {{"+8613900000001", "100"}};
    store::SipTrunk off;
    off.name = "off";
    off.host = "203.0.113.9";
    off.dids = {{"+8613901000000", "100"}};
    off.enabled = false;
    c.trunks = {carrier, sbc, v6, byName, off};
    return c;
}

Party party(const char* uri) {
    auto p = fromUri(uri);
    EXPECT_TRUE(p) << uri << ": " << p.error().message;
    return p ? *p : Party{};
}

struct InboundCase {
    const char* why;
    const char* source;
    const char* requestUri;
    const char* to;
    const char* name;  // nullptr = not a trunk/line call
    TargetKind kind;
    const char* extension;
    InboundReason reason;
};

const InboundCase kInboundCases[] = {
    // DID by Request-URI, every written form of the same number.
    {"E.164 SIP", "203.0.113.5:5060", "sip:+8613901088888@192.0.2.10;user=phone", "sip:x@y", "carrier",
     TargetKind::Trunk, "100", InboundReason::TrunkDid},
    {"TEL URI with separators", "203.0.113.5:5060", "tel:+86-139-0108-8888", "sip:x@y", "carrier",
     TargetKind::Trunk, "100", InboundReason::TrunkDid},
    {"no plus", "203.0.113.5", "sip:8613901088888@192.0.2.10", "sip:x@y", "carrier", TargetKind::Trunk, "100",
     InboundReason::TrunkDid},
    {"international prefix", "203.0.113.5", "sip:008613901088888@192.0.2.10", "sip:x@y", "carrier",
     TargetKind::Trunk, "100", InboundReason::TrunkDid},
    {"national form", "203.0.113.5", "sip:013901088888@192.0.2.10", "sip:x@y", "carrier", TargetKind::Trunk,
     "100", InboundReason::TrunkDid},
    {"subscriber form", "203.0.113.5", "sip:13901088888@192.0.2.10", "sip:x@y", "carrier", TargetKind::Trunk,
     "100", InboundReason::TrunkDid},
    {"IPv4-mapped source", "[::ffff:203.0.113.5]:5060", "tel:+8613901088888", "sip:x@y", "carrier",
     TargetKind::Trunk, "100", InboundReason::TrunkDid},
    // DID by To when the Request-URI has none (or none that matches).
    {"R-URI without user", "203.0.113.5", "sip:192.0.2.10:5060", "sip:+8613901088888@192.0.2.10", "carrier",
     TargetKind::Trunk, "100", InboundReason::TrunkDid},
    {"R-URI is our contact", "203.0.113.5", "sip:switchboard@192.0.2.10", "tel:+8613901088888", "carrier",
     TargetKind::Trunk, "100", InboundReason::TrunkDid},
    // CIDR and IPv6 blocks.
    {"CIDR v4", "198.19.4.4:5060", "sip:+8610880000@192.0.2.10", "sip:x@y", "sbc", TargetKind::Trunk, "101",
     InboundReason::TrunkDid},
    {"CIDR v6", "[2001:db8:1::9]:5060", "sip:861088001234@192.0.2.10", "sip:x@y", "sbc", TargetKind::Trunk,
     "102", InboundReason::TrunkDid},
    {"trunk source, unknown DID", "198.18.0.1", "sip:+8610889999@192.0.2.10", "sip:+8610889999@192.0.2.10",
     "sbc", TargetKind::Trunk, "", InboundReason::TrunkAddress},
    {"host literal when no allowed_addresses", "[2001:db8::5]:5060", "tel:+8675500000000", "sip:x@y", "v6",
     TargetKind::Trunk, "102", InboundReason::TrunkDid},
    {"short DID suffix is not enough", "203.0.113.5", "sip:88888@192.0.2.10", "sip:x@y", "carrier",
     TargetKind::Trunk, "", InboundReason::TrunkAddress},
    // Lines: by account (any written form), then by the proxy's / domain's address.
    {"line account", "192.0.2.99", "sip:+8612345678@192.0.2.10", "sip:x@y", "ims", TargetKind::Line, "100",
     InboundReason::LineAccount},
    {"line account as TEL", "192.0.2.99", "tel:+86-1234-5678", "sip:x@y", "ims", TargetKind::Line, "100",
     InboundReason::LineAccount},
    {"line account without plus", "192.0.2.99", "sip:8612345678@192.0.2.10", "sip:x@y", "ims",
     TargetKind::Line, "100", InboundReason::LineAccount},
    {"non-numeric account", "192.0.2.99", "sip:office@192.0.2.10", "sip:x@y", "direct", TargetKind::Line,
     "101", InboundReason::LineAccount},
    {"line proxy address", "198.51.100.7:5060", "sip:anything@192.0.2.10", "sip:x@y", "ims", TargetKind::Line,
     "100", InboundReason::LineAddress},
    {"line proxy, other port", "198.51.100.7:41000", "sip:192.0.2.10", "sip:x@y", "ims", TargetKind::Line,
     "100", InboundReason::LineAddress},
    {"line domain address", "198.51.100.20:5060", "sip:555@192.0.2.10", "sip:x@y", "direct", TargetKind::Line,
     "101", InboundReason::LineAddress},
    // Nobody's call.
    {"unknown source with a DID", "192.0.2.200", "sip:+8613901088888@192.0.2.10", "sip:x@y", nullptr,
     TargetKind::Trunk, "", InboundReason::TrunkDid},
    {"disabled trunk", "203.0.113.9", "sip:+8613901000000@192.0.2.10", "sip:x@y", nullptr, TargetKind::Trunk,
     "", InboundReason::TrunkDid},
    {"disabled line account", "192.0.2.99", "sip:+8611111111@192.0.2.10", "sip:x@y", nullptr,
     TargetKind::Trunk, "", InboundReason::TrunkDid},
    {"disabled line address", "198.51.100.50", "sip:1@192.0.2.10", "sip:x@y", nullptr, TargetKind::Trunk, "",
     InboundReason::TrunkDid},
    {"trunk by hostname is not resolved", "192.0.2.77", "sip:+8613900000001@192.0.2.10", "sip:x@y", nullptr,
     TargetKind::Trunk, "", InboundReason::TrunkDid},
    {"garbage source", "not-an-address", "sip:+8613901088888@192.0.2.10", "sip:x@y", nullptr,
     TargetKind::Trunk, "", InboundReason::TrunkDid},
};

TEST(DialPlanInbound, Table) {
    const DialPlan plan(inboundConfiguration());
    for (const auto& c : kInboundCases) {
        SCOPED_TRACE(c.why);
        const auto match = plan.inbound(c.source, party(c.requestUri), party(c.to));
        if (!c.name) {
            EXPECT_FALSE(match) << "matched " << (match ? match->name : "");
            continue;
        }
        ASSERT_TRUE(match);
        EXPECT_EQ(match->name, c.name);
        EXPECT_EQ(match->kind, c.kind);
        EXPECT_EQ(match->extension, c.extension);
        EXPECT_EQ(match->reason, c.reason);
    }
}

TEST(DialPlanInbound, ReportsTheNumberAndDid) {
    const DialPlan plan(inboundConfiguration());
    auto m = plan.inbound("203.0.113.5", party("tel:+86-139-0108-8888"), party("sip:x@y"));
    ASSERT_TRUE(m);
    EXPECT_EQ(m->calledNumber, "+8613901088888");
    EXPECT_EQ(m->did, "+8613901088888");
    m = plan.inbound("203.0.113.5", party("sip:013901088888@pbx"), party("sip:x@y"));
    ASSERT_TRUE(m);
    EXPECT_EQ(m->calledNumber, "013901088888");
    EXPECT_EQ(m->did, "+8613901088888");
}

TEST(DialPlanInbound, SharedCarrierAddress) {
    // One carrier SBC in front of a trunk (DIDs) and a registered line.
    auto config = inboundConfiguration();
    config.lines[1].proxy = "203.0.113.5";
    config.lines[1].account = "+8610000001";
    store::SipTrunk second;  // a second trunk from the same address with its own DIDs
    second.name = "carrier2";
    second.host = "203.0.113.5";
    second.dids = {{"+8613900000000", "101"}};
    config.trunks.insert(config.trunks.begin() + 1, second);
    const DialPlan plan(config);
    const Party to = party("sip:x@y");

    auto m = plan.inbound("203.0.113.5", party("tel:+8613901088888"), to);
    ASSERT_TRUE(m);
    EXPECT_EQ(m->name, "carrier");  // a DID beats everything
    m = plan.inbound("203.0.113.5", party("tel:+8613900000000"), to);
    ASSERT_TRUE(m);
    EXPECT_EQ(m->name, "carrier2");  // the trunk that has the DID, not the first by address
    EXPECT_EQ(m->extension, "101");
    m = plan.inbound("203.0.113.5", party("sip:+8610000001@192.0.2.10"), to);
    ASSERT_TRUE(m);
    EXPECT_EQ(m->name, "direct");
    EXPECT_EQ(m->reason, InboundReason::LineAccount);
    m = plan.inbound("203.0.113.5", party("sip:5555@192.0.2.10"), to);
    ASSERT_TRUE(m);
    EXPECT_EQ(m->name, "direct");  // the line's proxy address beats a trunk without the DID
    EXPECT_EQ(m->reason, InboundReason::LineAddress);
}

TEST(DialPlanInbound, TrunkDefaultExtensionRingsWhenNoDidMatches) {
    auto config = inboundConfiguration();
    for (auto& t : config.trunks)
        if (t.name == "sbc") t.defaultExtension = "100";
    const DialPlan plan(config);
    auto m = plan.inbound("198.18.0.1", party("sip:+8610889999@192.0.2.10"), party("sip:x@y"));
    ASSERT_TRUE(m);
    EXPECT_EQ(m->name, "sbc");
    EXPECT_EQ(m->extension, "100");
    EXPECT_EQ(m->reason, InboundReason::TrunkAddress);
    // A DID still wins over the default.
    m = plan.inbound("198.19.4.4:5060", party("sip:+8610880000@192.0.2.10"), party("sip:x@y"));
    ASSERT_TRUE(m);
    EXPECT_EQ(m->extension, "101");
}

TEST(DialPlanInbound, FindDid) {
    const std::map<std::string, std::string> dids = {
        {"+8613901088888", "100"}, {"+8513901088888", "101"}, {"+861088001234", "102"}, {"*97", "103"}};
    struct Case {
        const char* number;
        const char* did;  // nullptr = none
    };
    for (const Case& c : std::initializer_list<Case>{
             {"+8613901088888", "+8613901088888"},
             {"8613901088888", "+8613901088888"},
             {"+86-139-0108-8888", "+8613901088888"},
             {"13901088888", nullptr},  // ends both +86... and +85...: ambiguous, refused
             {"01088001234", "+861088001234"},
             {"88001234", "+861088001234"},
             {"1234", nullptr},  // too short to trust a suffix
             {"*97", "*97"},
             {"97", nullptr},
             {"", nullptr},
             {"alice", nullptr},
         }) {
        const auto found = findDid(dids, c.number);
        if (c.did) {
            EXPECT_EQ(found, c.did) << c.number;
        } else {
            EXPECT_FALSE(found) << c.number << " -> " << found.value_or("");
        }
    }
}

TEST(RoutingAddress, ParseIp) {
    struct Case {
        const char* text;
        bool ok;
        bool v4;
    };
    for (const Case& c : std::initializer_list<Case>{
             {"203.0.113.5", true, true},
             {"0.0.0.0", true, true},
             {"255.255.255.255", true, true},
             {"[2001:db8::1]", true, false},
             {"2001:db8::1", true, false},
             {"::", true, false},
             {"::1", true, false},
             {"fe80::1%eth0", true, false},
             {"1:2:3:4:5:6:7:8", true, false},
             {"::ffff:192.0.2.1", true, true},
             {"64:ff9b::192.0.2.1", true, false},
             {"256.0.0.1", false, false},
             {"1.2.3", false, false},
             {"01.2.3.4", false, false},
             {"1.2.3.4.5", false, false},
             {"", false, false},
             {"1:2:3:4:5:6:7:8:9", false, false},
             {"1::2::3", false, false},
             {"12345::", false, false},
             {"g::1", false, false},
             {"host.example", false, false},
         }) {
        const auto ip = parseIp(c.text);
        EXPECT_EQ(ip.has_value(), c.ok) << c.text;
        if (ip && c.ok) {
            EXPECT_EQ(ip->isV4, c.v4) << c.text;
        }
    }
    EXPECT_EQ(parseIp("::ffff:192.0.2.1"), parseIp("192.0.2.1"));
    EXPECT_EQ(parseIp("2001:DB8:0:0::1"), parseIp("2001:db8::1"));
}

TEST(RoutingAddress, EndpointsAndBlocks) {
    EXPECT_EQ(parseEndpointAddress("203.0.113.5:5060"), parseIp("203.0.113.5"));
    EXPECT_EQ(parseEndpointAddress("[2001:db8::1]:5060"), parseIp("2001:db8::1"));
    EXPECT_EQ(parseEndpointAddress("[2001:db8::1]"), parseIp("2001:db8::1"));
    EXPECT_EQ(parseEndpointAddress("2001:db8::1"), parseIp("2001:db8::1"));
    EXPECT_FALSE(parseEndpointAddress("[2001:db8::1]x"));
    EXPECT_FALSE(parseEndpointAddress("[2001:db8::1"));

    struct Case {
        const char* address;
        const char* block;
        bool in;
    };
    for (const Case& c : std::initializer_list<Case>{
             {"203.0.113.5", "203.0.113.5", true},
             {"203.0.113.6", "203.0.113.5", false},
             {"203.0.113.77", "203.0.113.0/24", true},
             {"203.0.114.1", "203.0.113.0/24", false},
             {"198.19.255.255", "198.18.0.0/15", true},
             {"198.20.0.0", "198.18.0.0/15", false},
             {"10.1.2.3", "0.0.0.0/0", true},
             {"2001:db8:1:ffff::1", "2001:db8:1::/48", true},
             {"2001:db8:2::1", "2001:db8:1::/48", false},
             {"203.0.113.5", "2001:db8::/32", false},  // families never mix
             {"203.0.113.5", "203.0.113.5/33", false},
             {"203.0.113.5", "garbage", false},
             {"203.0.113.5", "203.0.113.0/", false},
         }) {
        const auto ip = parseIp(c.address);
        ASSERT_TRUE(ip) << c.address;
        EXPECT_EQ(addressInBlock(*ip, c.block), c.in) << c.address << " in " << c.block;
    }
}

}  // namespace
}  // namespace sb::routing
