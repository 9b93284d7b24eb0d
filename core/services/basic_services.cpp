// The echo test and conference rooms.

#include "services/services.h"

#include "common/timer.h"

namespace sb::services {

namespace {

class EchoTest : public Service {
public:
    void start(ServiceContext& call) override {
        call.setState("Echo test");
        call.setEcho(true);
    }
    void digit(ServiceContext& call, char digit) override {
        // Keys come back too (RFC 4733 when agreed, else as tones), so a
        // phone's DTMF can be checked end to end.
        call.sendDigits(std::string(1, digit));
    }
};

class Conference : public Service {
public:
    Conference(ConferenceOptions options, PromptLibrary& prompts)
        : m_options(std::move(options)), m_prompts(prompts) {}

    void start(ServiceContext& call) override {
        m_call = &call;
        const std::string label =
            "Conference " + m_options.room + (m_options.name.empty() ? "" : " (" + m_options.name + ")");
        call.setState(label);
        if (m_options.pin.empty()) return join(call, false);
        m_askingPin = true;
        call.play({m_prompts.get("conf-enter-pin")}, kPinPrompt);
        m_idle.start(kIdleMs, [this] { m_call->hangUp("no conference PIN entered"); });
    }

    void digit(ServiceContext& call, char digit) override {
        // Keys in the room are for the others' phones, not for us.
        if (!m_askingPin) return;
        m_idle.start(kIdleMs, [this] { m_call->hangUp("no conference PIN entered"); });
        if (digit != '#') {
            if (m_entered.size() < 16) m_entered += digit;
            return;
        }
        call.stopPlaying();
        if (m_entered == m_options.pin) {
            m_askingPin = false;
            m_idle.cancel();
            return join(call, true);
        }
        m_entered.clear();
        call.log(LogLevel::Warning,
                 "wrong PIN for conference room " + m_options.room + " from " + call.caller());
        if (++m_failures >= kTries) {
            m_askingPin = false;
            m_idle.cancel();
            call.log(LogLevel::Warning, "conference room " + m_options.room + ": " + call.caller() +
                                            " refused after " + std::to_string(kTries) + " wrong PINs");
            return call.play({m_prompts.get("vm-wrong-pin"), m_prompts.get("goodbye")}, kGoodbye);
        }
        call.play({m_prompts.get("vm-wrong-pin"), m_prompts.get("conf-enter-pin")}, kPinPrompt);
    }

    void playDone(ServiceContext& call, uint64_t token) override {
        if (token == kGoodbye) call.hangUp("wrong conference PIN " + std::to_string(kTries) + " times");
    }

private:
    // "That PIN is not correct" is the voicemail's sentence; it says the same here.
    enum Token : uint64_t { kBeep = 1, kPinPrompt, kGoodbye };
    static constexpr int kTries = 3;
    static constexpr uint64_t kIdleMs = 15'000;  // nobody typing: free the line

    void join(ServiceContext& call, bool afterPin) {
        call.joinRoom(m_options.room);
        if (afterPin)
            call.play({m_prompts.get("conf-joined"), m_prompts.get("beep")}, kBeep);
        else
            call.play({m_prompts.get("beep")}, kBeep);
    }

    ConferenceOptions m_options;
    PromptLibrary& m_prompts;
    ServiceContext* m_call = nullptr;
    bool m_askingPin = false;
    std::string m_entered;
    int m_failures = 0;
    Timer m_idle;
};

class Confirmation : public Service {
public:
    explicit Confirmation(PromptLibrary& prompts) : m_prompts(prompts) {}
    void start(ServiceContext& call) override {
        call.setState("Feature code");
        call.play({m_prompts.get("beep")}, 1);
    }
    void playDone(ServiceContext& call, uint64_t) override { call.hangUp("feature code confirmed"); }

private:
    PromptLibrary& m_prompts;
};

}  // namespace

std::unique_ptr<Service> makeConfirmation(PromptLibrary& prompts) { return std::make_unique<Confirmation>(prompts); }

std::unique_ptr<Service> makeEchoTest() { return std::make_unique<EchoTest>(); }

std::unique_ptr<Service> makeConference(ConferenceOptions options, PromptLibrary& prompts) {
    return std::make_unique<Conference>(std::move(options), prompts);
}

std::vector<std::shared_ptr<const media::AudioClip>> sayNumber(PromptLibrary& prompts, size_t n) {
    std::vector<std::shared_ptr<const media::AudioClip>> out;
    for (char c : std::to_string(n)) out.push_back(prompts.get(std::string("digit-") + c));
    return out;
}

}  // namespace sb::services
