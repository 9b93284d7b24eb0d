#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "media/media_types.h"

/// @file sdp.h
/// Switchboard's own SDP (RFC 4566) model, parser and renderer.
///
/// The parser takes bytes from the network: it is bounded (kMaxSdpBytes,
/// kMaxSdpLines, ...), never reads out of range, and rejects every malformed
/// line with a reason that names the line ("line 7: rtpmap clock rate \"x\" is
/// not a number"). The SIP layer answers such an SDP with 488.
///
/// What is modelled: o=, s=, c= (session and media level), direction
/// attributes, m= lines with their formats, rtpmap/fmtp per format and ptime.
/// Everything else (i= u= e= p= b= t= r= z= k= lines, other a= attributes) is
/// kept verbatim and in order, so that a B2BUA rewrite changes only what it
/// means to change (IMS a=curr/a=des precondition lines, a=crypto, ...).

namespace sb::media {

/// Bounds applied by parseSdp(); bigger input is rejected.
inline constexpr size_t kMaxSdpBytes = 64 * 1024;
inline constexpr size_t kMaxSdpLines = 2048;
inline constexpr size_t kMaxMediaSections = 32;
inline constexpr size_t kMaxFormatsPerMedia = 128;

/// o= (RFC 4566 §5.2).
struct Origin {
    std::string username = "-";
    std::string sessionId;
    /// Numeric so that it can be incremented (RFC 3264 §8).
    uint64_t sessionVersion = 0;
    std::string netType = "IN";
    std::string addrType = "IP4";
    std::string address;
    bool operator==(const Origin&) const = default;
};

/// c= (RFC 4566 §5.7). The address may carry a multicast "/ttl" suffix, kept verbatim.
struct Connection {
    std::string netType = "IN";
    std::string addrType = "IP4";
    std::string address;
    bool operator==(const Connection&) const = default;
};

/// a=rtpmap:<pt> <encoding>/<clockRate>[/<encodingParams>] (RFC 4566 §6).
struct RtpMap {
    std::string encoding;
    uint32_t clockRate = 0;
    /// For audio the channel count; empty means 1.
    std::string encodingParams;
    bool operator==(const RtpMap&) const = default;
};

/// One format of an m= line with its rtpmap and fmtp, when the SDP has them.
struct Format {
    /// The format as written on the m= line: a payload type number for RTP.
    std::string id;
    std::optional<RtpMap> rtpmap;
    /// Everything after "a=fmtp:<id> ", verbatim.
    std::optional<std::string> fmtp;

    /// The payload type number (0..127) when the id is one.
    std::optional<uint8_t> payloadType() const;
    bool operator==(const Format&) const = default;
};

/// An a= line that Switchboard does not interpret: "a=<name>" or "a=<name>:<value>".
struct Attribute {
    std::string name;
    std::optional<std::string> value;
    bool operator==(const Attribute&) const = default;
};

/// A line other than a=, c=, m=, o=, s=, v= (i= u= e= p= b= t= r= z= k=), verbatim.
struct Line {
    char type = 0;
    std::string value;
    bool operator==(const Line&) const = default;
};

/// Where a parsed a= line stood among its siblings. The renderer follows this
/// order so that a parsed SDP renders back line for line; code that builds an
/// SDP can leave it empty (canonical order is then used).
struct AttributeSlot {
    enum class Kind { Rtpmap = 1, Fmtp, Ptime, Direction, Other };
    Kind kind = Kind::Other;
    /// The format id for Rtpmap and Fmtp slots.
    std::string formatId;
    bool operator==(const AttributeSlot&) const = default;
};

/// One m= section (RFC 4566 §5.14).
struct MediaSection {
    std::string media;                  ///< "audio", "video", "image", ...
    uint16_t port = 0;                  ///< 0 = stream disabled/rejected (RFC 3264 §5.1, §6)
    std::optional<uint16_t> portCount;  ///< "m=audio 49170/2 ..."
    std::string proto;                  ///< "RTP/AVP", "RTP/SAVP", "udptl", ...
    std::vector<Format> formats;        ///< in m= line order (preference order)
    std::optional<Connection> connection;
    std::vector<Line> lines;  ///< i=, b=, k= lines of this section
    std::optional<Direction> direction;
    std::optional<uint32_t> ptimeMs;
    std::vector<Attribute> attributes;  ///< all other a= lines, verbatim, in order
    std::vector<AttributeSlot> attributeOrder;

