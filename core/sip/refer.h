#pragma once

// Call transfer on the wire: the Refer-To of a REFER (RFC 3515), the
// Replaces it may carry (RFC 3891), and the message/sipfrag bodies of the
// NOTIFYs that report the transfer's progress.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "common/result.h"

namespace sb::sip {

/// The dialog a Replaces names (RFC 3891 §6.1). Which tag is whose depends
/// on who built it, so matching compares the pair in either order.
struct ReplacesTarget {
    std::string callId;
    std::string toTag;
    std::string fromTag;
    bool earlyOnly = false;
};

/// Where a REFER sends the call.
struct ReferTarget {
    std::string uri;     ///< the URI as sent, without its header part
    std::string number;  ///< routing::Party::number of the URI (TEL, user=phone and SIP alike)
    std::optional<ReplacesTarget> replaces;
};

/// Parse a Refer-To header value: name-addr or addr-spec, SIP, SIPS or TEL.
/// @return the target, or an error a person can read (the REFER gets 400).
Result<ReferTarget> parseReferTo(std::string_view value);

/// A Replaces value: "callid;to-tag=a;from-tag=b[;early-only]".
Result<ReplacesTarget> parseReplaces(std::string_view value);

/// The body of a NOTIFY for a transfer: the status line of the response the
/// target sent (RFC 3515 §2.4.5), e.g. "SIP/2.0 180 Ringing\r\n".
std::string sipfrag(uint16_t code, const std::string& reason);

}  // namespace sb::sip
