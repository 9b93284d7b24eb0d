#pragma once

#include <optional>
#include <string>

#include "sip/call_leg.h"

namespace sb::sip {

/// The key pressed, from the body of an INFO: application/dtmf-relay
/// ("Signal=5\r\nDuration=160", the format phones send) or application/dtmf
/// ("5"). std::nullopt for any other body or a key outside 0-9 * # A-D.
std::optional<char> dtmfFromInfo(const Body& body);

/// The Duration (ms) of an application/dtmf-relay INFO body, when it has a
/// valid one (1-5000).
std::optional<unsigned> dtmfDurationFromInfo(const Body& body);

/// An application/dtmf-relay body for @p digit, to send in an INFO.
Body dtmfRelayBody(char digit, unsigned durationMs = 160);

}  // namespace sb::sip
