// SDP parser (RFC 4566). Input comes from the network and is fuzzed: every
// access is bounds-checked through std::string_view, numbers go through
// std::from_chars with explicit limits, and every malformed line is an error
// that names the line.

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <set>

#include "media/sdp.h"

namespace sb::media {

namespace {

// RFC 4566 §9 token-char: visible ASCII except "(),/:;<=>?@[\]
bool isTokenChar(char c) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x21 || u > 0x7e) return false;
    return std::string_view("\"(),/:;<=>?@[\\]").find(c) == std::string_view::npos;
}

bool isToken(std::string_view s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), isTokenChar);
}

bool isVisible(std::string_view s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
        const auto u = static_cast<unsigned char>(c);
        return u >= 0x21 && u <= 0x7e;
    });
}

std::optional<uint64_t> parseNumber(std::string_view s, uint64_t max) {
    if (s.empty() || s.size() > 20) return std::nullopt;
    if (!std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; })) return std::nullopt;
    uint64_t v = 0;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || end != s.data() + s.size() || v > max) return std::nullopt;
    return v;
}

// Fields separated by one or more spaces (RFC 4566 asks for exactly one; some
// stacks pad, and tolerating it costs nothing).
std::vector<std::string_view> splitFields(std::string_view s) {
    std::vector<std::string_view> out;
    size_t i = 0;
    while (i < s.size()) {
        while (i < s.size() && s[i] == ' ') ++i;
        if (i >= s.size()) break;
        const size_t start = i;
        while (i < s.size() && s[i] != ' ') ++i;
        out.push_back(s.substr(start, i - start));
    }
    return out;
}

// A quoted, shortened, printable copy of untrusted text for error messages.
std::string quote(std::string_view s) {
    constexpr size_t kMax = 48;
    std::string out = "\"";
    for (size_t i = 0; i < s.size() && i < kMax; ++i) {
        const auto u = static_cast<unsigned char>(s[i]);
        if (u >= 0x20 && u < 0x7f && u != '"' && u != '\\') {
            out += s[i];
        } else {
            static constexpr char kHex[] = "0123456789abcdef";
            out += "\\x";
            out += kHex[u >> 4];
            out += kHex[u & 0x0f];
        }
    }
    if (s.size() > kMax) out += "...";
    return out + "\"";
}

// The value of an attribute as a view into the attribute itself (never into a
// temporary, which value_or() would return).
std::string_view valueOf(const Attribute& a) {
    return a.value ? std::string_view(*a.value) : std::string_view();
}

class Parser {
public:
    Result<SessionDescription> run(std::string_view text);

private:
    Error fail(const std::string& what) const {
        return makeError("SDP line " + std::to_string(m_lineNo) + ": " + what, EBADMSG);
    }
    std::optional<Error> sessionLine(char type, std::string_view value);
    std::optional<Error> mediaLine(char type, std::string_view value);
    std::optional<Error> origin(std::string_view value);
    std::optional<Error> connection(std::string_view value, std::optional<Connection>& out);
    std::optional<Error> mediaStart(std::string_view value);
    std::optional<Error> mediaEnd();
    std::optional<Error> sessionAttribute(std::string_view value);
    std::optional<Error> mediaAttribute(std::string_view value);
    std::optional<Error> rtpmap(MediaSection& m, const Attribute& a);
    std::optional<Error> fmtp(MediaSection& m, const Attribute& a);
    std::optional<Error> splitAttribute(std::string_view value, Attribute& out);
    std::optional<Error> direction(std::optional<Direction>& slot, Direction d, const Attribute& a);

    SessionDescription m_sdp;
    MediaSection* m_media = nullptr;
    size_t m_lineNo = 0;
    size_t m_mediaLineNo = 0;
    bool m_seenOrigin = false;
    bool m_seenName = false;
};

