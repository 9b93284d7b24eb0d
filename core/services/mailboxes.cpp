#include "services/mailboxes.h"

#include <algorithm>

namespace sb::services {

Mailboxes::Mailboxes(std::filesystem::path folder, std::vector<store::VoicemailMessage> messages, Hooks hooks)
    : m_folder(std::move(folder)), m_messages(std::move(messages)), m_hooks(std::move(hooks)) {
    for (const auto& m : m_messages) m_nextId = std::max(m_nextId, m.id + 1);
}

std::string Mailboxes::newFileName(const std::string& mailbox, int64_t nowMs) {
    return mailbox + "/" + std::to_string(nowMs) + "-" + std::to_string(++m_sequence) + ".wav";
}

std::vector<store::VoicemailMessage> Mailboxes::of(const std::string& mailbox) const {
    std::vector<store::VoicemailMessage> out;
    for (const auto& m : m_messages)
        if (m.mailbox == mailbox) out.push_back(m);
    return out;
}

size_t Mailboxes::count(const std::string& mailbox) const {
    return static_cast<size_t>(
        std::count_if(m_messages.begin(), m_messages.end(), [&](const auto& m) { return m.mailbox == mailbox; }));
}

size_t Mailboxes::unheard(const std::string& mailbox) const {
    return static_cast<size_t>(std::count_if(m_messages.begin(), m_messages.end(),
                                             [&](const auto& m) { return m.mailbox == mailbox && !m.heard; }));
}

store::VoicemailMessage Mailboxes::add(store::VoicemailMessage message) {
    message.id = m_nextId++;
    m_messages.push_back(message);
    if (m_hooks.save) m_hooks.save(message);
    if (m_hooks.changed) m_hooks.changed(message.mailbox);
    return message;
}

void Mailboxes::markHeard(int64_t id) {
    for (auto& m : m_messages) {
        if (m.id != id || m.heard) continue;
        m.heard = true;
        if (m_hooks.save) m_hooks.save(m);
        if (m_hooks.changed) m_hooks.changed(m.mailbox);
    }
}

bool Mailboxes::remove(int64_t id) {
    auto it = std::find_if(m_messages.begin(), m_messages.end(), [&](const auto& m) { return m.id == id; });
    if (it == m_messages.end()) return false;
    const store::VoicemailMessage gone = *it;
    m_messages.erase(it);
    if (m_hooks.remove) m_hooks.remove(gone);
    if (m_hooks.changed) m_hooks.changed(gone.mailbox);
    return true;
}

void Mailboxes::discard(const store::VoicemailMessage& recording) {
    store::VoicemailMessage gone = recording;
    gone.id = 0;  // never indexed: no row to delete
    if (m_hooks.remove) m_hooks.remove(gone);
}

}  // namespace sb::services
