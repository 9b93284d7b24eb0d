#include "call/call_manager.h"

#include <re.h>

#include <chrono>

#include "call/call.h"
#include "call/call_media.h"
#include "sip/call_leg.h"
#include "sip/dialog.h"
#include "sip/message.h"
#include "sip/registrar.h"
#include "sip/sip_stack.h"
#include "store/store_writer.h"

namespace sb::call {

namespace {
constexpr uint64_t kReapMs = 500;

void replyStateless(sip::SipStack& stack, const ::sip_msg& msg, uint16_t code, const char* reason,
                    const std::string& headers = {}) {
    (void)sip_treplyf(nullptr, nullptr, stack.raw(), &msg, false, code, reason, "%sContent-Length: 0\r\n\r\n",
                      headers.c_str());
}
}  // namespace

int64_t nowMs() {
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

CallManager::CallManager(sip::SipStack& stack, sip::Registrar& registrar, EventSink& events,
                         store::StoreWriter* cdrWriter)
    : m_stack(stack), m_registrar(registrar), m_events(events), m_cdrWriter(cdrWriter) {
    m_stack.setHandler("INVITE", [this](const ::sip_msg& msg) { return onInvite(msg); });
    m_reaper.start(kReapMs, [this] { reap(); });
}

CallManager::~CallManager() {
    m_stack.setHandler("INVITE", nullptr);
    for (auto& [id, call] : m_calls) call->hangUp();
    m_calls.clear();
}

void CallManager::configure(const store::Configuration& config) {
    const auto& s = config.settings;
    if (!m_ports || m_ports->range().minPort != s.rtpPortMin || m_ports->range().maxPort != s.rtpPortMax) {
        // Calls in progress keep the pairs they hold; new calls use the new range.
        auto pool = media::PortPool::create(media::PortRange{s.rtpPortMin, s.rtpPortMax});
        if (pool) {
            m_ports.emplace(std::move(pool.value()));
        } else {
            m_events.publish(LogMessage{LogLevel::Error, "RTP port range: " + pool.error().message, nowMs()});
        }
    }
    m_config = config;
}

bool CallManager::onInvite(const ::sip_msg& msg) {
    if (!sip_msg_hdr(&msg, SIP_HDR_CONTACT)) {
        replyStateless(m_stack, msg, 400, "Missing Contact");
        return true;
    }
    // Only extensions place calls for now; they prove who they are (RFC 3261 §22.3).
    auto outcome = m_registrar.authenticator().check(
        msg, true, [this](const std::string& user) { return m_registrar.passwordOf(user); });
    switch (outcome.verdict) {
    case sip::Authenticator::Verdict::Challenge:
    case sip::Authenticator::Verdict::Stale:
        replyStateless(m_stack, msg, 407, "Proxy Authentication Required",
                       m_registrar.authenticator().challengeHeaders(
                           true, outcome.verdict == sip::Authenticator::Verdict::Stale));
        return true;
    case sip::Authenticator::Verdict::Forbidden:
        replyStateless(m_stack, msg, 403, "Forbidden");
        return true;
    case sip::Authenticator::Verdict::BadRequest:
        replyStateless(m_stack, msg, 400, "Bad Proxy-Authorization");
        return true;
    case sip::Authenticator::Verdict::Authorized:
        break;
    }

    // The number dialled: the Request-URI's user, or a TEL URI's number.
    std::string target = sip::toString(msg.uri.user);
    if (pl_strcasecmp(&msg.uri.scheme, "tel") == 0) target = sip::toString(msg.uri.host);

    const store::Extension* callee = nullptr;
    const store::Extension* caller = nullptr;
    for (const auto& ext : m_config.extensions) {
        if (ext.number == target && ext.enabled) callee = &ext;
        if (ext.number == outcome.user) caller = &ext;
    }
    if (!callee) {
        replyStateless(m_stack, msg, 404, "Not Found");
        return true;
    }
    const auto bindings = m_registrar.bindings().bindingsOf(callee->number);
    if (bindings.empty()) {
        replyStateless(m_stack, msg, 480, "Temporarily Unavailable");
        return true;
    }

    CallParties parties;
    parties.caller = outcome.user;
    parties.callerName = caller ? caller->name : std::string();
    parties.callee = callee->number;
    parties.route = "extension";
    parties.domain = m_config.settings.domain;
    parties.ringTimeoutS = callee->ringTimeoutS;
    parties.mediaTimeoutS = m_config.settings.mediaTimeoutS;
    const uint64_t id = m_nextId++;
    auto call = std::make_unique<Call>(*this, id, msg, parties);
    if (!call->accepted()) {
        replyStateless(m_stack, msg, 500, "Server Internal Error");
        return true;
    }
    // Media is anchored on the address the caller reached us at.
    auto media = m_ports ? CallMedia::create(*m_ports, m_stack.localAddressFor(msg), m_config.settings.ringback)
                         : Result<std::unique_ptr<CallMedia>>(makeError("no RTP port range"));
    if (!media) {
        m_events.publish(LogMessage{LogLevel::Warning, "call refused: " + media.error().message, nowMs()});
        call->refuse(503, "Service Unavailable", media.error().message);
        m_calls.emplace(id, std::move(call));
        return true;
    }
    call->setMedia(std::move(media.value()));
    std::vector<CallTarget> targets;
    for (const auto& b : bindings) {
        if (b.reachable) targets.push_back({b.contact, sip::hopFor(b.source, b.transport)});
    }
    Call& ref = *call;
    m_calls.emplace(id, std::move(call));
    ref.ring(targets);
    return true;
}

void CallManager::callFinished(Call& call, const store::CdrRecord& cdr) {
    if (m_cdrWriter) m_cdrWriter->appendCdr(cdr);
    m_events.publish(CallEnded{call.id()});
}

bool CallManager::hangUp(uint64_t callId) {
    auto it = m_calls.find(callId);
    if (it == m_calls.end()) return false;
    it->second->hangUp();
    return true;
}

void CallManager::reap() {
    const int64_t now = nowMs();
    size_t released = 0;
    for (auto it = m_calls.begin(); it != m_calls.end();) {
        if (it->second->canBeDeleted(now)) {
            it = m_calls.erase(it);
            ++released;
        } else {
            ++it;
        }
    }
    if (released) {
        m_events.publish(LogMessage{LogLevel::Debug,
                                    "released " + std::to_string(released) + " calls; " +
                                        std::to_string(m_calls.size()) + " active, " +
                                        std::to_string(rtpPairsInUse()) + " RTP port pairs in use",
                                    nowMs()});
    }
    m_reaper.start(kReapMs, [this] { reap(); });
}

}  // namespace sb::call
