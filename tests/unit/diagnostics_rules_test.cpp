// The explainer's rule table against recorded SIP exchanges
// (tests/data/diagnostics/*.sip): every case makes exactly its own rule
// fire, and no rule fires on another case.
#include <gtest/gtest.h>
#include <re.h>

#include <cerrno>
#include <fstream>
#include <set>
#include <sstream>
#include <string>

#include "common/re_ptr.h"
#include "diagnostics/evidence.h"
#include "diagnostics/rules.h"

using namespace sb::diagnostics;

namespace {

const std::string kDir = std::string(SB_TESTDATA_DIR) + "/diagnostics/";

/// libre's decoding of one message written with LF line ends (CRLF on the
/// wire) and a placeholder Content-Length, which is set to the body here.
sb::RePtr<struct sip_msg> decode(std::string text) {
    std::string crlf;
    for (char c : text) {
        if (c == '\n') crlf += '\r';
        crlf += c;
    }
    const auto split = crlf.find("\r\n\r\n");
    const size_t body = split == std::string::npos ? 0 : crlf.size() - split - 4;
    const auto clen = crlf.find("Content-Length: 0");
    if (clen != std::string::npos) crlf.replace(clen, 17, "Content-Length: " + std::to_string(body));
    sb::RePtr<struct mbuf> mb(mbuf_alloc(crlf.size() + 1));
    (void)mbuf_write_mem(mb.get(), reinterpret_cast<const uint8_t*>(crlf.data()), crlf.size());
    mb->pos = 0;
    struct sip_msg* msg = nullptr;
    if (sip_msg_decode(&msg, mb.get()) != 0) return nullptr;
    return sb::RePtr<struct sip_msg>(msg);
}

/// The messages of a recorded exchange: "=== sent" / "=== received" blocks.
std::vector<WireMessage> recorded(const std::string& name) {
    std::ifstream in(kDir + name + ".sip");
    EXPECT_TRUE(in) << name;
    std::vector<WireMessage> out;
    std::string line, block;
    bool outgoing = false, inBlock = false;
    int64_t t = 1000;
    auto flush = [&] {
        if (!inBlock) return;
        auto msg = decode(block);
        EXPECT_TRUE(msg) << name << ": a recorded message does not decode:\n" << block;
        if (msg) out.push_back(wireMessageOf(*msg, outgoing, t += 100));
        block.clear();
    };
    while (std::getline(in, line)) {
        if (line.rfind("#", 0) == 0) continue;
        if (line == "=== sent" || line == "=== received") {
            flush();
            inBlock = true;
            outgoing = line == "=== sent";
            continue;
        }
        block += line + "\n";
    }
    flush();
    return out;
}

PeerSettings line(bool userPhone = true, std::string proxy = "10.20.30.40:5060") {
    sb::store::ExternalLine l;
    l.name = "ims";
    l.domain = "gd.ctcims.cn";
    l.account = "+8612345678";
    l.proxy = std::move(proxy);
    l.userPhone = userPhone;
    return peerSettingsOf(l, sb::store::Settings{});
}

PeerSettings trunk() {
    sb::store::SipTrunk t;
    t.name = "cmcc";
    t.host = "127.0.0.2";
    return peerSettingsOf(t, sb::store::Settings{});
}

CallEvidence call(const std::string& name, PeerSettings peer) {
    CallEvidence e;
    CallAttempt a;
    a.peer = std::move(peer);
    a.messages = recorded(name);
    for (const auto& m : a.messages) {
        if (!m.outgoing && m.method == "INVITE" && m.code >= 200) {
            e.finalCode = m.code;
            e.answered = m.code < 300;
        }
    }
    a.noResponse = e.finalCode == 0;
    e.attempts.push_back(std::move(a));
    return e;
}

std::set<std::string> rules(const Findings& findings) {
    std::set<std::string> out;
    for (const auto& f : findings) {
        out.insert(f.rule);
        EXPECT_FALSE(f.what.empty()) << f.rule;
        EXPECT_FALSE(f.fix.empty()) << f.rule;
    }
    return out;
}

using Rules = std::set<std::string>;

}  // namespace

TEST(DiagnosticsEvidence, DecodesWhatTheRulesRead) {
    const auto m = recorded("prack_refused");
    ASSERT_EQ(m.size(), 5u);
    EXPECT_TRUE(m[0].outgoing);
    EXPECT_EQ(m[0].method, "INVITE");
    EXPECT_EQ(m[0].requestUri, "sip:013901088888@127.0.0.8:5070");
    EXPECT_TRUE(m[0].supports100rel);
    EXPECT_EQ(m[0].codecs, (std::vector<std::string>{"PCMU", "PCMA", "telephone-event"}));
    EXPECT_EQ(m[1].code, 183);
    EXPECT_TRUE(m[1].requires100rel);
    EXPECT_TRUE(m[1].hasSdp);
    EXPECT_EQ(m[3].method, "PRACK");
    EXPECT_EQ(m[3].code, 405);
    EXPECT_EQ(m[3].reason, "Method Not Allowed");
}

