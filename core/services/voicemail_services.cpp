// Leaving and listening to voicemail messages.

#include <algorithm>
#include <memory>
#include <optional>

#include "common/clock.h"
#include "common/timer.h"
#include "engine/events.h"
#include "services/services.h"

namespace sb::services {

namespace {

using Clips = std::vector<std::shared_ptr<const media::AudioClip>>;

int64_t wallMs() { return sb::wallClockMs(); }

enum Token : uint64_t { kGreeting = 1, kGoodbye, kFull, kPinPrompt, kWrongPin, kCount, kMessage, kDeleted, kNoMore };

class VoicemailDeposit : public Service {
public:
    VoicemailDeposit(DepositOptions options, PromptLibrary& prompts, Mailboxes& mailboxes, media::MediaEngine& engine)
        : m_options(std::move(options)), m_prompts(prompts), m_mailboxes(mailboxes), m_engine(engine) {}
    ~VoicemailDeposit() override { *m_alive = false; }

    void start(ServiceContext& call) override {
        m_call = &call;
        call.setState("Voicemail " + m_options.mailbox);
        if (m_mailboxes.count(m_options.mailbox) >= m_options.maxMessages) {
            call.log(LogLevel::Warning, "mailbox " + m_options.mailbox + " is full (" +
                                            std::to_string(m_options.maxMessages) +
                                            " messages, setting voicemail_max_messages): no message taken");
            call.play({m_prompts.get("vm-full"), m_prompts.get("goodbye")}, kGoodbye);
            return;
        }
        if (m_options.greetingFile.empty()) return playGreeting(m_prompts.get("vm-greeting"));
        // The extension's own greeting is read off the SIP thread; a bad
        // file falls back to the standard one and says why.
        m_engine.loadClip(m_options.greetingFile,
                          [this, alive = m_alive](Result<std::shared_ptr<const media::AudioClip>> clip) {
                              if (!*alive) return;
                              if (!clip) {
                                  m_call->log(LogLevel::Warning, "greeting of mailbox " + m_options.mailbox + ": " +
                                                                     clip.error().message +
                                                                     "; the standard greeting is played");
                                  return playGreeting(m_prompts.get("vm-greeting"));
                              }
                              playGreeting(clip.value());
                          });
    }

    void playDone(ServiceContext& call, uint64_t token) override {
        if (token == kGoodbye) return call.hangUp("voicemail done");
        if (token != kGreeting || m_recording) return;
        m_recording = true;
        call.setState("Voicemail " + m_options.mailbox + ": recording");
        const std::string file = m_mailboxes.newFileName(m_options.mailbox, wallMs());
        store::VoicemailMessage message;
        message.mailbox = m_options.mailbox;
        message.caller = call.caller();
        message.receivedMs = wallMs();
        message.file = file;
        call.record(m_mailboxes.folder() / file, uint64_t{m_options.maxSeconds} * 1000,
                    [mailboxes = &m_mailboxes, message, log = m_options.log, alive = m_alive,
                     this](const Result<uint64_t>& durationMs) {
                        keep(*mailboxes, message, durationMs, log);
                        if (*alive && !m_ended) m_call->play({m_prompts.get("goodbye")}, kGoodbye);
                    });
    }

    void digit(ServiceContext& call, char digit) override {
        if (m_recording && digit == '#') call.stopRecording();  // '#' ends the message
        if (!m_recording && digit == '#') {
            call.stopPlaying();  // skip the greeting
            playDone(call, kGreeting);
        }
    }

    void ended(ServiceContext& call) override {
        m_ended = true;
        if (m_recording) call.stopRecording();  // what was said so far is kept (recorded() follows)
    }

private:
    void playGreeting(std::shared_ptr<const media::AudioClip> greeting) {
        m_call->play({std::move(greeting), m_prompts.get("beep")}, kGreeting);
    }

    /// Index a finished recording: runs when the call may already be gone.
    static void keep(Mailboxes& mailboxes, store::VoicemailMessage message, const Result<uint64_t>& durationMs,
                     const std::function<void(LogLevel, const std::string&)>& log) {
        if (!durationMs) {
            if (log) log(LogLevel::Error, "voicemail for " + message.mailbox + " from " + message.caller +
                                          " could not be saved: " + durationMs.error().message);
            return;
        }
        // Less than half a second is a hang-up at the beep, not a message.
        if (durationMs.value() < 500) {
            if (log) log(LogLevel::Info, "voicemail for " + message.mailbox + " from " + message.caller + ": hung up at the beep (" +
                                         std::to_string(durationMs.value()) + " ms), no message kept");
            mailboxes.discard(message);
            return;
        }
        message.durationMs = durationMs.value();
        const auto kept = mailboxes.add(message);
        if (log) log(LogLevel::Info, "voicemail for " + kept.mailbox + " from " + kept.caller + ", " +
                                     std::to_string(kept.durationMs / 1000) + " s (" + kept.file + ")");
    }

    DepositOptions m_options;
    PromptLibrary& m_prompts;
    Mailboxes& m_mailboxes;
    media::MediaEngine& m_engine;
    ServiceContext* m_call = nullptr;
    std::shared_ptr<bool> m_alive = std::make_shared<bool>(true);
    bool m_recording = false;
    bool m_ended = false;
};

class VoicemailRetrieval : public Service {
public:
    VoicemailRetrieval(std::string mailbox, std::string pin, PromptLibrary& prompts, Mailboxes& mailboxes,
                       media::MediaEngine& engine)
        : m_mailbox(std::move(mailbox)), m_pin(std::move(pin)), m_prompts(prompts), m_mailboxes(mailboxes),
          m_engine(engine) {}
    ~VoicemailRetrieval() override { *m_alive = false; }

