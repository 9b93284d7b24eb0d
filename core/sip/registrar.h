#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "common/clock.h"
#include "common/timer.h"
#include "engine/events.h"
#include "sip/authenticator.h"
#include "sip/binding_table.h"

struct sip_msg;

namespace sb::sip {

class SipStack;

/// What the registrar takes from the configuration.
struct RegistrarSettings {
    std::string realm;
    std::vector<DigestAlgorithm> algorithms{DigestAlgorithm::Md5};
    ExpiryPolicy expiry;
    uint32_t nonceLifetimeS = 300;
    std::map<std::string, std::string> passwords;  ///< enabled extensions only
};

/// REGISTER handling (RFC 3261 §10.3) with digest authentication; keeps the
/// bindings, expires them in the background and publishes every change.
class Registrar {
public:
    /// Told about every binding change, e.g. to persist it.
    using ChangeHook = std::function<void(const std::vector<Binding>& changed, const std::vector<Binding>& removed)>;

    Registrar(SipStack& stack, EventSink& events, RegistrarSettings settings);
    ~Registrar();

    void configure(RegistrarSettings settings);
    void setChangeHook(ChangeHook hook) { m_hook = std::move(hook); }
    /// Put back bindings saved before a restart (expired ones are dropped).
    void restore(const std::vector<Binding>& bindings);

    bool handleRegister(const ::sip_msg& msg);

    const BindingTable& bindings() const { return m_bindings; }
    Authenticator& authenticator() { return m_auth; }
    /// Registration intervals; event subscriptions use the same bounds.
    const ExpiryPolicy& expiry() const { return m_settings.expiry; }
    std::optional<std::string> passwordOf(const std::string& extension) const;
    /// Record a qualify or call result; publishes when reachability changed.
    /// @return true when it changed.
    bool setReachable(const std::string& extension, const std::string& contact, bool reachable);

private:
    void reply(const ::sip_msg& msg, uint16_t code, const char* reason, const std::string& headers);
    void publish(const std::vector<Binding>& changed, const std::vector<Binding>& removed);
    void sweep();

    SipStack& m_stack;
    EventSink& m_events;
    RegistrarSettings m_settings;
    Authenticator m_auth;
    BindingTable m_bindings;
    ChangeHook m_hook;
    Timer m_sweepTimer;
};


}  // namespace sb::sip
