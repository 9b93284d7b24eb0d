#include "sip/registrar.h"

#include <re.h>

#include <chrono>

#include "sip/message.h"
#include "sip/sip_stack.h"

namespace sb::sip {

namespace {
constexpr uint64_t kSweepMs = 1000;

RegistrationChanged toEvent(const Binding& b, bool removed) {
    return RegistrationChanged{b.extension, b.contact, b.source, b.transport, b.userAgent,
                               b.expiresAtMs, removed, b.reachable};
}
}  // namespace

Registrar::Registrar(SipStack& stack, EventSink& events, RegistrarSettings settings)
    : m_stack(stack),
      m_events(events),
      m_settings(std::move(settings)),
      m_auth(m_settings.realm, m_settings.algorithms, m_settings.nonceLifetimeS) {
    m_stack.setHandler("REGISTER", [this](const ::sip_msg& msg) { return handleRegister(msg); });
    m_sweepTimer.start(kSweepMs, [this] { sweep(); });
}

Registrar::~Registrar() { m_stack.setHandler("REGISTER", nullptr); }

void Registrar::configure(RegistrarSettings settings) {
    m_settings = std::move(settings);
    m_auth.setRealm(m_settings.realm);
    m_auth.setAlgorithms(m_settings.algorithms);
    std::vector<std::string> keep;
    for (const auto& [ext, pw] : m_settings.passwords) keep.push_back(ext);
    publish({}, m_bindings.retainExtensions(keep));
}

void Registrar::restore(const std::vector<Binding>& bindings) {
    const int64_t now = wallClockMs();
    std::vector<Binding> kept;
    for (const auto& b : bindings) {
        if (b.expiresAtMs > now && m_settings.passwords.count(b.extension)) {
            m_bindings.restore(b, now);
            kept.push_back(b);
        }
    }
    for (const auto& b : kept) m_events.publish(toEvent(b, false));
}

std::optional<std::string> Registrar::passwordOf(const std::string& extension) const {
    auto it = m_settings.passwords.find(extension);
    if (it == m_settings.passwords.end()) return std::nullopt;
    return it->second;
}

bool Registrar::setReachable(const std::string& extension, const std::string& contact, bool reachable) {
    auto changed = m_bindings.setReachable(extension, contact, reachable);
    if (changed) publish({*changed}, {});
    return changed.has_value();
}

void Registrar::reply(const ::sip_msg& msg, uint16_t code, const char* reason, const std::string& headers) {
    // A challenge keeps no transaction: a retransmitted REGISTER just gets a fresh nonce.
    if (code == 401)
        m_stack.replyStateless(msg, code, reason, headers);
    else
        m_stack.replyFinal(msg, code, reason, headers);
}

bool Registrar::handleRegister(const ::sip_msg& msg) {
    auto outcome = m_auth.check(msg, false, [this](const std::string& user) { return passwordOf(user); });
    switch (outcome.verdict) {
    case Authenticator::Verdict::Challenge:
        reply(msg, 401, "Unauthorized", m_auth.challengeHeaders(false, false));
        return true;
    case Authenticator::Verdict::Stale:
        reply(msg, 401, "Unauthorized", m_auth.challengeHeaders(false, true));
        return true;
    case Authenticator::Verdict::BadRequest:
        reply(msg, 400, "Bad Authorization", "");
        return true;
    case Authenticator::Verdict::Forbidden:
        reply(msg, 403, "Forbidden", "");
        return true;
    case Authenticator::Verdict::Authorized:
        break;
    }
    // RFC 3261 §10.3 step 5: a user may only change its own bindings.
    const std::string extension = toUser(msg);
    if (extension != outcome.user) {
        reply(msg, 403, "Forbidden", "");
        return true;
    }

    ParsedContacts contacts = parseContacts(msg);
    if (!contacts.error.empty()) {
        reply(msg, 400, contacts.error.c_str(), "");
        return true;
    }
    RegisterRequest req;
    req.extension = extension;
    req.callId = callId(msg);
    req.cseq = msg.cseq.num;
    req.wildcard = contacts.wildcard;
    for (auto& c : contacts.contacts) req.contacts.push_back({std::move(c.uri), c.expiresS});
    if (pl_isset(&msg.expires)) {
        req.expiresHeaderS = parseSeconds(toString(msg.expires));
        if (!req.expiresHeaderS) {
            reply(msg, 400, "Malformed Expires", "");
            return true;
        }
    }
    req.source = addressText(msg.src);
    req.transport = transportText(msg);
    req.userAgent = headerValue(msg, SIP_HDR_USER_AGENT).value_or("");

    const int64_t now = wallClockMs();
    RegisterOutcome result = m_bindings.apply(req, m_settings.expiry, now);
    if (result.status == 423) {
        reply(msg, 423, "Interval Too Brief", "Min-Expires: " + std::to_string(result.minExpiresS) + "\r\n");
        return true;
    }
    if (result.status != 200) {
        reply(msg, static_cast<uint16_t>(result.status), result.reason.c_str(), "");
        return true;
    }
    std::string headers;
    for (const auto& b : m_bindings.bindingsOf(extension)) {
        const int64_t left = (b.expiresAtMs - now + 999) / 1000;
        headers += "Contact: <" + b.contact + ">;expires=" + std::to_string(left) + "\r\n";
    }
    reply(msg, 200, "OK", headers);
    publish(result.changed, result.removed);
    return true;
}

void Registrar::publish(const std::vector<Binding>& changed, const std::vector<Binding>& removed) {
    if (changed.empty() && removed.empty()) return;
    for (const auto& b : changed) m_events.publish(toEvent(b, false));
    for (const auto& b : removed) m_events.publish(toEvent(b, true));
    if (m_hook) m_hook(changed, removed);
}

void Registrar::sweep() {
    publish({}, m_bindings.expire(wallClockMs()));
    m_sweepTimer.start(kSweepMs, [this] { sweep(); });
}

}  // namespace sb::sip
