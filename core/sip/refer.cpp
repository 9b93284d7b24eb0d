#include "sip/refer.h"

#include "routing/party.h"
#include "routing/text_util.h"

namespace sb::sip {

using routing::equalsIgnoreCase;
using routing::trim;

Result<ReplacesTarget> parseReplaces(std::string_view value) {
    for (const char c : value)
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) return makeError("Replaces has a control character");
    const auto params = routing::splitOn(trim(value), ';');
    ReplacesTarget r;
    r.callId = std::string(trim(params.front()));
    if (r.callId.empty()) return makeError("Replaces names no Call-ID");
    for (size_t i = 1; i < params.size(); ++i) {
        const std::string_view p = trim(params[i]);
        const size_t eq = p.find('=');
        const std::string_view name = trim(p.substr(0, eq));
        const std::string_view val =
            eq == std::string_view::npos ? std::string_view{} : trim(p.substr(eq + 1));
        if (equalsIgnoreCase(name, "to-tag")) r.toTag = std::string(val);
        if (equalsIgnoreCase(name, "from-tag")) r.fromTag = std::string(val);
        if (equalsIgnoreCase(name, "early-only")) r.earlyOnly = true;
    }
    // RFC 3891 §6.1: both tags are mandatory.
    if (r.toTag.empty() || r.fromTag.empty()) return makeError("Replaces lacks to-tag or from-tag");
    return r;
}

Result<ReferTarget> parseReferTo(std::string_view value) {
    if (trim(value).empty()) return makeError("Refer-To is empty");
    const routing::NameAddr nameAddr = routing::splitNameAddr(value);
    if (!nameAddr.error.empty()) return makeError("Refer-To: " + nameAddr.error);
    std::string_view uri = trim(nameAddr.uri);
    std::string_view headers;
    // RFC 3515 §2.1: the URI may carry headers for the request it causes;
    // the only one acted on is Replaces (RFC 3891 §3, attended transfer).
    if (const size_t q = uri.find('?'); q != std::string_view::npos) {
        headers = uri.substr(q + 1);
        uri = uri.substr(0, q);
    }
    ReferTarget target;
    target.uri = std::string(uri);
    auto party = routing::fromUri(uri);
    if (!party) return makeError("Refer-To " + target.uri + ": " + party.error().message);
    target.number = party->number;
    if (target.number.empty()) return makeError("Refer-To names no number: " + target.uri);
    for (std::string_view h : routing::splitOn(headers, '&')) {
        const size_t eq = h.find('=');
        if (eq == std::string_view::npos) continue;
        const auto name = routing::percentDecode(h.substr(0, eq));
        if (!name || !equalsIgnoreCase(*name, "Replaces")) continue;
        const auto replaces = routing::percentDecode(h.substr(eq + 1));
        if (!replaces) return makeError("Refer-To has a bad %-escape in Replaces");
        auto parsed = parseReplaces(*replaces);
        if (!parsed) return parsed.error();
        target.replaces = parsed.value();
    }
    return target;
}

std::string sipfrag(uint16_t code, const std::string& reason) {
    return "SIP/2.0 " + std::to_string(code) + " " + reason + "\r\n";
}

}  // namespace sb::sip
