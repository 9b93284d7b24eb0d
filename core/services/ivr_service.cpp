// The auto attendant as a Service: IvrMachine's steps turned into prompts,
// a key timer, ringing an extension and voicemail.

#include <map>

#include "common/timer.h"
#include "services/ivr.h"

namespace sb::services {

namespace {

using Clip = std::shared_ptr<const media::AudioClip>;

enum Token : uint64_t { kMenu = 1, kConnecting, kGoodbye, kKinds };

class Ivr : public Service {
public:
    Ivr(IvrOptions options, PromptLibrary& prompts)
        : m_options(std::move(options)), m_prompts(prompts), m_machine(m_options.menus, m_options.first) {}
    ~Ivr() override { *m_alive = false; }

    void start(ServiceContext& call) override {
        m_call = &call;
        call.log(LogLevel::Info, call.caller() + " reached menu " + m_options.first);
        apply(m_machine.start(now()));
    }

    void digit(ServiceContext& call, char digit) override {
        auto step = m_machine.key(digit, now());
        if (!step) return;
        // A key interrupts the prompt: callers who know the menu need not wait.
        m_keyTimer.cancel();
        call.stopPlaying();
        if (step->kind == IvrStep::Kind::PlayMenu && step->invalidFirst)
            call.log(LogLevel::Info, "key " + std::string(1, digit) + " is not an option of menu " +
                                         menuNumber() + " (" + std::to_string(m_machine.invalidCount()) +
                                         " wrong)");
        apply(*step);
    }

    void playDone(ServiceContext& call, uint64_t token) override {
        // Only the end of the latest playlist counts: one cut short by a key
        // may still report its end from the media thread.
        if (token != m_lastToken) return;
        switch (token % kKinds) {
            case kMenu:
                if (m_waitingForKey)
                    m_keyTimer.start(uint64_t{m_machine.current()->timeoutS} * 1000, [this] {
                        m_waitingForKey = false;
                        m_call->log(LogLevel::Info, "no key within " +
                                                        std::to_string(m_machine.current()->timeoutS) +
                                                        " s in menu " + menuNumber());
                        apply(m_machine.timeout(now()));
                    });
                return;
            case kConnecting:
                if (!m_group.empty()) {
                    m_call->log(LogLevel::Info, "menu " + menuNumber() + ": to ring group " + m_group);
                    if (m_call->enterGroup(m_group)) return;  // the group service carries the call
                    m_call->log(LogLevel::Warning, "ring group " + m_group + " does not exist (any more)");
                    return apply(m_machine.unreachable(now()));
                }
                return ring();
            case kGoodbye:
                return call.hangUp(m_hangupReason);
            default:
                return;
        }
    }

    void ended(ServiceContext&) override {
        m_keyTimer.cancel();
        m_ended = true;
    }

private:
    config::LocalTime now() const { return m_options.now ? m_options.now() : config::LocalTime{}; }
    std::string menuNumber() const {
        return m_machine.current() ? m_machine.current()->number : m_options.first;
    }

    void apply(const IvrStep& step) {
        m_waitingForKey = false;
        switch (step.kind) {
            case IvrStep::Kind::PlayMenu:
                return playMenu(step.invalidFirst);
            case IvrStep::Kind::Group:
                m_group = step.target;
                m_call->setState("IVR " + menuNumber() + ": connecting to group " + m_group);
                return say({m_prompts.get("ivr-connecting")}, kConnecting);
            case IvrStep::Kind::Connect:
                m_group.clear();
                m_extension = step.target;
                m_call->setState("IVR " + menuNumber() + ": connecting to " + m_extension);
                return say({m_prompts.get("ivr-connecting")}, kConnecting);
            case IvrStep::Kind::Voicemail:
                m_call->log(LogLevel::Info, "menu " + menuNumber() + ": to the mailbox of " + step.target);
                if (m_call->leaveMessage(step.target)) return;  // this service is done
                m_call->log(LogLevel::Warning, "mailbox " + step.target + " takes no messages");
                return apply(m_machine.unreachable(now()));
            case IvrStep::Kind::Hangup:
                m_hangupReason = m_machine.why().empty() ? "auto attendant hung up" : m_machine.why();
                if (!m_machine.why().empty()) m_call->log(LogLevel::Warning, m_machine.why());
                return say({m_prompts.get("goodbye")}, kGoodbye);
        }
    }

