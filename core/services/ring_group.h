#pragma once

// Hunt / ring groups: a number that rings several extensions, all at once
// or one after the other, and leads the caller to a final destination when
// nobody answers. GroupMachine is the order of ringing alone (no timers, no
// SIP) so that it can be tested step by step; makeRingGroup() wraps it into
// a Service that rings through ServiceContext::connectAny().

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "services/prompts.h"
#include "services/service.h"
#include "store/records.h"

namespace sb::services {

/// What a ring group does next.
struct GroupStep {
    enum class Kind : int {
        Ring = 1,  ///< ring `extensions` at once for `timeoutS`
        Final,     ///< nobody answered: go to `destination`
    };
    Kind kind = Kind::Final;
    std::vector<std::string> extensions;
    uint32_t timeoutS = 0;
    std::string destination;  ///< Final: spelt as an IVR destination ("voicemail:101")

    bool operator==(const GroupStep&) const = default;
};

/// The ringing order of one call to a group.
class GroupMachine {
public:
    explicit GroupMachine(store::RingGroup group);
    /// The first step. Simultaneous: every member for the longest member
    /// timeout. Sequential: the first member for its own timeout.
    GroupStep start();
    /// The current Ring step ended without an answer (no answer, busy, no
    /// phone registered): the next member, or the final destination.
    GroupStep next();
    const store::RingGroup& group() const { return m_group; }

private:
    GroupStep ringMember(size_t index);
    GroupStep finalStep() const;

    store::RingGroup m_group;
    size_t m_next = 0;  ///< sequential: the member the next step rings
};

/// What the group service needs besides the call.
struct RingGroupOptions {
    store::RingGroup group;
};

/// The ring group as a Service.
std::unique_ptr<Service> makeRingGroup(RingGroupOptions options, PromptLibrary& prompts);

}  // namespace sb::services
