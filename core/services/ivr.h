#pragma once

// The auto attendant (IVR): a caller hears a menu's prompt and presses a
// key; the key, a timeout, repeated wrong keys or closed business hours
// lead to an extension, a mailbox, another menu or a goodbye.
// IvrMachine is the decision logic alone (no timers, no audio) so that it
// can be tested step by step; makeIvr() wraps it into a Service.

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "config/ivr_rules.h"
#include "services/prompts.h"
#include "services/service.h"
#include "store/records.h"

namespace sb::services {

/// What the IVR does next.
struct IvrStep {
    enum class Kind : int {
        PlayMenu = 1,  ///< play the current menu's prompt, then wait timeout seconds for a key
        Connect,       ///< ring extension `target` (ring-back meanwhile)
        Voicemail,     ///< leave a message in `target`'s mailbox
        Hangup,        ///< say goodbye and hang up
        Group,         ///< hand the caller to ring group `target`
    };
    Kind kind = Kind::Hangup;
    std::string target;         ///< Connect, Voicemail: the extension; Group: the group
    bool invalidFirst = false;  ///< PlayMenu: say "invalid option" before the prompt

    bool operator==(const IvrStep&) const = default;
};

/// The menu logic of one call. Times are passed in, so business hours are
/// tested without a clock.
class IvrMachine {
public:
    /// More menu changes than this without a key pressed (menus whose closed
    /// or timeout destinations point at each other) end the call.
    static constexpr int kMaxHopsWithoutKey = 8;

    /// @p menus: the configuration's menus; @p first: the number dialled.
    IvrMachine(std::vector<store::IvrMenu> menus, std::string first);

    /// The call was answered.
    IvrStep start(config::LocalTime now);
    /// A key; nullopt when keys are not taken now (connecting, finished).
    std::optional<IvrStep> key(char digit, config::LocalTime now);
    /// timeoutS() passed after the prompt without a key.
    IvrStep timeout(config::LocalTime now);
    /// A Connect or Voicemail step could not reach anyone (no answer and
    /// no mailbox, busy, no phone): the current menu's fallback destination.
    IvrStep unreachable(config::LocalTime now);

    /// The menu the caller is in (null before start or for an unknown number).
    const store::IvrMenu* current() const;
    /// Wrong keys in a row in the current menu.
    uint32_t invalidCount() const { return m_invalid; }
    /// Why the last Hangup happened, for the log ("" for a configured hangup).
    const std::string& why() const { return m_why; }

private:
    IvrStep enter(const std::string& number, config::LocalTime now);
    IvrStep go(const std::string& destination, config::LocalTime now);
    IvrStep hangup(std::string why);

    std::vector<store::IvrMenu> m_menus;
    std::string m_first;
    const store::IvrMenu* m_current = nullptr;
    uint32_t m_invalid = 0;
    int m_hops = 0;
    bool m_takingKeys = false;
    std::string m_why;
};

/// What the IVR service needs besides the call.
struct IvrOptions {
    std::vector<store::IvrMenu> menus;
    std::string first;  ///< the menu dialled
    /// The local time now (business hours).
    std::function<config::LocalTime()> now;
    /// Read a menu's own prompt file off the SIP thread (MediaEngine::loadClip).
    std::function<void(const std::filesystem::path&,
                       std::function<void(Result<std::shared_ptr<const media::AudioClip>>)>)>
        loadClip;
};

/// The auto attendant as a Service.
std::unique_ptr<Service> makeIvr(IvrOptions options, PromptLibrary& prompts);

}  // namespace sb::services
