#include "call/call_manager.h"

#include <re.h>

#include <algorithm>
#include <chrono>

#include "call/call.h"
#include "call/call_media.h"
#include "sip/call_leg.h"
#include "sip/dialog.h"
#include "sip/line_registrations.h"
#include "sip/message.h"
#include "sip/refer.h"
#include "sip/registrar.h"
#include "sip/sip_stack.h"
#include "config/ivr_rules.h"
#include "media/tone_clip.h"
#include "services/ivr.h"
#include "services/ring_group.h"
#include "services/services.h"
#include "store/store.h"
#include "store/store_writer.h"

namespace sb::call {

std::string resourceRefusal(const ResourceUsage& usage, size_t startedSinceSample, uint32_t maxMemoryMb) {
    if (usage.openFiles != 0 && usage.fileLimit > 0) {
        const size_t needed = usage.openFiles + kFilesPerCall * (startedSinceSample + 1) + kFileReserve;
        if (needed > static_cast<size_t>(usage.fileLimit))
            return "open-file limit nearly reached (" + std::to_string(usage.openFiles) + " of " +
                   std::to_string(usage.fileLimit) + " in use, setting max_open_files)";
    }
    constexpr uint64_t kMiB = 1024 * 1024;
    if (maxMemoryMb != 0 && usage.residentBytes > uint64_t{maxMemoryMb} * kMiB)
        return "memory limit reached (" + std::to_string(usage.residentBytes / kMiB) + " MB in use, limit " +
               std::to_string(maxMemoryMb) + " MB, setting max_memory_mb)";
    return {};
}

namespace {
constexpr uint64_t kReapMs = 500;

/// Refuse or challenge an INVITE before any call exists. A challenge keeps
/// no transaction: a retransmitted INVITE gets a fresh one and its ACK is
/// dropped as a stray ACK.
void refuse(sip::SipStack& stack, const ::sip_msg& msg, uint16_t code, const char* reason,
            const std::string& headers = {}) {
    if (code == 407)
        stack.replyStateless(msg, code, reason, headers);
    else
        stack.replyFinal(msg, code, reason, headers);
}
}  // namespace

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
    m_mediaEngine.reset();  // after the calls: their sessions are closed first
}

void CallManager::configure(const store::Configuration& config) {
    m_plan = routing::DialPlan(config);
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
    loadPrompts();
}

void CallManager::setAccepting(bool accepting) {
    if (accepting == m_accepting) return;
    m_accepting = accepting;
    m_events.publish(LogMessage{LogLevel::Info,
                                accepting ? "new calls accepted again"
                                          : "new calls paused: INVITEs are answered 503 until resumed",
                                nowMs()});
}

