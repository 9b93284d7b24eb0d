#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "sip/dialog.h"

struct sip_msg;

namespace sb::sip {

class SipStack;
class Registrar;

/// Voicemail counts of one mailbox.
struct MailboxCounts {
    size_t newMessages = 0;
    size_t oldMessages = 0;
};

/// Subscriptions to the message-summary event package (RFC 3842 over
/// RFC 6665): an extension's phone SUBSCRIBEs to its own mailbox, gets a
/// NOTIFY at once and after every change, refreshes, unsubscribes
/// (Expires: 0) or lets the subscription expire. Requests are digest-
/// authenticated like every request from an extension (407), and a phone
/// may subscribe to its own mailbox only (403). Subscription intervals
/// follow the registrar's (settings min_expires, max_expires,
/// default_expires). Engine thread only.
class MwiSubscriptions {
public:
    /// Counts of @p mailbox, or nullopt when there is no such mailbox.
    using CountsLookup = std::function<std::optional<MailboxCounts>(const std::string& mailbox)>;

    /// Takes SUBSCRIBE requests from @p stack (out of dialog and refreshes).
    MwiSubscriptions(SipStack& stack, Registrar& registrar, CountsLookup counts);
    ~MwiSubscriptions();
    MwiSubscriptions(const MwiSubscriptions&) = delete;
    MwiSubscriptions& operator=(const MwiSubscriptions&) = delete;

    /// Tell every live subscription to @p mailbox its new counts.
    void notify(const std::string& mailbox, const MailboxCounts& counts);

    /// Whether a phone registered from @p source ("ip:port") with @p contact
    /// holds a live subscription to @p mailbox: it then gets no unsolicited
    /// NOTIFY as well (one lamp update per change, not two).
    bool covers(const std::string& mailbox, const std::string& source, const std::string& contact) const;

    /// Live subscriptions (for tests and the log).
    size_t size() const { return m_subscriptions.size(); }

private:
    struct Subscription;
    bool onSubscribe(const ::sip_msg& msg);
    bool onInDialog(const ::sip_msg& msg);
    void refresh(Subscription& sub, const ::sip_msg& msg);
    /// The interval to grant, or nullopt after answering 400/423.
    std::optional<uint32_t> grantedExpires(const ::sip_msg& msg);
    void send(Subscription& sub, bool terminated, const char* reason = "timeout");
    void sendPending(Subscription& sub);
    void notifyDone(Subscription* sub, int err, uint16_t code);
    void expire(Subscription* sub);
    void erase(Subscription* sub);
    std::string body(const std::string& mailbox) const;
    void log(const std::string& text);

    SipStack& m_stack;
    Registrar& m_registrar;
    CountsLookup m_counts;
    /// By dialog: Call-ID + remote tag + local tag.
    std::map<std::string, std::unique_ptr<Subscription>> m_subscriptions;
};

}  // namespace sb::sip
