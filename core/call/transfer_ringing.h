#pragma once

// The outgoing side of a blind transfer (REFER, RFC 3515): the legs that
// ring the transfer target while the transferee waits in its call. A
// target extension's phones ring in parallel; an outside number's routes
// are tried in turn (failover). The first answer is handed to the owner,
// which joins it to the transferee; until then the owner hears of the
// progress, to report it to the transferring phone as NOTIFY sipfrag.

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "call/call.h"
#include "common/timer.h"
#include "sip/call_leg.h"

namespace sb::sip {
class SipStack;
}

namespace sb::call {

class TransferRinging : public sip::CallLegListener {
public:
    /// Ring @p destination (Ring or Outside) with @p offer, as @p parties'
    /// caller. Failures are reported through @p owner, never inline.
    TransferRinging(sip::SipStack& stack, TransferOwner& owner, const Destination& destination,
                    CallParties parties, sip::Body offer);
    ~TransferRinging() override;

    /// Start ringing; false (and nothing started) when no leg could be sent.
    bool start();
    /// Stop ringing (the transferee hung up, the call ended): CANCEL all.
    void cancel();
    /// A leg still has a transaction to complete.
    bool busy() const;

    void onProgress(sip::CallLeg& leg, uint16_t code, const std::string& reason,
                    const sip::Body& body) override;
    void onAnswered(sip::CallLeg& leg, const sip::Body& body) override;
    void onRejected(sip::CallLeg& leg, uint16_t code, const std::string& reason) override;

private:
    bool startLeg(const CallTarget& target);
    void failed(uint16_t code);

    sip::SipStack& m_stack;
    TransferOwner& m_owner;
    CallParties m_parties;
    sip::Body m_offer;
    std::vector<CallTarget> m_targets;  ///< Ring: all at once; Outside: in turn
    bool m_inTurn = false;
    size_t m_nextTarget = 0;
    uint32_t m_ringTimeoutS = 30;
    std::vector<std::unique_ptr<sip::CallLeg>> m_legs;
    std::vector<std::string> m_legExtensions;  ///< whose phone each of m_legs rings, same order
    std::vector<uint16_t> m_failures;
    bool m_done = false;
    Timer m_ringTimer;
};

}  // namespace sb::call
