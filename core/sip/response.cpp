#include "sip/response.h"

#include <re.h>

#include <cctype>

namespace sb::sip {

namespace {

std::string_view view(const ::pl& p) {
    return p.p ? std::string_view(p.p, p.l) : std::string_view();
}

std::string_view trimmed(std::string_view s) {
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
    return s;
}

bool isRport(std::string_view param) {
    const std::string_view name = trimmed(param.substr(0, param.find('=')));
    if (name.size() != 5) return false;
    for (size_t i = 0; i < 5; ++i) {
        if (std::tolower(static_cast<unsigned char>(name[i])) != "rport"[i]) return false;
    }
    return true;
}

/// The top Via of the answer: the request's, with an empty rport parameter
/// filled in with the source port and a received parameter when the source
/// address is not the sent-by one (or rport was asked for).
void appendTopVia(std::string& out, const ::sip_msg& request, bool& rport) {
    const std::string_view value = view(request.via.val);
    // Split on ';' outside quoted strings; the first piece is protocol and sent-by.
    std::string kept;
    size_t start = 0;
    bool quoted = false;
    for (size_t i = 0; i <= value.size(); ++i) {
        if (i < value.size()) {
            if (value[i] == '"') quoted = !quoted;
            if (value[i] != ';' || quoted) continue;
        }
        const std::string_view piece = value.substr(start, i - start);
        if (start == 0) {
            kept += piece;
        } else if (isRport(piece)) {
            rport = true;
        } else {
            kept += ';';
            kept += piece;
        }
        start = i + 1;
    }
    out += kept;
    if (rport) out += ";rport=" + std::to_string(sa_port(&request.src));
    if (rport || !sa_cmp(&request.src, &request.via.addr, SA_ADDR)) {
        char ip[64] = {0};
        (void)sa_ntop(&request.src, ip, sizeof(ip));
        out += ";received=";
        out += ip;
    }
}

}  // namespace

std::string formatResponse(const ::sip_msg& request, const ResponseSpec& spec, bool* rport) {
    std::string out;
    out.reserve(256 + spec.headers.size() + spec.body.size());
    out += "SIP/2.0 " + std::to_string(spec.code) + " ";
    out += spec.reason;
    out += "\r\n";
    bool topVia = true, askedRport = false;
    for (const struct le* le = request.hdrl.head; le; le = le->next) {
        const auto* hdr = static_cast<const struct sip_hdr*>(le->data);
        switch (hdr->id) {
            case SIP_HDR_VIA:
                out += view(hdr->name);
                out += ": ";
                if (topVia) {
                    appendTopVia(out, request, askedRport);
                    topVia = false;
                } else {
                    out += view(hdr->val);
                }
                out += "\r\n";
                break;
            case SIP_HDR_TO:
                out += view(hdr->name);
                out += ": ";
                out += view(hdr->val);
                if (!pl_isset(&request.to.tag) && spec.code > 100) {
                    char tag[24];
                    (void)re_snprintf(tag, sizeof(tag), ";tag=%016llx",
                                      static_cast<unsigned long long>(request.tag));
                    out += tag;
                }
                out += "\r\n";
                break;
            case SIP_HDR_RECORD_ROUTE:
                if (!spec.copyRecordRoute) break;
                [[fallthrough]];
            case SIP_HDR_FROM:
            case SIP_HDR_CALL_ID:
            case SIP_HDR_CSEQ:
                out += view(hdr->name);
                out += ": ";
                out += view(hdr->val);
                out += "\r\n";
                break;
            default:
                break;
        }
    }
    if (!spec.server.empty()) {
        out += "Server: ";
        out += spec.server;
        out += "\r\n";
    }
    out += spec.headers;
    out += "Content-Length: " + std::to_string(spec.body.size()) + "\r\n\r\n";
    out += spec.body;
    if (rport) *rport = askedRport;
    return out;
}

}  // namespace sb::sip