    void say(std::vector<Clip> clips, Token kind) {
        m_lastToken = ++m_plays * kKinds + kind;
        m_call->play(std::move(clips), m_lastToken);
    }

    void playMenu(bool invalidFirst) {
        const store::IvrMenu& menu = *m_machine.current();
        m_call->setState("IVR " + menu.number + (menu.name.empty() ? "" : " " + menu.name));
        m_waitingForKey = true;
        std::vector<Clip> clips;
        if (invalidFirst) clips.push_back(m_prompts.get("ivr-invalid"));
        if (menu.prompt.empty()) {
            clips.push_back(m_prompts.get("ivr-welcome"));
            return say(std::move(clips), kMenu);
        }
        if (auto cached = m_clips.find(menu.prompt); cached != m_clips.end()) {
            clips.push_back(cached->second);
            return say(std::move(clips), kMenu);
        }
        // The menu's own recording is read off the SIP thread once per call;
        // a bad file is said in the log and the standard welcome stands in.
        const std::string file = menu.prompt;
        const std::string number = menu.number;
        if (!m_options.loadClip) return loaded(file, number, nullptr, std::move(clips));
        m_options.loadClip(file, [this, alive = m_alive, file, number, clips = std::move(clips)](
                                     Result<std::shared_ptr<const media::AudioClip>> clip) mutable {
            if (!*alive || m_ended) return;
            if (!clip) {
                m_call->log(LogLevel::Warning, "prompt of menu " + number + ": " + clip.error().message +
                                                   "; the standard welcome is played");
                return loaded(file, number, nullptr, std::move(clips));
            }
            loaded(file, number, clip.value(), std::move(clips));
        });
    }

    void loaded(const std::string& file, const std::string& number, Clip clip, std::vector<Clip> clips) {
        if (!clip) clip = m_prompts.get("ivr-welcome");
        m_clips[file] = clip;
        // The caller may have moved on while the file was read.
        if (!m_waitingForKey || menuNumber() != number) return;
        clips.push_back(clip);
        say(std::move(clips), kMenu);
    }

    void ring() {
        const std::string extension = m_extension;
        m_call->connect(extension, [this, alive = m_alive, extension](ConnectResult result) {
            if (!*alive || m_ended) return;
            if (result == ConnectResult::Answered) return;  // the bridge carries the call from here
            const char* what = result == ConnectResult::NoAnswer ? "did not answer"
                               : result == ConnectResult::Busy   ? "is busy"
                                                                 : "has no phone that can be reached";
            m_call->log(LogLevel::Info, "extension " + extension + " " + what);
            if (m_call->leaveMessage(extension)) return;  // its voicemail, when it has one
            apply(m_machine.unreachable(now()));
        });
    }

    IvrOptions m_options;
    PromptLibrary& m_prompts;
    IvrMachine m_machine;
    ServiceContext* m_call = nullptr;
    std::shared_ptr<bool> m_alive = std::make_shared<bool>(true);
    std::map<std::string, Clip> m_clips;  ///< menus' own prompts by file
    Timer m_keyTimer;
    bool m_waitingForKey = false;
    bool m_ended = false;
    std::string m_extension;
    std::string m_group;  ///< the ring group a Group step leads to
    std::string m_hangupReason;
    uint64_t m_plays = 0;
    uint64_t m_lastToken = 0;
};

}  // namespace

std::unique_ptr<Service> makeIvr(IvrOptions options, PromptLibrary& prompts) {
    return std::make_unique<Ivr>(std::move(options), prompts);
}

}  // namespace sb::services