TEST(DiagnosticsEvidence, MessagesAreBounded) {
    std::vector<WireMessage> messages;
    size_t dropped = 0;
    for (size_t i = 0; i < kMaxMessages + 5; ++i) {
        WireMessage m;
        m.timeMs = static_cast<int64_t>(i);
        appendBounded(messages, m, &dropped);
    }
    EXPECT_EQ(messages.size(), kMaxMessages);
    EXPECT_EQ(dropped, 5u);
    EXPECT_EQ(messages.front().timeMs, 0);  // the start of a call is what the rules read
}

TEST(DiagnosticsEvidence, AudioCodecsOfAnSdp) {
    using V = std::vector<std::string>;
    EXPECT_EQ(audioCodecs("v=0\r\nm=video 5000 RTP/AVP 96\r\na=rtpmap:96 H264/90000\r\n"
                          "m=audio 4000 RTP/AVP 8 0 97 101\r\na=rtpmap:97 AMR-WB/16000/1\r\n"
                          "a=rtpmap:101 telephone-event/8000\r\n"),
              (V{"PCMA", "PCMU", "AMR-WB", "telephone-event"}));
    EXPECT_EQ(audioCodecs("m=audio 4000 RTP/AVP 0 98\n"), (V{"PCMU", "98"}));  // no rtpmap for a dynamic type
    EXPECT_EQ(audioCodecs("v=0\r\nm=video 5000 RTP/AVP 96\r\n"), V{});
    EXPECT_EQ(audioCodecs(""), V{});
}

TEST(DiagnosticsEvidence, OptionTags) {
    EXPECT_TRUE(hasOptionTag("timer, 100REL", "100rel"));
    EXPECT_FALSE(hasOptionTag("100relx", "100rel"));
    EXPECT_FALSE(hasOptionTag("", "100rel"));
}

TEST(DiagnosticsRules, PrackRefusedFiresOnItsCaseOnly) {
    auto e = call("prack_refused", trunk());
    const auto f = explainCall(e);
    EXPECT_EQ(rules(f), Rules{kRulePrackRefused});
    EXPECT_NE(f[0].what.find("405 Method Not Allowed"), std::string::npos) << f[0].what;
    EXPECT_NE(f[0].fix.find("stopped offering 100rel"), std::string::npos) << f[0].fix;
    EXPECT_EQ(f[0].setting, "disable_100rel");
    // Without automatic disabling, the advice is to tick the box.
    e.attempts[0].peer.prackAutoDisable = false;
    EXPECT_NE(explainCall(e)[0].fix.find("Tick \"Disable reliability"), std::string::npos);
}

TEST(DiagnosticsRules, UriFormatOnALine404WithoutUserPhone) {
    const auto f = explainCall(call("line_404_without_user_phone", line(false)));
    ASSERT_EQ(rules(f), Rules{kRuleUriFormat});
    EXPECT_EQ(f[0].setting, "user_phone");
    EXPECT_NE(f[0].fix.find("Add user=phone to Request-URI"), std::string::npos) << f[0].fix;
}

TEST(DiagnosticsRules, UriFormatOnATrunk416AsksForTheRequestUriParameter) {
    const auto f = explainCall(call("trunk_416_without_user_phone", trunk()));
    ASSERT_EQ(rules(f), Rules{kRuleUriFormat});
    EXPECT_EQ(f[0].setting, "request_uri_params");
    EXPECT_NE(f[0].what.find("sip:013901088888@127.0.0.2:5070"), std::string::npos) << f[0].what;
}

TEST(DiagnosticsRules, A404ForANumberSentWithUserPhoneIsNotAFormatProblem) {
    EXPECT_EQ(rules(explainCall(call("line_404_with_user_phone", line()))), Rules{});
}

TEST(DiagnosticsRules, CodecsOn488NameTheOfferedCodecs) {
    const auto f = explainCall(call("codecs_488", line()));
    ASSERT_EQ(rules(f), Rules{kRuleCodecs});
    EXPECT_NE(f[0].what.find("offered: PCMU, PCMA)"), std::string::npos) << f[0].what;
    EXPECT_EQ(f[0].setting, "codecs");
}

TEST(DiagnosticsRules, RingbackSilenceWhen183ComesWithout180) {
    auto e = call("183_without_180_cancelled", line());
    const auto f = explainCall(e);
    ASSERT_EQ(rules(f), Rules{kRuleRingbackSilence});
    EXPECT_NE(f[0].what.find("without SDP"), std::string::npos) << f[0].what;
    // Not when Switchboard played its tone, or early media was heard.
    e.ringbackPlayed = true;
    EXPECT_EQ(rules(explainCall(e)), Rules{});
    e.ringbackPlayed = false;
    e.calleeMediaHeard = true;
    EXPECT_EQ(rules(explainCall(e)), Rules{});
}

TEST(DiagnosticsRules, NoRingbackFindingOnceA180Came) {
    EXPECT_EQ(rules(explainCall(call("183_then_180_cancelled", line()))), Rules{});
}