    /// True for the RTP profiles (the proto contains "RTP/"): formats are payload types.
    bool isRtp() const;
    const Format* findFormat(std::string_view id) const;
    Format* findFormat(std::string_view id);
    bool operator==(const MediaSection&) const = default;
};

/// A whole SDP body.
struct SessionDescription {
    Origin origin;
    std::string sessionName = "-";
    std::vector<Line> lines;  ///< i= u= e= p= b= t= r= z= k= lines of the session part
    std::optional<Connection> connection;
    std::optional<Direction> direction;  ///< session-level default for every m=
    std::vector<Attribute> attributes;   ///< other session-level a= lines
    std::vector<AttributeSlot> attributeOrder;
    std::vector<MediaSection> media;
    bool operator==(const SessionDescription&) const = default;
};

/// Parse an SDP body. Accepts CRLF or bare LF line ends.
/// @return the description, or an error naming the offending line.
Result<SessionDescription> parseSdp(std::string_view text);

/// Render with CRLF line ends in RFC 4566 §5 line order. A parsed SDP renders
/// back to its input when that input was in RFC order with single spaces.
/// A missing t= line is rendered as "t=0 0".
std::string renderSdp(const SessionDescription& sdp);

// ---------------------------------------------------------------------------
// Queries used by the call layer

/// The rtpmap of @p format, falling back to the RFC 3551 §6 static payload
/// types (0 PCMU, 8 PCMA, 9 G722, 18 G729, ...) when the SDP has none.
std::optional<RtpMap> resolveRtpMap(const Format& format);

/// The direction that applies to @p media: its own attribute, else the
/// session's, else sendrecv (RFC 4566 §6).
Direction effectiveDirection(const SessionDescription& sdp, const MediaSection& media);

/// Index of the first m=audio section with a non-zero port, if any.
std::optional<size_t> firstAudioIndex(const SessionDescription& sdp);

/// Where the first audio stream wants RTP: its c= (or the session's) and port.
/// An address of 0.0.0.0 (RFC 3264 §8.4 legacy hold) is returned as is.
std::optional<Endpoint> audioEndpoint(const SessionDescription& sdp);

/// The payload type that @p media uses for @p encoding at @p clockRate
/// (case-insensitive), e.g. findPayloadType(m, "PCMA", 8000).
std::optional<uint8_t> findPayloadType(const MediaSection& media, std::string_view encoding,
                                       uint32_t clockRate);

/// The first real codec of the first audio stream ("PCMU", "PCMA", "G722",
/// "AMR-WB", ...) skipping telephone-event and CN; empty when there is none.
/// For the Calls table.
std::string firstAudioCodecName(const SessionDescription& sdp);

// ---------------------------------------------------------------------------
// Offer/answer

/// A codec both sides of an offer/answer support.
struct NegotiatedCodec {
    RtpMap codec;  ///< as the answer names it
    uint8_t offerPayloadType = 0;
    uint8_t answerPayloadType = 0;
    std::optional<std::string> answerFmtp;
    bool operator==(const NegotiatedCodec&) const = default;
};

/// Result of matching an answer against its offer (RFC 3264 §6, §7) for the
/// first audio stream of the offer.
struct Negotiation {
    size_t mediaIndex = 0;  ///< the m= line both refer to
    bool accepted = false;  ///< false when the answer rejected the stream (port 0)
    /// In the answer's preference order; telephone-event and CN included.
    std::vector<NegotiatedCodec> codecs;
    /// The answer's direction for the stream (its own view, RFC 3264 §6.1).
    Direction direction = Direction::SendRecv;

    /// The first negotiated codec that is not telephone-event or CN; "" if none.
    std::string primaryCodecName() const;
};

/// Codecs in common between the first audio stream of @p offer and the
/// matching m= line of @p answer, matched by encoding name, clock rate and
/// channel count (not by payload number, which may differ per side).
/// @return an error when the answer does not fit the offer (fewer m= lines,
///         another media type) or accepts the stream with no common codec.
Result<Negotiation> negotiate(const SessionDescription& offer, const SessionDescription& answer);

// ---------------------------------------------------------------------------
// Rewriting for the other leg (B2BUA media anchoring)

/// Switchboard's SDP identity toward one call leg. The session id is fixed
/// for the leg; the version increases by one each time the SDP sent on that
/// leg changes, and only then (RFC 3264 §8: an unchanged re-offer keeps the
/// version; 18x and 200 carrying the same answer agree, RFC 3262 §5).
class LegOrigin {
public:
    /// A random session id and version.
    explicit LegOrigin(std::string username = "switchboard");
    /// A chosen session id and first version (tests, restored state).
    LegOrigin(std::string username, uint64_t sessionId, uint64_t firstVersion);

    uint64_t sessionId() const { return m_sessionId; }
    /// The version of the last SDP stamped (the first version before any).
    uint64_t version() const { return m_version; }

    /// Replace o= in @p sdp with ours at @p address, advancing the version
    /// when anything but o= differs from the previously stamped SDP.
    void stamp(SessionDescription& sdp, const std::string& address);

private:
    std::string m_username;
    uint64_t m_sessionId = 0;
    uint64_t m_version = 0;
    std::optional<std::string> m_lastContent;
};

/// Prepare an SDP received on one leg to be sent on the other, with
/// Switchboard's relay in the media path:
/// - every c= address becomes @p ours.address (session level is always set);
/// - the first audio stream's port becomes @p ours.port and its a=rtcp (RFC
///   3605), if any, ours.port + 1; ICE attributes are removed (the candidates
///   would route around the relay, RFC 8445 §5.1 requires the default
///   candidate to match c=/m=);
/// - every other stream (video, a second audio, T.38) is disabled with port 0
///   (RFC 3264 §6): the relay only carries the first audio stream;
/// - o= becomes @p origin's (LegOrigin::stamp);
/// - codecs, fmtp, direction, ptime and all other lines are kept.
SessionDescription rewriteForLeg(const SessionDescription& received, const Endpoint& ours, LegOrigin& origin);

/// Reorder the formats of the first audio stream of an offer so that the
/// encodings named in @p preference (e.g. {"PCMA", "PCMU"}, case-insensitive)
/// come first, in that order; the others keep their relative order after
/// them. Nothing is added or removed. An empty preference changes nothing.
void preferCodecs(SessionDescription& offer, const std::vector<std::string>& preference);

}  // namespace sb::media
