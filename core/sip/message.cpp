#include "sip/message.h"

#include <re.h>

#include <algorithm>
#include <charconv>
#include <cstring>

#include "sip/sip_stack.h"

namespace sb::sip {

namespace {

struct Collect {
    std::vector<std::string>* out;
};

bool collectHeader(const struct sip_hdr* hdr, const struct sip_msg*, void* arg) {
    static_cast<Collect*>(arg)->out->push_back(toString(hdr->val));
    return false;  // keep walking
}

std::string trim(std::string s) {
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.pop_back();
    size_t i = 0;
    while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) ++i;
    return s.substr(i);
}

}  // namespace

std::optional<std::string> headerValue(const ::sip_msg& msg, const char* name) {
    const struct sip_hdr* hdr = sip_msg_xhdr(&msg, name);
    if (!hdr) return std::nullopt;
    return toString(hdr->val);
}

std::vector<std::string> headerValues(const ::sip_msg& msg, const char* name) {
    std::vector<std::string> out;
    Collect c{&out};
    (void)sip_msg_xhdr_apply(&msg, true, name, &collectHeader, &c);
    return out;
}

std::vector<std::string> headerValues(const ::sip_msg& msg, int hdrId) {
    std::vector<std::string> out;
    Collect c{&out};
    (void)sip_msg_hdr_apply(&msg, true, static_cast<enum sip_hdrid>(hdrId), &collectHeader, &c);
    return out;
}

std::optional<std::string> headerValue(const ::sip_msg& msg, int hdrId) {
    const struct sip_hdr* hdr = sip_msg_hdr(&msg, static_cast<enum sip_hdrid>(hdrId));
    if (!hdr) return std::nullopt;
    return toString(hdr->val);
}

std::string addressText(const ::sa& address) {
    char buf[80] = {0};
    (void)re_snprintf(buf, sizeof(buf), "%J", &address);
    return buf;
}

std::string transportText(const ::sip_msg& msg) { return sip_transp_name(msg.tp); }

std::string toUser(const ::sip_msg& msg) {
    const struct uri& u = msg.to.uri;
    if (pl_strcasecmp(&u.scheme, "tel") == 0) return toString(u.host);
    return toString(u.user);
}

std::string requestMethod(const ::sip_msg& msg) { return toString(msg.met); }
std::string callId(const ::sip_msg& msg) { return toString(msg.callid); }

namespace {
// Allowed: HTAB; CRLF followed by SP/HTAB (line folding, RFC 3261 §7.3.1);
// any other control byte only as a quoted-pair ("\" before it) inside a
// quoted string (§25.1), and never in @p strict headers (Call-ID, CSeq, Via:
// no quoted strings in their grammar, and echoed verbatim in every answer).
// Refused: a bare CR or LF, which a lenient peer would take as a line end.
bool controlIn(const struct pl& p, bool strict = false) {
    bool quoted = false;
    for (size_t i = 0; i < p.l; ++i) {
        const auto c = static_cast<unsigned char>(p.p[i]);
        if (c == '\\' && quoted && i + 1 < p.l) {
            const auto next = static_cast<unsigned char>(p.p[i + 1]);
            if (next == '\r' || next == '\n' || (strict && (next < 0x20 || next == 0x7f))) return true;
            ++i;  // the escaped byte is part of the quoted string
            continue;
        }
        if (c == '"') quoted = !quoted;
        if (c == '\r') {
            if (i + 2 < p.l && p.p[i + 1] == '\n' && (p.p[i + 2] == ' ' || p.p[i + 2] == '\t')) {
                i += 1;  // folding: CRLF WSP
                continue;
            }
            return true;
        }
        if (c == '\n') return true;
        if ((c < 0x20 && c != '\t') || c == 0x7f) return true;
    }
    return false;
}
}  // namespace

bool hasControlCharacters(const ::sip_msg& msg) {
    if (msg.req && controlIn(msg.ruri)) return true;
    for (struct le* le = msg.hdrl.head; le; le = le->next) {
        const auto* hdr = static_cast<const struct sip_hdr*>(le->data);
        const bool strict = hdr->id == SIP_HDR_CALL_ID || hdr->id == SIP_HDR_CSEQ || hdr->id == SIP_HDR_VIA;
        if (controlIn(hdr->name, true) || controlIn(hdr->val, strict)) return true;
    }
    return false;
}

std::optional<uint32_t> parseSeconds(const std::string& text) {
    const std::string t = trim(text);
    uint32_t value = 0;
    auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), value);
    if (ec != std::errc() || end != t.data() + t.size() || t.empty()) return std::nullopt;
    return value;
}

ParsedContacts parseContacts(const ::sip_msg& msg) {
    ParsedContacts out;
    for (const std::string& raw : headerValues(msg, SIP_HDR_CONTACT)) {
        // A folded header line (CRLF + blank) means one blank (RFC 3261
        // §7.3.1); unfolded here, the fold can never end up inside a URI that
        // becomes the Request-URI of calls to the phone.
        std::string unfolded;
        unfolded.reserve(raw.size());
        for (char c : raw) unfolded += (c == '\r' || c == '\n') ? ' ' : c;
        const std::string value = trim(unfolded);
        if (value == "*") {
            out.wildcard = true;
            continue;
        }
        struct sip_addr addr;
        struct pl pl;
        pl_set_str(&pl, value.c_str());
        if (sip_addr_decode(&addr, &pl) != 0) {
            out.error = "Malformed Contact";
            return out;
        }
        ParsedContact c;
        c.uri = toString(addr.auri);
        if (std::any_of(c.uri.begin(), c.uri.end(), [](char ch) {
                return static_cast<unsigned char>(ch) < 0x20 || static_cast<unsigned char>(ch) == 0x7f;
            })) {
            out.error = "Malformed Contact";
            return out;
        }
        struct pl expires;
        if (msg_param_decode(&addr.params, "expires", &expires) == 0) {
            c.expiresS = parseSeconds(toString(expires));
            if (!c.expiresS) {
                out.error = "Malformed Contact expires";
                return out;
            }
        }
        out.contacts.push_back(std::move(c));
    }
    if (out.wildcard && !out.contacts.empty()) out.error = "Wildcard Contact must stand alone";
    return out;
}

}  // namespace sb::sip