Result<SessionDescription> Parser::run(std::string_view text) {
    if (text.size() > kMaxSdpBytes) {
        return makeError("SDP of " + std::to_string(text.size()) + " bytes exceeds the limit of " +
                             std::to_string(kMaxSdpBytes),
                         EMSGSIZE);
    }
    std::vector<std::string_view> lines;
    size_t pos = 0;
    while (pos < text.size()) {
        size_t nl = text.find('\n', pos);
        if (nl == std::string_view::npos) nl = text.size();
        std::string_view line = text.substr(pos, nl - pos);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        if (lines.size() == kMaxSdpLines) {
            return makeError("SDP has more than " + std::to_string(kMaxSdpLines) + " lines", EMSGSIZE);
        }
        lines.push_back(line);
        pos = nl + 1;
    }
    // Trailing empty lines (a doubled final CRLF) are harmless; inner ones are not.
    while (!lines.empty() && lines.back().empty()) lines.pop_back();
    if (lines.empty()) return makeError("empty SDP", EBADMSG);

    for (const std::string_view line : lines) {
        ++m_lineNo;
        if (line.empty()) return fail("empty line");
        if (line.find('\0') != std::string_view::npos) return fail("NUL byte in " + quote(line));
        if (line.find('\r') != std::string_view::npos) return fail("stray CR in " + quote(line));
        if (line.size() < 2 || line[0] < 'a' || line[0] > 'z' || line[1] != '=') {
            return fail("expected <letter>=<value>, got " + quote(line));
        }
        const char type = line[0];
        const std::string_view value = line.substr(2);
        if (m_lineNo == 1) {
            if (type != 'v' || value != "0") return fail("the first line must be v=0, got " + quote(line));
            continue;
        }
        if (type == 'v') return fail("v= may only be the first line");
        const auto err = (type == 'm') ? mediaStart(value)
                         : m_media     ? mediaLine(type, value)
                                       : sessionLine(type, value);
        if (err) return *err;
    }
    ++m_lineNo;
    if (auto err = mediaEnd()) return *err;
    if (!m_seenOrigin) return makeError("SDP has no o= line", EBADMSG);
    return std::move(m_sdp);
}

std::optional<Error> Parser::sessionLine(char type, std::string_view value) {
    switch (type) {
        case 'o':
            if (m_seenOrigin) return fail("second o= line");
            m_seenOrigin = true;
            return origin(value);
        case 's':
            if (m_seenName) return fail("second s= line");
            m_seenName = true;
            m_sdp.sessionName = std::string(value);
            return std::nullopt;
        case 'c':
            if (m_sdp.connection) return fail("second session-level c= line");
            return connection(value, m_sdp.connection);
        case 'a':
            return sessionAttribute(value);
        case 't': {
            const auto f = splitFields(value);
            if (f.size() != 2 || !parseNumber(f[0], UINT64_MAX) || !parseNumber(f[1], UINT64_MAX)) {
                return fail("t= needs <start> <stop> times, got " + quote(value));
            }
            break;
        }
        case 'b':
            if (value.find(':') == std::string_view::npos || value.front() == ':') {
                return fail("b= needs <bwtype>:<bandwidth>, got " + quote(value));
            }
            break;
        case 'i':
        case 'u':
        case 'e':
        case 'p':
        case 'r':
        case 'z':
        case 'k':
            break;
        default:
            return fail(std::string("unknown line type '") + type + "='");
    }
    m_sdp.lines.push_back({type, std::string(value)});
    return std::nullopt;
}

std::optional<Error> Parser::mediaLine(char type, std::string_view value) {
    switch (type) {
        case 'c':
            if (m_media->connection) return fail("second c= line in one media section");
            return connection(value, m_media->connection);
        case 'a':
            return mediaAttribute(value);
        case 'b':
            if (value.find(':') == std::string_view::npos || value.front() == ':') {
                return fail("b= needs <bwtype>:<bandwidth>, got " + quote(value));
            }
            [[fallthrough]];
        case 'i':
        case 'k':
            m_media->lines.push_back({type, std::string(value)});
            return std::nullopt;
        case 'o':
        case 's':
        case 'u':
        case 'e':
        case 'p':
        case 't':
        case 'r':
        case 'z':
            return fail(std::string(1, type) + "= belongs to the session part, not after m=");
        default:
            return fail(std::string("unknown line type '") + type + "='");
    }
}

std::optional<Error> Parser::origin(std::string_view value) {
    const auto f = splitFields(value);
    if (f.size() != 6) return fail("o= needs 6 fields, got " + quote(value));
    const auto version = parseNumber(f[2], UINT64_MAX);
    if (!isVisible(f[0]) || !isVisible(f[1])) return fail("bad o= username or session id in " + quote(value));
    if (!version) return fail("o= session version " + quote(f[2]) + " is not a number");
    Origin& o = m_sdp.origin;
    o.username = std::string(f[0]);
    o.sessionId = std::string(f[1]);
    o.sessionVersion = *version;
    std::optional<Connection> c;
    if (auto err = connection(value.substr(static_cast<size_t>(f[3].data() - value.data())), c)) return err;
    o.netType = c->netType;
    o.addrType = c->addrType;
    o.address = c->address;
    return std::nullopt;
}

