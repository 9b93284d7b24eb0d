#pragma once

// A call that ends in Switchboard itself: the caller's leg is answered by
// the PBX and its media terminated by the media engine (docs/media.md).
// What happens on it is a services::Service (echo test, conference,
// voicemail, auto attendant); this class is its SIP and media shell, and
// rings an extension for a service that connects the caller to one
// (ExtensionBridge).

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "call/extension_bridge.h"
#include "call/managed_call.h"
#include "media/media_engine.h"
#include "media/sdp.h"
#include "services/service.h"
#include "sip/call_leg.h"
#include "store/records.h"

struct sip_msg;

namespace sb::call {

class CallManager;

/// Which service a dialled feature code reached.
struct ServiceTarget {
    enum class Kind { Echo = 1, Conference, VoicemailDeposit, VoicemailRetrieval, Ivr, Confirmation, Group };
    Kind kind = Kind::Echo;
    std::string room;     ///< conference room number
    std::string menu;     ///< auto attendant: the menu's number
    std::string group;    ///< ring group: the group's number
    std::string mailbox;  ///< voicemail: whose
    std::string dialled;  ///< the number dialled: "*43", "*88100"
    std::string label;    ///< route in the Calls table and CDR: "echo test", "conference 100"
    /// Reached by call forwarding: the forwards for its call record (routing::forwardsText).
    std::string forwards;
};

/// The feature codes of the services (docs/features.md). Defaults follow
/// common PBX practice: *43 echo test, *88 + room number a conference room,
/// *97 the caller's own voicemail, *8 group pickup and ** + extension
/// directed pickup (Asterisk's and FreePBX's; *8 + extension would clash
/// with *88 + room).
struct FeatureCodes {
    std::string echoTest = "*43";
    std::string conferencePrefix = "*88";
    std::string voicemail = "*97";
    std::string groupPickup = "*8";
    std::string directedPickupPrefix = "**";
};

/// What a pickup code dialled asks for.
struct PickupRequest {
    std::string extension;  ///< directed: the ringing extension; empty = any in the picker's groups
};
/// The pickup @p dialled asks for, if it is a pickup code.
std::optional<PickupRequest> matchPickup(const FeatureCodes& codes, const std::string& dialled);

/// The service @p dialled reaches, if any. A conference needs a room
/// number of 1 to 8 digits after the prefix.
std::optional<ServiceTarget> matchService(const FeatureCodes& codes, const std::string& dialled);

class ServiceCall : public sip::CallLegListener, public ManagedCall, private services::ServiceContext {
public:
    /// Take a new INVITE.
    ServiceCall(CallManager& manager, uint64_t id, const ::sip_msg& invite, std::string caller,
                ServiceTarget target, std::unique_ptr<services::Service> service);
    /// Take over @p callerLeg of a call nobody answered (voicemail).
    ServiceCall(CallManager& manager, uint64_t id, std::unique_ptr<sip::CallLeg> callerLeg, std::string caller,
                ServiceTarget target, std::unique_ptr<services::Service> service, int64_t startMs);
    ~ServiceCall() override;
    /// False when the INVITE could not be taken.
    bool accepted() const { return m_leg != nullptr; }
    /// Answer with media on @p pair (from the call manager's pool).
    void start(media::PortPair pair, media::MediaEngine& engine);
    /// Take over an answered leg (a transfer to a service): re-INVITE it
    /// toward the media engine on @p pair, going on with @p origin (the o=
    /// the party has seen); the service starts on the 2xx. A refusal hangs
    /// the leg up: it has left the call it was in.
    void takeOver(media::PortPair pair, media::MediaEngine& engine, media::LegOrigin origin);
    /// Refuse before answering.
    void refuse(uint16_t code, const std::string& reason, const std::string& why);
    /// Before start(): tell the caller the call is being forwarded (181, RFC 3261 §21.1.3).
    void announceForward();
    /// The extensions whose phones ring for this call now (connect()).
    std::vector<std::string> ringingExtensions() const;
    /// Call pickup: extension @p picker's @p invite answers in place of the
    /// ringing phones. @return false when nothing rings here (INVITE untouched).
    bool pickUp(const ::sip_msg& invite, const std::string& picker);
    /// Call pickup of a relayed call handed over here (CallManager::divertToPickup):
    /// extension @p picker's @p invite answers and is bridged to the caller.
    /// @return false when it could not be (the INVITE is then untouched).
    bool adoptPicker(const ::sip_msg& invite, const std::string& picker);

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
    void onReinviteAnswered(sip::CallLeg& leg, uint16_t code, const sip::Body& answer) override;
    Result<sip::Body> onUpdateOffer(sip::CallLeg& leg, const sip::Body& offer) override;
    void onInfo(sip::CallLeg& leg, const sip::Body& body) override;
    void onBye(sip::CallLeg& leg) override;
    void onTerminated(sip::CallLeg& leg, const std::string& reason) override;

private:
    // ServiceContext
    void play(std::vector<std::shared_ptr<const media::AudioClip>> clips, uint64_t token, bool loop) override;
    void stopPlaying() override;
    void record(const std::filesystem::path& file, uint64_t maxMs,
                std::function<void(const Result<uint64_t>&)> done) override;
    void stopRecording() override;
    void setEcho(bool on) override;
    void joinRoom(const std::string& room) override;
    void sendDigits(const std::string& digits) override;
    void hangUp(const std::string& reason) override;
    void setState(const std::string& state) override;
    void log(LogLevel level, const std::string& text) override;
    const std::string& caller() const override { return m_caller; }
    void connect(const std::string& extension, std::function<void(services::ConnectResult)> done) override;
    bool leaveMessage(const std::string& mailbox) override;
    void connectAny(const std::vector<std::string>& extensions, uint32_t ringTimeoutS, const std::string& label,
                    std::function<void(services::ConnectResult, const std::string&)> done) override;
    bool enterMenu(const std::string& menu) override;
    bool enterGroup(const std::string& group) override;
    ExtensionBridge::Events bridgeEvents(const std::string& label,
                                         std::function<void(services::ConnectResult, const std::string&)> done);
    /// Make @p service the one the caller talks to from now on (the old one is kept until the call goes).
    void handOver(std::unique_ptr<services::Service> service);

