#include "call/carrier_self_test.h"

#include <re.h>

#include <cstring>

#include "call/call_manager.h"
#include "common/clock.h"
#include "diagnostics/rules.h"
#include "routing/dial_plan.h"
#include "sip/line_registrations.h"
#include "sip/message.h"
#include "sip/sip_stack.h"
#include "sip/tls_peer_policy.h"

namespace sb::call {

namespace {

/// The test binding's Contact user: distinct from the line's own, so the
/// test never replaces or removes the line's binding at the carrier.
constexpr const char* kTestContactUser = "sb-selftest";

std::string transportParam(store::Transport t) {
    if (t == store::Transport::Tcp) return ";transport=tcp";
    if (t == store::Transport::Tls) return ";transport=tls";
    return {};
}

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

}  // namespace

struct SelfTestCallbacks {
    static void options(int err, const struct sip_msg* msg, void* arg) {
        static_cast<CarrierSelfTest*>(arg)->handleOptions(err, msg);
    }
    static void registered(int err, const struct sip_msg* msg, void* arg) {
        static_cast<CarrierSelfTest*>(arg)->handleRegister(err, msg);
    }
    static int send(enum sip_transp tp, const struct sa*, const struct sa* dst, struct mbuf*, void* arg) {
        // Runs before libre starts TLS on a new connection: say what the
        // carrier's certificate must show, as the line's own requests do.
        auto* self = static_cast<CarrierSelfTest*>(arg);
        if (tp == SIP_TRANSP_TLS && dst) self->m_stack.tlsVerifier().expect(*dst, self->m_tls);
        return 0;
    }
};

namespace {

// The credentials are a libre object the registration references (aref):
// the un-REGISTER libre sends after we dropped an accepted test binding may
// be challenged after this test is gone.
struct Credentials {
    char* username;
    char* password;
};

void destroyCredentials(void* arg) {
    auto* c = static_cast<Credentials*>(arg);
    mem_deref(c->username);
    mem_deref(c->password);
}

int answerChallenge(char** username, char** password, const char*, void* arg) {
    auto* c = static_cast<Credentials*>(arg);
    int err = str_dup(username, c->username);
    if (!err) err = str_dup(password, c->password);
    return err;
}

}  // namespace

CarrierSelfTest::CarrierSelfTest(sip::SipStack& stack, EventSink& events, const store::Configuration& config,
                                 diagnostics::SelfTestRequest request, std::function<void()> onFinished)
    : m_stack(stack), m_events(events), m_config(config), m_onFinished(std::move(onFinished)) {
    m_evidence.request = std::move(request);
    for (const auto& line : m_config.lines)
        if (line.name == m_evidence.request.target) m_line = &line;
    for (const auto& trunk : m_config.trunks)
        if (trunk.name == m_evidence.request.target && !m_line) m_trunk = &trunk;
    m_evidence.peer = diagnostics::peerSettingsOf(m_config, m_evidence.request.target);
    // The test call never stops 100rel on the line by itself (it does not go
    // through the call manager): the explainer must not say it did.
    m_evidence.peer.prackAutoDisable = false;
    if (m_line) {
            if (m_line->transport == store::Transport::Tls) {
            m_tls.verify = m_line->tlsVerify;
            m_tls.hosts = {sip::expectedTlsHost(*m_line)};
            m_tls.who = "line \"" + m_line->name + "\"";
        }
    } else if (m_trunk && m_trunk->transport == store::Transport::Tls) {
        m_tls.verify = m_trunk->tlsVerify;
        m_tls.hosts = {sip::expectedTlsHost(*m_trunk)};
        m_tls.who = "trunk \"" + m_trunk->name + "\"";
    }
}

CarrierSelfTest::~CarrierSelfTest() {
    if (m_options) mem_deref(m_options);
    // Dropping an accepted test registration un-REGISTERs its own Contact.
    mem_deref(m_register);
}

void CarrierSelfTest::progress(const std::string& text) {
    m_events.publish(SelfTestProgress{m_evidence.request.id, static_cast<int>(m_step), text});
    m_events.publish(LogMessage{LogLevel::Info, "self-test " + m_evidence.request.target + ": " + text, wallClockMs()});
}

void CarrierSelfTest::laddered(bool outgoing, std::string label, std::string detail) {
    const std::string peer = m_evidence.request.target;
    diagnostics::appendLadder(m_evidence.ladder,
                              {wallClockMs(), outgoing ? diagnostics::kSwitchboardLane : peer,
                               outgoing ? peer : diagnostics::kSwitchboardLane, std::move(label), std::move(detail)},
                              m_ladderDropped);
}

void CarrierSelfTest::start() {
    const auto& r = m_evidence.request;
    if (!m_line && !m_trunk) {
        m_evidence.error = "\"" + r.target + "\" is no line or trunk";
    } else if ((m_line && !m_line->enabled) || (m_trunk && !m_trunk->enabled)) {
        m_evidence.error = "\"" + r.target + "\" is disabled";
    } else if (r.call && !r.number.empty() && !routing::looksLikePhoneNumber(r.number)) {
        m_evidence.error = "\"" + r.number + "\" is not a telephone number";
    }
    if (!m_evidence.error.empty()) {
        m_step = Step::Done;
        m_next.start(0, [this] { finish(); });
        return;
    }
    m_step = Step::Options;
    m_next.start(0, [this] { runStep(); });
}

void CarrierSelfTest::runStep() {
    const auto& r = m_evidence.request;
    for (;;) {
        switch (m_step) {
            case Step::Options:
                if (r.options) return startOptions();
                break;
            case Step::RegisterShort:
                if (r.registration && m_line) return startRegister(false);
                break;
            case Step::RegisterFull: {
                // The account alone was accepted: nothing to learn from the full form.
                const auto& regs = m_evidence.registrations;
                const bool shortAccepted = !regs.empty() && regs.front().code >= 200 && regs.front().code < 300;
                if (r.registration && m_line && !shortAccepted) return startRegister(true);
                break;
            }
            case Step::Call:
                if (r.call && !r.number.empty()) return startCall();
                break;
            case Step::Done:
                return finish();
        }
        m_step = static_cast<Step>(static_cast<int>(m_step) + 1);
    }
}

void CarrierSelfTest::stepDone() {
    if (!m_stepOpen) return;
    m_stepOpen = false;
    m_stepTimeout.cancel();
    m_ringTimer.cancel();
    m_step = static_cast<Step>(static_cast<int>(m_step) + 1);
    // Never from inside the libre callback that concluded the step.
    m_next.start(0, [this] { runStep(); });
}

void CarrierSelfTest::stop() {
    if (m_step == Step::Done) return;
    if (m_leg && m_leg->state() != sip::CallLeg::State::Terminated) m_leg->hangup();
    m_stepOpen = false;
    m_stepTimeout.cancel();
    m_ringTimer.cancel();
    m_step = Step::Done;
    progress("stopped by the user");
    m_next.start(0, [this] { finish(); });
}

void CarrierSelfTest::finish() {
    m_step = Step::Done;
    if (m_options) m_options = static_cast<struct sip_request*>(mem_deref(m_options));
    m_register = static_cast<struct sipreg*>(mem_deref(m_register));
    if (m_evidence.call.ran) {
        m_evidence.call.evidence = m_recorder.evidence();
        m_evidence.call.evidence.answered = m_evidence.call.answered;
        for (auto& item : m_recorder.ladder()) diagnostics::appendLadder(m_evidence.ladder, item, m_ladderDropped);
    }
    auto report = diagnostics::selfTestReport(m_evidence, m_evidence.request.presets);
    std::string text = diagnostics::selfTestReportText(report);
    m_events.publish(LogMessage{LogLevel::Info,
                                "self-test " + m_evidence.request.target + ": finished" +
                                    (report.findings.empty() ? std::string()
                                                             : ": " + diagnostics::findingsText(report.findings, true)),
                                wallClockMs()});
    m_events.publish(SelfTestFinished{std::move(report), std::move(text)});
    // finish() runs from m_next only; the owner destroys the test later.
    if (m_onFinished) m_onFinished();
}

// --- step (a): OPTIONS ---------------------------------------------------------

void CarrierSelfTest::startOptions() {
    m_stepOpen = true;
    auto& o = m_evidence.options;
    o.ran = true;
    std::string target, route, from;
    if (m_line) {
        target = "sip:" + m_line->domain;
        route = sip::lineRoute(*m_line);
        from = "sip:" + m_line->account + "@" + m_line->domain;
    } else {
        const std::string hostPort = m_trunk->host + ":" + std::to_string(m_trunk->port);
        target = "sip:" + hostPort;
        route = "sip:" + (m_trunk->proxy.empty() ? hostPort : m_trunk->proxy) + ";lr" +
                transportParam(m_trunk->transport);
        from = "sip:switchboard@" + m_config.settings.domain;
    }
    progress("sending OPTIONS to " + target);
    struct uri routeUri;
    struct pl routePl;
    pl_set_str(&routePl, route.c_str());
    int err = uri_decode(&routeUri, &routePl);
    if (!err)
        err = sip_requestf(&m_options, m_stack.raw(), true, "OPTIONS", target.c_str(), &routeUri, nullptr,
                           &SelfTestCallbacks::send, &SelfTestCallbacks::options, this,
                           "To: <%s>\r\nFrom: <%s>;tag=%016llx\r\nCall-ID: %016llx@switchboard\r\n"
                           "CSeq: 1 OPTIONS\r\nMax-Forwards: 70\r\nAccept: application/sdp\r\n%s"
                           "Content-Length: 0\r\n\r\n",
                           target.c_str(), from.c_str(), static_cast<unsigned long long>(rand_u64()),
                           static_cast<unsigned long long>(rand_u64()), sip::CallLeg::capabilityHeaders(true).c_str());
    laddered(true, "OPTIONS " + target);
    if (err) {
        progress(std::string("OPTIONS could not be sent: ") + std::strerror(err));
        laddered(false, std::string("(not sent: ") + std::strerror(err) + ")");
        return stepDone();
    }
    m_stepTimeout.start(m_evidence.request.stepTimeoutMs, [this] {
        m_options = static_cast<struct sip_request*>(mem_deref(m_options));
        laddered(false, "(no answer)");
        progress("no answer to OPTIONS");
        stepDone();
    });
}

void CarrierSelfTest::handleOptions(int err, const ::sip_msg* msg) {
    if (!err && msg && msg->scode < 200) return;
    if (!m_stepOpen || m_step != Step::Options) return;
    auto& o = m_evidence.options;
    if (err || !msg) {
        laddered(false, std::string("(no answer: ") + std::strerror(err) + ")");
        progress(std::string("no answer to OPTIONS: ") + std::strerror(err));
        return stepDone();
    }
    o.answered = true;
    o.code = msg->scode;
    o.reason = sip::toString(msg->reason);
    auto joined = [&](int hdr) {
        std::string out;
        for (const auto& v : sip::headerValues(*msg, hdr)) out += (out.empty() ? "" : ", ") + v;
        return out;
    };
    o.allow = joined(SIP_HDR_ALLOW);
    o.supported = joined(SIP_HDR_SUPPORTED);
    o.accept = joined(SIP_HDR_ACCEPT);
    laddered(false, std::to_string(o.code) + " " + o.reason + " (OPTIONS)",
             (o.allow.empty() ? std::string() : "Allow: " + o.allow) +
                 (o.supported.empty() ? std::string() : "; Supported: " + o.supported));
    progress("OPTIONS answered " + std::to_string(o.code) + " " + o.reason);
    stepDone();
}

// --- step (b): REGISTER with each form of the authorization name ----------------

void CarrierSelfTest::startRegister(bool fullForm) {
    m_stepOpen = true;
    const store::ExternalLine& line = *m_line;
    store::ExternalLine variant = line;
    variant.authIdIncludesAddress = fullForm;
    std::string name = sip::authorizationName(variant);
    // A configured auth_id that already holds "@domain" is the full form:
    // the short one is then the account alone.
    if (!fullForm && name.find('@') != std::string::npos) name = line.account;
    if (fullForm && name.find('@') == std::string::npos) name += "@" + line.domain;
    auto& probe = m_evidence.registrations.emplace_back();
    probe.authorizationName = name;
    probe.fullForm = fullForm;

    progress("REGISTER with authorization name \"" + name + "\"");
    const std::string aor = "sip:" + line.account + "@" + line.domain;
    const std::string registrar = "sip:" + line.domain;
    const std::string route = sip::lineRoute(line);
    const char* routev[] = {route.c_str()};
    laddered(true, "REGISTER " + registrar, "authorization name " + name + "; Contact " + kTestContactUser);
    auto* creds = static_cast<Credentials*>(mem_zalloc(sizeof(Credentials), &destroyCredentials));
    int err = creds ? 0 : ENOMEM;
    if (!err) err = str_dup(&creds->username, name.c_str());
    if (!err) err = str_dup(&creds->password, line.password.c_str());
    if (!err)
        err = sipreg_register(&m_register, m_stack.raw(), registrar.c_str(), aor.c_str(), nullptr, aor.c_str(),
                              line.expiresS, kTestContactUser, routev, 1, 0, &answerChallenge, creds, true,
                              &SelfTestCallbacks::registered, this, nullptr, nullptr);
    mem_deref(creds);  // the registration holds its own reference
    if (err) {
        laddered(false, std::string("(not sent: ") + std::strerror(err) + ")");
        return stepDone();
    }
    m_stepTimeout.start(m_evidence.request.stepTimeoutMs, [this] {
        m_register = static_cast<struct sipreg*>(mem_deref(m_register));
        laddered(false, "(no answer)");
        progress("no answer to REGISTER");
        stepDone();
    });
}

void CarrierSelfTest::handleRegister(int err, const ::sip_msg* msg) {
    if (!err && msg && msg->scode < 200) return;
    if (!m_stepOpen || (m_step != Step::RegisterShort && m_step != Step::RegisterFull)) return;
    auto& probe = m_evidence.registrations.back();
    if (err || !msg) {
        laddered(false, std::string("(no answer: ") + std::strerror(err) + ")");
        progress(std::string("no answer to REGISTER: ") + std::strerror(err));
    } else {
        probe.answered = true;
        probe.code = msg->scode;
        probe.reason = sip::toString(msg->reason);
        laddered(false, std::to_string(probe.code) + " " + probe.reason + " (REGISTER)",
                 "authorization name " + probe.authorizationName);
        progress("REGISTER as \"" + probe.authorizationName + "\": " + std::to_string(probe.code) + " " +
                 probe.reason);
    }
    // libre would retry a refused registration by itself, and keep an
    // accepted one refreshed: drop it (after this callback), which also
    // removes an accepted test binding.
    m_next.start(0, [this] {
        m_register = static_cast<struct sipreg*>(mem_deref(m_register));
        stepDone();
    });
}

// --- step (c): the test call -----------------------------------------------------

void CarrierSelfTest::startCall() {
    m_stepOpen = true;
    const auto& r = m_evidence.request;
    m_evidence.call.ran = true;
    std::string why;
    const routing::DialPlan plan(m_config);
    const auto attempt = plan.attemptThrough(r.target, r.number, &why);
    if (!attempt) {
        progress("no test call: " + why);
        m_evidence.call.ran = false;
        return stepDone();
    }
    CallTarget t = targetFor(*attempt, m_config);
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
              "\r\ns=self-test\r\nc=IN " + ipVersion + " " + address + "\r\nt=0 0\r\nm=audio 9 RTP/AVP" + formats +
              " 101\r\n" + maps + "a=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-15\r\na=sendrecv\r\n";
    inv.offer = sip::Body::sdp(m_offer);
    m_evidence.call.requestUri = inv.requestUri;

    progress("calling " + r.number + " (" + inv.requestUri + ")");
    std::string error;
    m_leg = sip::CallLeg::startInvite(m_stack, inv, *this, &error);
    if (!m_leg) {
        progress("the test call could not start: " + error);
        laddered(true, "INVITE " + inv.requestUri, "not sent: " + error);
        m_evidence.call.ran = false;
        return stepDone();
    }
    m_recorder.attemptStarted(m_leg.get(), m_evidence.peer, inv, wallClockMs());
    m_ringTimer.start(r.ringMs, [this] {
        if (!m_leg || m_evidence.call.answered || m_leg->state() == sip::CallLeg::State::Terminated) return;
        m_evidence.call.cancelledByUs = true;
        m_evidence.call.endedBy = "CANCEL while ringing";
        m_recorder.sent(m_leg.get(), "CANCEL", {}, wallClockMs());
        progress("still ringing after " + std::to_string(m_evidence.request.ringMs / 1000) + " s: CANCEL");
        m_leg->cancel();
    });
    // The INVITE's own bound: ringing time, then a step's time for the
    // answer to our CANCEL (or for any answer at all).
    m_stepTimeout.start(uint64_t{r.ringMs} + r.stepTimeoutMs, [this] {
        if (m_leg && m_leg->state() != sip::CallLeg::State::Terminated) m_leg->hangup();
        m_recorder.rejected(m_leg.get(), m_stack.tlsVerifier());
        const bool finalCame = m_evidence.call.answered || !m_evidence.call.endedBy.empty();
        if (m_evidence.call.endedBy.empty()) m_evidence.call.endedBy = "no answer";
        progress(finalCame ? "the test call did not end in time" : "no final answer to the test call");
        stepDone();
    });
}

void CarrierSelfTest::endCall(const std::string& how) {
    if (m_evidence.call.endedBy.empty()) m_evidence.call.endedBy = how;
    stepDone();
}

void CarrierSelfTest::onResponse(sip::CallLeg& leg, const ::sip_msg& msg) {
    m_recorder.response(&leg, msg, wallClockMs());
    if (pl_strcmp(&msg.cseq.met, "INVITE") != 0) return;
    for (const auto& allow : sip::headerValues(msg, SIP_HDR_ALLOW)) m_evidence.call.allow.push_back(allow);
    // The leg acknowledges a reliable 18x with PRACK (RFC 3262 §4) once per RSeq.
    if (msg.scode > 100 && msg.scode < 200) {
        const auto rseq = sip::headerValue(msg, SIP_HDR_RSEQ);
        bool reliable = false;
        for (const auto& v : sip::headerValues(msg, SIP_HDR_REQUIRE))
            reliable = reliable || diagnostics::hasOptionTag(v, "100rel");
        if (reliable && rseq && m_rseqSeen.insert(*rseq).second) {
            m_evidence.call.prackSent = true;
            m_recorder.sent(&leg, "PRACK (RSeq " + *rseq + ")", {}, wallClockMs());
        }
    }
}

void CarrierSelfTest::onProgress(sip::CallLeg&, uint16_t code, const std::string& reason, const sip::Body& body) {
    progress(std::to_string(code) + " " + reason + (body.empty() ? " without SDP" : " with SDP"));
}

void CarrierSelfTest::onAnswered(sip::CallLeg& leg, const sip::Body&) {
    m_evidence.call.answered = true;
    m_evidence.call.endedBy = "BYE after answer";
    progress("answered: BYE");
    m_recorder.sent(&leg, "BYE", {}, wallClockMs());
    // Ended right away: the test learns the codecs from the answer, nobody
    // needs to talk; the BYE goes out after this callback.
    m_next.start(0, [this] {
        if (m_leg) m_leg->hangup();
    });
}

void CarrierSelfTest::onRejected(sip::CallLeg& leg, uint16_t code, const std::string& reason) {
    m_recorder.rejected(&leg, m_stack.tlsVerifier());
    progress("test call ended: " + std::to_string(code) + " " + reason);
    endCall("rejected " + std::to_string(code) + " " + reason);
}

void CarrierSelfTest::onBye(sip::CallLeg& leg) {
    m_recorder.received(&leg, "BYE", wallClockMs());
    endCall("BYE from the carrier");
}

void CarrierSelfTest::onTerminated(sip::CallLeg&, const std::string& reason) { endCall(reason); }

Result<sip::Body> CarrierSelfTest::onUpdateOffer(sip::CallLeg& leg, const sip::Body&) {
    m_recorder.received(&leg, "UPDATE", wallClockMs());
    return sip::Body::sdp(m_offer);
}

}  // namespace sb::call
