// SDP queries, offer/answer matching (RFC 3264) and the per-leg rewrite that
// anchors media at Switchboard's relay.

#include <algorithm>
#include <array>
#include <cctype>
#include <cerrno>
#include <charconv>
#include <random>

#include "media/sdp.h"

namespace sb::media {

namespace {

bool equalsIgnoreCase(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               auto lower = [](char c) {
                   return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
               };
               return lower(x) == lower(y);
           });
}

struct StaticPayload {
    uint8_t pt;
    const char* encoding;
    uint32_t clockRate;
    const char* params;
};

// RFC 3551 §6, Table 4 (audio) and Table 5 (video).
constexpr std::array<StaticPayload, 23> kStaticPayloads{{
    {0, "PCMU", 8000, ""},   {3, "GSM", 8000, ""},    {4, "G723", 8000, ""},   {5, "DVI4", 8000, ""},
    {6, "DVI4", 16000, ""},  {7, "LPC", 8000, ""},    {8, "PCMA", 8000, ""},   {9, "G722", 8000, ""},
    {10, "L16", 44100, "2"}, {11, "L16", 44100, ""},  {12, "QCELP", 8000, ""}, {13, "CN", 8000, ""},
    {14, "MPA", 90000, ""},  {15, "G728", 8000, ""},  {16, "DVI4", 11025, ""}, {17, "DVI4", 22050, ""},
    {18, "G729", 8000, ""},  {25, "CelB", 90000, ""}, {26, "JPEG", 90000, ""}, {28, "nv", 90000, ""},
    {31, "H261", 90000, ""}, {32, "MPV", 90000, ""},  {34, "H263", 90000, ""},
}};

bool isSignallingCodec(std::string_view encoding) {
    // RFC 4733 DTMF events and RFC 3389 comfort noise are not "the codec".
    return equalsIgnoreCase(encoding, "telephone-event") || equalsIgnoreCase(encoding, "CN");
}

// Channel count for matching: an absent parameter means one (RFC 4566 §6).
std::string_view channels(const RtpMap& m) {
    return m.encodingParams.empty() ? std::string_view("1") : std::string_view(m.encodingParams);
}

bool sameCodec(const RtpMap& a, const RtpMap& b) {
    return equalsIgnoreCase(a.encoding, b.encoding) && a.clockRate == b.clockRate &&
           channels(a) == channels(b);
}

// ICE attributes (RFC 8839 §5) name addresses other than the relay's.
bool isIceAttribute(std::string_view name) {
    return name == "candidate" || name == "remote-candidates" || name == "end-of-candidates" ||
           name.substr(0, 4) == "ice-";
}

std::string addrTypeOf(const std::string& address) {
    return address.find(':') != std::string::npos ? "IP6" : "IP4";
}

uint64_t randomSessionId() {
    // Seeded once: a random_device per call showed in the profile, and an
    // origin session id needs uniqueness, not secrecy (RFC 4566 §5.2).
    thread_local std::mt19937 generator{std::random_device{}()};
    // Below 2^31 so that even peers storing it in a signed 32-bit int cope.
    return (static_cast<uint64_t>(generator()) & 0x7fffffffu) | 1u;
}

}  // namespace

std::optional<uint8_t> Format::payloadType() const {
    if (id.empty() || id.size() > 3) return std::nullopt;
    unsigned v = 0;
    const auto [end, ec] = std::from_chars(id.data(), id.data() + id.size(), v);
    if (ec != std::errc() || end != id.data() + id.size() || v > 127) return std::nullopt;
    return static_cast<uint8_t>(v);
}

bool MediaSection::isRtp() const {
    return proto.find("RTP/") != std::string::npos;
}

const Format* MediaSection::findFormat(std::string_view id) const {
    for (const Format& f : formats) {
        if (f.id == id) return &f;
    }
    return nullptr;
}

