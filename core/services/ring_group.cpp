// A ring group as a Service: GroupMachine's steps turned into rings, and
// the final destination once nobody answered.

#include "services/ring_group.h"

#include <algorithm>

#include "config/ivr_rules.h"

namespace sb::services {

GroupMachine::GroupMachine(store::RingGroup group) : m_group(std::move(group)) {}

GroupStep GroupMachine::start() {
    m_next = 0;
    if (m_group.strategy == store::RingStrategy::Sequential) return ringMember(0);
    if (m_group.members.empty()) return finalStep();
    GroupStep step{GroupStep::Kind::Ring, {}, 0, {}};
    for (const auto& m : m_group.members) {
        step.extensions.push_back(m.extension);
        step.timeoutS = std::max(step.timeoutS, m.timeoutS);
    }
    m_next = m_group.members.size();
    return step;
}

GroupStep GroupMachine::next() {
    if (m_group.strategy == store::RingStrategy::Sequential) return ringMember(m_next);
    return finalStep();
}

GroupStep GroupMachine::ringMember(size_t index) {
    if (index >= m_group.members.size()) return finalStep();
    m_next = index + 1;
    const auto& m = m_group.members[index];
    return GroupStep{GroupStep::Kind::Ring, {m.extension}, m.timeoutS, {}};
}

GroupStep GroupMachine::finalStep() const {
    return GroupStep{GroupStep::Kind::Final, {}, 0, m_group.finalDestination};
}

namespace {

constexpr uint64_t kGoodbyeToken = 1;

class RingGroupService : public Service {
public:
    RingGroupService(RingGroupOptions options, PromptLibrary& prompts)
        : m_prompts(prompts), m_machine(std::move(options.group)) {}
    ~RingGroupService() override { *m_alive = false; }

    void start(ServiceContext& call) override {
        m_call = &call;
        call.log(LogLevel::Info, call.caller() + " reached ring group " + number());
        apply(m_machine.start());
    }

    void playDone(ServiceContext& call, uint64_t token) override {
        if (token == kGoodbyeToken) call.hangUp(m_hangupReason);
    }

    void ended(ServiceContext&) override { m_ended = true; }

private:
    const std::string& number() const { return m_machine.group().number; }

    void apply(const GroupStep& step) {
        if (step.kind == GroupStep::Kind::Final) return finalDestination(step.destination);
        std::string who;
        for (const auto& e : step.extensions) who += (who.empty() ? "" : ", ") + e;
        m_call->log(LogLevel::Info, "group " + number() + ": ringing " + who + " for " +
                                        std::to_string(step.timeoutS) + " s");
        m_call->connectAny(step.extensions, step.timeoutS, "group " + number(),
                           [this, alive = m_alive, who](ConnectResult result, const std::string&) {
                               if (!*alive || m_ended) return;
                               if (result == ConnectResult::Answered) return;  // bridged from here on
                               const char* what = result == ConnectResult::NoAnswer ? "did not answer"
                                                  : result == ConnectResult::Busy   ? "is busy"
                                                                                    : "cannot be reached";
                               m_call->log(LogLevel::Info, "group " + number() + ": " + who + " " + what);
                               apply(m_machine.next());
                           });
    }

    void finalDestination(const std::string& text) {
        m_call->log(LogLevel::Info, "group " + number() + ": nobody answered; to " + text);
        using Kind = config::IvrDestination::Kind;
        const auto d = config::parseIvrDestination(text);
        if (!d || d->kind == Kind::Hangup || d->kind == Kind::Group)
            return goodbye("nobody in group " + number() + " answered");
        if (d->kind == Kind::Voicemail) {
            if (m_call->leaveMessage(d->target)) return;
            return goodbye("mailbox " + d->target + " takes no messages");
        }
        if (d->kind == Kind::Menu) {
            if (m_call->enterMenu(d->target)) return;
            return goodbye("menu " + d->target + " does not exist (any more)");
        }
        const std::string extension = d->target;
        m_call->connect(extension, [this, alive = m_alive, extension](ConnectResult result) {
            if (!*alive || m_ended || result == ConnectResult::Answered) return;
            if (m_call->leaveMessage(extension)) return;  // its voicemail, when it has one
            goodbye("extension " + extension + " did not answer either");
        });
    }

    void goodbye(std::string why) {
        m_hangupReason = std::move(why);
        m_call->play({m_prompts.get("goodbye")}, kGoodbyeToken);
    }

    PromptLibrary& m_prompts;
    GroupMachine m_machine;
    ServiceContext* m_call = nullptr;
    std::shared_ptr<bool> m_alive = std::make_shared<bool>(true);
    bool m_ended = false;
    std::string m_hangupReason;
};

}  // namespace

std::unique_ptr<Service> makeRingGroup(RingGroupOptions options, PromptLibrary& prompts) {
    return std::make_unique<RingGroupService>(std::move(options), prompts);
}

}  // namespace sb::services
