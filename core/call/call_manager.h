#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <set>
#include <unordered_map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "call/call.h"
#include "common/clock.h"
#include "common/timer.h"
#include "call/call.h"
#include "call/service_call.h"
#include "media/media_engine.h"
#include "services/mailboxes.h"
#include "sip/mwi_notifier.h"
#include "services/prompts.h"
#include "diagnostics/evidence.h"
#include "engine/events.h"
#include "media/port_pool.h"
#include "routing/call_features.h"
#include "routing/dial_plan.h"
#include "store/records.h"

struct sip_msg;

namespace sb::sip {
class SipStack;
class Registrar;
}  // namespace sb::sip
namespace sb::store {
class StoreWriter;
}

namespace sb::call {

/// What the process holds, sampled once a second by the engine.
struct ResourceUsage {
    size_t openFiles = 0;        ///< 0 = unknown
    int fileLimit = 0;           ///< 0 = unknown
    uint64_t residentBytes = 0;  ///< 0 = unknown
};

/// Descriptors a new call takes (RTP and RTCP on both legs) and those kept
/// free for SIP connections, the database and logs.
constexpr size_t kFilesPerCall = 4;
constexpr size_t kFileReserve = 64;

/// Why a new call must be refused for lack of descriptors or memory (setting
/// max_open_files / max_memory_mb), or empty. @p startedSinceSample: calls
/// created since @p usage was sampled (their descriptors are not in it yet).
std::string resourceRefusal(const ResourceUsage& usage, size_t startedSinceSample, uint32_t maxMemoryMb);

/// What the services need from the rest of the engine, given at start-up.
struct ServiceEnvironment {
    std::filesystem::path dataFolder;     ///< voicemail/ goes below it
    std::filesystem::path promptsFolder;  ///< the shipped prompts (platform::resourceDirectory)
    std::vector<store::VoicemailMessage> voicemail;  ///< the index, read from the store at start
};

/// Entry point for new INVITEs: authenticates the caller, routes the number
/// and runs the resulting Calls. Engine thread only.
/// The call target for attempt @p a of an outgoing plan: URIs, route,
/// credentials (a line's authorization name) and TLS expectation.
CallTarget targetFor(const routing::Attempt& a, const store::Configuration& config);

class CallManager {
public:
    CallManager(sip::SipStack& stack, sip::Registrar& registrar, EventSink& events, store::StoreWriter* cdrWriter);
    ~CallManager();

    void configure(const store::Configuration& config);
    /// Start the media engine and the services (prompts, mailboxes).
    void startServices(ServiceEnvironment environment);
    const services::Mailboxes* mailboxes() const { return m_mailboxes ? &*m_mailboxes : nullptr; }
    /// What a party put on hold hears (null while loading or when it failed).
    std::shared_ptr<const media::AudioClip> musicOnHold() const { return m_prompts.music(); }
    /// Delete a voicemail message (the Voicemail tab); false when there is none.
    bool deleteVoicemail(int64_t id);
    /// A call to @p mailbox nobody answered: move its caller's @p leg into
    /// voicemail, with media on @p localAddress (where the caller reached us).
    /// @return false when the mailbox takes no messages (the caller is then refused as before).
    bool divertToVoicemail(const std::string& mailbox, std::unique_ptr<sip::CallLeg>& leg, const std::string& caller,
                           int64_t startMs, const std::string& localAddress);

    /// Call pickup of a relayed call to @p extension still ringing: its
    /// caller's @p leg moves into a service call on the media engine, which
    /// extension @p picker's @p invite answers. @return false (leg kept) when
    /// there is no media engine or no RTP port.
    bool divertToPickup(std::unique_ptr<sip::CallLeg>& leg, const std::string& caller,
                        const std::string& extension, int64_t startMs, const std::string& localAddress,
                        const ::sip_msg& invite, const std::string& picker);

    /// A call forwarded to ring group or menu @p number, or deflected there or
    /// to a conference room or the echo test (call_manager_groups.cpp): its
    /// caller's @p leg moves into that service, which carries @p parties'
    /// forwards into its own call record. @return false (leg kept) when there
    /// is no such service, no media engine or no RTP port.
    bool divertToService(const std::string& number, std::unique_ptr<sip::CallLeg>& leg, const CallParties& parties,
                         int64_t startMs, const std::string& localAddress);

    /// A blind transfer to @p destination (Voicemail, or Service: a ring
    /// group, menu, echo test or conference room; call_transfer.cpp): the
    /// transferee's answered leg, handed over by @p release once everything
    /// else is ready, moves into that service, re-INVITEd toward the media
    /// engine on @p localAddress, going on with the o= @p origin it knows.
    /// @p parties: the transferee as caller, the number dialled. @return the
    /// service's name, or nothing (@p release not called) when there is no
    /// such service, no media engine or no RTP port.
    std::optional<std::string> takeTransferee(const Destination& destination,
                                              const std::function<std::unique_ptr<sip::CallLeg>()>& release,
                                              const CallParties& parties, const std::string& localAddress,
                                              const media::LegOrigin& origin);

