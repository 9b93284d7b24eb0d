#include "sip/dialog.h"

#include <re.h>

#include <algorithm>
#include <cstdio>

#include "sip/message.h"
#include "sip/sip_stack.h"

namespace sb::sip {

namespace {

// parseContacts unfolds folded lines and refuses URIs with control bytes: the
// remote target becomes the Request-URI of every request in the dialog.
std::string contactUri(const ::sip_msg& msg) {
    const ParsedContacts parsed = parseContacts(msg);
    if (!parsed.error.empty() || parsed.contacts.empty()) return {};
    return parsed.contacts.front().uri;
}

std::vector<std::string> recordRoutes(const ::sip_msg& msg) {
    std::vector<std::string> routes = headerValues(msg, SIP_HDR_RECORD_ROUTE);
    for (auto& r : routes) std::replace_if(r.begin(), r.end(), [](char c) { return c == '\r' || c == '\n'; }, ' ');
    return routes;
}

bool hasControlCharacter(const std::string& text) {
    return std::any_of(text.begin(), text.end(), [](char c) {
        const auto u = static_cast<unsigned char>(c);
        return (u < 0x20 && c != '\t') || u == 0x7f;
    });
}

// The header value without its tag parameter: we print the tag ourselves.
std::string withoutTag(const struct sip_taddr& a) {
    std::string v = toString(a.val);
    // A quoted display name may legally hold escaped control bytes (even
    // NUL, RFC 4475 "intmeth"); we would send them back in every request of
    // the dialog, where a NUL cuts C strings short. The dialog needs only the
    // URI (RFC 3261 §12.2.1.1), so such a name is left out.
    if (hasControlCharacter(v)) {
        std::string uri = toString(a.auri);
        uri.erase(std::remove_if(uri.begin(), uri.end(),
                                 [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; }),
                  uri.end());
        return "<" + uri + ">";
    }
    if (pl_isset(&a.tag)) {
        const std::string tag = ";tag=" + toString(a.tag);
        auto pos = v.find(tag);
        if (pos != std::string::npos) v.erase(pos, tag.size());
    }
    return v;
}

}  // namespace

std::string randomToken() {
    char buf[20];
    std::snprintf(buf, sizeof(buf), "%016llx", static_cast<unsigned long long>(rand_u64()));
    return buf;
}

std::string hopFor(const std::string& source, const std::string& transport) {
    std::string hop = "sip:" + source;
    if (transport == "TCP") hop += ";transport=tcp";
    if (transport == "TLS") hop += ";transport=tls";
    return hop;
}

bool Dialog::matches(const ::sip_msg& msg) const {
    if (pl_strcmp(&msg.callid, callId.c_str()) != 0) return false;
    const struct pl& ours = msg.req ? msg.to.tag : msg.from.tag;
    const struct pl& theirs = msg.req ? msg.from.tag : msg.to.tag;
    if (pl_strcmp(&ours, localTag.c_str()) != 0) return false;
    // Before the first tagged response the remote tag is unknown.
    return remoteTag.empty() || pl_strcmp(&theirs, remoteTag.c_str()) == 0;
}

Dialog Dialog::fromInvite(const ::sip_msg& invite, const std::string& tag) {
    Dialog d;
    d.callId = toString(invite.callid);
    d.localTag = tag;
    d.remoteTag = toString(invite.from.tag);
    d.localUri = withoutTag(invite.to);
    d.remoteUri = withoutTag(invite.from);
    d.remoteTarget = contactUri(invite);
    d.routeSet = recordRoutes(invite);  // UAS: Record-Route in order
    d.nextHop = hopFor(addressText(invite.src), transportText(invite));
    d.remoteCseq = invite.cseq.num;
    d.localCseq = static_cast<uint32_t>(rand_u16()) + 1;
    return d;
}

void Dialog::updateFromResponse(const ::sip_msg& response) {
    const bool first = remoteTag.empty();
    if (first && pl_isset(&response.to.tag)) {
        remoteTag = toString(response.to.tag);
        // UAC: the route set is the Record-Route list in reverse.
        routeSet = recordRoutes(response);
        std::reverse(routeSet.begin(), routeSet.end());
    }
    if (auto target = contactUri(response); !target.empty()) remoteTarget = target;
}

void Dialog::refreshTarget(const ::sip_msg& request) {
    if (auto target = contactUri(request); !target.empty()) remoteTarget = target;
}

bool Dialog::acceptRemoteCseq(uint32_t cseq) {
    if (remoteCseq && cseq <= *remoteCseq) return false;
    remoteCseq = cseq;
    return true;
}

std::string Dialog::requestHeaders(const std::string& method, uint32_t cseq, bool maxForwards) const {
    std::string h;
    for (const auto& r : routeSet) h += "Route: " + r + "\r\n";
    h += "To: " + remoteUri + (remoteTag.empty() ? "" : ";tag=" + remoteTag) + "\r\n";
    h += "From: " + localUri + ";tag=" + localTag + "\r\n";
    h += "Call-ID: " + callId + "\r\n";
    h += "CSeq: " + std::to_string(cseq) + " " + method + "\r\n";
    if (maxForwards) h += "Max-Forwards: 70\r\n";
    return h;
}

std::string Dialog::firstHop() const {
    if (!routeSet.empty()) {
        std::string r = routeSet.front();
        auto lt = r.find('<'), gt = r.find('>');
        if (lt != std::string::npos && gt != std::string::npos && gt > lt) return r.substr(lt + 1, gt - lt - 1);
        return r;
    }
    return nextHop.empty() ? remoteTarget : nextHop;
}

}  // namespace sb::sip