Format* MediaSection::findFormat(std::string_view id) {
    return const_cast<Format*>(static_cast<const MediaSection*>(this)->findFormat(id));
}

std::optional<RtpMap> resolveRtpMap(const Format& format) {
    if (format.rtpmap) return format.rtpmap;
    const auto pt = format.payloadType();
    if (!pt) return std::nullopt;
    for (const StaticPayload& s : kStaticPayloads) {
        if (s.pt == *pt) return RtpMap{s.encoding, s.clockRate, s.params};
    }
    return std::nullopt;
}

Direction effectiveDirection(const SessionDescription& sdp, const MediaSection& media) {
    if (media.direction) return *media.direction;
    if (sdp.direction) return *sdp.direction;
    return Direction::SendRecv;
}

std::optional<size_t> firstAudioIndex(const SessionDescription& sdp) {
    for (size_t i = 0; i < sdp.media.size(); ++i) {
        if (sdp.media[i].media == "audio" && sdp.media[i].port != 0) return i;
    }
    return std::nullopt;
}

std::optional<Endpoint> audioEndpoint(const SessionDescription& sdp) {
    const auto index = firstAudioIndex(sdp);
    if (!index) return std::nullopt;
    const MediaSection& m = sdp.media[*index];
    const auto& c = m.connection ? m.connection : sdp.connection;
    if (!c) return std::nullopt;
    // Drop a multicast "/ttl" suffix; the relay speaks unicast only.
    return Endpoint{c->address.substr(0, c->address.find('/')), m.port};
}

std::optional<uint8_t> findPayloadType(const MediaSection& media, std::string_view encoding,
                                       uint32_t clockRate) {
    for (const Format& f : media.formats) {
        const auto map = resolveRtpMap(f);
        if (map && equalsIgnoreCase(map->encoding, encoding) && map->clockRate == clockRate)
            return f.payloadType();
    }
    return std::nullopt;
}

std::string firstAudioCodecName(const SessionDescription& sdp) {
    const auto index = firstAudioIndex(sdp);
    if (!index) return {};
    for (const Format& f : sdp.media[*index].formats) {
        const auto map = resolveRtpMap(f);
        if (map && !isSignallingCodec(map->encoding)) return map->encoding;
    }
    return {};
}

std::string Negotiation::primaryCodecName() const {
    for (const NegotiatedCodec& c : codecs) {
        if (!isSignallingCodec(c.codec.encoding)) return c.codec.encoding;
    }
    return {};
}

Result<Negotiation> negotiate(const SessionDescription& offer, const SessionDescription& answer) {
    const auto index = firstAudioIndex(offer);
    if (!index) return makeError("the offer has no audio stream", EPROTO);
    // RFC 3264 §6: the answer has exactly as many m= lines, in the same order.
    if (answer.media.size() != offer.media.size()) {
        return makeError("the answer has " + std::to_string(answer.media.size()) + " m= lines, the offer " +
                             std::to_string(offer.media.size()),
                         EPROTO);
    }
    const MediaSection& offered = offer.media[*index];
    const MediaSection& answered = answer.media[*index];
    if (answered.media != offered.media) {
        return makeError("m= line " + std::to_string(*index + 1) + " is " + offered.media +
                             " in the offer but " + answered.media + " in the answer",
                         EPROTO);
    }
    Negotiation n;
    n.mediaIndex = *index;
    if (answered.port == 0) {
        n.direction = Direction::Inactive;
        return n;
    }
    n.accepted = true;
    n.direction = effectiveDirection(answer, answered);
    for (const Format& a : answered.formats) {
        const auto aMap = resolveRtpMap(a);
        const auto aPt = a.payloadType();
        if (!aMap || !aPt) continue;
        for (const Format& o : offered.formats) {
            const auto oMap = resolveRtpMap(o);
            const auto oPt = o.payloadType();
            if (oMap && oPt && sameCodec(*aMap, *oMap)) {
                n.codecs.push_back({*aMap, *oPt, *aPt, a.fmtp});
                break;
            }
        }
    }
    if (n.codecs.empty())
        return makeError("the answer accepts audio but has no codec in common with the offer", EPROTO);
    return n;
}