bool CallManager::onInvite(const ::sip_msg& msg) {
    if (!m_accepting) {
        // Paused by the operator: nothing rings, and the caller's phone or
        // carrier knows to try again later (RFC 3261 §21.5.4).
        refuse(m_stack, msg, 503, "Service Unavailable", "Retry-After: 60\r\n");
        return true;
    }
    if (const uint32_t limit = m_config.settings.maxCalls; limit && liveCalls() >= limit) {
        if (!m_atLimit)
            m_events.publish(LogMessage{LogLevel::Warning,
                                        "call limit reached (" + std::to_string(limit) +
                                            " calls, setting max_calls): new calls get 503 until one ends",
                                        nowMs()});
        m_atLimit = true;
        refuse(m_stack, msg, 503, "Service Unavailable", "Retry-After: 10\r\n");
        return true;
    }
    m_atLimit = false;
    if (const std::string why = resourceRefusal(m_usage, m_startedSinceSample, m_config.settings.maxMemoryMb);
        !why.empty()) {
        if (!m_atResourceLimit)
            m_events.publish(LogMessage{LogLevel::Warning, why + ": new calls get 503 until it eases", nowMs()});
        m_atResourceLimit = true;
        refuse(m_stack, msg, 503, "Service Unavailable", "Retry-After: 10\r\n");
        return true;
    }
    m_atResourceLimit = false;
    if (!sip_msg_hdr(&msg, SIP_HDR_CONTACT)) {
        refuse(m_stack, msg, 400, "Missing Contact");
        return true;
    }
    if (auto se = sip::readSessionExpires(msg); se && se->seconds < sip::kMinSessionExpiresS) {
        refuse(m_stack, msg, 422, "Session Interval Too Small",
                       "Min-SE: " + std::to_string(sip::kMinSessionExpiresS) + "\r\n");
        return true;
    }
    // A TEL Request-URI names the number in its "host" (libre); the routing
    // module reads both kinds into one Party.
    const auto requestParty = routing::fromUri(sip::toString(msg.ruri));
    const auto toParty = routing::fromNameAddr(sip::toString(msg.to.val));
    if (!requestParty) {
        refuse(m_stack, msg, 416, "Unsupported URI Scheme");
        return true;
    }

    // Carriers are recognised by where they send from and are not challenged.
    if (auto inbound = m_plan.inbound(sip::addressText(msg.src), requestParty.value(),
                                      toParty ? toParty.value() : requestParty.value())) {
        startInbound(msg, *inbound);
        return true;
    }

    // Everyone else must be an extension and prove it (RFC 3261 §22.3).
    auto outcome = m_registrar.authenticator().check(
        msg, true, [this](const std::string& user) { return m_registrar.passwordOf(user); });
    switch (outcome.verdict) {
    case sip::Authenticator::Verdict::Challenge:
    case sip::Authenticator::Verdict::Stale:
        refuse(m_stack, msg, 407, "Proxy Authentication Required",
                       m_registrar.authenticator().challengeHeaders(
                           true, outcome.verdict == sip::Authenticator::Verdict::Stale));
        return true;
    case sip::Authenticator::Verdict::Forbidden:
        refuse(m_stack, msg, 403, "Forbidden");
        return true;
    case sip::Authenticator::Verdict::BadRequest:
        refuse(m_stack, msg, 400, "Bad Proxy-Authorization");
        return true;
    case sip::Authenticator::Verdict::Authorized:
        break;
    }

    if (const auto replaces = sip::headerValue(msg, SIP_HDR_REPLACES)) {
        // RFC 3891: this INVITE takes the place of a party of a call of ours.
        auto target = sip::parseReplaces(*replaces);
        auto [call, leg] = target ? findDialog(target.value()) : std::pair<Call*, sip::CallLeg*>{nullptr, nullptr};
        const uint16_t refusal = call ? call->replaceParty(*leg, msg, outcome.user) : uint16_t{481};
        if (refusal == 481) refuse(m_stack, msg, 481, "Call/Transaction Does Not Exist");
        else if (refusal) refuse(m_stack, msg, refusal, "Server Internal Error");
        return true;
    }
    const std::string dialled = requestParty->number;
    if (auto pickup = matchPickup(m_featureCodes, dialled)) {
        pickUp(msg, outcome.user, *pickup);
        return true;
    }
    if (auto change = routing::matchFeatureCode(m_forwardCodes, dialled)) {
        changeFeature(msg, outcome.user, *change);
        return true;
    }
    if (routing::incompleteFeatureCode(m_forwardCodes, dialled)) {
        refuse(m_stack, msg, 484, "Address Incomplete");
        return true;
    }
    if (auto service = matchService(m_featureCodes, dialled)) {
        startService(msg, outcome.user, *service);
        return true;
    }
    if (const store::IvrMenu* menu = findMenu(dialled)) {
        startService(msg, outcome.user, ivrTarget(*menu));
        return true;
    }
    if (const store::RingGroup* group = findGroup(dialled)) {
        startService(msg, outcome.user, groupTarget(*group));
        return true;
    }
    const store::Extension* caller = findExtension(outcome.user);
    if (const store::Extension* callee = findExtension(dialled); callee && callee->enabled) {
        CallParties parties;
        parties.caller = outcome.user;
        parties.callerExtension = outcome.user;
        parties.callerName = caller ? caller->name : std::string();
        startToExtension(msg, *callee, parties);
        return true;
    }

    routing::OutgoingPlan plan = m_plan.plan(dialled, outcome.user);
    if (!plan.route && plan.forbidden) {
        m_events.publish(LogMessage{LogLevel::Info,
                                    "call from " + outcome.user + " to " + dialled +
                                        " refused: the matching route does not allow this extension",
                                    nowMs()});
        refuse(m_stack, msg, 403, "Forbidden");
        return true;
    }
    if (!plan.route) {
        refuse(m_stack, msg, 404, "Not Found");
        return true;
    }
    startOutgoing(msg, outcome.user, caller ? caller->name : std::string(), plan);
    return true;
}

