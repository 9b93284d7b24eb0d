#include "sip/request_checks.h"

#include <re.h>

#include <charconv>
#include <cstdio>
#include <vector>

#include "sip/sip_stack.h"

namespace sb::sip {

namespace {

bool isLws(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }
bool isDigit(char c) { return c >= '0' && c <= '9'; }
bool isAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
// token (RFC 3261 §25.1): alphanum / "-" / "." / "!" / "%" / "*" / "_" / "+" / "`" / "'" / "~"
bool isTokenChar(char c) {
    return isAlpha(c) || isDigit(c) || std::string_view("-.!%*_+`'~").find(c) != std::string_view::npos;
}

char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

bool iequals(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i)
        if (lower(a[i]) != lower(b[i])) return false;
    return true;
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && isLws(s.front())) s.remove_prefix(1);
    while (!s.empty() && isLws(s.back())) s.remove_suffix(1);
    return s;
}

size_t skipLws(std::string_view s, size_t i) {
    while (i < s.size() && isLws(s[i])) ++i;
    return i;
}

size_t skipToken(std::string_view s, size_t i) {
    while (i < s.size() && isTokenChar(s[i])) ++i;
    return i;
}

bool allDigits(std::string_view s) {
    if (s.empty()) return false;
    for (char c : s)
        if (!isDigit(c)) return false;
    return true;
}

/// Decimal value of 1*DIGIT, nullopt when it does not fit in 32 bits.
std::optional<uint32_t> u32(std::string_view s) {
    if (!allDigits(s)) return std::nullopt;
    uint32_t v = 0;
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
    return v;
}

// ---- raw header section -------------------------------------------------

struct RawHeader {
    std::string_view name;
    size_t lineBegin = 0;   ///< offset of the header line
    size_t valueBegin = 0;  ///< offset of the value (after the colon)
    size_t end = 0;         ///< offset of the CRLF ending the (folded) header
};

struct RawMessage {
    std::string_view firstLine;
    std::vector<RawHeader> headers;
    bool terminated = false;  ///< the header section ends with an empty line
};

RawMessage parseRaw(std::string_view raw) {
    RawMessage m;
    size_t eol = raw.find("\r\n");
    if (eol == std::string_view::npos) {
        m.firstLine = raw;
        return m;
    }
    m.firstLine = raw.substr(0, eol);
    size_t pos = eol + 2;
    while (pos < raw.size()) {
        if (raw.compare(pos, 2, "\r\n") == 0) {
            m.terminated = true;
            break;
        }
        size_t end = raw.find("\r\n", pos);
        // Folded lines (CRLF then SP/HTAB) belong to the same header (§7.3.1).
        while (end != std::string_view::npos && end + 2 < raw.size() && (raw[end + 2] == ' ' || raw[end + 2] == '\t'))
            end = raw.find("\r\n", end + 2);
        if (end == std::string_view::npos) end = raw.size();
        const size_t colon = raw.find(':', pos);
        if (colon != std::string_view::npos && colon < end) {
            RawHeader h;
            h.name = trim(raw.substr(pos, colon - pos));
            h.lineBegin = pos;
            h.valueBegin = colon + 1;
            h.end = end;
            m.headers.push_back(h);
        }
        pos = end + 2;
    }
    return m;
}

bool nameIs(std::string_view name, std::string_view full, std::string_view compact) {
    return iequals(name, full) || (!compact.empty() && iequals(name, compact));
}

const RawHeader* findRaw(const RawMessage& m, std::string_view full, std::string_view compact) {
    for (const auto& h : m.headers)
        if (nameIs(h.name, full, compact)) return &h;
    return nullptr;
}

/// Parsed "SIP/2.0/transport sent-by": offsets into @p v.
struct ViaParts {
    size_t sentByEnd = 0;  ///< just after host[:port]
    std::optional<uint16_t> port;
    size_t paramsBegin = 0;
};