std::optional<Error> Parser::connection(std::string_view value, std::optional<Connection>& out) {
    const auto f = splitFields(value);
    if (f.size() != 3) return fail("expected <nettype> <addrtype> <address>, got " + quote(value));
    if (f[0] != "IN") return fail("network type " + quote(f[0]) + " is not IN");
    if (f[1] != "IP4" && f[1] != "IP6") return fail("address type " + quote(f[1]) + " is not IP4 or IP6");
    // Numeric addresses, host names (RFC 4566 §5.7 allows FQDNs) and "/ttl".
    const bool addressOk = f[2].size() <= 255 && std::all_of(f[2].begin(), f[2].end(), [](char c) {
                               return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
                                      (c >= 'A' && c <= 'Z') ||
                                      std::string_view(".-:/_%").find(c) != std::string_view::npos;
                           });
    if (!addressOk) return fail("bad connection address " + quote(f[2]));
    out = Connection{std::string(f[0]), std::string(f[1]), std::string(f[2])};
    return std::nullopt;
}

std::optional<Error> Parser::mediaStart(std::string_view value) {
    if (auto err = mediaEnd()) return err;
    if (m_sdp.media.size() == kMaxMediaSections) {
        return fail("more than " + std::to_string(kMaxMediaSections) + " m= lines");
    }
    const auto f = splitFields(value);
    if (f.size() < 4) return fail("m= needs <media> <port> <proto> <fmt>..., got " + quote(value));
    MediaSection m;
    if (!isToken(f[0])) return fail("bad media type " + quote(f[0]));
    m.media = std::string(f[0]);
    std::string_view portText = f[1];
    if (const size_t slash = portText.find('/'); slash != std::string_view::npos) {
        const auto count = parseNumber(portText.substr(slash + 1), 65535);
        if (!count || *count == 0) return fail("bad port count in " + quote(f[1]));
        m.portCount = static_cast<uint16_t>(*count);
        portText = portText.substr(0, slash);
    }
    const auto port = parseNumber(portText, 65535);
    if (!port) return fail("m= port " + quote(f[1]) + " is not a number 0..65535");
    m.port = static_cast<uint16_t>(*port);
    const bool protoOk =
        std::all_of(f[2].begin(), f[2].end(), [](char c) { return isTokenChar(c) || c == '/'; });
    if (!protoOk) return fail("bad transport protocol " + quote(f[2]));
    m.proto = std::string(f[2]);
    if (f.size() - 3 > kMaxFormatsPerMedia)
        return fail("more than " + std::to_string(kMaxFormatsPerMedia) + " formats");
    std::set<std::string_view> seen;
    for (size_t i = 3; i < f.size(); ++i) {
        if (m.isRtp() ? !parseNumber(f[i], 127) : !isToken(f[i])) {
            return fail("format " + quote(f[i]) +
                        (m.isRtp() ? " is not an RTP payload type 0..127" : " is not a token"));
        }
        if (!seen.insert(f[i]).second) return fail("format " + quote(f[i]) + " listed twice");
        m.formats.push_back(Format{std::string(f[i]), std::nullopt, std::nullopt});
    }
    m_sdp.media.push_back(std::move(m));
    m_media = &m_sdp.media.back();
    m_mediaLineNo = m_lineNo;
    return std::nullopt;
}

std::optional<Error> Parser::mediaEnd() {
    if (!m_media) return std::nullopt;
    // RFC 4566 §5.7: a c= at session level or in every media section. A
    // disabled stream (port 0) is not used, so it may go without.
    if (m_media->port != 0 && !m_media->connection && !m_sdp.connection) {
        return makeError("SDP line " + std::to_string(m_mediaLineNo) + ": m=" + m_media->media +
                             " has no c= line and the session has none",
                         EBADMSG);
    }
    return std::nullopt;
}

std::optional<Error> Parser::splitAttribute(std::string_view value, Attribute& out) {
    const size_t colon = value.find(':');
    const std::string_view name = value.substr(0, colon);
    if (!isToken(name)) return fail("bad attribute name in a=" + std::string(quote(value)));
    out.name = std::string(name);
    if (colon != std::string_view::npos) out.value = std::string(value.substr(colon + 1));
    return std::nullopt;
}

std::optional<Error> Parser::direction(std::optional<Direction>& slot, Direction d, const Attribute& a) {
    if (a.value) return fail("a=" + a.name + " takes no value");
    if (slot) return fail("a=" + a.name + " conflicts with an earlier a=" + std::string(toString(*slot)));
    slot = d;
    return std::nullopt;
}

std::optional<Error> Parser::sessionAttribute(std::string_view value) {
    Attribute a;
    if (auto err = splitAttribute(value, a)) return err;
    if (const auto d = directionFromString(a.name)) {
        if (auto err = direction(m_sdp.direction, *d, a)) return err;
        m_sdp.attributeOrder.push_back({AttributeSlot::Kind::Direction, {}});
        return std::nullopt;
    }
    m_sdp.attributes.push_back(std::move(a));
    m_sdp.attributeOrder.push_back({AttributeSlot::Kind::Other, {}});
    return std::nullopt;
}