    /// End a call by id (the GUI's Hang up); false when there is no such call.
    bool hangUp(uint64_t callId);
    /// The GUI's Transfer (call_transfer.cpp): call @p callId's extension
    /// hands its party to @p number, a blind transfer as if its phone had
    /// sent REFER; a call still ringing at an extension is deflected to
    /// @p number instead. An error says why it cannot start (no such call,
    /// no extension in it, one already under way); how it ends is logged
    /// and shown in the Calls table.
    Result<void> transferCall(uint64_t callId, const std::string& number);
    size_t activeCalls() const { return m_calls.size(); }
    /// Calls not yet finished (activeCalls() also counts ended ones not yet reaped).
    size_t liveCalls() const { return m_calls.size() - m_finishedInTable; }
    /// RTP/RTCP port pairs held by calls right now.
    size_t rtpPairsInUse() const { return m_ports ? m_ports->inUse() : 0; }

    // For service calls that ring an extension (ServiceCall::connect).
    const store::Extension* findExtension(const std::string& number) const;
    /// The contacts of @p extension to ring: the reachable ones, all of them
    /// when none is reachable, and a marked one once a minute (empty: none).
    std::vector<CallTarget> phoneTargets(const std::string& extension);
    /// An RTP port pair on @p localAddress from the pool.
    Result<media::PortPair> allocatePorts(const std::string& localAddress);
    /// One cycle of the configured ring-back tone (setting ringback) as a clip.
    std::shared_ptr<const media::AudioClip> ringbackClip();
    /// Leaving a message in @p mailbox, or null when it takes none (no such
    /// extension, voicemail off, no media engine).
    std::unique_ptr<services::Service> voicemailService(const std::string& mailbox, const std::string& caller);
    /// Auto-attendant menu @p menu, or null when there is none (or no media engine).
    std::unique_ptr<services::Service> menuService(const std::string& menu, const std::string& caller);
    /// Ring group @p group, or null when there is none (or no media engine).
    std::unique_ptr<services::Service> groupService(const std::string& group, const std::string& caller);
    const std::string& domain() const { return m_config.settings.domain; }

    // For Calls.
    sip::SipStack& stack() { return m_stack; }
    EventSink& events() { return m_events; }
    void callFinished(ManagedCall& call, const store::CdrRecord& cdr);
    /// Where a transfer by extension @p transferrer to @p number goes
    /// (call_transfer.cpp): that extension's phones (its forwards and do not
    /// disturb apply, noted in @p forwardState), a service, or an outside
    /// number through @p transferrer's routes.
    Destination transferDestination(const std::string& transferrer, const std::string& number,
                                    CallParties& forwardState);
    /// A transfer target @p extension was busy or did not answer (@p reason):
    /// where its forward for that goes, else its voicemail (@p mailbox, empty
    /// when off), else nothing. Loops and long chains stop as for any call.
    std::optional<Destination> transferForward(const std::string& extension, const std::string& mailbox,
                                               routing::ForwardReason reason, CallParties& forwardState);
    /// Attended transfer: the call and its leg in dialog @p replaces, or nulls.
    std::pair<Call*, sip::CallLeg*> findDialog(const sip::ReplacesTarget& replaces);
    /// A phone of @p extension sent nothing back to an INVITE (no response
    /// in time, or the send failed): ring its other contacts only, until it
    /// registers again or answers.
    void contactUnreachable(const std::string& extension, const std::string& contact);
    /// A contact marked unreachable answered after all.
    void contactAnswered(const std::string& extension, const std::string& contact);
    /// @p call found its extension busy or unanswered: send it on to where
    /// that extension forwards such calls (call_forwarding.cpp). False when
    /// it has no such forward or the forward cannot be taken (loop, limit).
    bool forwardCall(Call& call, routing::ForwardReason reason);
    /// Commits a changed configuration (Core::applyConfiguration): how a
    /// feature code dialled on a phone changes that extension's settings.
    using ConfigEditor = std::function<Result<void>(store::Configuration)>;
    void setConfigEditor(ConfigEditor editor) { m_editConfig = std::move(editor); }
    /// The settings of line or trunk @p name in force now, for the explainer
    /// (an Extension peer for "" or an unknown name).
    diagnostics::PeerSettings peerSettings(const std::string& name) const {
        return diagnostics::peerSettingsOf(m_config, name);
    }
    /// A line or trunk demanded 100rel and refused our PRACK: warn, and (the
    /// automatic version of the seed notes' manual workaround) stop offering
    /// 100rel on it until the operator clears the warning.
    void prackRefused(const std::string& target, uint16_t code);
    /// Paused (false): every new INVITE is answered 503 with Retry-After;
    /// calls in progress go on.
    void setAccepting(bool accepting);
    bool accepting() const { return m_accepting; }
    /// Clear that warning: offer 100rel on @p target again.
    void clearPrackWarning(const std::string& target);
    void setResourceUsage(const ResourceUsage& usage) {
        m_usage = usage;
        m_startedSinceSample = 0;
    }

private:
    bool onInvite(const ::sip_msg& msg);
    /// The auto-attendant service call @p menu reaches.
    static ServiceTarget ivrTarget(const store::IvrMenu& menu);
    const store::IvrMenu* findMenu(const std::string& number) const;
    /// The ring-group service call @p group reaches.
    static ServiceTarget groupTarget(const store::RingGroup& group);
    static ServiceTarget voicemailTarget(const std::string& mailbox);
    const store::RingGroup* findGroup(const std::string& number) const;
    /// Extension @p mailbox's voicemail, or 480 when it has none (off, or no such extension).
    Destination mailboxDestination(const std::string& mailbox) const;
    /// The service call of a forward to group or menu @p number (nullopt:
    /// neither): named by what the caller dialled, with @p parties' forwards.
    std::optional<ServiceTarget> forwardedService(const std::string& number, const CallParties& parties) const;
    /// Directed or group pickup by extension @p picker (docs/features.md).
    void pickUp(const ::sip_msg& msg, const std::string& picker, const PickupRequest& request);
    Call* createCall(const ::sip_msg& msg, CallParties parties);
    void startToExtension(const ::sip_msg& msg, const store::Extension& callee, CallParties parties);
    // call_forwarding.cpp
    /// Where a call reaching @p ext goes: its phones, or where its forward
    /// always / do not disturb / no phone registered sends it. Appends to
    /// the chain and forwards in @p parties.
    Destination resolveExtension(const store::Extension& ext, CallParties& parties);
    /// Where the forward of @p from to @p target takes a call.
    Destination resolveForward(const std::string& from, const routing::ForwardTarget& target,
                               routing::ForwardReason reason, CallParties& parties);
    /// @p number out through the routes extension @p dialledBy may use
    /// (its permissions), or why it cannot go out.
    Destination outsideDestination(const std::string& number, const std::string& dialledBy,
                                   const std::vector<routing::ForwardHop>& forwards) const;
    /// Targets for an outgoing @p plan; after @p forwards, each carries the
    /// Diversion or History-Info header its line or trunk asks for.
    std::vector<CallTarget> outgoingTargets(const routing::OutgoingPlan& plan,
                                            const std::vector<routing::ForwardHop>& forwards) const;
    void startDestination(const ::sip_msg& msg, const Destination& destination, CallParties parties);
    /// A phone dialled *72 and the like: change its extension, confirm with a beep.
    void changeFeature(const ::sip_msg& msg, const std::string& user, const routing::FeatureCodeChange& change);
    void startInbound(const ::sip_msg& msg, const routing::InboundMatch& inbound);
    void startService(const ::sip_msg& msg, const std::string& caller, const ServiceTarget& target);
    void startOutgoing(const ::sip_msg& msg, const std::string& caller, const std::string& callerName,
                       const routing::OutgoingPlan& plan);
    void reap();

