// Checks on a decoded request, for what libre accepts but must not change
// state.
#include "sip/request_checks.h"

#include <re.h>

#include <algorithm>
#include <vector>

#include "sip/request_grammar.h"
#include "sip/sip_stack.h"

namespace sb::sip {

using namespace grammar;

namespace {

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

std::string_view schemeOf(std::string_view uri) { return uri.substr(0, uri.find(':')); }

/// A SIP or SIPS URI with a "?headers" part after the host.
bool sipUriHasHeaders(std::string_view uri) {
    const size_t at = uri.find('@');
    const size_t hostBegin = at == std::string_view::npos ? uri.find(':') : at;
    return uri.find('?', hostBegin) != std::string_view::npos;
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
