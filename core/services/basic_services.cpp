// The echo test and conference rooms.

#include "services/services.h"

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
    Conference(std::string room, PromptLibrary& prompts) : m_room(std::move(room)), m_prompts(prompts) {}
    void start(ServiceContext& call) override {
        call.setState("Conference " + m_room);
        call.joinRoom(m_room);
        call.play({m_prompts.get("beep")}, 1);
    }

private:
    std::string m_room;
    PromptLibrary& m_prompts;
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

std::unique_ptr<Service> makeConference(std::string room, PromptLibrary& prompts) {
    return std::make_unique<Conference>(std::move(room), prompts);
}

std::vector<std::shared_ptr<const media::AudioClip>> sayNumber(PromptLibrary& prompts, size_t n) {
    std::vector<std::shared_ptr<const media::AudioClip>> out;
    for (char c : std::to_string(n)) out.push_back(prompts.get(std::string("digit-") + c));
    return out;
}

}  // namespace sb::services
