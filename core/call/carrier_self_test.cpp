#include "call/carrier_self_test.h"

#include <re.h>

#include <cstring>

#include "call/call_manager.h"
#include "common/clock.h"
#include "diagnostics/rules.h"
#include "routing/dial_plan.h"
#include "sip/line_registrations.h"
#include "sip/register_credentials.h"
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
    m_events.publish(
        LogMessage{LogLevel::Info, "self-test " + m_evidence.request.target + ": " + text, wallClockMs()});
}

void CarrierSelfTest::laddered(bool outgoing, std::string label, std::string detail) {
    const std::string peer = m_evidence.request.target;
    diagnostics::appendLadder(
        m_evidence.ladder,
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
                const bool shortAccepted =
                    !regs.empty() && regs.front().code >= 200 && regs.front().code < 300;
                if (r.registration && m_line && !shortAccepted) return startRegister(true);
                break;
            }
            case Step::Call:
                if (r.call && !r.number.empty()) return startCall(false);
                break;
            case Step::CallRetry:
                closeCall();
                if (diagnostics::wantsUriRetry(m_evidence.call)) return startCall(true);
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
    m_finished = true;
    if (m_options) m_options = static_cast<struct sip_request*>(mem_deref(m_options));
    m_register = static_cast<struct sipreg*>(mem_deref(m_register));
    closeCall();
    auto report = diagnostics::selfTestReport(m_evidence, m_evidence.request.presets);
    std::string text = diagnostics::selfTestReportText(report);
    m_events.publish(
        LogMessage{LogLevel::Info,
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
                           static_cast<unsigned long long>(rand_u64()),
                           sip::CallLeg::capabilityHeaders(true).c_str());
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
    auto* creds = sip::newRegisterCredentials(name, line.password);
    int err = creds ? 0 : ENOMEM;
    if (!err)
        err = sipreg_register(&m_register, m_stack.raw(), registrar.c_str(), aor.c_str(), nullptr,
                              aor.c_str(), line.expiresS, kTestContactUser, routev, 1, 0, &sip::answerRegisterChallenge,
                              creds, true, &SelfTestCallbacks::registered, this, nullptr, nullptr);
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

}  // namespace sb::call
