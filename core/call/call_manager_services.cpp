// The call manager's services: starting the media engine, prompts and
// mailboxes, turning a ServiceTarget into a Service, and moving a caller into
// one (feature codes, the auto attendant, voicemail for an unanswered call).
// Split from call_manager.cpp, which routes and runs the ordinary calls.

#include <re.h>

#include "call/call.h"
#include "call/call_manager.h"
#include "config/ivr_rules.h"
#include "media/tone_clip.h"
#include "services/ivr.h"
#include "services/ring_group.h"
#include "services/services.h"
#include "sip/call_leg.h"
#include "sip/sip_stack.h"
#include "store/store.h"
#include "store/store_writer.h"

namespace sb::call {

const store::IvrMenu* CallManager::findMenu(const std::string& number) const {
    for (const auto& menu : m_config.menus)
        if (menu.number == number) return &menu;
    return nullptr;
}

ServiceTarget CallManager::ivrTarget(const store::IvrMenu& menu) {
    ServiceTarget target;
    target.kind = ServiceTarget::Kind::Ivr;
    target.menu = target.dialled = menu.number;
    target.label = "auto attendant " + menu.number;
    return target;
}

Result<media::PortPair> CallManager::allocatePorts(const std::string& localAddress) {
    if (!m_ports) return makeError("no RTP port range");
    return m_ports->allocate(localAddress);
}

std::shared_ptr<const media::AudioClip> CallManager::ringbackClip() {
    if (!m_ringback || m_ringbackPreset != m_config.settings.ringback) {
        m_ringbackPreset = m_config.settings.ringback;
        m_ringback = media::ringbackClip(m_ringbackPreset);
    }
    return m_ringback;
}

std::unique_ptr<services::Service> CallManager::voicemailService(const std::string& mailbox,
                                                                 const std::string& caller) {
    const store::Extension* box = findExtension(mailbox);
    if (!box || !box->voicemail || !m_mediaEngine || !m_mailboxes) return nullptr;
    ServiceTarget target;
    target.kind = ServiceTarget::Kind::VoicemailDeposit;
    target.mailbox = target.dialled = mailbox;
    return makeService(target, caller);
}

void CallManager::startServices(ServiceEnvironment environment) {
    m_environment = std::move(environment);
    auto started = media::MediaEngine::start();
    if (!started) {
        m_events.publish(LogMessage{LogLevel::Error, "media engine: " + started.error().message +
                                                         " (voicemail, conferences and the echo test are off)",
                                    nowMs()});
        return;
    }
    m_mediaEngine = std::move(started.value());
    services::Mailboxes::Hooks hooks;
    hooks.save = [this](const store::VoicemailMessage& m) {
        if (m_cdrWriter) m_cdrWriter->read([m](store::Store& s) { (void)s.saveVoicemail(m); });
    };
    hooks.remove = [this, folder = m_environment.dataFolder / "voicemail"](const store::VoicemailMessage& m) {
        // The writer thread deletes the row and the file: neither waits on the SIP thread.
        if (m_cdrWriter)
            m_cdrWriter->read([m, file = folder / m.file](store::Store& s) {
                if (m.id != 0) (void)s.removeVoicemail(m.id);
                std::error_code ec;
                std::filesystem::remove(file, ec);
            });
    };
    m_mwi = std::make_unique<sip::MwiNotifier>(
        m_stack, m_registrar, [this](const std::string& mailbox) -> std::optional<sip::MailboxCounts> {
            const store::Extension* ext = findExtension(mailbox);
            if (!ext || !ext->enabled || !ext->voicemail || !m_mailboxes) return std::nullopt;
            const size_t fresh = m_mailboxes->unheard(mailbox);
            return sip::MailboxCounts{fresh, m_mailboxes->count(mailbox) - fresh};
        });
    hooks.changed = [this](const std::string& mailbox) {
        publishVoicemail();
        if (m_mailboxes) {
            const size_t fresh = m_mailboxes->unheard(mailbox);
            m_mwi->notify(mailbox, fresh, m_mailboxes->count(mailbox) - fresh);
        }
    };
    m_mailboxes.emplace(m_environment.dataFolder / "voicemail", std::move(m_environment.voicemail), std::move(hooks));
    m_environment.voicemail.clear();
    loadPrompts();
    publishVoicemail();
}

void CallManager::loadPrompts() {
    if (!m_mediaEngine) return;
    const auto& s = m_config.settings;
    const std::string key = s.promptLanguage + "|" + s.musicOnHold;
    if (key == m_promptsLoaded) return;
    m_promptsLoaded = key;
    m_prompts.load(*m_mediaEngine, m_environment.promptsFolder, s.promptLanguage, s.musicOnHold,
                   [this](LogLevel level, const std::string& text) {
                       m_events.publish(LogMessage{level, text, nowMs()});
                   });
}

void CallManager::publishVoicemail() {
    if (!m_mailboxes) return;
    m_events.publish(VoicemailChanged{m_mailboxes->folder().string(), m_mailboxes->all()});
}

bool CallManager::deleteVoicemail(int64_t id) { return m_mailboxes && m_mailboxes->remove(id); }

std::unique_ptr<services::Service> CallManager::makeService(const ServiceTarget& target, const std::string& caller) {
    auto log = [this](LogLevel level, const std::string& text) { m_events.publish(LogMessage{level, text, nowMs()}); };
    switch (target.kind) {
    case ServiceTarget::Kind::Echo: return services::makeEchoTest();
    case ServiceTarget::Kind::Confirmation: return services::makeConfirmation(m_prompts);
    case ServiceTarget::Kind::Conference: {
        services::ConferenceOptions o{target.room, {}, {}};
        for (const auto& room : m_config.conferenceRooms) {
            if (room.number == target.room) {
                o.pin = room.pin;
                o.name = room.name;
            }
        }
        return services::makeConference(std::move(o), m_prompts);
    }
    case ServiceTarget::Kind::VoicemailRetrieval: {
        const store::Extension* owner = findExtension(caller);
        return services::makeVoicemailRetrieval(caller, owner ? owner->voicemailPin : std::string(), m_prompts,
                                                *m_mailboxes, *m_mediaEngine);
    }
    case ServiceTarget::Kind::VoicemailDeposit: {
        const store::Extension* box = findExtension(target.mailbox);
        services::DepositOptions o;
        o.mailbox = target.mailbox;
        if (box) {
            o.greetingFile = box->voicemailGreeting;
            o.maxSeconds = box->voicemailMaxS;
        }
        o.maxMessages = m_config.settings.voicemailMaxMessages;
        o.log = log;
        return services::makeVoicemailDeposit(std::move(o), m_prompts, *m_mailboxes, *m_mediaEngine);
    }
    case ServiceTarget::Kind::Ivr: {
        services::IvrOptions o;
        o.menus = m_config.menus;
        o.first = target.menu;
        o.now = [] { return config::localTimeAt(wallClockMs() / 1000); };
        o.loadClip = [engine = m_mediaEngine.get()](
                         const std::filesystem::path& file,
                         std::function<void(Result<std::shared_ptr<const media::AudioClip>>)> done) {
            engine->loadClip(file, std::move(done));
        };
        return services::makeIvr(std::move(o), m_prompts);
    }
    case ServiceTarget::Kind::Group: {
        const store::RingGroup* group = findGroup(target.group);
        if (!group) return nullptr;
        return services::makeRingGroup(services::RingGroupOptions{*group}, m_prompts);
    }
    }
    return nullptr;
}

void CallManager::startService(const ::sip_msg& msg, const std::string& caller, const ServiceTarget& target) {
    if (!m_mediaEngine || !m_mailboxes) {
        m_stack.replyFinal(msg, 503, "Service Unavailable", "Retry-After: 60\r\n");
        return;
    }
    const uint64_t id = m_nextId++;
    auto call = std::make_unique<ServiceCall>(*this, id, msg, caller, target, makeService(target, caller));
    if (!call->accepted()) {
        m_stack.replyFinal(msg, 500, "Server Internal Error");
        return;
    }
    ServiceCall* ref = call.get();
    m_calls.emplace(id, std::move(call));
    ++m_startedSinceSample;
    if (!target.forwards.empty()) ref->announceForward();
    auto pair = m_ports ? m_ports->allocate(m_stack.localAddressFor(msg))
                        : Result<media::PortPair>(makeError("no RTP port range"));
    if (!pair) {
        ref->refuse(503, "Service Unavailable", pair.error().message);
        return;
    }
    ref->start(std::move(pair.value()), *m_mediaEngine);
}

ServiceTarget CallManager::voicemailTarget(const std::string& mailbox) {
    ServiceTarget target;
    target.kind = ServiceTarget::Kind::VoicemailDeposit;
    target.mailbox = mailbox;
    target.dialled = mailbox;
    target.label = "voicemail " + mailbox;
    return target;
}

bool CallManager::divertToVoicemail(const std::string& mailbox, std::unique_ptr<sip::CallLeg>& leg,
                                    const std::string& caller, int64_t startMs, const std::string& localAddress) {
    const store::Extension* box = findExtension(mailbox);
    if (!box || !box->voicemail || !m_mediaEngine || !m_mailboxes || !leg || localAddress.empty()) return false;
    auto pair = m_ports ? m_ports->allocate(localAddress)
                        : Result<media::PortPair>(makeError("no RTP port range"));
    if (!pair) {
        m_events.publish(LogMessage{LogLevel::Warning, "voicemail for " + mailbox + ": " + pair.error().message,
                                    nowMs()});
        return false;
    }
    const ServiceTarget target = voicemailTarget(mailbox);
    const uint64_t id = m_nextId++;
    auto call = std::make_unique<ServiceCall>(*this, id, std::move(leg), caller, target, makeService(target, caller),
                                              startMs);
    ServiceCall* ref = call.get();
    m_calls.emplace(id, std::move(call));
    ref->start(std::move(pair.value()), *m_mediaEngine);
    return true;
}

}  // namespace sb::call
