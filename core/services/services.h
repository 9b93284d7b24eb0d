#pragma once

// The services a feature code or an unanswered call reaches.

#include <memory>
#include <string>

#include "media/media_engine.h"
#include "services/mailboxes.h"
#include "services/prompts.h"
#include "services/service.h"

namespace sb::services {

/// *43: what the caller says comes back, and so do the keys pressed.
std::unique_ptr<Service> makeEchoTest();

/// A feature code took effect (*72..., *78...): a beep, then the PBX hangs up.
std::unique_ptr<Service> makeConfirmation(PromptLibrary& prompts);
/// A conference room as the caller reaches it (store::ConferenceRoom when
/// it was set up, else just the number).
struct ConferenceOptions {
    std::string room;
    std::string pin;   ///< empty: no PIN asked
    std::string name;  ///< for the Calls table
};

/// *88 + room: everyone in the room hears the others (a beep on joining).
/// With a PIN the caller is asked for it first (PIN + #, three tries, then
/// goodbye and hang-up) and joins only after the right one.
std::unique_ptr<Service> makeConference(ConferenceOptions options, PromptLibrary& prompts);

/// Leaving a message for @p mailbox: greeting (the extension's own file, or
/// the standard prompt), beep, recording until hang-up, '#' or the limit.
struct DepositOptions {
    std::string mailbox;
    std::filesystem::path greetingFile;  ///< empty: the standard greeting
    uint32_t maxSeconds = 120;
    uint32_t maxMessages = 100;
    /// For what happens after the call is gone (the message saved or lost).
    std::function<void(LogLevel, const std::string&)> log;
};
std::unique_ptr<Service> makeVoicemailDeposit(DepositOptions options, PromptLibrary& prompts, Mailboxes& mailboxes,
                                              media::MediaEngine& engine);

/// *97: the owner listens to their messages: PIN (if set), count, then each
/// message with a menu: 1 again, 7 delete, 9 next, * hang up.
std::unique_ptr<Service> makeVoicemailRetrieval(std::string mailbox, std::string pin, PromptLibrary& prompts,
                                                Mailboxes& mailboxes, media::MediaEngine& engine);

/// Prompts that say @p n ("digit-1", "digit-2" for 12).
std::vector<std::shared_ptr<const media::AudioClip>> sayNumber(PromptLibrary& prompts, size_t n);

}  // namespace sb::services
