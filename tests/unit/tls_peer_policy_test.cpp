#include "sip/tls_peer_policy.h"

#include <gtest/gtest.h>

namespace sb::sip {
namespace {

TlsExpectation verifying(std::vector<std::string> hosts, std::string who) {
    return TlsExpectation{true, std::move(hosts), std::move(who)};
}

TEST(TlsHostPort, Splits) {
    auto hp = splitHostPort("Proxy.Example.NET:5061");
    ASSERT_TRUE(hp);
    EXPECT_EQ(hp->host, "proxy.example.net");
    EXPECT_EQ(hp->port, 5061);
    hp = splitHostPort("127.0.0.1");
    ASSERT_TRUE(hp);
    EXPECT_EQ(hp->host, "127.0.0.1");
    EXPECT_EQ(hp->port, 0);
    hp = splitHostPort("[2001:DB8::7]:5061");
    ASSERT_TRUE(hp);
    EXPECT_EQ(hp->host, "2001:db8::7");
    EXPECT_EQ(hp->port, 5061);
    hp = splitHostPort("2001:db8::7");  // bare IPv6: no port
    ASSERT_TRUE(hp);
    EXPECT_EQ(hp->host, "2001:db8::7");
    EXPECT_EQ(hp->port, 0);
    hp = splitHostPort("[::1]");
    ASSERT_TRUE(hp);
    EXPECT_EQ(hp->host, "::1");
    for (const char* bad :
         {"", ":5061", "host:", "host:0", "host:65536", "host:50x", "[::1", "[]:5061", "[::1]5061"})
        EXPECT_FALSE(splitHostPort(bad)) << bad;
}

TEST(TlsHostPort, IpLiterals) {
    EXPECT_TRUE(isIpLiteral("127.0.0.1"));
    EXPECT_TRUE(isIpLiteral("2001:db8::7"));
    EXPECT_FALSE(isIpLiteral("sip.carrier.example"));
    EXPECT_FALSE(isIpLiteral("[2001:db8::7]"));
}

TEST(TlsHops, ExpectedHostIsTheConfiguredHop) {
    store::ExternalLine line;
    line.domain = "gd.ctcims.cn";
    EXPECT_EQ(expectedTlsHost(line), "gd.ctcims.cn");
    line.proxy = "127.0.0.1:5071";
    EXPECT_EQ(expectedTlsHost(line), "127.0.0.1");
    store::SipTrunk trunk;
    trunk.host = "SBC.example.net";
    EXPECT_EQ(expectedTlsHost(trunk), "sbc.example.net");
    trunk.proxy = "[2001:db8::7]:5061";
    EXPECT_EQ(expectedTlsHost(trunk), "2001:db8::7");
}

TEST(TlsHops, OnlyEnabledLinesAndTrunksOverTls) {
    store::Configuration c;
    store::ExternalLine ims;
    ims.name = "ims";
    ims.domain = "gd.ctcims.cn";
    ims.proxy = "127.0.0.1:5071";
    ims.transport = store::Transport::Tls;
    store::ExternalLine udp = ims;
    udp.name = "udp";
    udp.transport = store::Transport::Udp;
    store::ExternalLine off = ims;
    off.name = "off";
    off.enabled = false;
    store::ExternalLine byDomain = ims;
    byDomain.name = "plain";
    byDomain.proxy.clear();
    byDomain.tlsVerify = false;
    c.lines = {ims, udp, off, byDomain};
    store::SipTrunk carrier;
    carrier.name = "carrier";
    carrier.host = "203.0.113.5";
    carrier.port = 5081;
    carrier.transport = store::Transport::Tls;
    store::SipTrunk viaProxy = carrier;
    viaProxy.name = "sbc";
    viaProxy.proxy = "sbc.example.net";
    c.trunks = {carrier, viaProxy};

    const std::vector<TlsHop> expected{{"line \"ims\"", "127.0.0.1", 5071, true},
                                       {"line \"plain\"", "gd.ctcims.cn", 0, false},
                                       {"trunk \"carrier\"", "203.0.113.5", 5081, true},
                                       {"trunk \"sbc\"", "sbc.example.net", 0, true}};
    EXPECT_EQ(tlsHops(c), expected);
}

class PolicyTest : public ::testing::Test {
protected:
    void SetUp() override {
        policy.setHops({{"line \"ims\"", "127.0.0.1", 5071, true},
                        {"trunk \"carrier\"", "203.0.113.5", 0, true},
                        {"trunk \"lab\"", "192.0.2.9", 5061, false},
                        {"trunk \"sbc\"", "sbc.example.net", 0, true},
                        {"line \"old\"", "old.example.net", 0, false}});
    }
    TlsPeerPolicy policy;
};

TEST_F(PolicyTest, IpLiteralHopsAreKnownByAddress) {
    EXPECT_EQ(policy.forConnection("127.0.0.1:5071", 0), verifying({"127.0.0.1"}, "line \"ims\""));
    // No port configured: the SIPS default.
    EXPECT_EQ(policy.forConnection("203.0.113.5:5061", 0), verifying({"203.0.113.5"}, "trunk \"carrier\""));
    EXPECT_EQ(policy.forConnection("192.0.2.9:5061", 0),
              (TlsExpectation{false, {"192.0.2.9"}, "trunk \"lab\""}));
}

TEST_F(PolicyTest, UnknownAddressesMustNameADnsHopThatVerifies) {
    // Where sbc.example.net resolves to is not known before libre looks it up.
    EXPECT_EQ(policy.forConnection("198.51.100.7:5061", 0), verifying({"sbc.example.net"}, "trunk \"sbc\""));
    TlsPeerPolicy none;
    none.setHops({{"line \"old\"", "old.example.net", 0, false}});
    EXPECT_FALSE(none.forConnection("198.51.100.7:5061", 0).verify);
    EXPECT_FALSE(TlsPeerPolicy().forConnection("198.51.100.7:5061", 0).verify);
}

TEST_F(PolicyTest, WithoutAnAddressEveryHopThatVerifiesIsACandidate) {
    EXPECT_EQ(policy.forConnection(std::nullopt, 0),
              verifying({"127.0.0.1", "203.0.113.5", "sbc.example.net"},
                        "line \"ims\", trunk \"carrier\", trunk \"sbc\""));
}

TEST_F(PolicyTest, SendHandlersTellWhereRequestsGo) {
    // old.example.net resolved to this address; tls_verify is off there.
    policy.expect("198.51.100.8:5061", TlsExpectation{false, {"old.example.net"}, "line \"old\""}, 1000);
    EXPECT_FALSE(policy.forConnection("198.51.100.8:5061", 2000).verify);
    // A phone: nothing to check.
    policy.expect("192.0.2.77:5061", {}, 1000);
    EXPECT_FALSE(policy.forConnection("192.0.2.77:5061", 2000).verify);
    // The word expires: the address is unknown again.
    EXPECT_TRUE(
        policy.forConnection("198.51.100.8:5061", 1000 + TlsPeerPolicy::kExpectationTtlMs + 1).verify);
}

TEST_F(PolicyTest, AConfiguredCheckIsNeverDroppedByARequest) {
    policy.expect("127.0.0.1:5071", {}, 0);
    EXPECT_EQ(policy.forConnection("127.0.0.1:5071", 0), verifying({"127.0.0.1"}, "line \"ims\""));
    // Two asking for the same peer: it must satisfy both names' owners.
    policy.expect("127.0.0.1:5071", verifying({"ims.example"}, "trunk \"x\""), 0);
    EXPECT_EQ(policy.forConnection("127.0.0.1:5071", 0),
              verifying({"127.0.0.1", "ims.example"}, "line \"ims\", trunk \"x\""));
    // A verify-off hop at the address gains the check a request asks for.
    policy.expect("192.0.2.9:5061", verifying({"lab.example"}, "trunk \"y\""), 0);
    EXPECT_EQ(policy.forConnection("192.0.2.9:5061", 0), verifying({"lab.example"}, "trunk \"y\""));
}

TEST_F(PolicyTest, ExpectationsForOneAddressMerge) {
    policy.expect("198.51.100.9:5061", {}, 0);
    policy.expect("198.51.100.9:5061", verifying({"a.example"}, "trunk \"a\""), 10);
    policy.expect("198.51.100.9:5061", {}, 20);
    EXPECT_EQ(policy.forConnection("198.51.100.9:5061", 30), verifying({"a.example"}, "trunk \"a\""));
}

TEST_F(PolicyTest, FailuresAreReportedByHostForAWhile) {
    EXPECT_FALSE(policy.recentFailure("127.0.0.1", 0));
    policy.recordFailure({"127.0.0.1"}, "TLS certificate rejected: it is for wrong.example, not 127.0.0.1",
                         1000);
    EXPECT_EQ(policy.recentFailure("127.0.0.1", 2000),
              "TLS certificate rejected: it is for wrong.example, not 127.0.0.1");
    EXPECT_FALSE(policy.recentFailure("127.0.0.1", 1000 + TlsPeerPolicy::kFailureTtlMs + 1));
    policy.recordFailure({"Sip.Example"}, "x", 0);
    policy.recordFailure({"sip.example"}, "y", 0);
    EXPECT_EQ(policy.recentFailure("SIP.example", 0), "y");
    policy.recordSuccess({"sip.example"});
    EXPECT_FALSE(policy.recentFailure("sip.example", 0));
}

}  // namespace
}  // namespace sb::sip