std::optional<ViaParts> parseViaHead(std::string_view v) {
    size_t i = skipLws(v, 0);
    // sent-protocol = protocol-name SLASH protocol-version SLASH transport
    for (int part = 0; part < 3; ++part) {
        const size_t t = skipToken(v, i);
        if (t == i) return std::nullopt;
        i = skipLws(v, t);
        if (part < 2) {
            if (i >= v.size() || v[i] != '/') return std::nullopt;
            i = skipLws(v, i + 1);
        }
    }
    // sent-by = host [ COLON port ]
    const size_t hostBegin = i;
    if (i < v.size() && v[i] == '[') {
        const size_t close = v.find(']', i);
        if (close == std::string_view::npos) return std::nullopt;
        i = close + 1;
    } else {
        while (i < v.size() && (isAlpha(v[i]) || isDigit(v[i]) || v[i] == '-' || v[i] == '.')) ++i;
    }
    if (i == hostBegin) return std::nullopt;
    ViaParts parts;
    size_t j = skipLws(v, i);
    if (j < v.size() && v[j] == ':') {
        j = skipLws(v, j + 1);
        size_t k = j;
        while (k < v.size() && isDigit(v[k])) ++k;
        auto port = u32(v.substr(j, k - j));
        if (!port || *port > 65535) return std::nullopt;
        parts.port = static_cast<uint16_t>(*port);
        i = k;
    }
    parts.sentByEnd = i;
    parts.paramsBegin = i;
    return parts;
}

/// ";name[=value]" parameters, LWS around ";" and "=" allowed (SEMI, EQUAL).
/// Values are tokens, host names or quoted strings. Stops at @p stop.
bool validParams(std::string_view v, size_t i, size_t& end, std::string_view stops = "") {
    for (;;) {
        i = skipLws(v, i);
        if (i >= v.size() || stops.find(v[i]) != std::string_view::npos) {
            end = i;
            return true;
        }
        if (v[i] != ';') return false;
        i = skipLws(v, i + 1);
        const size_t name = skipToken(v, i);
        if (name == i) return false;  // empty parameter: ";;"
        i = skipLws(v, name);
        if (i < v.size() && v[i] == '=') {
            i = skipLws(v, i + 1);
            if (i < v.size() && v[i] == '"') {
                ++i;
                while (i < v.size() && v[i] != '"') i += (v[i] == '\\') ? 2 : 1;
                if (i >= v.size()) return false;
                ++i;
            } else {
                // gen-value = token / host; taken loosely (phones put odd
                // characters here), only what ends a parameter stops it.
                size_t k = i;
                while (k < v.size() && !isLws(v[k]) && std::string_view(";,\"<>").find(v[k]) == std::string_view::npos)
                    ++k;
                if (k == i) return false;
                i = k;
            }
        }
    }
}

bool hasParam(std::string_view params, std::string_view name) {
    size_t i = 0;
    while ((i = params.find(';', i)) != std::string_view::npos) {
        size_t b = skipLws(params, i + 1);
        size_t e = skipToken(params, b);
        if (iequals(params.substr(b, e - b), name)) return true;
        i = e > i ? e : i + 1;
    }
    return false;
}

/// The first via-parm of the top Via header (up to a comma outside quotes).
std::string_view firstViaParm(std::string_view value) {
    bool quoted = false;
    for (size_t i = 0; i < value.size(); ++i) {
        if (value[i] == '"') quoted = !quoted;
        if (value[i] == ',' && !quoted) return value.substr(0, i);
    }
    return value;
}

uint64_t fnv1a(std::string_view s, uint64_t h = 1469598103934665603ull) {
    for (char c : s) {
        h ^= static_cast<unsigned char>(c);
        h *= 1099511628211ull;
    }
    return h;
}

std::string headerLines(std::string_view raw, const RawMessage& m, std::string_view full, std::string_view compact) {
    std::string out;
    for (const auto& h : m.headers) {
        if (nameIs(h.name, full, compact)) {
            out.append(raw.substr(h.lineBegin, h.end - h.lineBegin));
            out += "\r\n";
        }
    }
    return out;
}

// ---- decoded message ----------------------------------------------------

struct Count {
    int n = 0;
};

bool countHeader(const struct sip_hdr*, const struct sip_msg*, void* arg) {
    ++static_cast<Count*>(arg)->n;
    return false;
}

int headerCount(const ::sip_msg& msg, enum sip_hdrid id) {
    Count c;
    (void)sip_msg_hdr_apply(&msg, true, id, &countHeader, &c);
    return c.n;
}

std::vector<std::string_view> values(const ::sip_msg& msg, enum sip_hdrid id) {
    std::vector<std::string_view> out;
    for (struct le* le = msg.hdrl.head; le; le = le->next) {
        const auto* hdr = static_cast<const struct sip_hdr*>(le->data);
        if (hdr->id == id) out.emplace_back(hdr->val.p, hdr->val.l);
    }
    return out;
}

