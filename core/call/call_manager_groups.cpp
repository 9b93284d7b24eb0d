// CallManager: the ring groups and call pickup (docs/features.md), kept
// apart from the INVITE dispatch in call_manager.cpp.

#include <algorithm>

#include "call/call_manager.h"
#include "services/ring_group.h"
#include "sip/sip_stack.h"

namespace sb::call {

namespace {
/// The service of a picked-up call: the bridge to the picker carries it.
class PickedUp : public services::Service {
public:
    void start(services::ServiceContext&) override {}
};
}  // namespace

const store::RingGroup* CallManager::findGroup(const std::string& number) const {
    for (const auto& group : m_config.groups)
        if (group.number == number) return &group;
    return nullptr;
}

ServiceTarget CallManager::groupTarget(const store::RingGroup& group) {
    ServiceTarget target;
    target.kind = ServiceTarget::Kind::Group;
    target.group = target.dialled = group.number;
    target.label = "group " + group.number;
    return target;
}

std::optional<ServiceTarget> CallManager::forwardedService(const std::string& number,
                                                           const CallParties& parties) const {
    ServiceTarget target;
    if (const store::RingGroup* group = findGroup(number))
        target = groupTarget(*group);
    else if (const store::IvrMenu* menu = findMenu(number))
        target = ivrTarget(*menu);
    else
        return std::nullopt;
    // The Calls table and the call record show what the caller dialled; the
    // route and the forwards say where it went.
    if (!parties.callee.empty()) target.dialled = parties.callee;
    if (!parties.route.empty() && parties.route != "extension") target.label += " (" + parties.route + ")";
    target.forwards = routing::forwardsText(parties.forwards);
    return target;
}

bool CallManager::divertToService(const std::string& number, std::unique_ptr<sip::CallLeg>& leg,
                                  const CallParties& parties, int64_t startMs,
                                  const std::string& localAddress) {
    auto target = forwardedService(number, parties);
    if (!target) {
        // The operator may deflect a ringing call to a conference room or the
        // echo test too (not to *97: whose mailbox would it be?).
        target = matchService(m_featureCodes, number);
        if (target && target->kind == ServiceTarget::Kind::VoicemailRetrieval) target.reset();
        if (target) {
            if (!parties.callee.empty()) target->dialled = parties.callee;
            target->forwards = routing::forwardsText(parties.forwards);
        }
    }
    if (!target || !m_mediaEngine || !m_mailboxes || !leg || localAddress.empty()) return false;
    auto service = makeService(*target, parties.caller);
    if (!service) return false;
    auto pair = allocatePorts(localAddress);
    if (!pair) {
        m_events.publish(LogMessage{LogLevel::Warning,
                                    "forward to " + target->label + ": " + pair.error().message, nowMs()});
        return false;
    }
    const uint64_t id = m_nextId++;
    auto call = std::make_unique<ServiceCall>(*this, id, std::move(leg), parties.caller, *target,
                                              std::move(service), startMs);
    ServiceCall* ref = call.get();
    m_calls.emplace(id, std::move(call));
    ref->start(std::move(pair.value()), *m_mediaEngine);
    return true;
}

void CallManager::pickUp(const ::sip_msg& msg, const std::string& picker, const PickupRequest& request) {
    std::set<std::string> wanted;
    if (!request.extension.empty()) {
        wanted.insert(request.extension);
    } else {
        // Group pickup: calls ringing at any other member of the picker's groups.
        for (const auto& g : m_config.groups) {
            const bool mine = std::any_of(g.members.begin(), g.members.end(),
                                          [&](const store::GroupMember& m) { return m.extension == picker; });
            if (mine)
                for (const auto& m : g.members)
                    if (m.extension != picker) wanted.insert(m.extension);
        }
    }
    for (auto& [id, call] : m_calls) {
        // Calls that ring through the media engine (groups, the auto
        // attendant) have their caller answered already, so the picker's own
        // offer is answered from the bridge; a relayed call first moves its
        // caller onto the media engine (divertToPickup).
        if (auto* relayed = dynamic_cast<Call*>(call.get())) {
            // A call dialled straight to an extension still ringing there.
            for (const auto& extension : wanted)
                if (relayed->ringingAt(extension)) {
                    if (relayed->pickUp(msg, picker)) return;
                    break;
                }
            continue;
        }
        auto* service = dynamic_cast<ServiceCall*>(call.get());
        if (!service) continue;
        const auto ringing = service->ringingExtensions();
        const bool match = std::any_of(ringing.begin(), ringing.end(),
                                       [&](const std::string& e) { return wanted.count(e) > 0; });
        if (match && service->pickUp(msg, picker)) return;
    }
    m_events.publish(
        LogMessage{LogLevel::Info,
                   "pickup by " + picker +
                       (request.extension.empty() ? std::string(" (group)") : " of " + request.extension) +
                       ": no call is ringing there",
                   nowMs()});
    m_stack.replyFinal(msg, 480, "Temporarily Unavailable");
}

std::unique_ptr<services::Service> CallManager::menuService(const std::string& menu,
                                                            const std::string& caller) {
    const store::IvrMenu* found = findMenu(menu);
    if (!found || !m_mediaEngine || !m_mailboxes) return nullptr;
    return makeService(ivrTarget(*found), caller);
}

std::unique_ptr<services::Service> CallManager::groupService(const std::string& group,
                                                             const std::string& caller) {
    const store::RingGroup* found = findGroup(group);
    if (!found || !m_mediaEngine || !m_mailboxes) return nullptr;
    return makeService(groupTarget(*found), caller);
}

bool CallManager::divertToPickup(std::unique_ptr<sip::CallLeg>& leg, const std::string& caller,
                                 const std::string& extension, int64_t startMs,
                                 const std::string& localAddress, const ::sip_msg& invite,
                                 const std::string& picker) {
    if (!m_mediaEngine || !leg || localAddress.empty()) return false;
    auto pair = allocatePorts(localAddress);
    if (!pair) {
        m_events.publish(
            LogMessage{LogLevel::Warning, "pickup of " + extension + ": " + pair.error().message, nowMs()});
        return false;
    }
    ServiceTarget target;
    target.kind = ServiceTarget::Kind::Group;  // not made by makeService: the service is given here
    target.dialled = extension;
    target.label = "picked up";
    const uint64_t id = m_nextId++;
    auto call = std::make_unique<ServiceCall>(*this, id, std::move(leg), caller, target,
                                              std::make_unique<PickedUp>(), startMs);
    ServiceCall* ref = call.get();
    m_calls.emplace(id, std::move(call));
    ref->start(std::move(pair.value()), *m_mediaEngine);
    // The caller's leg is ours now whatever happens: when the picker cannot
    // be connected after all, it is refused and the caller hung up.
    if (!ref->adoptPicker(invite, picker)) {
        m_stack.replyFinal(invite, 480, "Temporarily Unavailable");
        ref->hangUp();
    }
    return true;
}

}  // namespace sb::call