    void openSession(media::PortPair pair, const media::LegMediaParams& params);
    /// The caller's answer to our offer (in the ACK, or to takeOver's re-INVITE): the service starts.
    void takeAnswer(const sip::Body& answer, const char* where);
    /// Answer an offer from the caller (initial, re-INVITE or UPDATE).
    Result<sip::Body> answerOffer(const sip::Body& offer);
    void onDigit(char digit, media::DtmfMethod method);
    void publish();
    void finish(store::Disposition disposition, int sipCode, const std::string& reason);

    CallManager& m_manager;
    uint64_t m_id;
    std::unique_ptr<sip::CallLeg> m_leg;
    std::string m_caller;
    ServiceTarget m_target;
    std::unique_ptr<services::Service> m_service;
    /// Services this call moved on from (an IVR handing over to voicemail
    /// from inside its own callback): kept until the call goes.
    std::vector<std::unique_ptr<services::Service>> m_retired;
    /// The extension being rung or talked to (connect()); earlier ones stay
    /// until their legs have finished their transactions.
    std::unique_ptr<ExtensionBridge> m_bridge;
    std::vector<std::unique_ptr<ExtensionBridge>> m_oldBridges;
    media::MediaEngine* m_engine = nullptr;
    media::MediaEngine::SessionId m_session = 0;
    media::Endpoint m_local;
    media::LegOrigin m_origin{"switchboard"};
    bool m_awaitingAnswer = false;  ///< we offered in the 200 (caller sent no SDP) or in takeOver's re-INVITE
    bool m_started = false;
    bool m_finished = false;
    std::string m_state = "Trying";
    int64_t m_startMs = 0;
    int64_t m_answerMs = 0;
    int64_t m_finishedMs = 0;
    std::string m_codec;
    std::string m_answeredBy;  ///< "group 600 answered by 101", for the CDR's route
};

}  // namespace sb::call
