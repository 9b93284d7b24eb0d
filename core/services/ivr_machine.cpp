#include <algorithm>

#include "services/ivr.h"

namespace sb::services {

using config::IvrDestination;

IvrMachine::IvrMachine(std::vector<store::IvrMenu> menus, std::string first)
    : m_menus(std::move(menus)), m_first(std::move(first)) {}

const store::IvrMenu* IvrMachine::current() const {
    return m_current;
}

IvrStep IvrMachine::start(config::LocalTime now) {
    return enter(m_first, now);
}

IvrStep IvrMachine::hangup(std::string why) {
    m_takingKeys = false;
    m_why = std::move(why);
    return IvrStep{IvrStep::Kind::Hangup, {}, false};
}

IvrStep IvrMachine::enter(const std::string& number, config::LocalTime now) {
    auto it = std::find_if(m_menus.begin(), m_menus.end(), [&](const auto& m) { return m.number == number; });
    // Validation refuses a destination naming no menu; a configuration
    // changed under a running call can still get here.
    if (it == m_menus.end()) return hangup("menu " + number + " does not exist (any more)");
    if (++m_hops > kMaxHopsWithoutKey)
        return hangup("menus lead to each other without a key pressed (at menu " + number + ")");
    m_current = &*it;
    m_invalid = 0;
    if (!config::isOpen(*m_current, now)) return go(m_current->closedDestination, now);
    m_takingKeys = true;
    return IvrStep{IvrStep::Kind::PlayMenu, {}, false};
}

IvrStep IvrMachine::go(const std::string& destination, config::LocalTime now) {
    const auto d = config::parseIvrDestination(destination);
    if (!d) return hangup("destination \"" + destination + "\" is not understood");
    switch (d->kind) {
        case IvrDestination::Kind::Extension:
            m_takingKeys = false;
            return IvrStep{IvrStep::Kind::Connect, d->target, false};
        case IvrDestination::Kind::Voicemail:
            m_takingKeys = false;
            return IvrStep{IvrStep::Kind::Voicemail, d->target, false};
        case IvrDestination::Kind::Menu:
            return enter(d->target, now);
        case IvrDestination::Kind::Group:
            m_takingKeys = false;
            return IvrStep{IvrStep::Kind::Group, d->target, false};
        case IvrDestination::Kind::Hangup:
            break;
    }
    return hangup({});
}

std::optional<IvrStep> IvrMachine::key(char digit, config::LocalTime now) {
    if (!m_takingKeys || !m_current) return std::nullopt;
    m_hops = 0;
    const auto option = m_current->options.find(std::string(1, digit));
    if (option != m_current->options.end()) return go(option->second, now);
    if (++m_invalid > m_current->invalidRetries) return go(m_current->invalidDestination, now);
    return IvrStep{IvrStep::Kind::PlayMenu, {}, true};
}

IvrStep IvrMachine::timeout(config::LocalTime now) {
    if (!m_current) return hangup("no menu");
    return go(m_current->timeoutDestination, now);
}

IvrStep IvrMachine::unreachable(config::LocalTime now) {
    if (!m_current) return hangup("no menu");
    return go(m_current->fallbackDestination, now);
}

}  // namespace sb::services
