// CallManager, call features: where a call to an extension goes (forwards,
// do not disturb, its phones), the feature codes that change that, and the
// headers a forwarded call carries toward a carrier (docs/features.md).

#include <re.h>

#include <algorithm>

#include "call/call_manager.h"
#include "config/validation.h"
#include "sip/dialog.h"
#include "sip/line_registrations.h"
#include "sip/registrar.h"
#include "sip/sip_stack.h"
#include "sip/tls_peer_policy.h"

namespace sb::call {

namespace {
/// A registered phone answers an INVITE with 100 or 180 within milliseconds;
/// 2 s lets libre send it three times (T1 = 500 ms) before we stop waiting.
constexpr uint32_t kPhoneFirstResponseMs = 2000;
/// How often one call still tries a contact a call found unreachable.
constexpr int64_t kRetryUnreachableMs = 60'000;

Destination refused(uint16_t code, const char* reason) {
    Destination d;
    d.kind = Destination::Kind::Refused;
    d.code = code;
    d.reason = reason;
    return d;
}
}  // namespace

std::vector<CallTarget> CallManager::phoneTargets(const std::string& extension) {
    const auto bindings = m_registrar.bindings().bindingsOf(extension);
    // Contacts marked unreachable (qualify, or an INVITE nobody answered) are
    // left out while another one may answer; when all are marked, all are
    // tried, so a phone that came back is found again.
    const bool anyReachable =
        std::any_of(bindings.begin(), bindings.end(), [](const sip::Binding& b) { return b.reachable; });
    std::vector<CallTarget> targets;
    const int64_t now = nowMs();
    for (const auto& b : bindings) {
        if (!b.reachable && anyReachable) {
            auto since = m_unreachableSinceMs.find(b.extension + "\n" + b.contact);
            if (since == m_unreachableSinceMs.end() || now - since->second < kRetryUnreachableMs) continue;
            since->second = now;
        }
        CallTarget& t = targets.emplace_back();
        t.requestUri = b.contact;
        t.nextHop = sip::hopFor(b.source, b.transport);
        t.extension = b.extension;
        t.contact = b.contact;
        t.markedUnreachable = !b.reachable;
        t.firstResponseTimeoutMs = kPhoneFirstResponseMs;
    }
    return targets;
}

Destination CallManager::resolveExtension(const store::Extension& ext, CallParties& parties) {
    parties.forwardChain.push_back(ext.number);
    const routing::Arrival arrival = routing::onArrival(ext);
    switch (arrival.action) {
        case routing::Arrival::Action::Forward:
            if (auto target = routing::parseForwardTarget(arrival.target, ext.number, m_config)) {
                if (routing::forwardAllowed(parties.forwardChain, parties.forwards.size(), *target))
                    return resolveForward(ext.number, *target, arrival.reason, parties);
                // A forward that would loop or go too far is not taken: the
                // extension itself rings.
                m_events.publish(LogMessage{LogLevel::Info,
                                            "forward of " + ext.number + " to " + target->number +
                                                " not taken: loop or more than " +
                                                std::to_string(routing::kMaxForwardHops) + " forwards",
                                            nowMs()});
            }
            break;
        case routing::Arrival::Action::Busy:
            return refused(486, "Busy Here");
        case routing::Arrival::Action::Voicemail: {
            Destination d;
            d.kind = Destination::Kind::Voicemail;
            d.mailbox = ext.number;
            return d;
        }
        case routing::Arrival::Action::Ring:
            break;
    }
    Destination d;
    d.targets = phoneTargets(ext.number);
    if (d.targets.empty()) {
        // No phone registered: as good as no answer.
        if (auto target = routing::parseForwardTarget(ext.forwardNoAnswer, ext.number, m_config);
            target && routing::forwardAllowed(parties.forwardChain, parties.forwards.size(), *target))
            return resolveForward(ext.number, *target, routing::ForwardReason::NoAnswer, parties);
        if (!ext.voicemail) return refused(480, "Temporarily Unavailable");
        d.kind = Destination::Kind::Voicemail;
        d.mailbox = ext.number;
        return d;
    }
    d.kind = Destination::Kind::Ring;
    d.extension = d.mailbox = ext.number;
    d.ringTimeoutS = ext.forwardNoAnswer.empty() ? ext.ringTimeoutS : ext.forwardNoAnswerS;
    return d;
}

Destination CallManager::mailboxDestination(const std::string& mailbox) const {
    const store::Extension* box = findExtension(mailbox);
    if (!box || !box->voicemail) return refused(480, "Temporarily Unavailable");
    Destination d;
    d.kind = Destination::Kind::Voicemail;
    d.mailbox = mailbox;
    return d;
}

Destination CallManager::resolveForward(const std::string& from, const routing::ForwardTarget& target,
                                        routing::ForwardReason reason, CallParties& parties) {
    parties.forwards.push_back(routing::ForwardHop{from, routing::forwardTargetName(target), reason});
    switch (target.kind) {
        case routing::ForwardTarget::Kind::Extension: {
            const store::Extension* ext = findExtension(target.number);
            if (!ext || !ext->enabled) return refused(480, "Temporarily Unavailable");
            return resolveExtension(*ext, parties);
        }
        case routing::ForwardTarget::Kind::Voicemail:
            return mailboxDestination(target.number);
        case routing::ForwardTarget::Kind::Group:
        case routing::ForwardTarget::Kind::Menu: {
            // Run by the media engine like a call dialled to it; the
            // forwards so far go into that service call's record.
            Destination d;
            d.kind = Destination::Kind::Service;
            d.extension = target.number;
            return d;
        }
        case routing::ForwardTarget::Kind::Outside:
            break;
    }
    // Out through the dial plan as the forwarding extension would dial it:
    // its routes, its permissions.
    return outsideDestination(target.number, from, parties.forwards);
}

Destination CallManager::outsideDestination(const std::string& number, const std::string& dialledBy,
                                            const std::vector<routing::ForwardHop>& forwards) const {
    const routing::OutgoingPlan plan = m_plan.plan(number, dialledBy);
    if (!plan.route) return plan.forbidden ? refused(403, "Forbidden") : refused(404, "Not Found");
    if (plan.attempts.empty()) return refused(503, "Service Unavailable");
    Destination d;
    d.kind = Destination::Kind::Outside;
    d.targets = outgoingTargets(plan, forwards);
    d.route = plan.attempts.front().name;
    return d;
}

std::vector<CallTarget> CallManager::outgoingTargets(const routing::OutgoingPlan& plan,
                                                     const std::vector<routing::ForwardHop>& forwards) const {
    std::vector<CallTarget> targets;
    for (const auto& a : plan.attempts) {
        CallTarget t = targetFor(a, m_config);
        t.omit100rel = t.omit100rel || m_no100rel.count(a.name) > 0;
        std::string forwardHeader;
        if (a.kind == routing::TargetKind::Line) {
            for (const auto& line : m_config.lines)
                if (line.name == a.name) forwardHeader = line.forwardHeader;
        } else {
            for (const auto& trunk : m_config.trunks)
                if (trunk.name == a.name) forwardHeader = trunk.forwardHeader;
        }
        // The carrier learns who forwarded (RFC 5806 or RFC 7044), as the
        // line or trunk is set to tell it.
        if (!forwards.empty() && forwardHeader == "diversion")
            t.extraHeaders += routing::diversionHeader(forwards, m_config.settings.domain);
        if (!forwards.empty() && forwardHeader == "history-info")
            t.extraHeaders += routing::historyInfoHeader(forwards, m_config.settings.domain, a.requestUri);
        targets.push_back(std::move(t));
    }
    return targets;
}

void CallManager::startDestination(const ::sip_msg& msg, const Destination& d, CallParties parties) {
    switch (d.kind) {
        case Destination::Kind::Refused:
            m_stack.replyFinal(msg, d.code, d.reason.c_str());
            return;
        case Destination::Kind::Voicemail: {
            ServiceTarget target;
            target.kind = ServiceTarget::Kind::VoicemailDeposit;
            target.mailbox = target.dialled = d.mailbox;
            target.label = "voicemail " + d.mailbox;
            target.forwards = routing::forwardsText(parties.forwards);
            if (!m_mediaEngine || !m_mailboxes) {
                m_stack.replyFinal(msg, 480, "Temporarily Unavailable");
                return;
            }
            startService(msg, parties.caller, target);
            return;
        }
        case Destination::Kind::Service: {
            const auto target = forwardedService(d.extension, parties);
            if (!target || !m_mediaEngine || !m_mailboxes) {
                m_stack.replyFinal(msg, 480, "Temporarily Unavailable");
                return;
            }
            startService(msg, parties.caller, *target);
            return;
        }
        case Destination::Kind::Ring:
            parties.extension = d.extension;
            parties.mailbox = d.mailbox;
            parties.ringTimeoutS = d.ringTimeoutS;
            if (parties.route.empty()) parties.route = "extension";
            break;
        case Destination::Kind::Outside:
            parties.extension.clear();
            parties.mailbox.clear();
            parties.route = d.route;
            parties.ringTimeoutS = 120;  // a carrier decides when the far end gives up
            break;
    }
    Call* call = createCall(msg, parties);
    if (!call) return;
    if (!parties.forwards.empty()) call->announceForward();
    if (d.kind == Destination::Kind::Ring)
        call->ring(d.targets);
    else
        call->ringInTurn(d.targets);
}

bool CallManager::forwardCall(Call& call, routing::ForwardReason reason) {
    const store::Extension* ext = findExtension(call.parties().extension);
    if (!ext) return false;
    auto target = routing::parseForwardTarget(routing::forwardSetting(*ext, reason), ext->number, m_config);
    if (!target) return false;
    CallParties state = call.parties();
    if (!routing::forwardAllowed(state.forwardChain, state.forwards.size(), *target)) {
        m_events.publish(LogMessage{LogLevel::Info,
                                    "call " + std::to_string(call.id()) + ": forward of " + ext->number +
                                        " to " + target->number + " not taken: loop or too many forwards",
                                    nowMs()});
        return false;
    }
    const Destination d = resolveForward(ext->number, *target, reason, state);
    if ((d.kind == Destination::Kind::Voicemail || d.kind == Destination::Kind::Service) &&
        (!m_mediaEngine || !m_mailboxes))
        return false;
    m_events.publish(LogMessage{
        LogLevel::Info,
        "call " + std::to_string(call.id()) + " forwarded: " + routing::forwardsText({state.forwards.back()}),
        nowMs()});
    return call.retarget(d, state);
}

void CallManager::changeFeature(const ::sip_msg& msg, const std::string& user,
                                const routing::FeatureCodeChange& change) {
    const store::Extension* ext = findExtension(user);
    if (!ext) {
        m_stack.replyFinal(msg, 403, "Forbidden");
        return;
    }
    if (!change.target.empty() && (config::checkForwardTarget(change.target) || change.target == user)) {
        m_stack.replyFinal(msg, 484, "Address Incomplete");
        return;
    }
    if (!m_editConfig || !m_mediaEngine || !m_mailboxes) {
        m_stack.replyFinal(msg, 503, "Service Unavailable", "Retry-After: 60\r\n");
        return;
    }
    store::Configuration edited = m_config;
    for (auto& e : edited.extensions)
        if (e.number == user) routing::applyFeatureCode(change, e);
    // Committed like a change made in the GUI (and shown there); this
    // replaces m_config, so nothing read from it above is used below.
    if (auto applied = m_editConfig(std::move(edited)); !applied) {
        m_events.publish(LogMessage{
            LogLevel::Info, "feature code from " + user + " refused: " + applied.error().message, nowMs()});
        m_stack.replyFinal(msg, 484, "Address Incomplete");
        return;
    }
    m_events.publish(
        LogMessage{LogLevel::Info, "extension " + user + " changed its call features by phone", nowMs()});
    ServiceTarget target;
    target.kind = ServiceTarget::Kind::Confirmation;
    target.dialled = sip::toString(msg.ruri);
    target.label = "feature code";
    startService(msg, user, target);
}

}  // namespace sb::call
