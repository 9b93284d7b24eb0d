#pragma once

#include <map>
#include <string>

#include "engine/events.h"

namespace sb::ui {

/// Registered contacts per extension, kept from RegistrationChanged events.
/// A binding is identified by extension + contact URI; `removed` ends it.
/// Independent of the configuration snapshot: bindings may be reported
/// before the extension's row exists, and survive a reset of the table.
class BindingCounts {
public:
    struct Summary {
        int contacts = 0;
        int unreachable = 0;  ///< contacts whose qualify pings go unanswered
        bool operator==(const Summary&) const = default;
    };

    /// Record @p change. @return true when the extension's summary changed
    bool apply(const sb::RegistrationChanged& change) {
        const Summary before = summary(change.extension);
        if (change.removed) {
            auto it = m_bindings.find(change.extension);
            if (it != m_bindings.end()) {
                it->second.erase(change.contact);
                if (it->second.empty()) m_bindings.erase(it);
            }
        } else {
            m_bindings[change.extension][change.contact] = change.reachable;
        }
        return summary(change.extension) != before;
    }

    Summary summary(const std::string& extension) const {
        Summary s;
        auto it = m_bindings.find(extension);
        if (it == m_bindings.end()) return s;
        for (const auto& [contact, reachable] : it->second) {
            ++s.contacts;
            if (!reachable) ++s.unreachable;
        }
        return s;
    }

    void clear() { m_bindings.clear(); }

private:
    /// extension → contact URI → reachable
    std::map<std::string, std::map<std::string, bool>> m_bindings;
};

}  // namespace sb::ui