const store::Extension* CallManager::findExtension(const std::string& number) const {
    for (const auto& ext : m_config.extensions) {
        if (ext.number == number) return &ext;
    }
    return nullptr;
}

Call* CallManager::createCall(const ::sip_msg& msg, CallParties parties) {
    parties.domain = m_config.settings.domain;
    parties.mediaTimeoutS = m_config.settings.mediaTimeoutS;
    const uint64_t id = m_nextId++;
    auto call = std::make_unique<Call>(*this, id, msg, parties);
    if (!call->accepted()) {
        refuse(m_stack, msg, 500, "Server Internal Error");
        return nullptr;
    }
    Call* ref = call.get();
    m_calls.emplace(id, std::move(call));
    ++m_startedSinceSample;
    if (ref->finished()) ++m_finishedInTable;  // finished before it was in the table
    // Media is anchored on the address the caller reached us at.
    auto media = m_ports ? CallMedia::create(*m_ports, m_stack.localAddressFor(msg), m_config.settings.ringback)
                         : Result<std::unique_ptr<CallMedia>>(makeError("no RTP port range"));
    if (!media) {
        m_events.publish(LogMessage{LogLevel::Warning, "call refused: " + media.error().message, nowMs()});
        ref->refuse(503, "Service Unavailable", media.error().message);
        return nullptr;
    }
    media.value()->setCodecPreference(m_config.settings.codecs);
    ref->setMedia(std::move(media.value()));
    return ref;
}

void CallManager::startToExtension(const ::sip_msg& msg, const store::Extension& callee, CallParties parties) {
    parties.callee = callee.number;
    const Destination d = resolveExtension(callee, parties);
    startDestination(msg, d, std::move(parties));
}

void CallManager::startInbound(const ::sip_msg& msg, const routing::InboundMatch& inbound) {
    // The caller shown in the Calls table and CDR: P-Asserted-Identity, then
    // Remote-Party-ID, then From.
    CallParties parties;
    parties.caller = routing::callerNumber(sip::headerValue(msg, SIP_HDR_P_ASSERTED_IDENTITY),
                                           sip::headerValue(msg, "Remote-Party-ID"),
                                           sip::toString(msg.from.val))
                         .value_or("anonymous");
    if (const store::IvrMenu* menu = inbound.menu ? findMenu(inbound.extension) : nullptr) {
        ServiceTarget target = ivrTarget(*menu);
        target.label += " (" + inbound.name + ")";
        startService(msg, parties.caller, target);
        return;
    }
    if (const store::RingGroup* group = inbound.group ? findGroup(inbound.extension) : nullptr) {
        ServiceTarget target = groupTarget(*group);
        target.label += " (" + inbound.name + ")";
        startService(msg, parties.caller, target);
        return;
    }
    const store::Extension* callee = findExtension(inbound.extension);
    if (!callee || !callee->enabled) {
        refuse(m_stack, msg, 404, "Not Found");
        return;
    }
    parties.route = inbound.name;
    if (routing::blacklisted(m_config.settings.blacklist, parties.caller)) {
        const uint16_t code = static_cast<uint16_t>(m_config.settings.blacklistAnswer);
        m_events.publish(LogMessage{LogLevel::Info,
                                    "call from " + parties.caller + " via " + inbound.name +
                                        " refused: the caller is on the blacklist",
                                    nowMs()});
        refuse(m_stack, msg, code,
               code == 403   ? "Forbidden"
               : code == 480 ? "Temporarily Unavailable"
               : code == 486 ? "Busy Here"
                             : "Decline");
        return;
    }
    startToExtension(msg, *callee, parties);
}

