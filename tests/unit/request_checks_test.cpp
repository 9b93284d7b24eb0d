// Checks beyond libre 1.1.0's decoder, on the RFC 4475 torture messages and
// small hand-made cases (sip/request_checks.h).
#include "sip/request_checks.h"

#include <gtest/gtest.h>
#include <re.h>

#include <fstream>
#include <map>
#include <sstream>

#include "common/re_ptr.h"

using namespace sb::sip;

namespace {

const std::string kCorpus = std::string(SB_TESTDATA_DIR) + "/../fuzz/corpus/sip_message/";

std::string torture(const std::string& name) {
    std::ifstream in(kCorpus + "rfc4475_" + name + ".sip", std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    EXPECT_FALSE(s.str().empty()) << name;
    return s.str();
}

/// libre's decoding of @p raw as one datagram; null when libre refuses it.
sb::RePtr<struct sip_msg> decode(const std::string& raw) {
    sb::RePtr<struct mbuf> mb(mbuf_alloc(raw.size() + 1));
    (void)mbuf_write_mem(mb.get(), reinterpret_cast<const uint8_t*>(raw.data()), raw.size());
    mb->pos = 0;
    struct sip_msg* msg = nullptr;
    if (sip_msg_decode(&msg, mb.get()) != 0) return nullptr;
    return sb::RePtr<struct sip_msg>(msg);
}

RequestPolicy policy() {
    RequestPolicy p;
    p.implementedMethods = {"INVITE", "ACK", "CANCEL", "BYE", "OPTIONS", "PRACK", "UPDATE", "INFO", "REGISTER"};
    p.supportedOptions = {"100rel", "timer", "replaces"};
    p.allow = "OPTIONS, INVITE, REGISTER";
    return p;
}

/// Both layers as sip_stack.cpp applies them to a datagram.
CheckVerdict checkDatagram(const std::string& raw) {
    auto msg = decode(raw);
    if (!msg) return CheckVerdict{1, "undecodable", {}};
    if (auto v = checkRequestSyntax(*msg, true)) return v;
    return checkRequestSemantics(*msg, policy());
}

std::string withBranch(const std::string& raw) {
    RawAction a = classifyUndecodable(raw);
    EXPECT_EQ(a.kind, RawAction::Kind::AddBranch);
    std::string fixed = raw;
    fixed.insert(a.offset, a.insert);
    return fixed;
}

}  // namespace

TEST(RequestChecks, StatusLineMustCarryThreeDigits) {
    EXPECT_TRUE(isValidStatusLine("SIP/2.0 200 OK"));
    EXPECT_TRUE(isValidStatusLine("SIP/2.0 100 "));
    EXPECT_TRUE(isValidStatusLine("SIP/2.0 200"));
    EXPECT_FALSE(isValidStatusLine("SIP/2.0 4294967301 better not break the receiver"));
    EXPECT_FALSE(isValidStatusLine("SIP/2.0 99 Low"));
    EXPECT_FALSE(isValidStatusLine("SIP/2.0 700 High"));
    EXPECT_FALSE(isValidStatusLine("SIP/2.0 2000 OK"));
    EXPECT_FALSE(isValidStatusLine("SIP/3.0 200 OK"));
}

TEST(RequestChecks, ValidTortureMessagesPassBothLayers) {
    for (const char* name : {"wsinv", "esc01", "escnull", "lwsdisp", "dblreq", "semiuri", "transports", "baddate",
                             "badbranch", "zeromf", "cparam01", "cparam02", "regescrt", "regaut01", "unkscm"}) {
        auto msg = decode(torture(name));
        ASSERT_TRUE(msg) << name;
        EXPECT_FALSE(checkRequestSyntax(*msg, true)) << name << ": " << checkRequestSyntax(*msg, true).reason;
    }
    for (const char* name : {"wsinv", "esc01", "escnull", "lwsdisp", "dblreq", "semiuri", "transports", "baddate",
                             "badbranch", "zeromf", "cparam01", "cparam02", "regescrt", "regaut01"})
        EXPECT_FALSE(checkDatagram(torture(name))) << name << ": " << checkDatagram(torture(name)).reason;
}

TEST(RequestChecks, InvalidTortureMessagesGetTheirAnswer) {
    const std::map<std::string, uint16_t> expected = {
        {"clerr", 400},     {"ncl", 400},     {"scalar02", 400}, {"quotbal", 400}, {"escruri", 400},
        {"regbadct", 400},  {"badaspec", 400}, {"mismatch01", 400}, {"mismatch02", 501}, {"insuf", 400},
        {"multi01", 400},   {"mcl01", 400},   {"unkscm", 416},   {"novelsc", 416}, {"bext01", 420},
        {"invut", 415},     {"sdp01", 406},   {"intmeth", 501},  {"esc02", 501},   {"mpart01", 501},
    };
    for (const auto& [name, status] : expected) {
        const CheckVerdict v = checkDatagram(torture(name));
        EXPECT_EQ(v.status, status) << name << ": " << v.reason;
    }
}

TEST(RequestChecks, BadExtensionListsEveryUnknownRequireTag) {
    const CheckVerdict v = checkDatagram(torture("bext01"));
    EXPECT_EQ(v.headers, "Unsupported: nothingSupportsThis, nothingSupportsThisEither\r\n");
}

TEST(RequestChecks, ContentLengthShorterBodyIsFineOverUdpOnlyWhenLonger) {
    // dblreq: Content-Length 0 and 450 trailing octets: discarded (§18.3).
    auto msg = decode(torture("dblreq"));
    ASSERT_TRUE(msg);
    EXPECT_FALSE(checkRequestSyntax(*msg, true));
    // clerr: 9999 announced, 154 there: an error over UDP only.
    auto clerr = decode(torture("clerr"));
    ASSERT_TRUE(clerr);
    EXPECT_EQ(checkRequestSyntax(*clerr, true).reason, "Content-Length Larger Than Message");
    EXPECT_FALSE(checkRequestSyntax(*clerr, false));
}

TEST(RequestChecks, MaxForwardsZeroStopsOnlyWhatWouldBeForwarded) {
    std::string invite = torture("esc01");
    const size_t at = invite.find("Max-Forwards: 87");
    invite.replace(at, 16, "Max-Forwards: 0 ");
    EXPECT_EQ(checkDatagram(invite).status, 483);
    EXPECT_FALSE(checkDatagram(torture("zeromf")));  // OPTIONS to us: answered
}

TEST(RequestChecks, WrongVersionGets505FromTheRawBytes) {
    const std::string raw = torture("badvers");
    EXPECT_FALSE(decode(raw));  // what libre 1.1.0 does with it
    RawAction a = classifyUndecodable(raw);
    EXPECT_EQ(a.kind, RawAction::Kind::Reply);
    EXPECT_EQ(a.status, 505);
    auto response = rawResponse(raw, a.status, a.reason);
    ASSERT_TRUE(response);
    EXPECT_EQ(response->rfind("SIP/2.0 505 Version Not Supported\r\n", 0), 0u);
    EXPECT_NE(response->find("\r\nVia:     SIP/7.0/UDP c.example.com;branch=z9hG4bKkdjuw\r\n"), std::string::npos);
    EXPECT_NE(response->find("\r\nCall-ID: badvers.31417@c.example.com\r\n"), std::string::npos);
    EXPECT_NE(response->find("<sip:t.watson@example.org>;tag="), std::string::npos);
    EXPECT_NE(response->find("\r\nCSeq:    1 OPTIONS\r\n"), std::string::npos);
    EXPECT_EQ(response->substr(response->size() - 21), "Content-Length: 0\r\n\r\n");
    EXPECT_EQ(rawReplyPort(raw, 40000), 5060);
}

TEST(RequestChecks, BrokenRequestLinesGet400AndResponsesNothing) {
    for (const char* name : {"lwsruri", "lwsstart", "trws", "baddn", "badinv01", "unksm2"}) {
        const std::string raw = torture(name);
        EXPECT_FALSE(decode(raw)) << name;
        RawAction a = classifyUndecodable(raw);
        EXPECT_EQ(a.kind, RawAction::Kind::Reply) << name;
        EXPECT_EQ(a.status, 400) << name;
        EXPECT_TRUE(rawResponse(raw, 400, "Bad Request")) << name;
    }
    for (const char* name : {"bigcode", "scalarlg", "unreason"})
        EXPECT_EQ(classifyUndecodable(torture(name)).kind, RawAction::Kind::Drop) << name;
    EXPECT_EQ(classifyUndecodable("\x16\x03\x01 garbage\r\n\r\n").kind, RawAction::Kind::Drop);
    EXPECT_EQ(classifyUndecodable("ACK sip:a@b SIP/7.0\r\nVia: SIP/7.0/UDP h\r\n\r\n").kind, RawAction::Kind::Drop);
}

TEST(RequestChecks, Rfc2543ClientsGetASyntheticBranch) {
    for (const char* name : {"inv2543", "longreq"}) {
        const std::string raw = torture(name);
        EXPECT_FALSE(decode(raw)) << name;
        const std::string fixed = withBranch(raw);
        auto msg = decode(fixed);
        ASSERT_TRUE(msg) << name;
        EXPECT_FALSE(checkRequestSyntax(*msg, true)) << name << ": " << checkRequestSyntax(*msg, true).reason;
        EXPECT_EQ(std::string(msg->via.branch.p, 6), "sb2543") << name;
    }
    // The sent-by keeps its bytes; the branch goes right after it.
    const std::string fixed = withBranch(torture("inv2543"));
    EXPECT_NE(fixed.find("Via: SIP/2.0/UDP iftgw.example.com;branch=sb2543."), std::string::npos);
    // ltgtruri decodes with a branch, and is then refused for its Request-URI.
    EXPECT_EQ(checkDatagram(withBranch(torture("ltgtruri"))).reason, "Malformed Request-URI");
}

TEST(RequestChecks, SyntheticBranchIsStableForRetransmissionsAndAck) {
    const std::string invite = torture("inv2543");
    const RawAction first = classifyUndecodable(invite);
    EXPECT_EQ(first.insert, classifyUndecodable(invite).insert);
    std::string ack = invite.substr(0, invite.find("\r\n\r\n") + 4);
    ack.replace(0, 6, "ACK");
    ack.replace(ack.find("CSeq: 56 INVITE"), 15, "CSeq: 56 ACK");
    const std::string contentType = "Content-Type: application/sdp\r\n";
    ack.erase(ack.find(contentType), contentType.size());
    const RawAction forAck = classifyUndecodable(ack);
    ASSERT_EQ(forAck.kind, RawAction::Kind::AddBranch);
    EXPECT_EQ(forAck.insert, first.insert);
    std::string other = invite;
    other.replace(other.find("CSeq: 56"), 8, "CSeq: 57");
    EXPECT_NE(classifyUndecodable(other).insert, first.insert);
}

TEST(RequestChecks, SyntheticBranchIsStrippedFromResponses) {
    std::string response =
        "SIP/2.0 407 Proxy Authentication Required\r\nVia: SIP/2.0/UDP iftgw.example.com;branch=sb2543."
        "0123456789abcdef;received=192.0.2.1\r\nContent-Length: 0\r\n\r\n";
    EXPECT_TRUE(stripSyntheticBranch(response));
    EXPECT_NE(response.find("Via: SIP/2.0/UDP iftgw.example.com;received=192.0.2.1\r\n"), std::string::npos);
    EXPECT_FALSE(stripSyntheticBranch(response));
    std::string request = "INVITE sip:a@b SIP/2.0\r\nVia: SIP/2.0/UDP h;branch=sb2543.00\r\n\r\n";
    EXPECT_FALSE(stripSyntheticBranch(request));  // only our responses are touched
}

TEST(RequestChecks, ReplyPortFollowsViaAndRport) {
    EXPECT_EQ(rawReplyPort(torture("quotbal"), 40000), 5050);
    EXPECT_EQ(rawReplyPort(torture("mpart01"), 40000), 40000);  // ;rport
    EXPECT_EQ(rawReplyPort(torture("lwsstart"), 40000), 5060);
    EXPECT_EQ(rawReplyPort("OPTIONS sip:a SIP/2.0\r\nTo: <sip:a>\r\n\r\n", 1), std::nullopt);
}

TEST(RequestChecks, ViaAndAddressSyntax) {
    EXPECT_TRUE(isValidViaValue("SIP/2.0/UDP host;branch=z9hG4bK1"));
    EXPECT_TRUE(isValidViaValue("SIP  / 2.0  / TCP     spindle.example.com   ;\r\n  branch  =   z9hG4bK9ikj8  ,\r\n"
                                " SIP  /    2.0   / UDP  192.168.255.111   ; branch=\r\n z9hG4bK30239"));
    EXPECT_TRUE(isValidViaValue("SIP/2.0/UDP [2001:db8::1]:5060;rport;received=[2001:db8::2]"));
    EXPECT_FALSE(isValidViaValue("SIP/2.0/UDP 192.0.2.15;;,;,,"));
    EXPECT_FALSE(isValidViaValue("SIP/2.0/UDP host:99999;branch=z9hG4bK1"));
    EXPECT_FALSE(isValidViaValue("SIP/2.0 host;branch=z9hG4bK1"));

    EXPECT_TRUE(isValidAddressValue("\"A \\\"quoted\\\" name\" <sip:a@b>;tag=1"));
    EXPECT_TRUE(isValidAddressValue("caller<sip:caller@example.com>;tag=323"));
    EXPECT_TRUE(isValidAddressValue("sip:+19725552222@gw1.example.net;unknownparam"));
    EXPECT_TRUE(isValidAddressValue("<sip:user@example.com?Route=%3Csip:sip.example.com%3E>"));
    EXPECT_TRUE(isValidAddressValue("<sip:a@b>;expires=60, \"B, C\" <sip:c@d>"));
    EXPECT_TRUE(isValidAddressValue("J\xc3\xb6rg M\xc3\xbcller <sip:100@pbx>;tag=1"));
    EXPECT_TRUE(isValidAddressValue("<sip:100@192.0.2.5:5060;transport=udp>;+sip.instance=\"<urn:uuid:1-2>\";reg-id=1"));
    EXPECT_FALSE(isValidAddressValue("\"Mr. J. User <sip:j.user@example.com>"));
    EXPECT_FALSE(isValidAddressValue("\"Watson, Thomas\" < sip:t.watson@example.org >"));
    EXPECT_FALSE(isValidAddressValue("Bell, Alexander <sip:a.g.bell@example.com>;tag=43"));
    EXPECT_FALSE(isValidAddressValue("sip:user@example.com?Route=%3Csip:sip.example.com%3E"));
    EXPECT_FALSE(isValidAddressValue("\"Joe\" <sip:joe@example.org>;;;;"));
    EXPECT_FALSE(isValidAddressValue(""));
}