LegOrigin::LegOrigin(std::string username) : m_username(std::move(username)) {
    m_sessionId = randomSessionId();
    m_version = m_sessionId;  // a common convention (RFC 4566 §5.2 suggests NTP time)
}

LegOrigin::LegOrigin(std::string username, uint64_t sessionId, uint64_t firstVersion)
    : m_username(std::move(username)), m_sessionId(sessionId), m_version(firstVersion) {}

void LegOrigin::stamp(SessionDescription& sdp, const std::string& address) {
    sdp.origin = Origin{m_username, std::to_string(m_sessionId), 0, "IN", addrTypeOf(address), address};
    std::string content = renderSdp(sdp);
    if (m_lastContent && *m_lastContent != content) ++m_version;
    m_lastContent = std::move(content);
    sdp.origin.sessionVersion = m_version;
}

SessionDescription rewriteForLeg(const SessionDescription& received, const Endpoint& ours,
                                 LegOrigin& origin) {
    SessionDescription out = received;
    const Connection ourConnection{"IN", addrTypeOf(ours.address), ours.address};
    out.connection = ourConnection;
    auto keep = [](const Attribute& a) { return !isIceAttribute(a.name); };
    auto removeIce = [&](std::vector<Attribute>& attributes, std::vector<AttributeSlot>& order) {
        // Drop the attribute and its "Other" slot together so the order stays aligned.
        std::vector<Attribute> kept;
        std::vector<AttributeSlot> keptOrder;
        size_t other = 0;
        for (const AttributeSlot& slot : order) {
            if (slot.kind != AttributeSlot::Kind::Other) {
                keptOrder.push_back(slot);
            } else if (other < attributes.size()) {
                if (keep(attributes[other])) {
                    kept.push_back(attributes[other]);
                    keptOrder.push_back(slot);
                }
                ++other;
            }
        }
        for (; other < attributes.size(); ++other) {
            if (keep(attributes[other])) kept.push_back(attributes[other]);
        }
        attributes = std::move(kept);
        order = std::move(keptOrder);
    };
    removeIce(out.attributes, out.attributeOrder);

    const auto audio = firstAudioIndex(received);
    for (size_t i = 0; i < out.media.size(); ++i) {
        MediaSection& m = out.media[i];
        if (m.connection) m.connection = ourConnection;
        removeIce(m.attributes, m.attributeOrder);
        m.portCount.reset();
        if (!audio || i != *audio) {
            m.port = 0;
            continue;
        }
        m.port = ours.port;
        for (Attribute& a : m.attributes) {
            // RFC 3605: our RTCP is on the RTP port + 1 of our own address.
            if (a.name == "rtcp") a.value = std::to_string(static_cast<uint32_t>(ours.port) + 1);
        }
    }
    origin.stamp(out, ours.address);
    return out;
}

}  // namespace sb::media

namespace sb::media {

void preferCodecs(SessionDescription& offer, const std::vector<std::string>& preference) {
    const auto audio = firstAudioIndex(offer);
    if (preference.empty() || !audio) return;
    auto rank = [&](const Format& f) {
        const auto map = resolveRtpMap(f);
        if (!map) return preference.size();
        for (size_t i = 0; i < preference.size(); ++i) {
            const std::string& want = preference[i];
            if (want.size() == map->encoding.size() &&
                std::equal(want.begin(), want.end(), map->encoding.begin(), [](char a, char b) {
                    return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b));
                }))
                return i;
        }
        return preference.size();
    };
    auto& formats = offer.media[*audio].formats;
    std::stable_sort(formats.begin(), formats.end(),
                     [&](const Format& a, const Format& b) { return rank(a) < rank(b); });
}

}  // namespace sb::media