CallTarget targetFor(const routing::Attempt& a, const store::Configuration& config) {
    CallTarget t;
    t.requestUri = a.requestUri;
    t.nextHop = a.nextHopUri();
    t.name = a.name;
    t.omit100rel = a.omit100rel;
    t.toUri = "<" + a.requestUri + ">";
    t.fromUri = "<sip:" + a.fromUser + "@" + a.fromHost + ">";
    if (a.viaProxy) t.routeSet = {"<" + a.nextHopUri() + ">"};
    if (!a.identityNumber.empty())
        t.extraHeaders = a.identityHeader + ": <sip:" + a.identityNumber + "@" + a.fromHost + ">\r\n";
    t.authUser = a.authUser;
    t.authPassword = a.authPassword;
    if (a.transport == store::Transport::Tls) {
        const auto hop = sip::splitHostPort(a.nextHop);
        t.tls.verify = a.tlsVerify;
        if (hop) t.tls.hosts = {hop->host};
        t.tls.who =
            std::string(a.kind == routing::TargetKind::Line ? "line" : "trunk") + " \"" + a.name + "\"";
    }
    if (a.kind == routing::TargetKind::Line) {
        for (const auto& line : config.lines) {
            if (line.name == a.name) {
                t.authUser = sip::authorizationName(line);
                t.authPassword = line.password;
            }
        }
    }
    return t;
}

void CallManager::startOutgoing(const ::sip_msg& msg, const std::string& caller, const std::string& callerName,
                                const routing::OutgoingPlan& plan) {
    CallParties parties;
    parties.caller = caller;
    parties.callerExtension = caller;
    parties.callerName = callerName;
    parties.callee = plan.route->number;
    parties.route = plan.attempts.empty() ? plan.route->target : plan.attempts.front().name;
    parties.ringTimeoutS = 120;  // a carrier decides when the far end gives up
    if (Call* call = createCall(msg, parties)) call->ringInTurn(outgoingTargets(plan, {}));
}

void CallManager::callFinished(ManagedCall& call, const store::CdrRecord& cdr) {
    if (m_calls.count(call.id())) ++m_finishedInTable;
    if (m_cdrWriter) m_cdrWriter->appendCdr(cdr);
    m_events.publish(CallEnded{call.id()});
}

void CallManager::contactUnreachable(const std::string& extension, const std::string& contact) {
    // Bounded: forgetting only means no retry until the phone registers again.
    if (m_unreachableSinceMs.size() >= 4096) m_unreachableSinceMs.clear();
    m_unreachableSinceMs[extension + "\n" + contact] = nowMs();
    if (m_registrar.setReachable(extension, contact, false))
        m_events.publish(LogMessage{LogLevel::Info,
                                    "extension " + extension + ": <" + contact +
                                        "> sent nothing back to an INVITE; marked unreachable, its other "
                                        "contacts ring until it registers again",
                                    nowMs()});
}

void CallManager::contactAnswered(const std::string& extension, const std::string& contact) {
    m_unreachableSinceMs.erase(extension + "\n" + contact);
    if (m_registrar.setReachable(extension, contact, true))
        m_events.publish(LogMessage{LogLevel::Info, "extension " + extension + ": <" + contact + "> answers again",
                                    nowMs()});
}

void CallManager::prackRefused(const std::string& target, uint16_t code) {
    if (target.empty() || target == "extension") return;
    // Warn once per target until the operator clears it, whether or not
    // Switchboard stops offering 100rel there by itself.
    if (!m_prackWarnings.insert(target).second) return;
    std::string warning = "peer requires 100rel but rejects PRACK (" + std::to_string(code) + "); ";
    if (m_config.settings.prackAutoDisable) {
        m_no100rel.insert(target);
        warning += "100rel is no longer offered on " + target + " until the warning is cleared";
    } else {
        warning += "consider \"Disable 100rel\" on " + target;
    }
    m_events.publish(LogMessage{LogLevel::Warning, target + ": " + warning, nowMs()});
    m_events.publish(LineStatusChanged{target, "Warning: " + warning, code});
}

void CallManager::clearPrackWarning(const std::string& target) {
    m_no100rel.erase(target);
    if (m_prackWarnings.erase(target)) m_events.publish(LineStatusChanged{target, "Warning cleared", 0});
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
    for (auto& [id, call] : m_calls) call->checkMedia();
    for (auto it = m_calls.begin(); it != m_calls.end();) {
        if (it->second->canBeDeleted(now)) {
            if (it->second->finished()) --m_finishedInTable;
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
