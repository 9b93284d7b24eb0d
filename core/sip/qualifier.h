#pragma once

#include <map>
#include <memory>
#include <set>
#include <string>
#include <utility>

#include "common/timer.h"

namespace sb::sip {

class SipStack;
class Registrar;

/// Pings the registered contacts of extensions that ask for it with OPTIONS
/// and marks contacts that stop answering as unreachable (and back again).
class Qualifier {
public:
    Qualifier(SipStack& stack, Registrar& registrar);
    ~Qualifier();

    /// @param extensions  which extensions are qualified
    /// @param intervalS   time between pings of one contact
    /// @param timeoutMs   no answer within this long counts as unreachable
    void configure(std::set<std::string> extensions, uint32_t intervalS, uint32_t timeoutMs = 5000);

private:
    struct Probe;
    void round();
    void ping(const std::string& extension, const std::string& contact, const std::string& source,
              const std::string& transport);
    void finish(Probe* probe, bool answered);

    SipStack& m_stack;
    Registrar& m_registrar;
    std::set<std::string> m_extensions;
    uint32_t m_intervalS = 30;
    uint32_t m_timeoutMs = 5000;
    Timer m_roundTimer;
    std::map<std::pair<std::string, std::string>, std::unique_ptr<Probe>> m_probes;
};

}  // namespace sb::sip
