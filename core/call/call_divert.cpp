// Call: handing the caller's leg to a service call on the media engine when
// a forward leads to a ring group or an auto-attendant menu
// (docs/features.md, call forwarding). Kept apart from call.cpp, which
// relays the call itself.

#include "call/call.h"
#include "call/call_manager.h"

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

}  // namespace sb::call