std::string_view view(const struct pl& p) { return p.p ? std::string_view(p.p, p.l) : std::string_view(); }

CheckVerdict bad(std::string reason) { return CheckVerdict{400, std::move(reason), {}}; }

/// Request-URI (RFC 3261 §25.1): scheme ":" then no LWS, "<", ">" or quotes.
bool validRequestUri(std::string_view uri) {
    if (uri.empty() || !isAlpha(uri[0])) return false;
    size_t i = 1;
    while (i < uri.size() && (isAlpha(uri[i]) || isDigit(uri[i]) || uri[i] == '+' || uri[i] == '-' || uri[i] == '.'))
        ++i;
    if (i >= uri.size() || uri[i] != ':' || i + 1 >= uri.size()) return false;
    for (char c : uri)
        if (isLws(c) || c == '<' || c == '>' || c == '"') return false;
    return true;
}

std::string_view schemeOf(std::string_view uri) { return uri.substr(0, uri.find(':')); }

/// A SIP or SIPS URI with a "?headers" part after the host.
bool sipUriHasHeaders(std::string_view uri) {
    const size_t at = uri.find('@');
    const size_t hostBegin = at == std::string_view::npos ? uri.find(':') : at;
    return uri.find('?', hostBegin) != std::string_view::npos;
}

}  // namespace

// ---------------------------------------------------------------- raw bytes

bool isValidStatusLine(std::string_view line) {
    if (line.substr(0, 8) != "SIP/2.0 ") return false;
    const std::string_view code = line.substr(8, 3);
    if (code.size() != 3 || !allDigits(code) || code[0] < '1' || code[0] > '6') return false;
    return line.size() == 11 || line[11] == ' ';
}

RawAction classifyUndecodable(std::string_view raw) {
    RawAction drop;
    drop.kind = RawAction::Kind::Drop;
    if (raw.substr(0, 4) == "SIP/") return drop;  // a response: never answered

    const RawMessage m = parseRaw(raw);
    const size_t methodEnd = skipToken(m.firstLine, 0);
    if (methodEnd == 0 || methodEnd >= m.firstLine.size() || m.firstLine[methodEnd] != ' ') return drop;
    const std::string_view method = m.firstLine.substr(0, methodEnd);
    const RawHeader* via = findRaw(m, "Via", "v");
    if (!via) return drop;  // nowhere to send an answer
    const std::string_view viaValue = raw.substr(via->valueBegin, via->end - via->valueBegin);

    RawAction reply;
    reply.kind = method == "ACK" ? RawAction::Kind::Drop : RawAction::Kind::Reply;
    reply.status = 400;
    reply.reason = "Bad Request";

    // Request-Line = Method SP Request-URI SP SIP-Version (§7.1, no extra SP).
    const std::string_view rest = m.firstLine.substr(methodEnd + 1);
    const size_t sp = rest.find(' ');
    const std::string_view uri = rest.substr(0, sp);
    const std::string_view version = sp == std::string_view::npos ? std::string_view() : rest.substr(sp + 1);
    if (version.substr(0, 4) == "SIP/" && version.find(' ') == std::string_view::npos && version != "SIP/2.0" &&
        !uri.empty()) {
        reply.status = 505;  // §8.2.2 / RFC 4475 §3.1.2.16
        reply.reason = "Version Not Supported";
        return reply;
    }
    if (version != "SIP/2.0" || uri.empty() || !m.terminated) return reply;

    // An RFC 2543 client: no branch in the top Via. libre cannot decode such
    // a Via at all; give it a branch derived from what identifies the
    // transaction in RFC 2543 (§17.2.3: Request-URI, From, Call-ID, CSeq
    // number, top Via), so a retransmission or the ACK gets the same one.
    const std::string_view top = firstViaParm(viaValue);
    auto head = parseViaHead(top);
    size_t paramsEnd = 0;
    if (!head || !validParams(top, head->paramsBegin, paramsEnd) || paramsEnd != top.size()) return reply;
    if (hasParam(top.substr(head->paramsBegin), "branch")) return reply;

    auto valueOf = [&](std::string_view full, std::string_view compact) {
        const RawHeader* h = findRaw(m, full, compact);
        return h ? trim(raw.substr(h->valueBegin, h->end - h->valueBegin)) : std::string_view();
    };
    const std::string_view cseq = valueOf("CSeq", "");
    const std::string_view cseqNumber = cseq.substr(0, skipToken(cseq, 0));
    uint64_t h = fnv1a(uri);
    h = fnv1a(trim(top), h);
    h = fnv1a(valueOf("From", "f"), h);
    h = fnv1a(valueOf("Call-ID", "i"), h);
    h = fnv1a(cseqNumber, h);
    char hex[17];
    std::snprintf(hex, sizeof(hex), "%016llx", static_cast<unsigned long long>(h));
    RawAction add;
    add.kind = RawAction::Kind::AddBranch;
    add.offset = via->valueBegin + head->sentByEnd;
    add.insert = std::string(kSyntheticBranchPrefix) + hex;
    return add;
}