std::optional<Error> Parser::mediaAttribute(std::string_view value) {
    MediaSection& m = *m_media;
    Attribute a;
    if (auto err = splitAttribute(value, a)) return err;
    if (const auto d = directionFromString(a.name)) {
        if (auto err = direction(m.direction, *d, a)) return err;
        m.attributeOrder.push_back({AttributeSlot::Kind::Direction, {}});
        return std::nullopt;
    }
    if (a.name == "rtpmap" && m.isRtp()) return rtpmap(m, a);
    if (a.name == "fmtp") return fmtp(m, a);
    if (a.name == "ptime") {
        const std::string_view v = valueOf(a);
        if (const auto ms = parseNumber(v, 100000); ms && *ms > 0) {
            if (m.ptimeMs) return fail("second a=ptime");
            m.ptimeMs = static_cast<uint32_t>(*ms);
            m.attributeOrder.push_back({AttributeSlot::Kind::Ptime, {}});
            return std::nullopt;
        }
        // "a=ptime:20.0" is seen in the wild: keep a decimal verbatim.
        const size_t dot = v.find('.');
        if (dot == std::string_view::npos || !parseNumber(v.substr(0, dot), 100000) ||
            !parseNumber(v.substr(dot + 1), UINT64_MAX)) {
            return fail("a=ptime value " + quote(v) + " is not a positive number of milliseconds");
        }
    }
    m.attributes.push_back(std::move(a));
    m.attributeOrder.push_back({AttributeSlot::Kind::Other, {}});
    return std::nullopt;
}

std::optional<Error> Parser::rtpmap(MediaSection& m, const Attribute& a) {
    const auto f = splitFields(valueOf(a));
    if (f.size() != 2) {
        return fail("a=rtpmap needs <payload type> <encoding>/<clock rate>, got " + quote(valueOf(a)));
    }
    const auto pt = parseNumber(f[0], 127);
    if (!pt) return fail("rtpmap payload type " + quote(f[0]) + " is not 0..127");
    const std::string_view spec = f[1];
    const size_t slash1 = spec.find('/');
    if (slash1 == std::string_view::npos) return fail("rtpmap " + quote(spec) + " has no clock rate");
    RtpMap map;
    const std::string_view encoding = spec.substr(0, slash1);
    if (!isToken(encoding)) return fail("bad rtpmap encoding name " + quote(encoding));
    map.encoding = std::string(encoding);
    std::string_view rest = spec.substr(slash1 + 1);
    const size_t slash2 = rest.find('/');
    if (slash2 != std::string_view::npos) {
        const std::string_view params = rest.substr(slash2 + 1);
        if (!isToken(params)) return fail("bad rtpmap encoding parameters " + quote(params));
        map.encodingParams = std::string(params);
        rest = rest.substr(0, slash2);
    }
    const auto clock = parseNumber(rest, UINT32_MAX);
    if (!clock || *clock == 0) return fail("rtpmap clock rate " + quote(rest) + " is not a positive number");
    map.clockRate = static_cast<uint32_t>(*clock);
    Format* format = m.findFormat(f[0]);
    if (!format) {
        // A map for a payload type the m= line does not list is harmless; keep it.
        m.attributes.push_back(a);
        m.attributeOrder.push_back({AttributeSlot::Kind::Other, {}});
        return std::nullopt;
    }
    if (format->rtpmap) return fail("second a=rtpmap for payload type " + format->id);
    format->rtpmap = std::move(map);
    m.attributeOrder.push_back({AttributeSlot::Kind::Rtpmap, format->id});
    return std::nullopt;
}

std::optional<Error> Parser::fmtp(MediaSection& m, const Attribute& a) {
    const std::string_view v = valueOf(a);
    const size_t space = v.find(' ');
    const std::string_view id = v.substr(0, space);
    if (!isToken(id)) return fail("a=fmtp needs <format> <parameters>, got " + quote(v));
    if (space == std::string_view::npos || v.find_first_not_of(' ', space) == std::string_view::npos) {
        return fail("a=fmtp:" + std::string(id) + " has no parameters");
    }
    Format* format = m.findFormat(id);
    if (!format) {
        m.attributes.push_back(a);
        m.attributeOrder.push_back({AttributeSlot::Kind::Other, {}});
        return std::nullopt;
    }
    if (format->fmtp) return fail("second a=fmtp for format " + format->id);
    format->fmtp = std::string(v.substr(space + 1));
    m.attributeOrder.push_back({AttributeSlot::Kind::Fmtp, format->id});
    return std::nullopt;
}

}  // namespace

Result<SessionDescription> parseSdp(std::string_view text) {
    return Parser().run(text);
}

}  // namespace sb::media
