#pragma once

// The carrier self-test on the engine thread: for one line or trunk, in
// turn, (a) an OPTIONS request, (b) for a line, REGISTER with the account
// alone and with the full account@domain as authorization name, (c) a test
// call offering 100rel, cancelled while ringing after a bounded time or
// ended with BYE right after the answer, and once more with user=phone the
// other way when the carrier refused the first for its URI format. Every step has its own timeout;
// nothing blocks. Progress goes out as SelfTestProgress events and the
// judgement (diagnostics::selfTestReport) as SelfTestFinished.
//
// What it does to the line: the test REGISTERs use their own Contact
// ("sb-selftest"), so the line's own binding at the carrier is left alone;
// a test binding that was accepted is removed again (REGISTER with
// Expires: 0 for that Contact). The line's registration, its 100rel
// warning (prack_auto_disable) and the call records are not touched.

#include <cstdint>
#include <functional>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "call/call_evidence.h"
#include "common/timer.h"
#include "diagnostics/self_test.h"
#include "engine/events.h"
#include "sip/call_leg.h"
#include "store/records.h"

struct sipreg;
struct sip_request;
struct sip_msg;

namespace sb::sip {
class SipStack;
}

namespace sb::call {

class CarrierSelfTest : private sip::CallLegListener {
public:
    /// @p onFinished runs (on the engine thread, outside any libre
    /// callback) once the result was published; the owner may then destroy
    /// the test.
    CarrierSelfTest(sip::SipStack& stack, EventSink& events, const store::Configuration& config,
                    diagnostics::SelfTestRequest request, std::function<void()> onFinished);
    ~CarrierSelfTest() override;
    CarrierSelfTest(const CarrierSelfTest&) = delete;
    CarrierSelfTest& operator=(const CarrierSelfTest&) = delete;

    /// Run the steps; the first progress event goes out from here.
    void start();
    /// Stop now (the user pressed Cancel): a test call is ended, and the
    /// result reports what was seen so far.
    void stop();

    uint64_t id() const { return m_evidence.request.id; }
    /// The result was published; the test only waits to be destroyed.
    bool finished() const { return m_finished; }
    /// A test call still has a transaction running (a CANCEL or BYE sent
    /// when the test was stopped): destroying it now would cut that short.
    bool callsBusy() const;

private:
    enum class Step : int { Options = 1, RegisterShort, RegisterFull, Call, CallRetry, Done };

    void runStep();
    void stepDone();
    void progress(const std::string& text);
    void finish();
    void laddered(bool outgoing, std::string label, std::string detail = {});

    // Step (a).
    void startOptions();
    void handleOptions(int err, const ::sip_msg* msg);
    // Step (b).
    void startRegister(bool fullForm);
    void handleRegister(int err, const ::sip_msg* msg);
    friend struct SelfTestCallbacks;  // libre's C callbacks, with their exact signatures
    // Step (c), carrier_self_test_call.cpp.
    /// @p retry: the same call with user=phone the other way.
    void startCall(bool retry);
    /// Take the current call's evidence and ladder into m_evidence.
    void closeCall();
    void endCall(const std::string& how);
    void onProgress(sip::CallLeg&, uint16_t code, const std::string& reason, const sip::Body&) override;
    void onAnswered(sip::CallLeg&, const sip::Body&) override;
    void onRejected(sip::CallLeg&, uint16_t code, const std::string& reason) override;
    void onBye(sip::CallLeg&) override;
    void onTerminated(sip::CallLeg&, const std::string& reason) override;
    void onResponse(sip::CallLeg&, const ::sip_msg& response) override;
    Result<sip::Body> onUpdateOffer(sip::CallLeg&, const sip::Body& offer) override;

    sip::SipStack& m_stack;
    EventSink& m_events;
    store::Configuration m_config;
    std::function<void()> m_onFinished;
    diagnostics::SelfTestEvidence m_evidence;
    const store::ExternalLine* m_line = nullptr;  ///< into m_config
    const store::SipTrunk* m_trunk = nullptr;     ///< into m_config
    sip::TlsExpectation m_tls;
    Step m_step = Step::Options;
    bool m_stepOpen = false;  ///< the current step has not concluded yet
    bool m_finished = false;
    size_t m_ladderDropped = 0;

    Timer m_next;         ///< runs the next step outside libre's callbacks
    Timer m_stepTimeout;  ///< the current step's bound
    Timer m_ringTimer;    ///< a test call still ringing is cancelled when it fires

    struct ::sip_request* m_options = nullptr;  ///< libre clears it when the request completes
    struct ::sipreg* m_register = nullptr;      ///< owned

    std::unique_ptr<sip::CallLeg> m_leg;                     ///< the call under way
    std::vector<std::unique_ptr<sip::CallLeg>> m_endedLegs;  ///< earlier calls, kept until the test goes
    diagnostics::CallProbe* m_probe = nullptr;               ///< m_evidence.call or .retry, while it runs
    CallEvidenceRecorder m_recorder;
    std::string m_offer;  ///< our SDP offer, also our answer to an UPDATE offer
    std::set<std::string> m_rseqSeen;
};

}  // namespace sb::call
