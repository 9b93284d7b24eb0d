// CarrierSelfTest, step (c): the test call through the line or trunk, and
// its repetition with user=phone the other way when the first was refused
// for its URI format.
#include <re.h>

#include "call/call_manager.h"
#include "call/carrier_self_test.h"
#include "common/clock.h"
#include "diagnostics/rules.h"
#include "routing/dial_plan.h"
#include "sip/message.h"
#include "sip/sip_stack.h"

namespace sb::call {

namespace {

/// RFC 3551 static payload types of the codecs Switchboard can name in an offer.
int staticPayloadType(const std::string& codec) {
    if (codec == "PCMU") return 0;
    if (codec == "GSM") return 3;
    if (codec == "PCMA") return 8;
    if (codec == "G722") return 9;
    if (codec == "G729") return 18;
    return -1;
}

/// The first local address SIP listens on ("udp:ADDR:PORT ...").
std::string localAddress(const sip::SipStack& stack) {
    const std::string text = stack.listeningDescription();
    const size_t start = text.find("udp:");
    if (start == std::string::npos) return "127.0.0.1";
    const size_t end = text.find(' ', start);
    const std::string hostPort = text.substr(start + 4, end == std::string::npos ? end : end - start - 4);
    return hostPort.substr(0, hostPort.rfind(':'));
}

/// @p config with user=phone the other way on line or trunk @p name: a
/// line's user_phone toggled, a trunk's request_uri_params with the
/// parameter added or taken out.
store::Configuration withUserPhoneFlipped(store::Configuration config, const std::string& name) {
    for (auto& line : config.lines)
        if (line.name == name) line.userPhone = !line.userPhone;
    for (auto& trunk : config.trunks) {
        if (trunk.name != name) continue;
        std::string kept;
        bool had = false;
        size_t start = 0;
        const std::string& params = trunk.requestUriParams;
        while (start <= params.size()) {
            const size_t semi = params.find(';', start);
            const std::string item = params.substr(start, semi == std::string::npos ? semi : semi - start);
            if (item == "user=phone") {
                had = true;
            } else if (!item.empty()) {
                kept += (kept.empty() ? "" : ";") + item;
            }
            if (semi == std::string::npos) break;
            start = semi + 1;
        }
        trunk.requestUriParams = had ? kept : (kept.empty() ? "" : kept + ";") + "user=phone";
    }
    return config;
}

}  // namespace

bool CarrierSelfTest::callsBusy() const {
    if (m_leg && m_leg->busy()) return true;
    for (const auto& leg : m_endedLegs)
        if (leg->busy()) return true;
    return false;
}

void CarrierSelfTest::closeCall() {
    if (!m_probe) return;
    m_probe->evidence = m_recorder.evidence();
    m_probe->evidence.answered = m_probe->answered;
    for (auto& item : m_recorder.ladder())
        diagnostics::appendLadder(m_evidence.ladder, item, m_ladderDropped);
    // Kept until the test is destroyed: a late BYE answer or retransmitted
    // 2xx still finds its leg, and no leg is deleted inside its callback.
    if (m_leg) m_endedLegs.push_back(std::move(m_leg));
    m_recorder = CallEvidenceRecorder{};
    m_rseqSeen.clear();
    m_probe = nullptr;
}

void CarrierSelfTest::startCall(bool retry) {
    m_stepOpen = true;
    const auto& r = m_evidence.request;
    m_probe = retry ? &m_evidence.retry : &m_evidence.call;
    m_probe->ran = true;
    std::string why;
    const store::Configuration config = retry ? withUserPhoneFlipped(m_config, r.target) : m_config;
    const routing::DialPlan plan(config);
    const auto attempt = plan.attemptThrough(r.target, r.number, &why);
    if (!attempt) {
        progress("no test call: " + why);
        m_probe->ran = false;
        m_probe = nullptr;
        return stepDone();
    }
    CallTarget t = targetFor(*attempt, config);
    sip::OutgoingInvite inv;
    inv.requestUri = t.requestUri;
    inv.toUri = t.toUri;
    inv.fromUri = t.fromUri;
    inv.nextHop = t.nextHop;
    inv.routeSet = t.routeSet;
    inv.authUser = t.authUser;
    inv.authPassword = t.authPassword;
    inv.omit100rel = false;  // the point is to learn whether the carrier uses 100rel
    inv.tls = t.tls;
    inv.extraHeaders = t.extraHeaders;

    // An offer of the configured codecs on a port nobody reads: the test
    // learns what the carrier answers, it does not carry audio.
    const std::string address = localAddress(m_stack);
    std::string formats, maps;
    for (const auto& codec : m_config.settings.codecs) {
        const int pt = staticPayloadType(codec);
        if (pt < 0) continue;
        formats += " " + std::to_string(pt);
        maps += "a=rtpmap:" + std::to_string(pt) + " " + codec + "/8000\r\n";
    }
    if (formats.empty()) {
        formats = " 8 0";
        maps = "a=rtpmap:8 PCMA/8000\r\na=rtpmap:0 PCMU/8000\r\n";
    }
    const std::string ipVersion = address.find(':') == std::string::npos ? "IP4" : "IP6";
    m_offer = "v=0\r\no=switchboard " + std::to_string(rand_u32()) + " 1 IN " + ipVersion + " " + address +
              "\r\ns=self-test\r\nc=IN " + ipVersion + " " + address + "\r\nt=0 0\r\nm=audio 9 RTP/AVP" +
              formats + " 101\r\n" + maps +
              "a=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-15\r\na=sendrecv\r\n";
    inv.offer = sip::Body::sdp(m_offer);
    m_probe->requestUri = inv.requestUri;

    progress(std::string(retry ? "calling again with user=phone the other way: " : "calling ") + r.number +
             " (" + inv.requestUri + ")");
    std::string error;
    m_leg = sip::CallLeg::startInvite(m_stack, inv, *this, &error);
    if (!m_leg) {
        progress("the test call could not start: " + error);
        laddered(true, "INVITE " + inv.requestUri, "not sent: " + error);
        m_probe->ran = false;
        m_probe = nullptr;
        return stepDone();
    }
    m_recorder.attemptStarted(m_leg.get(), m_evidence.peer, inv, wallClockMs());
    m_ringTimer.start(r.ringMs, [this] {
        if (!m_leg || !m_probe || m_probe->answered || m_leg->state() == sip::CallLeg::State::Terminated)
            return;
        m_probe->cancelledByUs = true;
        m_probe->endedBy = "CANCEL while ringing";
        m_recorder.sent(m_leg.get(), "CANCEL", {}, wallClockMs());
        progress("still ringing after " + std::to_string(m_evidence.request.ringMs / 1000) + " s: CANCEL");
        m_leg->cancel();
    });
    // The INVITE's own bound: ringing time, then a step's time for the
    // answer to our CANCEL (or for any answer at all).
    m_stepTimeout.start(uint64_t{r.ringMs} + r.stepTimeoutMs, [this] {
        if (m_leg && m_leg->state() != sip::CallLeg::State::Terminated) m_leg->hangup();
        m_recorder.rejected(m_leg.get(), m_stack.tlsVerifier());
        if (!m_probe) return;
        const bool finalCame = m_probe->answered || !m_probe->endedBy.empty();
        if (m_probe->endedBy.empty()) m_probe->endedBy = "no answer";
        progress(finalCame ? "the test call did not end in time" : "no final answer to the test call");
        stepDone();
    });
}

void CarrierSelfTest::endCall(const std::string& how) {
    if (!m_probe) return;
    if (m_probe->endedBy.empty()) m_probe->endedBy = how;
    stepDone();
}

void CarrierSelfTest::onResponse(sip::CallLeg& leg, const ::sip_msg& msg) {
    if (&leg != m_leg.get() || !m_probe) return;
    m_recorder.response(&leg, msg, wallClockMs());
    if (pl_strcmp(&msg.cseq.met, "INVITE") != 0) return;
    for (const auto& allow : sip::headerValues(msg, SIP_HDR_ALLOW)) m_probe->allow.push_back(allow);
    // The leg acknowledges a reliable 18x with PRACK (RFC 3262 §4) once per RSeq.
    if (msg.scode > 100 && msg.scode < 200) {
        const auto rseq = sip::headerValue(msg, SIP_HDR_RSEQ);
        bool reliable = false;
        for (const auto& v : sip::headerValues(msg, SIP_HDR_REQUIRE))
            reliable = reliable || diagnostics::hasOptionTag(v, "100rel");
        if (reliable && rseq && m_rseqSeen.insert(*rseq).second) {
            m_probe->prackSent = true;
            m_recorder.sent(&leg, "PRACK (RSeq " + *rseq + ")", {}, wallClockMs());
        }
    }
}

void CarrierSelfTest::onProgress(sip::CallLeg& leg, uint16_t code, const std::string& reason,
                                 const sip::Body& body) {
    if (&leg != m_leg.get()) return;
    progress(std::to_string(code) + " " + reason + (body.empty() ? " without SDP" : " with SDP"));
}

void CarrierSelfTest::onAnswered(sip::CallLeg& leg, const sip::Body&) {
    if (&leg != m_leg.get() || !m_probe) return;
    m_probe->answered = true;
    m_probe->endedBy = "BYE after answer";
    progress("answered: BYE");
    m_recorder.sent(&leg, "BYE", {}, wallClockMs());
    // Ended right away: the test learns the codecs from the answer, nobody
    // needs to talk; the BYE goes out after this callback.
    m_next.start(0, [this] {
        if (m_leg) m_leg->hangup();
    });
}

void CarrierSelfTest::onRejected(sip::CallLeg& leg, uint16_t code, const std::string& reason) {
    if (&leg != m_leg.get() || !m_probe) return;
    m_recorder.rejected(&leg, m_stack.tlsVerifier());
    progress("test call ended: " + std::to_string(code) + " " + reason);
    endCall("rejected " + std::to_string(code) + " " + reason);
}

void CarrierSelfTest::onBye(sip::CallLeg& leg) {
    if (&leg != m_leg.get() || !m_probe) return;
    m_recorder.received(&leg, "BYE", wallClockMs());
    endCall("BYE from the carrier");
}

void CarrierSelfTest::onTerminated(sip::CallLeg& leg, const std::string& reason) {
    if (&leg == m_leg.get() && m_probe) endCall(reason);
}

Result<sip::Body> CarrierSelfTest::onUpdateOffer(sip::CallLeg& leg, const sip::Body&) {
    m_recorder.received(&leg, "UPDATE", wallClockMs());
    return sip::Body::sdp(m_offer);
}

}  // namespace sb::call
