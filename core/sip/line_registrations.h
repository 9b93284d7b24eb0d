#pragma once

// Registration of the external lines (carrier / IMS accounts) with libre's
// sipreg: digest auth (401/407), 423, refresh before expiry and retry with
// back-off are libre's; ours are the carrier quirks from the field notes —
// the authorization name may have to be the full "account@domain", and all
// requests may have to go to an outbound proxy while the domain stays a
// logical IMS domain that cannot be reached itself.

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "engine/events.h"
#include "store/records.h"

struct sipreg;

namespace sb::sip {

class SipStack;

/// The digest username a line presents (the seed notes' "authorization ID
/// should include address information").
std::string authorizationName(const store::ExternalLine& line);

/// Where a line's requests go: its outbound proxy when set, else its domain,
/// as a loose-route URI ("sip:198.51.100.7:5060;lr;transport=tcp").
std::string lineRoute(const store::ExternalLine& line);

class LineRegistrations {
public:
    LineRegistrations(SipStack& stack, EventSink& events);
    ~LineRegistrations();

    /// Start, refresh or stop registrations to match @p lines; a line whose
    /// settings changed registers anew. @p settings: those the explainer
    /// reads (prack_auto_disable, codecs).
    void configure(const std::vector<store::ExternalLine>& lines, const store::Settings& settings = {});

    /// Register anew, at once, the lines over TLS that are not registered
    /// (the CA bundle changed: a refused certificate may pass now).
    void retryTls();

    /// Last status text per line ("Registered", "Failed: 403 Forbidden", ...).
    std::string status(const std::string& line) const;

private:
    struct Registration;
    std::unique_ptr<Registration> start(const store::ExternalLine& line);
    void report(Registration& r, const std::string& status, int code);
    std::string failureText(const store::ExternalLine& line, int err) const;
    std::optional<std::string> tlsRefusal(const store::ExternalLine& line) const;

    SipStack& m_stack;
    EventSink& m_events;
    std::map<std::string, std::unique_ptr<Registration>> m_registrations;
    store::Settings m_settings;
};

}  // namespace sb::sip
