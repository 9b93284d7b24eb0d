#pragma once

// Registrar bindings (RFC 3261 §10.3): contacts per extension with expiry,
// Call-ID/CSeq ordering, wildcard removal and a per-extension cap. Pure logic,
// no sockets: the REGISTER handler feeds it parsed requests.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace sb::sip {

struct Binding {
    std::string extension;
    std::string contact;    ///< Contact URI as the phone sent it
    std::string source;     ///< "ip:port" the REGISTER actually came from
    std::string transport;  ///< "UDP", "TCP", "TLS"
    std::string userAgent;
    std::string callId;
    uint32_t cseq = 0;
    int64_t expiresAtMs = 0;  ///< wall clock, epoch ms
    bool reachable = true;    ///< false when qualify pings go unanswered

    bool operator==(const Binding&) const = default;
};

struct ContactRequest {
    std::string uri;
    std::optional<uint32_t> expiresS;  ///< the contact's ;expires parameter
};

/// A REGISTER, reduced to what the binding rules need.
struct RegisterRequest {
    std::string extension;
    std::string callId;
    uint32_t cseq = 0;
    bool wildcard = false;  ///< Contact: *
    std::vector<ContactRequest> contacts;
    std::optional<uint32_t> expiresHeaderS;
    std::string source, transport, userAgent;
};

struct ExpiryPolicy {
    uint32_t minS = 60;
    uint32_t maxS = 3600;
    uint32_t defaultS = 3600;
    uint32_t maxContacts = 5;
};

struct RegisterOutcome {
    int status = 200;       ///< 200, 400, 423 or 500
    std::string reason;     ///< reason phrase for non-200
    uint32_t minExpiresS = 0;  ///< for 423
    std::vector<Binding> changed;  ///< added or refreshed
    std::vector<Binding> removed;
};

class BindingTable {
public:
    RegisterOutcome apply(const RegisterRequest& request, const ExpiryPolicy& policy, int64_t nowMs);

    /// Current bindings of @p extension, oldest first.
    std::vector<Binding> bindingsOf(const std::string& extension) const;
    std::vector<Binding> all() const;

    /// Remove bindings whose time has come; returns them.
    std::vector<Binding> expire(int64_t nowMs);
    /// Drop every binding of extensions not in @p keep (an extension was deleted).
    std::vector<Binding> retainExtensions(const std::vector<std::string>& keep);

    /// Put back a binding loaded from the store (expired ones are ignored).
    void restore(const Binding& binding, int64_t nowMs);
    /// Mark reachability (qualify); returns the binding when it changed.
    std::optional<Binding> setReachable(const std::string& extension, const std::string& contact, bool reachable);

    size_t size() const;

private:
    static RegisterOutcome applyTo(std::vector<Binding>& list, const RegisterRequest& request,
                                   const ExpiryPolicy& policy, int64_t nowMs);

    std::map<std::string, std::vector<Binding>> m_byExtension;
};

}  // namespace sb::sip