RawAction classifyOversized(std::string_view raw) {
    RawAction a;
    a.kind = RawAction::Kind::Drop;
    const RawMessage m = parseRaw(raw);
    const size_t methodEnd = skipToken(m.firstLine, 0);
    if (raw.substr(0, 4) == "SIP/" || methodEnd == 0 || m.firstLine.substr(0, methodEnd) == "ACK" ||
        !findRaw(m, "Via", "v"))
        return a;
    a.kind = RawAction::Kind::Reply;
    a.status = 513;
    a.reason = "Message Too Large";
    return a;
}

bool stripSyntheticBranch(std::string& message) {
    if (message.compare(0, 8, "SIP/2.0 ") != 0) return false;
    const size_t at = message.find(kSyntheticBranchPrefix);
    if (at == std::string::npos) return false;
    size_t end = at + kSyntheticBranchPrefix.size();
    while (end < message.size() && isTokenChar(message[end])) ++end;
    message.erase(at, end - at);
    return true;
}

std::optional<std::string> rawResponse(std::string_view raw, uint16_t status, std::string_view reason) {
    const RawMessage m = parseRaw(raw);
    if (!findRaw(m, "Via", "v")) return std::nullopt;
    std::string out = "SIP/2.0 " + std::to_string(status) + " " + std::string(reason) + "\r\n";
    out += headerLines(raw, m, "Via", "v");
    out += headerLines(raw, m, "From", "f");
    std::string to = headerLines(raw, m, "To", "t");
    if (!to.empty()) {
        // A UAS adds a To tag to a final response (§8.2.6.2).
        const std::string_view v = to;
        const size_t gt = v.rfind('>');
        const std::string_view params = v.substr(gt == std::string_view::npos ? 0 : gt);
        if (!hasParam(params, "tag")) {
            const size_t crlf = to.find("\r\n");
            char tag[24];
            std::snprintf(tag, sizeof(tag), ";tag=%08llx", static_cast<unsigned long long>(fnv1a(raw) & 0xffffffffu));
            to.insert(crlf, tag);
        }
        to = to.substr(0, to.find("\r\n") + 2);  // one To only
    }
    out += to;
    out += headerLines(raw, m, "Call-ID", "i");
    out += headerLines(raw, m, "CSeq", "");
    out += "Content-Length: 0\r\n\r\n";
    return out;
}

std::optional<uint16_t> rawReplyPort(std::string_view raw, uint16_t sourcePort) {
    const RawMessage m = parseRaw(raw);
    const RawHeader* via = findRaw(m, "Via", "v");
    if (!via) return std::nullopt;
    const std::string_view top = firstViaParm(raw.substr(via->valueBegin, via->end - via->valueBegin));
    auto head = parseViaHead(top);
    if (!head) return std::nullopt;
    if (hasParam(top.substr(head->paramsBegin), "rport")) return sourcePort;  // RFC 3581
    return head->port.value_or(5060);
}

// ----------------------------------------------------------- decoded request

bool isValidViaValue(std::string_view value) {
    // Via = 1#via-parm: every element of a comma-separated list must be whole.
    for (;;) {
        auto head = parseViaHead(value);
        if (!head) return false;
        size_t end = 0;
        if (!validParams(value, head->paramsBegin, end, ",")) return false;
        if (end == value.size()) return true;
        value.remove_prefix(end + 1);  // past the comma
    }
}

namespace {
bool isValidAddress(std::string_view value);
}

