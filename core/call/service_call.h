#pragma once

// A call that ends in Switchboard itself: the caller's leg is answered by
// the PBX and its media terminated by the media engine (docs/media.md).
// The services so far: the echo test (what you say and the keys you press
// come back) and conference rooms (everyone in a room hears the others).

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "call/managed_call.h"
#include "media/media_engine.h"
#include "media/sdp.h"
#include "sip/call_leg.h"
#include "store/records.h"

struct sip_msg;

namespace sb::call {

class CallManager;

/// Which service a dialled feature code reached.
struct ServiceTarget {
    enum class Kind { Echo = 1, Conference };
    Kind kind = Kind::Echo;
    std::string room;     ///< conference room number
    std::string dialled;  ///< the number dialled: "*43", "*88100"
    std::string label;    ///< route in the Calls table and CDR: "echo test", "conference 100"
};

/// The feature codes of the services (docs/features.md). Defaults follow
/// common PBX practice: *43 echo test, *88 + room number a conference room.
struct FeatureCodes {
    std::string echoTest = "*43";
    std::string conferencePrefix = "*88";
};

/// The service @p dialled reaches, if any. A conference needs a room
/// number of 1 to 8 digits after the prefix.
std::optional<ServiceTarget> matchService(const FeatureCodes& codes, const std::string& dialled);

class ServiceCall : public sip::CallLegListener, public ManagedCall {
public:
    ServiceCall(CallManager& manager, uint64_t id, const ::sip_msg& invite, std::string caller,
                ServiceTarget target);
    ~ServiceCall() override;
    /// False when the INVITE could not be taken.
    bool accepted() const { return m_leg != nullptr; }
    /// Answer with media on @p pair (from the call manager's pool).
    void start(media::PortPair pair, media::MediaEngine& engine);
    /// Refuse before answering.
    void refuse(uint16_t code, const std::string& reason, const std::string& why);

    // ManagedCall
    uint64_t id() const override { return m_id; }
    bool finished() const override { return m_finished; }
    void hangUp() override;
    void checkMedia() override {}
    bool canBeDeleted(int64_t nowMs) const override;

    // CallLegListener
    void onConfirmed(sip::CallLeg& leg, const sip::Body& ackBody) override;
    void onCancelled(sip::CallLeg& leg) override;
    void onReinvite(sip::CallLeg& leg, const sip::Body& offer) override;
    Result<sip::Body> onUpdateOffer(sip::CallLeg& leg, const sip::Body& offer) override;
    void onInfo(sip::CallLeg& leg, const sip::Body& body) override;
    void onBye(sip::CallLeg& leg) override;
    void onTerminated(sip::CallLeg& leg, const std::string& reason) override;

private:
    /// Answer an offer from the caller (initial, re-INVITE or UPDATE).
    Result<sip::Body> answerOffer(const sip::Body& offer);
    void onDigit(char digit, media::DtmfMethod method);
    void beginService();
    void publish(const std::string& state);
    void finish(store::Disposition disposition, int sipCode, const std::string& reason);

    CallManager& m_manager;
    uint64_t m_id;
    std::unique_ptr<sip::CallLeg> m_leg;
    std::string m_caller;
    ServiceTarget m_target;
    media::MediaEngine* m_engine = nullptr;
    media::MediaEngine::SessionId m_session = 0;
    media::Endpoint m_local;
    media::LegOrigin m_origin{"switchboard"};
    bool m_awaitingAnswer = false;  ///< we offered in the 200 (caller sent no SDP)
    bool m_finished = false;
    int64_t m_startMs = 0;
    int64_t m_answerMs = 0;
    int64_t m_finishedMs = 0;
    std::string m_codec;
};

}  // namespace sb::call
