// The carrier self-test's pure part: what the probes saw → what the carrier
// supports → the settings to suggest → the shipped profile that has them,
// and the report's text. The engine side is driven by tests/sipp/selftest_test.py.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <set>
#include <string>

#include "config/carrier_profile.h"
#include "diagnostics/rules.h"
#include "diagnostics/self_test.h"

using namespace sb::diagnostics;
using sb::config::CarrierProfile;

namespace {

std::vector<CarrierProfile> shippedPresets() {
    const auto folder = std::filesystem::path(SB_TESTDATA_DIR) / ".." / ".." / "resources" / "profiles";
    std::vector<CarrierProfile> out;
    for (const char* file : {"generic_ims.json", "china_mobile_trunk.json", "ctc_ims_line.json"}) {
        auto p = sb::config::readCarrierProfileFile(folder / file);
        EXPECT_TRUE(p.ok()) << file;
        if (p.ok()) out.push_back(p.value());
    }
    return out;
}

PeerSettings linePeer() {
    PeerSettings p;
    p.kind = PeerKind::Line;
    p.name = "ims";
    p.domain = "gd.ctcims.cn";
    p.proxy = "198.51.100.7";
    p.userPhone = true;
    return p;
}

PeerSettings trunkPeer() {
    PeerSettings p;
    p.kind = PeerKind::Trunk;
    p.name = "carrier";
    p.domain = "203.0.113.5";
    return p;
}

WireMessage invite(const std::string& uri) {
    WireMessage m;
    m.outgoing = true;
    m.method = "INVITE";
    m.requestUri = uri;
    m.supports100rel = true;
    m.hasSdp = true;
    m.codecs = {"PCMA", "PCMU", "telephone-event"};
    return m;
}

WireMessage response(const std::string& method, int code, const std::string& reason, bool reliable = false,
                     std::vector<std::string> codecs = {}) {
    WireMessage m;
    m.method = method;
    m.code = code;
    m.reason = reason;
    m.requires100rel = reliable;
    m.hasSdp = !codecs.empty();
    m.codecs = std::move(codecs);
    return m;
}

SelfTestEvidence evidenceFor(PeerSettings peer, std::vector<WireMessage> callMessages, bool answered) {
    SelfTestEvidence e;
    e.request.target = peer.name;
    e.request.number = "013901088888";
    e.peer = peer;
    e.options.ran = true;
    e.options.answered = true;
    e.options.code = 200;
    e.options.reason = "OK";
    e.options.allow = "INVITE, ACK, CANCEL, BYE, OPTIONS";
    e.call.ran = true;
    e.call.answered = answered;
    CallAttempt a;
    a.peer = peer;
    a.messages = std::move(callMessages);
    e.call.evidence.attempts.push_back(std::move(a));
    e.call.evidence.answered = answered;
    return e;
}

std::set<std::string> rules(const SelfTestReport& r) {
    std::set<std::string> out;
    for (const auto& f : r.findings) out.insert(f.rule);
    return out;
}

}  // namespace

TEST(SelfTestReport, CarrierWithReliableProvisionalAndUpdateMatchesGenericIms) {
    auto e = evidenceFor(linePeer(),
                         {invite("sip:013901088888@gd.ctcims.cn;user=phone"),
                          response("INVITE", 183, "Session Progress", true, {"PCMA"}),
                          response("PRACK", 200, "OK"), response("INVITE", 200, "OK", false, {"PCMA"})},
                         true);
    e.call.allow = {"INVITE, ACK, CANCEL, BYE, PRACK, UPDATE"};
    e.registrations.push_back({"+8612345678", false, true, 200, "OK"});
    const auto caps = capabilitiesOf(e);
    EXPECT_EQ(caps.reliableProvisional, Support::Yes);
    EXPECT_EQ(caps.prackAccepted, Support::Yes);
    EXPECT_EQ(caps.update, Support::Yes);
    EXPECT_EQ(caps.authId, AuthIdForm::Short);
    EXPECT_EQ(caps.answerCodecs, std::vector<std::string>{"PCMA"});
    // user=phone was sent and worked: whether it is needed stays open.
    EXPECT_EQ(caps.needsUserPhone, Support::Unknown);

    const auto report = selfTestReport(e, shippedPresets());
    EXPECT_EQ(rules(report),
              (std::set<std::string>{kSelfTestOptionsAnswered, kSelfTestAuthIdShort, kSelfTest100rel,
                                     kSelfTestUpdate, kSelfTestEarly, kSelfTestAnswered}));
    EXPECT_EQ(report.suggested.disable100rel, std::optional<bool>(false));
    EXPECT_EQ(report.suggested.authIdIncludesAddress, std::optional<bool>(false));
    EXPECT_FALSE(report.suggested.userPhone.has_value());
    EXPECT_EQ(report.matchingPreset, "Generic IMS (3GPP)");
}