bool isValidAddressValue(std::string_view value) {
    // Contact may hold a comma-separated list: split outside quotes and <>.
    bool quoted = false;
    int angle = 0;
    size_t begin = 0;
    for (size_t i = 0; i < value.size(); ++i) {
        const char c = value[i];
        if (quoted) {
            if (c == '\\') ++i;
            else if (c == '"') quoted = false;
        } else if (c == '"') {
            quoted = true;
        } else if (c == '<') {
            ++angle;
        } else if (c == '>') {
            --angle;
        } else if (c == ',' && angle == 0) {
            if (!isValidAddress(value.substr(begin, i - begin))) return false;
            begin = i + 1;
        }
    }
    return isValidAddress(value.substr(begin));
}

namespace {

bool isValidAddress(std::string_view value) {
    const std::string_view v = trim(value);
    if (v.empty()) return false;
    size_t i = 0;
    size_t laquot = v.find('<');
    if (v[0] == '"' || laquot != std::string_view::npos) {
        // name-addr = [ display-name ] LAQUOT addr-spec RAQUOT
        if (v[0] == '"') {
            i = 1;
            while (i < v.size() && v[i] != '"') i += (v[i] == '\\') ? 2 : 1;
            if (i >= v.size()) return false;  // unterminated quoted string
            i = skipLws(v, i + 1);
        } else {
            // display-name = *(token LWS): no commas, "@" or other separators.
            // UTF-8 is let through unquoted: phones send names that way.
            for (; i < laquot; ++i)
                if (!isTokenChar(v[i]) && !isLws(v[i]) && static_cast<unsigned char>(v[i]) < 0x80) return false;
        }
        if (i >= v.size() || v[i] != '<') return false;
        const size_t close = v.find('>', i);
        if (close == std::string_view::npos) return false;
        const std::string_view spec = v.substr(i + 1, close - i - 1);
        if (!validRequestUri(spec)) return false;  // no LWS inside <> (§20.10)
        size_t end = 0;
        return validParams(v, close + 1, end) && end == v.size();
    }
    // addr-spec: a URI with ",", "?" or ";" of its own must be in <> (§20.10);
    // a ";" here starts the header parameters.
    const size_t semi = v.find(';');
    const std::string_view spec = trim(v.substr(0, semi));
    if (!validRequestUri(spec) || spec.find(',') != std::string_view::npos ||
        spec.find('?') != std::string_view::npos)
        return false;
    if (semi == std::string_view::npos) return true;
    size_t end = 0;
    return validParams(v, semi, end) && end == v.size();
}
}  // namespace

CheckVerdict checkRequestSyntax(const ::sip_msg& msg, bool datagram) {
    struct Required {
        enum sip_hdrid id;
        const char* name;
    };
    for (const Required& r : {Required{SIP_HDR_VIA, "Via"}, Required{SIP_HDR_FROM, "From"}, Required{SIP_HDR_TO, "To"},
                              Required{SIP_HDR_CALL_ID, "Call-ID"}, Required{SIP_HDR_CSEQ, "CSeq"}}) {
        if (!sip_msg_hdr(&msg, r.id)) return bad(std::string("Missing ") + r.name);
    }
    // Single-value headers (RFC 4475 §3.3.8, §3.3.9).
    for (const Required& r : {Required{SIP_HDR_FROM, "From"}, Required{SIP_HDR_TO, "To"},
                              Required{SIP_HDR_CALL_ID, "Call-ID"}, Required{SIP_HDR_CSEQ, "CSeq"},
                              Required{SIP_HDR_MAX_FORWARDS, "Max-Forwards"},
                              Required{SIP_HDR_CONTENT_LENGTH, "Content-Length"},
                              Required{SIP_HDR_CONTENT_TYPE, "Content-Type"}}) {
        if (headerCount(msg, r.id) > 1) return bad(std::string("Multiple ") + r.name + " Values");
    }

    if (!validRequestUri(view(msg.ruri))) return bad("Malformed Request-URI");
    const std::string_view scheme = schemeOf(view(msg.ruri));
    if ((iequals(scheme, "sip") || iequals(scheme, "sips")) && sipUriHasHeaders(view(msg.ruri)))
        return bad("Headers Not Allowed In Request-URI");  // §19.1.5

    // CSeq = 1*DIGIT LWS Method, the number below 2^32 (libre wraps it).
    const std::string_view cseq = trim(values(msg, SIP_HDR_CSEQ).front());
    size_t digits = 0;
    while (digits < cseq.size() && isDigit(cseq[digits])) ++digits;
    if (!u32(cseq.substr(0, digits)) || digits == cseq.size() || !isLws(cseq[digits]))
        return bad("Malformed CSeq");

    if (auto mf = values(msg, SIP_HDR_MAX_FORWARDS); !mf.empty()) {
        auto n = u32(trim(mf.front()));
        if (!n || *n > 255) return bad("Malformed Max-Forwards");
    }

    // Content-Length = 1*DIGIT; libre reads "-999" as 0 (RFC 4475 §3.1.2.3).
    if (auto cl = values(msg, SIP_HDR_CONTENT_LENGTH); !cl.empty()) {
        auto n = u32(trim(cl.front()));
        if (!n) return bad("Malformed Content-Length");
        // Over UDP the body is the rest of the datagram: more octets than
        // announced are discarded, fewer are an error (§18.3).
        if (datagram && msg.mb && mbuf_get_left(msg.mb) < *n) return bad("Content-Length Larger Than Message");
    }

    for (std::string_view v : values(msg, SIP_HDR_VIA))
        if (!isValidViaValue(v)) return bad("Malformed Via");
    if (!isValidAddress(values(msg, SIP_HDR_FROM).front())) return bad("Malformed From");
    if (!isValidAddress(values(msg, SIP_HDR_TO).front())) return bad("Malformed To");
    for (std::string_view v : values(msg, SIP_HDR_CONTACT)) {
        if (trim(v) != "*" && !isValidAddressValue(v)) return bad("Malformed Contact");
    }
    return {};
}

