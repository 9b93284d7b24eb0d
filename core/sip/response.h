#pragma once

// The text of a response to a received request, written by us rather than by
// libre's sip_treplyf, so that we can keep it, resend it, and leave libre's
// server transactions (and their 32 s timers) out (completed_transactions.h).

#include <cstdint>
#include <string>
#include <string_view>

struct sip_msg;
struct sa;

namespace sb::sip {

/// What goes into a response besides what the request dictates.
struct ResponseSpec {
    uint16_t code = 0;
    std::string_view reason;
    /// CRLF-terminated header lines (Content-Type included when there is a body).
    std::string_view headers;
    std::string_view body;
    /// Copy Record-Route (a 2xx that sets up a dialog, RFC 3261 §12.1.1).
    bool copyRecordRoute = false;
    /// Value of the Server header; empty = none.
    std::string_view server;
};

/// A response to @p request as RFC 3261 §8.2.6 builds it, and as libre's
/// sip_treplyf writes it: Via (the top one with received and rport, RFC 3261
/// §18.2.1 and RFC 3581), From, To (with the request's libre tag when it had
/// none), Call-ID, CSeq, then @p spec's headers, Content-Length and body.
/// @p rport is set when the top Via asked for rport (the answer then goes to
/// the source port, see sip_reply_addr).
std::string formatResponse(const ::sip_msg& request, const ResponseSpec& spec, bool* rport = nullptr);

}  // namespace sb::sip
