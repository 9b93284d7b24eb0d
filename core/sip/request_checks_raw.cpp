// Checks on the raw bytes of a datagram, for what libre 1.1.0 drops or
// mis-reads before any listener runs.
#include "sip/request_checks.h"

#include <cstdio>
#include <vector>

#include "sip/request_grammar.h"

namespace sb::sip {

using namespace grammar;

namespace {

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

}  // namespace

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

}  // namespace sb::sip