CheckVerdict checkRequestSemantics(const ::sip_msg& msg, const RequestPolicy& policy) {
    const std::string method = toString(msg.met);
    // §8.2.1: an unknown method is 501 before anything else is looked at
    // (RFC 4475 §3.1.2.18 prefers 501 to 400 for a mismatched CSeq then).
    if (!policy.implementedMethods.count(method))
        return CheckVerdict{501, "Not Implemented", "Allow: " + policy.allow + "\r\n"};
    // Methods are case-sensitive (§7.1); libre does not compare them.
    if (view(msg.cseq.met) != method) return bad("CSeq Method Does Not Match");

    const std::string_view scheme = schemeOf(view(msg.ruri));
    if (!iequals(scheme, "sip") && !iequals(scheme, "sips") && !iequals(scheme, "tel"))
        return CheckVerdict{416, "Unsupported URI Scheme", {}};  // §8.2.2.1

    if (method != "ACK" && method != "CANCEL") {  // §8.2.2.3
        std::string unsupported;
        for (std::string_view v : values(msg, SIP_HDR_REQUIRE)) {
            const std::string tag(trim(v));
            if (!tag.empty() && !policy.supportedOptions.count(tag))
                unsupported += (unsupported.empty() ? "" : ", ") + tag;
        }
        if (!unsupported.empty()) return CheckVerdict{420, "Bad Extension", "Unsupported: " + unsupported + "\r\n"};
    }

    // Not ACK: it cannot be answered, and dropping it would leave the dialog unconfirmed.
    const bool offerAnswer = method == "INVITE" || method == "UPDATE" || method == "PRACK";
    size_t bodyBytes = msg.mb ? mbuf_get_left(msg.mb) : 0;
    if (pl_isset(&msg.clen)) bodyBytes = std::min<size_t>(bodyBytes, pl_u32(&msg.clen));
    if (offerAnswer && bodyBytes > 0 && pl_isset(&msg.ctyp.type) && !msg_ctype_cmp(&msg.ctyp, "application", "sdp"))
        return CheckVerdict{415, "Unsupported Media Type", "Accept: application/sdp\r\n"};  // §8.2.3

    if (method == "INVITE") {
        // Our answer is SDP; an Accept without it leaves nothing to send (§8.2.3).
        const auto accept = values(msg, SIP_HDR_ACCEPT);
        bool sdpOk = accept.empty();
        for (std::string_view v : accept) {
            std::string_view type = trim(v.substr(0, v.find(';')));
            if (iequals(type, "application/sdp") || iequals(type, "application/*") || type == "*/*" || type.empty())
                sdpOk = true;
        }
        if (!sdpOk) return CheckVerdict{406, "Not Acceptable", "Accept: application/sdp\r\n"};
        // A B2BUA forwards the call: with no hops left it must not (§16.3 by analogy).
        if (pl_isset(&msg.maxfwd) && pl_u32(&msg.maxfwd) == 0) return CheckVerdict{483, "Too Many Hops", {}};
    }
    return {};
}

}  // namespace sb::sip
