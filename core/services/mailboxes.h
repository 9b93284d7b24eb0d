#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "store/records.h"

namespace sb::services {

/// The voicemail messages of every mailbox, on the engine thread. The
/// index is read from the store once at start; every change is handed to a
/// persist function (the store writer) and, for deleted messages, to a
/// function that removes the file off the SIP thread.
class Mailboxes {
public:
    struct Hooks {
        std::function<void(const store::VoicemailMessage&)> save;
        std::function<void(const store::VoicemailMessage&)> remove;  ///< row and file
        /// A mailbox's counts changed (MWI, the Voicemail tab).
        std::function<void(const std::string& mailbox)> changed;
    };

    Mailboxes() = default;
    Mailboxes(std::filesystem::path folder, std::vector<store::VoicemailMessage> messages, Hooks hooks);

    /// Where message files live (the data folder's voicemail/).
    const std::filesystem::path& folder() const { return m_folder; }
    /// A new file name for a message to @p mailbox (relative to folder()).
    std::string newFileName(const std::string& mailbox, int64_t nowMs);
    /// Messages of @p mailbox, oldest first.
    std::vector<store::VoicemailMessage> of(const std::string& mailbox) const;
    const std::vector<store::VoicemailMessage>& all() const { return m_messages; }
    size_t count(const std::string& mailbox) const;
    size_t unheard(const std::string& mailbox) const;

    /// Take a recorded message (its id is assigned here).
    store::VoicemailMessage add(store::VoicemailMessage message);
    void markHeard(int64_t id);
    /// False when there is no such message.
    bool remove(int64_t id);
    /// A recording not kept as a message (too short): its file goes, off the
    /// SIP thread like a deleted message's; counts do not change.
    void discard(const store::VoicemailMessage& recording);

private:
    std::filesystem::path m_folder;
    std::vector<store::VoicemailMessage> m_messages;
    Hooks m_hooks;
    int64_t m_nextId = 1;
    uint64_t m_sequence = 0;
};

}  // namespace sb::services
