// Call: handing a leg to a service call on the media engine: the caller's
// when a forward leads to a ring group or an auto-attendant menu
// (docs/features.md, call forwarding), a transferee's when a blind transfer
// does (call transfer). Kept apart from call.cpp, which relays the call itself.

#include "call/call.h"
#include "call/call_manager.h"
#include "call/transfer_ringing.h"

namespace sb::call {

bool Call::divertToService(const std::string& number) {
    if (!m_caller || m_finished) return false;
    const std::string callId = m_caller->dialog().callId;
    const std::string local = m_media ? m_media->relay().localEndpoint(media::Leg::A).address : std::string();
    if (!m_manager.divertToService(number, m_caller, m_parties, m_startMs, local)) return false;
    m_legA = nullptr;  // the caller's leg is the service call's now
    m_diverted = true;
    m_divertedCallId = callId;
    finish(store::Disposition::NoAnswer, 480,
           "forwarded to " + (m_parties.forwards.empty() ? number : m_parties.forwards.back().to));
    return true;
}

std::unique_ptr<sip::CallLeg> Call::releaseParty(sip::CallLeg& party) {
    std::unique_ptr<sip::CallLeg> out;
    if (&party == m_caller.get()) {
        m_divertedCallId = m_caller->dialog().callId;
        out = std::move(m_caller);
        m_diverted = true;
    }
    for (size_t i = 0; !out && i < m_forks.size(); ++i) {
        if (m_forks[i].get() != &party) continue;
        out = std::move(m_forks[i]);
        m_forks.erase(m_forks.begin() + static_cast<std::ptrdiff_t>(i));
        if (i < m_forkTargets.size())
            m_forkTargets.erase(m_forkTargets.begin() + static_cast<std::ptrdiff_t>(i));
        if (i < m_forkBase) --m_forkBase;
    }
    for (size_t i = 0; !out && i < m_adopted.size(); ++i) {
        if (m_adopted[i].get() != &party) continue;
        out = std::move(m_adopted[i]);
        m_adopted.erase(m_adopted.begin() + static_cast<std::ptrdiff_t>(i));
    }
    if (out) partyOn(sideOf(party)) = nullptr;
    return out;
}

void Call::transferToService(const Destination& d, const std::string& number) {
    const media::Leg side = m_transfer->side;
    const media::Leg transfereeSide = media::otherLeg(side);
    sip::CallLeg* transferee = partyOn(transfereeSide);
    std::optional<std::string> label;
    if (transferee && transferee->state() == sip::CallLeg::State::Established && m_media) {
        CallParties asCaller;
        asCaller.caller = m_partyNumber[media::indexOf(transfereeSide)];
        asCaller.callee = number;
        asCaller.forwards = m_transfer->forwardState.forwards;
        const std::string local = m_media->relay().localEndpoint(transfereeSide).address;
        const media::LegOrigin origin = m_media->origin(transfereeSide);
        label = m_manager.takeTransferee(d, [this, transferee] { return releaseParty(*transferee); }, asCaller,
                                         local, origin);
    }
    if (!label) {
        transferFailed(480, "Temporarily Unavailable");
        return;
    }
    m_transfers.push_back(m_transfer->from + ">" + number + " " + transferKind());
    notifyTransferrer(200, "OK", true);
    if (sip::CallLeg* transferrer = partyOn(side); transferrer && transferrer->state() != sip::CallLeg::State::Terminated) {
        transferrer->hangup();
        m_evidence.sent(transferrer, "BYE", {}, nowMs());
    }
    m_manager.events().publish(LogMessage{LogLevel::Info,
                                          "call " + std::to_string(m_id) + ": transferred by " + m_transfer->from +
                                              " to " + *label + " (" + transferKind() + ")",
                                          nowMs()});
    m_transfer.reset();
    finish(store::Disposition::Answered, 200, "transferred to " + *label);
}

}  // namespace sb::call