TEST(SelfTestReport, RefusedPrackReusesTheExplainerAndSuggestsDisabling100rel) {
    auto e = evidenceFor(
        trunkPeer(),
        {invite("sip:013901088888@203.0.113.5:5060"),
         response("INVITE", 183, "Session Progress", true, {"PCMU"}),
         response("PRACK", 405, "Method Not Allowed"), response("INVITE", 200, "OK", false, {"PCMU"})},
        true);
    e.call.allow = {"INVITE, ACK, CANCEL, BYE, OPTIONS"};
    const auto caps = capabilitiesOf(e);
    EXPECT_EQ(caps.prackAccepted, Support::No);
    EXPECT_EQ(caps.reliableProvisional, Support::No);
    EXPECT_EQ(caps.update, Support::No);
    EXPECT_EQ(caps.needsUserPhone, Support::No);  // the number got through without it

    const auto report = selfTestReport(e, shippedPresets());
    const auto fired = rules(report);
    EXPECT_TRUE(fired.count(kRulePrackRefused));
    EXPECT_FALSE(fired.count(kSelfTest100rel));
    EXPECT_FALSE(fired.count(kSelfTestNo100rel));
    // The very finding the explainer gives a failed call, not a copy.
    const auto explained = explainCall(e.call.evidence);
    ASSERT_FALSE(explained.empty());
    EXPECT_NE(std::find(report.findings.begin(), report.findings.end(), explained.front()),
              report.findings.end());
    EXPECT_EQ(report.suggested.disable100rel, std::optional<bool>(true));
    // Both shipped trunk presets offer 100rel: none fits.
    EXPECT_EQ(report.matchingPreset, "");
    EXPECT_NE(
        selfTestReportText(report).find("\"Disable reliability of provisional responses (100rel)\": ticked"),
        std::string::npos);
}

TEST(SelfTestReport, ShortAuthorizationNameRefusedFullAcceptedMatchesCtc) {
    SelfTestEvidence e;
    e.request.target = "ims";
    e.peer = linePeer();
    e.registrations.push_back({"+8612345678", false, true, 403, "Forbidden"});
    e.registrations.push_back({"+8612345678@gd.ctcims.cn", true, true, 200, "OK"});
    EXPECT_EQ(capabilitiesOf(e).authId, AuthIdForm::Full);
    const auto report = selfTestReport(e, shippedPresets());
    EXPECT_EQ(rules(report), (std::set<std::string>{kRuleShortAuthName, kSelfTestAuthIdFull}));
    EXPECT_EQ(report.suggested.authIdIncludesAddress, std::optional<bool>(true));
    EXPECT_EQ(report.matchingPreset, "China Telecom (CTC) IMS line");
}

TEST(SelfTestReport, BothAuthorizationNamesRefusedBlamesNeitherForm) {
    SelfTestEvidence e;
    e.request.target = "ims";
    e.peer = linePeer();
    e.registrations.push_back({"+8612345678", false, true, 403, "Forbidden"});
    e.registrations.push_back({"+8612345678@gd.ctcims.cn", true, true, 403, "Forbidden"});
    const auto report = selfTestReport(e, shippedPresets());
    EXPECT_EQ(report.capabilities.authId, AuthIdForm::Neither);
    EXPECT_EQ(rules(report), (std::set<std::string>{kSelfTestRegisterRefused}));
    EXPECT_FALSE(report.suggested.authIdIncludesAddress.has_value());
}

TEST(SelfTestReport, UnsupportedUriWithoutUserPhoneOnATrunkMatchesChinaMobile) {
    auto e = evidenceFor(
        trunkPeer(),
        {invite("sip:013901088888@203.0.113.5:5060"), response("INVITE", 416, "Unsupported URI Scheme")},
        false);
    EXPECT_TRUE(wantsUriRetry(e.call));
    const auto caps = capabilitiesOf(e);
    EXPECT_EQ(caps.needsUserPhone, Support::Yes);
    const auto report = selfTestReport(e, shippedPresets());
    EXPECT_EQ(rules(report), (std::set<std::string>{kSelfTestOptionsAnswered, kRuleUriFormat,
                                                    kSelfTestNoUpdate, kSelfTestRejected}));
    EXPECT_EQ(report.suggested.requestUriParams, std::optional<std::string>("user=phone"));
    EXPECT_EQ(report.matchingPreset, "China Mobile SIP trunk");

    // Repeated with user=phone, the call rings: confirmed.
    e.retry.ran = true;
    e.retry.requestUri = "sip:013901088888@203.0.113.5:5060;user=phone";
    CallAttempt again;
    again.peer = e.peer;
    again.messages = {invite(e.retry.requestUri), response("INVITE", 180, "Ringing"),
                      response("INVITE", 487, "Request Terminated")};
    e.retry.evidence.attempts.push_back(again);
    const auto confirmed = selfTestReport(e, shippedPresets());
    EXPECT_EQ(confirmed.capabilities.needsUserPhone, Support::Yes);
    EXPECT_TRUE(rules(confirmed).count(kRuleUriFormat));
    EXPECT_TRUE(rules(confirmed).count(kSelfTestUriConfirmed));
    EXPECT_EQ(confirmed.matchingPreset, "China Mobile SIP trunk");
}

