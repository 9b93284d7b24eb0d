#include "sip/line_registrations.h"

#include <re.h>

#include <cstring>

#include "common/clock.h"
#include "diagnostics/rules.h"
#include "sip/register_credentials.h"
#include "sip/sip_stack.h"

namespace sb::sip {

/// Responses to REGISTER kept for the explainer: the latest few (a line may
/// retry for days).
constexpr size_t kRegistrationMessages = 4;

struct LineRegistrations::Registration {
    LineRegistrations* owner = nullptr;
    store::ExternalLine line;
    std::string status;
    int lastCode = 0;
    struct sipreg* reg = nullptr;  // owned
    diagnostics::RegistrationEvidence evidence;

    ~Registration() { mem_deref(reg); }

    static void response(int err, const struct sip_msg* msg, void* arg) {
        auto* self = static_cast<Registration*>(arg);
        if (err) {
            self->evidence.transportError = err;
            self->evidence.tlsProblem = self->owner->tlsRefusal(self->line).value_or(std::string());
            self->owner->report(*self, self->owner->failureText(self->line, err), 0);
            return;
        }
        if (!msg || msg->scode < 200) return;
        auto& seen = self->evidence.messages;
        if (seen.size() >= kRegistrationMessages) seen.erase(seen.begin());
        seen.push_back(diagnostics::wireMessageOf(*msg, false, wallClockMs()));
        self->evidence.transportError = 0;
        self->evidence.tlsProblem.clear();
        const std::string reason(msg->reason.p, msg->reason.l);
        if (msg->scode < 300) {
            self->owner->report(*self, "Registered", msg->scode);
        } else {
            // libre retries after a failure on its own, waiting longer each time.
            self->owner->report(*self, "Failed: " + std::to_string(msg->scode) + " " + reason, msg->scode);
        }
    }
};

std::string authorizationName(const store::ExternalLine& line) {
    const std::string base = line.authId.empty() ? line.account : line.authId;
    if (line.authIdIncludesAddress && base.find('@') == std::string::npos) return base + "@" + line.domain;
    return base;
}

std::string lineRoute(const store::ExternalLine& line) {
    std::string route = "sip:" + (line.proxy.empty() ? line.domain : line.proxy) + ";lr";
    if (line.transport == store::Transport::Tcp) route += ";transport=tcp";
    if (line.transport == store::Transport::Tls) route += ";transport=tls";
    return route;
}

LineRegistrations::LineRegistrations(SipStack& stack, EventSink& events) : m_stack(stack), m_events(events) {}

LineRegistrations::~LineRegistrations() { m_registrations.clear(); }

void LineRegistrations::report(Registration& r, const std::string& status, int code) {
    if (r.status == status && r.lastCode == code) return;
    r.status = status;
    r.lastCode = code;
    LineStatusChanged change{r.line.name, status, code};
    if (code < 200 || code >= 300) change.findings = diagnostics::explainRegistration(r.evidence);
    const std::string why = diagnostics::findingsText(change.findings, true);
    m_events.publish(std::move(change));
    m_events.publish(LogMessage{code >= 300 || code == 0 ? LogLevel::Warning : LogLevel::Info,
                                "line " + r.line.name + ": " + status, 0});
    if (!why.empty())
        m_events.publish(LogMessage{LogLevel::Warning, "line " + r.line.name + ": why: " + why, 0});
}

void LineRegistrations::configure(const std::vector<store::ExternalLine>& lines,
                                  const store::Settings& settings) {
    m_settings = settings;
    std::map<std::string, std::unique_ptr<Registration>> next;
    for (const auto& line : lines) {
        if (!line.enabled || !line.registerEnabled) {
            m_events.publish(LineStatusChanged{line.name, line.enabled ? "Not registering" : "Disabled", 0});
            continue;
        }
        auto it = m_registrations.find(line.name);
        if (it != m_registrations.end() && it->second->line == line) {
            next.emplace(line.name, std::move(it->second));
            continue;
        }
        if (auto r = start(line)) next.emplace(line.name, std::move(r));
    }
    // Lines that are gone or changed: dropping the old sipreg unregisters it.
    m_registrations = std::move(next);
}

void LineRegistrations::retryTls() {
    for (auto it = m_registrations.begin(); it != m_registrations.end();) {
        const store::ExternalLine line = it->second->line;
        if (line.transport != store::Transport::Tls || it->second->status == "Registered") {
            ++it;
            continue;
        }
        // Not registered, so dropping the old one sends nothing.
        it->second.reset();
        if (auto r = start(line)) {
            it->second = std::move(r);
            ++it;
        } else {
            it = m_registrations.erase(it);
        }
    }
}

std::unique_ptr<LineRegistrations::Registration> LineRegistrations::start(const store::ExternalLine& line) {
    auto r = std::make_unique<Registration>();
    r->owner = this;
    r->line = line;
    r->evidence.peer = diagnostics::peerSettingsOf(line, m_settings);
    r->evidence.authorizationName = authorizationName(line);
    const std::string aor = "sip:" + line.account + "@" + line.domain;
    const std::string registrar = "sip:" + line.domain;
    const std::string route = lineRoute(line);
    const char* routev[] = {route.c_str()};
    auto* creds = newRegisterCredentials(authorizationName(line), line.password);
    if (!creds) {
        report(*r, "Failed: out of memory", 0);
        return nullptr;
    }
    const int err = sipreg_register(&r->reg, m_stack.raw(), registrar.c_str(), aor.c_str(), nullptr,
                                    aor.c_str(), line.expiresS, line.account.c_str(), routev, 1, 0,
                                    &answerRegisterChallenge, creds, true, &Registration::response, r.get(), nullptr,
                                    "Allow: INVITE, ACK, CANCEL, BYE, OPTIONS, INFO, PRACK, UPDATE\r\n");
    mem_deref(creds);  // the registration holds its own reference now
    if (err) {
        report(*r, std::string("Failed: ") + strerror(err), 0);
        return nullptr;
    }
    report(*r, "Registering", 0);
    return r;
}

std::optional<std::string> LineRegistrations::tlsRefusal(const store::ExternalLine& line) const {
    // A refused certificate fails the connection like any transport error;
    // the verifier knows which it was.
    if (line.transport != store::Transport::Tls) return std::nullopt;
    return m_stack.tlsVerifier().recentFailure(expectedTlsHost(line));
}

std::string LineRegistrations::failureText(const store::ExternalLine& line, int err) const {
    if (auto why = tlsRefusal(line)) return *why;
    return std::string("Unreachable: ") + strerror(err);
}

std::string LineRegistrations::status(const std::string& line) const {
    auto it = m_registrations.find(line);
    return it == m_registrations.end() ? std::string() : it->second->status;
}

}  // namespace sb::sip
