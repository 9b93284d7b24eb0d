#pragma once

#include <map>
#include <memory>
#include <string>
#include <utility>

#include "sip/mwi_subscriptions.h"

namespace sb::sip {

class SipStack;
class Registrar;

/// Message-waiting indication (RFC 3842): tells the phones of an extension
/// how many voicemail messages wait (Event: message-summary), as phones
/// light their lamp from it. Phones that SUBSCRIBEd (MwiSubscriptions) get
/// the NOTIFY of their subscription; every other registered phone of the
/// extension gets an unsolicited NOTIFY. Engine thread only.
class MwiNotifier {
public:
    /// @param counts the counts of a mailbox, for subscriptions' first NOTIFY.
    MwiNotifier(SipStack& stack, Registrar& registrar, MwiSubscriptions::CountsLookup counts);
    ~MwiNotifier();
    MwiNotifier(const MwiNotifier&) = delete;
    MwiNotifier& operator=(const MwiNotifier&) = delete;

    /// Send the counts of @p mailbox to its phones now: to each subscription,
    /// and unsolicited to each registered phone without one (matched by the
    /// address it registered from or its Contact), so no phone gets both.
    void notify(const std::string& mailbox, size_t newMessages, size_t oldMessages);

    /// The application/simple-message-summary body (RFC 3842 §5.2).
    const MwiSubscriptions& subscriptions() const { return m_subscriptions; }

    static std::string summary(const std::string& account, size_t newMessages, size_t oldMessages);

private:
    struct Pending;
    void done(Pending* pending);

    SipStack& m_stack;
    Registrar& m_registrar;
    MwiSubscriptions m_subscriptions;
    /// One NOTIFY in flight per (extension, contact); a newer one replaces it.
    std::map<std::pair<std::string, std::string>, std::unique_ptr<Pending>> m_pending;
};

}  // namespace sb::sip