TEST(SelfTestReport, NumberRefusedInBothUriFormsIsNotAFormatProblem) {
    auto e = evidenceFor(
        linePeer(), {invite("sip:013901088888@gd.ctcims.cn"), response("INVITE", 404, "Not Found")}, false);
    e.peer.userPhone = false;
    e.call.evidence.attempts.front().peer.userPhone = false;
    EXPECT_TRUE(wantsUriRetry(e.call));
    e.retry.ran = true;
    e.retry.requestUri = "sip:013901088888@gd.ctcims.cn;user=phone";
    CallAttempt again;
    again.peer = e.peer;
    again.messages = {invite(e.retry.requestUri), response("INVITE", 404, "Not Found")};
    e.retry.evidence.attempts.push_back(again);
    const auto report = selfTestReport(e, shippedPresets());
    EXPECT_EQ(report.capabilities.needsUserPhone, Support::Unknown);
    EXPECT_FALSE(rules(report).count(kRuleUriFormat));  // the explainer's advice would mislead here
    EXPECT_TRUE(rules(report).count(kSelfTestUriNotCause));
    EXPECT_FALSE(report.suggested.userPhone.has_value());
    // An answered call is never repeated.
    CallProbe answered = e.call;
    answered.answered = true;
    EXPECT_FALSE(wantsUriRetry(answered));
}

TEST(SelfTestReport, UnansweredOptionsAndInvite) {
    SelfTestEvidence e;
    e.request.target = "carrier";
    e.request.number = "013901088888";
    e.peer = trunkPeer();
    e.options.ran = true;
    e.call.ran = true;
    CallAttempt a;
    a.peer = e.peer;
    a.messages = {invite("sip:013901088888@203.0.113.5:5060")};
    a.noResponse = true;
    e.call.evidence.attempts.push_back(a);
    const auto report = selfTestReport(e, shippedPresets());
    EXPECT_EQ(report.capabilities.answersOptions, Support::No);
    EXPECT_EQ(rules(report), (std::set<std::string>{kSelfTestOptionsNoAnswer, kRuleNoAnswer}));
    EXPECT_FALSE(report.suggested.disable100rel.has_value());
    EXPECT_EQ(report.matchingPreset, "");
    EXPECT_NE(selfTestReportText(report).find("none determined"), std::string::npos);
}

TEST(SelfTestReport, CodecsRefusedAndEarlyResponsesInOrder) {
    auto e = evidenceFor(trunkPeer(),
                         {invite("sip:013901088888@203.0.113.5:5060"), response("INVITE", 180, "Ringing"),
                          response("INVITE", 183, "Session Progress", false, {"G729"}),
                          response("INVITE", 488, "Not Acceptable Here")},
                         false);
    const auto caps = capabilitiesOf(e);
    EXPECT_TRUE(caps.rejectedCodecs);
    EXPECT_EQ(caps.answerCodecs, std::vector<std::string>{"G729"});
    EXPECT_FALSE(wantsUriRetry(e.call));
    const auto report = selfTestReport(e, shippedPresets());
    EXPECT_TRUE(rules(report).count(kRuleCodecs));
    EXPECT_TRUE(rules(report).count(kSelfTestRejected));
    const auto early = std::find_if(report.findings.begin(), report.findings.end(),
                                    [](const Finding& f) { return f.rule == kSelfTestEarly; });
    ASSERT_NE(early, report.findings.end());
    EXPECT_NE(early->what.find("180 without SDP, then 183 with SDP"), std::string::npos) << early->what;
    EXPECT_NE(selfTestReportText(report).find("codecs in its answer: G729 (it refused our offer)"),
              std::string::npos);
}

TEST(SelfTestReport, PresetThatContradictsIsNeverChosen) {
    CarrierProfile suggested;
    suggested.authIdIncludesAddress = true;
    suggested.disable100rel = true;  // CTC's profile offers 100rel
    EXPECT_FALSE(matchingPreset(suggested, PeerKind::Line, shippedPresets()).has_value());
    // A line preset is never suggested for a trunk.
    CarrierProfile trunk;
    trunk.requestUriParams = "user=phone";
    const auto m = matchingPreset(trunk, PeerKind::Trunk, shippedPresets());
    ASSERT_TRUE(m.has_value());
    EXPECT_TRUE(m->forTrunks);
}

TEST(SelfTestReport, ErrorReportSaysWhy) {
    SelfTestEvidence e;
    e.request.target = "nosuch";
    e.error = "\"nosuch\" is no line or trunk";
    const auto report = selfTestReport(e, {});
    EXPECT_TRUE(report.findings.empty());
    EXPECT_NE(selfTestReportText(report).find("Could not run: \"nosuch\" is no line or trunk"),
              std::string::npos);
}
