#pragma once

#include <map>
#include <memory>
#include <string>
#include <utility>

namespace sb::sip {

class SipStack;
class Registrar;

/// Message-waiting indication (RFC 3842): tells every registered phone of
/// an extension how many voicemail messages wait, with an unsolicited
/// NOTIFY (Event: message-summary), as phones light their lamp from it.
/// Engine thread only.
class MwiNotifier {
public:
    MwiNotifier(SipStack& stack, Registrar& registrar);
    ~MwiNotifier();
    MwiNotifier(const MwiNotifier&) = delete;
    MwiNotifier& operator=(const MwiNotifier&) = delete;

    /// Send the counts of @p mailbox to its phones now.
    void notify(const std::string& mailbox, size_t newMessages, size_t oldMessages);

    /// The application/simple-message-summary body (RFC 3842 §5.2).
    static std::string summary(const std::string& account, size_t newMessages, size_t oldMessages);

private:
    struct Pending;
    void done(Pending* pending);

    SipStack& m_stack;
    Registrar& m_registrar;
    /// One NOTIFY in flight per (extension, contact); a newer one replaces it.
    std::map<std::pair<std::string, std::string>, std::unique_ptr<Pending>> m_pending;
};

}  // namespace sb::sip