TEST(DiagnosticsRules, NoAnswerSuggestsTheOutboundProxyForALineWithout) {
    const auto f = explainCall(call("invite_unanswered", line(true, "")));
    ASSERT_EQ(rules(f), Rules{kRuleNoAnswer});
    EXPECT_EQ(f[0].setting, "proxy");
    EXPECT_NE(f[0].fix.find("logical IMS domain"), std::string::npos) << f[0].fix;
    // With a proxy configured, the proxy is what to check.
    const auto g = explainCall(call("invite_unanswered", line(true, "10.20.30.40:5060")));
    ASSERT_EQ(rules(g), Rules{kRuleNoAnswer});
    EXPECT_NE(g[0].fix.find("10.20.30.40:5060"), std::string::npos) << g[0].fix;
}

TEST(DiagnosticsRules, TlsRefusalIsItsOwnFindingNotNoAnswer) {
    auto e = call("invite_unanswered", line(true, ""));
    e.attempts[0].tlsProblem = "TLS certificate rejected: it is for wrong.example, not 127.0.0.1";
    const auto f = explainCall(e);
    ASSERT_EQ(rules(f), Rules{kRuleTls});
    EXPECT_NE(f[0].what.find("wrong.example"), std::string::npos);
}

TEST(DiagnosticsRules, QuietOnGoodAndOrdinaryCalls) {
    for (const char* name : {"answered", "busy"}) {
        EXPECT_EQ(rules(explainCall(call(name, line()))), Rules{}) << name;
        EXPECT_EQ(rules(explainCall(call(name, trunk()))), Rules{}) << name;
    }
}

TEST(DiagnosticsRules, CarrierRulesStayQuietForPhones) {
    // A phone answering 404 or not at all is not a carrier setting.
    PeerSettings phone;
    for (const char* name : {"line_404_without_user_phone", "invite_unanswered"})
        EXPECT_EQ(rules(explainCall(call(name, phone))), Rules{}) << name;
}

TEST(DiagnosticsRules, EveryCallCaseFiresOnlyItsOwnRule) {
    const std::vector<std::pair<std::string, Rules>> cases = {
        {"prack_refused", {kRulePrackRefused}},
        {"line_404_without_user_phone", {kRuleUriFormat}},
        {"trunk_416_without_user_phone", {kRuleUriFormat}},
        {"line_404_with_user_phone", {}},
        {"codecs_488", {kRuleCodecs}},
        {"183_without_180_cancelled", {kRuleRingbackSilence}},
        {"183_then_180_cancelled", {}},
        {"answered", {}},
        {"busy", {}},
        {"invite_unanswered", {kRuleNoAnswer}},
    };
    for (const auto& [name, expected] : cases)
        EXPECT_EQ(rules(explainCall(call(name, line(false, "")))), expected) << name;
}

namespace {
RegistrationEvidence registration(const std::string& name, bool fullName) {
    RegistrationEvidence e;
    e.peer = line();
    e.authorizationName = fullName ? "+8612345678@gd.ctcims.cn" : "+8612345678";
    e.messages = recorded(name);
    return e;
}
}  // namespace

TEST(DiagnosticsRules, Register403WithAShortAuthorizationName) {
    const auto f = explainRegistration(registration("register_403_after_challenge", false));
    ASSERT_EQ(rules(f), Rules{kRuleShortAuthName});
    EXPECT_EQ(f[0].setting, "auth_id_includes_address");
    EXPECT_NE(f[0].fix.find("+8612345678@gd.ctcims.cn"), std::string::npos) << f[0].fix;
    EXPECT_NE(f[0].fix.find("Authorization ID includes address information"), std::string::npos);
}

TEST(DiagnosticsRules, Register403WithTheFullNameAlreadyIsNotThatRule) {
    EXPECT_EQ(rules(explainRegistration(registration("register_403_after_challenge", true))), Rules{});
}

TEST(DiagnosticsRules, RegisteredLineHasNoFindings) {
    EXPECT_EQ(rules(explainRegistration(registration("register_200", false))), Rules{});
}

TEST(DiagnosticsRules, RegisterWithoutAnswerSuggestsTheProxy) {
    auto e = registration("register_200", false);
    e.messages.clear();
    e.peer.proxy.clear();
    e.transportError = ETIMEDOUT;
    auto f = explainRegistration(e);
    ASSERT_EQ(rules(f), Rules{kRuleNoAnswer});
    EXPECT_NE(f[0].what.find("gd.ctcims.cn"), std::string::npos) << f[0].what;
    e.tlsProblem = "TLS certificate rejected: it has expired";
    EXPECT_EQ(rules(explainRegistration(e)), Rules{kRuleTls});
}

TEST(DiagnosticsFindings, JsonRoundTripAndDamagedText) {
    const Findings f{{"r", "what \"quoted\"", "fix\nline", "setting"}, {"s", "w", "f", ""}};
    EXPECT_EQ(findingsFromJson(findingsToJson(f)), f);
    EXPECT_EQ(findingsToJson({}), "");
    EXPECT_TRUE(findingsFromJson("").empty());
    EXPECT_TRUE(findingsFromJson("{not json").empty());
    EXPECT_TRUE(findingsFromJson("{\"rule\": 1}").empty());
}