    void start(ServiceContext& call) override {
        m_call = &call;
        call.setState("Voicemail " + m_mailbox);
        if (m_pin.empty()) return announce();
        m_askingPin = true;
        call.play({m_prompts.get("vm-enter-pin")}, kPinPrompt);
        // Nobody typing for 15 s: hang up rather than hold the line open.
        m_idle.start(15'000, [this] { m_call->hangUp("no PIN entered"); });
    }

    void digit(ServiceContext& call, char digit) override {
        if (m_askingPin) {
            m_idle.start(15'000, [this] { m_call->hangUp("no PIN entered"); });
            if (digit != '#') {
                if (m_entered.size() < 16) m_entered += digit;
                return;
            }
            call.stopPlaying();
            if (m_entered == m_pin) {
                m_askingPin = false;
                m_idle.cancel();
                return announce();
            }
            m_entered.clear();
            call.log(LogLevel::Warning, "wrong voicemail PIN for mailbox " + m_mailbox + " from " + call.caller());
            if (++m_failures >= 3) return call.play({m_prompts.get("vm-wrong-pin"), m_prompts.get("goodbye")}, kGoodbye);
            return call.play({m_prompts.get("vm-wrong-pin"), m_prompts.get("vm-enter-pin")}, kWrongPin);
        }
        if (!m_current) {
            // A key during the count skips it; '*' still hangs up.
            if (digit == '*') return call.play({m_prompts.get("goodbye")}, kGoodbye);
            if (m_announcing) {
                m_announcing = false;
                call.stopPlaying();
                return next();
            }
            return;
        }
        switch (digit) {
        case '1': return playCurrent();
        case '7': {
            call.stopPlaying();
            m_mailboxes.remove(m_current->id);
            call.log(LogLevel::Info, "voicemail " + m_current->file + " deleted by its owner");
            m_current.reset();
            return call.play({m_prompts.get("vm-deleted")}, kDeleted);
        }
        case '9': call.stopPlaying(); return next();
        case '*': call.stopPlaying(); return call.play({m_prompts.get("goodbye")}, kGoodbye);
        default: return;
        }
    }

    void playDone(ServiceContext& call, uint64_t token) override {
        switch (token) {
        case kGoodbye: return call.hangUp("voicemail done");
        case kCount:
            if (!m_announcing) return;  // skipped by a key already
            m_announcing = false;
            return next();
        case kDeleted: return next();
        case kMessage:
            if (m_current) m_mailboxes.markHeard(m_current->id);
            return;
        default: return;
        }
    }

private:
    void announce() {
        m_queue = m_mailboxes.of(m_mailbox);
        // Unheard first, each group oldest first.
        std::stable_partition(m_queue.begin(), m_queue.end(), [](const auto& m) { return !m.heard; });
        if (m_queue.empty()) return m_call->play({m_prompts.get("vm-no-messages"), m_prompts.get("goodbye")}, kGoodbye);
        Clips clips{m_prompts.get("vm-you-have")};
        for (auto& c : sayNumber(m_prompts, m_mailboxes.unheard(m_mailbox))) clips.push_back(c);
        clips.push_back(m_prompts.get("vm-new-messages"));
        m_announcing = true;
        m_call->play(clips, kCount);
    }

    void next() {
        if (m_queue.empty()) {
            m_current.reset();
            return m_call->play({m_prompts.get("vm-no-more"), m_prompts.get("goodbye")}, kGoodbye);
        }
        m_current = m_queue.front();
        m_queue.erase(m_queue.begin());
        m_clip.reset();
        playCurrent();
    }

    void playCurrent() {
        if (!m_current) return;
        m_call->stopPlaying();
        if (m_clip) return m_call->play({m_clip, m_prompts.get("vm-menu")}, kMessage);
        const int64_t id = m_current->id;
        m_engine.loadClip(m_mailboxes.folder() / m_current->file,
                          [this, alive = m_alive, id](Result<std::shared_ptr<const media::AudioClip>> clip) {
                              if (!*alive || !m_current || m_current->id != id) return;
                              if (!clip) {
                                  m_call->log(LogLevel::Error, "voicemail " + m_current->file + ": " +
                                                                   clip.error().message);
                                  return m_call->play({m_prompts.get("vm-menu")}, kMessage);
                              }
                              m_clip = clip.value();
                              m_call->play({m_clip, m_prompts.get("vm-menu")}, kMessage);
                          });
    }

    std::string m_mailbox;
    std::string m_pin;
    PromptLibrary& m_prompts;
    Mailboxes& m_mailboxes;
    media::MediaEngine& m_engine;
    ServiceContext* m_call = nullptr;
    std::shared_ptr<bool> m_alive = std::make_shared<bool>(true);
    bool m_askingPin = false;
    bool m_announcing = false;
    std::string m_entered;
    int m_failures = 0;
    Timer m_idle;
    std::vector<store::VoicemailMessage> m_queue;
    std::optional<store::VoicemailMessage> m_current;
    std::shared_ptr<const media::AudioClip> m_clip;
};

}  // namespace

std::unique_ptr<Service> makeVoicemailDeposit(DepositOptions options, PromptLibrary& prompts, Mailboxes& mailboxes,
                                              media::MediaEngine& engine) {
    return std::make_unique<VoicemailDeposit>(std::move(options), prompts, mailboxes, engine);
}

std::unique_ptr<Service> makeVoicemailRetrieval(std::string mailbox, std::string pin, PromptLibrary& prompts,
                                                Mailboxes& mailboxes, media::MediaEngine& engine) {
    return std::make_unique<VoicemailRetrieval>(std::move(mailbox), std::move(pin), prompts, mailboxes, engine);
}

}  // namespace sb::services