    sip::SipStack& m_stack;
    sip::Registrar& m_registrar;
    EventSink& m_events;
    store::StoreWriter* m_cdrWriter;
    store::Configuration m_config;
    routing::DialPlan m_plan{store::Configuration{}};
    std::optional<media::PortPool> m_ports;
    std::set<std::string> m_no100rel;  ///< lines/trunks that refused PRACK (prack_auto_disable)
    std::set<std::string> m_prackWarnings;
    bool m_accepting = true;
    bool m_atLimit = false;  ///< max_calls reached: logged once per episode
    bool m_atResourceLimit = false;  ///< descriptors or memory short: logged once per episode
    ResourceUsage m_usage;
    size_t m_startedSinceSample = 0;
    uint64_t m_nextId = 1;
    std::map<uint64_t, std::unique_ptr<ManagedCall>> m_calls;
    FeatureCodes m_featureCodes;
    routing::ForwardCodes m_forwardCodes;
    /// When contacts were marked unreachable by a call ("ext\ncontact"):
    /// one call a minute still tries such a contact, so a phone that came
    /// back without registering again is found.
    std::unordered_map<std::string, int64_t> m_unreachableSinceMs;
    ConfigEditor m_editConfig;
    ServiceEnvironment m_environment;
    services::PromptLibrary m_prompts;
    std::optional<services::Mailboxes> m_mailboxes;
    std::string m_promptsLoaded;  ///< language + music file the library holds
    std::shared_ptr<const media::AudioClip> m_ringback;  ///< ringbackClip(), for m_ringbackPreset
    std::string m_ringbackPreset;
    /// Terminates the legs of service calls. Declared last: destroyed first,
    /// so no reply of its threads reaches the prompts or mailboxes above.
    std::unique_ptr<media::MediaEngine> m_mediaEngine;
    void loadPrompts();
    void publishVoicemail();
    std::unique_ptr<sip::MwiNotifier> m_mwi;
    std::unique_ptr<services::Service> makeService(const ServiceTarget& target, const std::string& caller);
    /// Finished calls still in m_calls: every INVITE asks liveCalls() (max_calls),
    /// and counting through a table of a thousand calls showed in the profile.
    size_t m_finishedInTable = 0;
    Timer m_reaper;
};

/// Wall-clock milliseconds (events and call records carry them).
inline int64_t nowMs() { return wallClockMs(); }

}  // namespace sb::call
