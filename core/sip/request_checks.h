#pragma once

// Checks Switchboard makes on incoming SIP messages beyond what libre 1.1.0's
// decoder enforces (RFC 3261 §8.2, §18.3, §25; RFC 4475 torture cases).
//
// Two layers, both pure functions:
// - over the raw bytes of a datagram, for what libre drops or mis-reads
//   before any listener runs (wrong SIP version, a Via without branch,
//   an overlarge status code, a request it cannot decode);
// - over a decoded request, for what libre accepts but must not change
//   state (Content-Length mismatch, CSeq method mismatch, duplicated
//   single-value headers, malformed name-addr, ...).

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>

struct sip_msg;

namespace sb::sip {

/// The answer a check demands; status 0 means "no objection".
struct CheckVerdict {
    uint16_t status = 0;
    std::string reason;
    /// Extra header lines for the response, each ending in CRLF.
    std::string headers;

    explicit operator bool() const { return status != 0; }
};

// ---------------------------------------------------------------- raw bytes

/// What to do with a datagram libre's decoder cannot take as it is.
struct RawAction {
    enum class Kind {
        Pass = 1,    ///< hand it to libre unchanged
        Drop,        ///< drop silently (responses, garbage, ACK)
        Reply,       ///< answer @ref status from the raw bytes, then drop
        AddBranch,   ///< RFC 2543 client: insert @ref insert at @ref offset
    };
    Kind kind = Kind::Pass;
    uint16_t status = 0;
    std::string reason;
    size_t offset = 0;
    std::string insert;
};

/// True when @p line is "SIP/2.0 SP 3DIGIT SP reason" with a code 100-699
/// (RFC 3261 §7.2). libre reads "4294967301" as 5 (RFC 4475 §3.1.2.19).
bool isValidStatusLine(std::string_view line);

/// Decide about a datagram that libre failed to decode. @p raw is the whole
/// datagram. Requests from RFC 2543 clients (top Via without branch) get a
/// synthetic branch so libre can match their transaction (RFC 3261 §17.2.3);
/// a request with another SIP version gets 505; any other request that can
/// be answered gets 400; everything else is dropped.
RawAction classifyUndecodable(std::string_view raw);

/// libre 1.1.0 reads at most this many octets of a datagram
/// (UDP_RXSZ_DEFAULT) and silently cuts off the rest.
inline constexpr size_t kLibreUdpReceiveSize = 8192;

/// Decide about a datagram that filled libre's receive buffer, so may have
/// been cut: 513 Message Too Large for a request we can answer (RFC 3261
/// §21.5.13), drop otherwise.
RawAction classifyOversized(std::string_view raw);

/// The synthetic branch parameters start with this (no RFC 3261 magic
/// cookie: the client did not make it unique). Stripped again from the
/// responses we send (see stripSyntheticBranch).
inline constexpr std::string_view kSyntheticBranchPrefix = ";branch=sb2543.";

/// Remove a synthetic branch parameter from an outgoing response, so the
/// RFC 2543 client gets its Via back exactly as it sent it. Returns false
/// when there was none.
bool stripSyntheticBranch(std::string& message);

/// A response to a raw request: status line, the request's Via, From, To,
/// Call-ID and CSeq header lines copied as they are, Content-Length 0.
/// nullopt when the request lacks a Via (nowhere to answer).
std::optional<std::string> rawResponse(std::string_view raw, uint16_t status, std::string_view reason);

/// Where a response to a raw request goes (RFC 3261 §18.2.2 over UDP): the
/// port of the top Via's sent-by (5060 when absent), or the source port when
/// the Via carries rport. nullopt when there is no usable top Via.
std::optional<uint16_t> rawReplyPort(std::string_view raw, uint16_t sourcePort);

// ----------------------------------------------------------- decoded request

/// What the checks need to know about Switchboard itself.
struct RequestPolicy {
    /// Methods answered anywhere (out of dialog or in a dialog).
    std::set<std::string> implementedMethods;
    /// Option tags Switchboard supports in Require (RFC 3261 §8.2.2.3).
    std::set<std::string> supportedOptions;
    /// The value of Allow headers, for 501.
    std::string allow;
};

/// Syntax and framing checks on a decoded request: 400 (or 505/513 on the
/// framing) when it is malformed. @p datagram: it arrived over UDP, where
/// octets beyond Content-Length are discarded but fewer are an error (§18.3).
CheckVerdict checkRequestSyntax(const ::sip_msg& msg, bool datagram);

/// Checks on a well-formed request in the order of RFC 3261 §8.2:
/// method (501), CSeq method (400), Request-URI scheme (416), Require (420),
/// Content-Type of INVITE/UPDATE/PRACK (415), Accept (406), Max-Forwards on
/// INVITE (483).
CheckVerdict checkRequestSemantics(const ::sip_msg& msg, const RequestPolicy& policy);

/// True when @p value is a syntactically valid via-parm (RFC 3261 §25.1):
/// "SIP/2.0/transport sent-by" then ";name[=value]" parameters, LWS allowed.
bool isValidViaValue(std::string_view value);

/// True when @p value is a valid name-addr or addr-spec with parameters
/// (From, To, Contact, Route): balanced quotes, no LWS inside <>, no "?" or
/// "," in an addr-spec that is not enclosed in <>, no empty parameters,
/// unquoted display names made of tokens.
bool isValidAddressValue(std::string_view value);

}  // namespace sb::sip
