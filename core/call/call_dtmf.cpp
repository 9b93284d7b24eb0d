// Call: DTMF between legs that send keys differently (RFC 4733 on one,
// SIP INFO on the other). The relay does the RTP side (rtp_relay.h); this
// is the SIP side. See docs/media.md, "DTMF between the legs of a call".
#include <string>

#include "call/call.h"
#include "call/call_manager.h"
#include "sip/dtmf_info.h"

namespace sb::call {

namespace {
constexpr unsigned kDefaultKeyMs = 160;  // what phones put in Duration when they know no better
}  // namespace

void Call::onInfo(sip::CallLeg& leg, const sip::Body& body) {
    if (m_finished || !m_callee) return;
    sip::CallLeg* peer = other(leg);
    if (!peer || peer == &leg) return;
    const auto key = sip::dtmfFromInfo(body);
    // Other INFO packages (RFC 6086) are no business of a PBX in the middle.
    if (!key) return;
    const unsigned ms = sip::dtmfDurationFromInfo(body).value_or(kDefaultKeyMs);
    const media::Leg toward = peer == m_legA ? media::Leg::A : media::Leg::B;
    const bool asRtp = m_media && m_media->sendDtmf(toward, *key, ms);
    if (!asRtp) (void)peer->sendInfo(sip::dtmfRelayBody(*key, ms));
    m_manager.events().publish(LogMessage{LogLevel::Debug,
                                          "call " + std::to_string(m_id) + ": DTMF " + std::string(1, *key) +
                                              " (SIP INFO) from the " +
                                              (&leg == m_legA ? "caller" : "callee") +
                                              " sent on as " + (asRtp ? "RFC 4733" : "SIP INFO"),
                                          nowMs()});
}

void Call::keyToInfo(media::Leg from, char key, unsigned durationMs) {
    if (m_finished || !m_callee) return;
    sip::CallLeg* peer = from == media::Leg::A ? m_callee : m_legA;
    if (!peer) return;
    (void)peer->sendInfo(sip::dtmfRelayBody(key, durationMs ? durationMs : kDefaultKeyMs));
    m_manager.events().publish(LogMessage{
        LogLevel::Debug,
        "call " + std::to_string(m_id) + ": DTMF " + std::string(1, key) + " (RFC 4733) from the " +
            (from == media::Leg::A ? "caller" : "callee") + " sent on as SIP INFO",
        nowMs()});
}

}  // namespace sb::call
