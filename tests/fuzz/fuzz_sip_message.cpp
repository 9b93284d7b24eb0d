// Fuzzes what Switchboard does with a SIP message above libre: the bytes of
// one UDP datagram (or one TCP-framed message) are decoded with libre's
// sip_msg_decode(), as the transport does, and then handed to our readers
// and to the pure parts of the REGISTER and INVITE handlers:
//
// - core/sip/message.h: headerValue(s), toUser, requestMethod, callId,
//   addressText, transportText, parseContacts, parseSeconds,
//   hasControlCharacters (the SipStack entry check: what it refuses goes no
//   further here either);
// - readSessionExpires (call_leg.h), parseRAck / parseRSeq on RAck / RSeq;
// - Dialog::fromInvite on requests, Dialog::updateFromResponse on responses,
//   then matches / refreshTarget / requestHeaders / firstHop;
// - the registrar's path: Authenticator::check (fixed password lookup),
//   toUser, parseContacts, BindingTable::apply;
// - the INVITE path: fromUri(Request-URI), fromNameAddr(To), callerNumber
//   (P-Asserted-Identity, Remote-Party-ID, From), DialPlan::inbound/plan,
//   and parseSdp on an application/sdp body.
//
// Authentication with a real nonce: a seed may write `@NONCE@` where a
// nonce goes and `@RESPONSE@` as the digest response; the harness puts in a
// nonce it issued and the correct response for password "secret" (user 100)
// so the fuzzer can reach the Authorized and replay paths. Properties:
// - a response computed for another password is never Authorized;
// - the same credentials (same nonce and nc) are never Authorized twice;
// - an Authorized REGISTER always names a user that has a password;
// - what the dialog copies from received headers into requests we send
//   (To/From, Route from Record-Route, Request-URI from Contact) and a
//   REGISTER's Contact (the Request-URI of calls to that phone) carry no
//   bare CR / no line break (header injection toward peers and proxies) and
//   no NUL (CallLeg passes headers to libre as "%s").

#include <re.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "media/sdp.h"
#include "routing/dial_plan.h"
#include "routing/party.h"
#include "sip/authenticator.h"
#include "sip/binding_table.h"
#include "sip/call_leg.h"
#include "sip/dialog.h"
#include "sip/digest.h"
#include "sip/message.h"
#include "sip/reliable_provisional.h"
#include "sip/sip_stack.h"

using namespace sb;
using namespace sb::sip;

namespace {

#define FUZZ_CHECK(cond)                                                                    \
    do {                                                                                    \
        if (!(cond)) {                                                                      \
            std::fprintf(stderr, "fuzz_sip_message: property failed: %s (%s:%d)\n", #cond,  \
                         __FILE__, __LINE__);                                               \
            std::abort();                                                                   \
        }                                                                                   \
    } while (0)

constexpr const char* kRealm = "pbx.example.com";

std::optional<std::string> lookupPassword(const std::string& user) {
    if (user == "100") return std::string("secret");
    if (user == "101") return std::string();  // an (invalid) empty password must not break anything
    return std::nullopt;
}

/// A sip_msg decoded from bytes, released with the mbuf it points into.
struct Decoded {
    struct mbuf* mb = nullptr;
    struct sip_msg* msg = nullptr;
    ~Decoded() {
        mem_deref(msg);
        mem_deref(mb);
    }
};

bool decode(std::string_view bytes, Decoded& out, uint8_t variant) {
    out.mb = mbuf_alloc(bytes.size() + 1);
    if (!out.mb) return false;
    if (mbuf_write_mem(out.mb, reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size()) != 0) return false;
    out.mb->pos = 0;
    if (sip_msg_decode(&out.msg, out.mb) != 0 || !out.msg) return false;
    // What the transport fills in: where it came from and over what.
    static const char* const kSources[] = {"203.0.113.5", "192.0.2.77", "2001:db8::5", "198.51.100.7"};
    (void)sa_set_str(&out.msg->src, kSources[variant % 4], static_cast<uint16_t>(5060 + variant % 3));
    out.msg->tp = static_cast<enum sip_transp>(variant % 3);  // UDP, TCP, TLS
    return true;
}

void replaceAll(std::string& s, std::string_view from, const std::string& to) {
    for (size_t pos = s.find(from); pos != std::string::npos; pos = s.find(from, pos + to.size()))
        s.replace(pos, from.size(), to);
}

/// Fill `@RESPONSE@` with the right digest for every credential set that
/// asks for it (password "secret", the request's method).
std::string withResponses(const std::string& bytes, uint8_t variant) {
    if (bytes.find("@RESPONSE@") == std::string::npos) return bytes;
    Decoded d;
    if (!decode(bytes, d, variant)) return bytes;
    std::string out = bytes;
    for (int id : {SIP_HDR_AUTHORIZATION, SIP_HDR_PROXY_AUTHORIZATION}) {
        for (const std::string& value : headerValues(*d.msg, id)) {
            auto c = parseDigestCredentials(value);
            if (!c || c->response != "@RESPONSE@") continue;
            const auto alg = parseDigestAlgorithm(c->algorithm).value_or(DigestAlgorithm::Md5);
            const std::string response = digestResponse(alg, c->username, c->realm, "secret", requestMethod(*d.msg),
                                                        c->uri, c->nonce, c->nc, c->cnonce, c->qop);
            const size_t at = out.find("@RESPONSE@");
            if (at != std::string::npos) out.replace(at, 10, response);
        }
    }
    return out;
}

const routing::DialPlan& dialPlan() {
    static const routing::DialPlan plan = [] {
        store::Configuration c;
        c.settings.domain = kRealm;
        c.extensions.push_back({"100", "secret", "Reception", true, false, 30});
        store::ExternalLine ims;
        ims.name = "ims";
        ims.domain = "ims.example.net";
        ims.account = "+8613901088888";
        ims.proxy = "192.0.2.77:5060";
        ims.incomingExtension = "100";
        c.lines.push_back(ims);
        store::SipTrunk trunk;
        trunk.name = "carrier";
        trunk.host = "203.0.113.5";
        trunk.requestUriParams = "user=phone";
        trunk.dids = {{"+8613901088888", "100"}, {"02012345678", "100"}};
        c.trunks.push_back(trunk);
        c.routes.push_back({"0.", 0, "", "carrier", "ims", {}});
        c.routes.push_back({"9.", 1, "", "ims", "carrier", {}});
        return routing::DialPlan(c);
    }();
    return plan;
}

/// Text Switchboard puts into a SIP message it sends: a CR that does not start
/// a CRLF would end the line for peers and proxies that accept bare CR line
/// ends (header injection, CWE-93). Folding (CRLF + blank) is allowed.
void checkHeaderText(const std::string& text, const char* what) {
    for (size_t i = 0; i < text.size(); ++i) {
        // A NUL would also cut the request short: CallLeg hands the headers
        // to libre as "%s".
        const bool bareCr = text[i] == '\r' && (i + 1 >= text.size() || text[i + 1] != '\n');
        if (bareCr || text[i] == '\0') {
            std::fprintf(stderr, "fuzz_sip_message: %s at offset %zu of %s we would send: \"",
                         bareCr ? "bare CR" : "NUL", i, what);
            for (char c : text) {
                if (c == '\r') std::fputs("\\r", stderr);
                else if (c == '\n') std::fputs("\\n", stderr);
                else std::fputc(c, stderr);
            }
            std::fputs("\"\n", stderr);
            std::abort();
        }
    }
}

/// A URI we would send as a Request-URI, Route or Contact: no line breaks at all.
void checkUriText(const std::string& uri, const char* what) {
    if (uri.find_first_of("\r\n") != std::string::npos) {
        std::fprintf(stderr, "fuzz_sip_message: line break in %s we would send: \"", what);
        for (char c : uri) {
            if (c == '\r') std::fputs("\\r", stderr);
            else if (c == '\n') std::fputs("\\n", stderr);
            else std::fputc(c, stderr);
        }
        std::fputs("\"\n", stderr);
        std::abort();
    }
}

void checkDialog(const Dialog& d, const char* method) {
    checkHeaderText(d.requestHeaders(method, d.localCseq + 1), "Dialog::requestHeaders");
    checkUriText(d.remoteTarget, "Dialog::remoteTarget (Request-URI)");
    checkUriText(d.firstHop(), "Dialog::firstHop");
}

void readers(const ::sip_msg& msg) {
    for (const char* name : {"Via", "Contact", "m", "P-Asserted-Identity", "Remote-Party-ID", "X-Switchboard",
                             "RSeq", "RAck", "Session-Expires", "x", "User-Agent", "Require", "Supported"}) {
        (void)headerValue(msg, name);
        (void)headerValues(msg, name);
    }
    for (int id : {SIP_HDR_VIA, SIP_HDR_CONTACT, SIP_HDR_RECORD_ROUTE, SIP_HDR_ROUTE, SIP_HDR_SUPPORTED,
                   SIP_HDR_REQUIRE, SIP_HDR_EXPIRES, SIP_HDR_AUTHORIZATION, SIP_HDR_P_ASSERTED_IDENTITY}) {
        (void)headerValue(msg, id);
        (void)headerValues(msg, id);
    }
    (void)addressText(msg.src);
    (void)transportText(msg);
    (void)toUser(msg);
    (void)requestMethod(msg);
    (void)callId(msg);
    (void)readSessionExpires(msg);
    if (auto rack = headerValue(msg, SIP_HDR_RACK)) (void)parseRAck(*rack);
    if (auto rseq = headerValue(msg, SIP_HDR_RSEQ)) (void)parseRSeq(*rseq);
    if (pl_isset(&msg.expires)) (void)parseSeconds(toString(msg.expires));

    const ParsedContacts contacts = parseContacts(msg);
    if (contacts.error.empty() && contacts.wildcard) FUZZ_CHECK(contacts.contacts.empty());
}

void dialogs(const ::sip_msg& msg) {
    if (msg.req) {
        Dialog d = Dialog::fromInvite(msg, "ourtag");
        FUZZ_CHECK(d.localTag == "ourtag");
        (void)d.matches(msg);
        d.refreshTarget(msg);
        (void)d.acceptRemoteCseq(msg.cseq.num);
        checkDialog(d, "BYE");
    } else {
        // Our INVITE's dialog, waiting for the first tagged response.
        Dialog d;
        d.callId = toString(msg.callid);
        d.localTag = toString(msg.from.tag);
        d.localUri = "<sip:100@pbx.example.com>";
        d.remoteUri = "<sip:+8613901088888@ims.example.net;user=phone>";
        d.remoteTarget = "sip:+8613901088888@ims.example.net;user=phone";
        d.nextHop = "sip:192.0.2.77:5060";
        d.updateFromResponse(msg);
        (void)d.matches(msg);
        d.updateFromResponse(msg);  // a later 2xx: target refresh only
        checkDialog(d, "PRACK");
    }
}

void invitePath(const ::sip_msg& msg) {
    const auto requestParty = routing::fromUri(toString(msg.ruri));
    const auto toParty = routing::fromNameAddr(toString(msg.to.val));
    (void)routing::callerNumber(headerValue(msg, SIP_HDR_P_ASSERTED_IDENTITY), headerValue(msg, "Remote-Party-ID"),
                                toString(msg.from.val));
    if (requestParty) {
        (void)dialPlan().inbound(addressText(msg.src), *requestParty, toParty ? *toParty : *requestParty);
        const auto plan = dialPlan().plan(requestParty->number, "100");
        for (const auto& a : plan.attempts) FUZZ_CHECK(a.requestUri.rfind("sip:", 0) == 0);
    }
    // The body, framed as libre left it (the rest of the datagram).
    const size_t left = mbuf_get_left(msg.mb);
    if (left && pl_strcasecmp(&msg.ctyp.type, "application") == 0 && pl_strcasecmp(&msg.ctyp.subtype, "sdp") == 0) {
        const std::string_view body(reinterpret_cast<const char*>(mbuf_buf(msg.mb)), left);
        if (auto sdp = media::parseSdp(body)) (void)media::renderSdp(*sdp);
    }
}

void registerPath(const ::sip_msg& msg, Authenticator& auth, const std::string& issuedNonce) {
    for (bool proxy : {false, true}) {
        // Another password for every user: the response was computed for
        // "secret", so this must never get in (and consumes nothing).
        const auto wrong = auth.check(msg, proxy, [](const std::string&) { return std::string("not-the-password"); });
        FUZZ_CHECK(wrong.verdict != Authenticator::Verdict::Authorized);
        // No such user at all.
        const auto nobody = auth.check(msg, proxy, [](const std::string&) { return std::optional<std::string>(); });
        FUZZ_CHECK(nobody.verdict != Authenticator::Verdict::Authorized);

        const auto first = auth.check(msg, proxy, lookupPassword);
        if (first.verdict != Authenticator::Verdict::Authorized) continue;
        FUZZ_CHECK(lookupPassword(first.user).has_value());
        FUZZ_CHECK(!issuedNonce.empty());  // only a nonce we issued can be valid
        // The very same credentials again: a replay (same nonce, same nc).
        const auto again = auth.check(msg, proxy, lookupPassword);
        FUZZ_CHECK(again.verdict != Authenticator::Verdict::Authorized);

        if (proxy) continue;
        // What Registrar::handleRegister does next.
        const std::string extension = toUser(msg);
        ParsedContacts contacts = parseContacts(msg);
        if (!contacts.error.empty()) continue;
        RegisterRequest req;
        req.extension = extension;
        req.callId = callId(msg);
        req.cseq = msg.cseq.num;
        req.wildcard = contacts.wildcard;
        for (auto& c : contacts.contacts) req.contacts.push_back({std::move(c.uri), c.expiresS});
        if (pl_isset(&msg.expires)) {
            req.expiresHeaderS = parseSeconds(toString(msg.expires));
            if (!req.expiresHeaderS) continue;
        }
        req.source = addressText(msg.src);
        req.transport = transportText(msg);
        req.userAgent = headerValue(msg, SIP_HDR_USER_AGENT).value_or("");
        BindingTable table;
        const ExpiryPolicy policy;
        const int64_t now = 1'700'000'000'000;
        const RegisterOutcome out = table.apply(req, policy, now);
        FUZZ_CHECK(table.bindingsOf(extension).size() <= policy.maxContacts);
        if (out.status == 200) (void)table.apply(req, policy, now + 1000);  // a retransmission
        (void)table.expire(now + 7'200'000);
        FUZZ_CHECK(table.size() == 0);
    }
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    if (libre_init() != 0) {
        std::fprintf(stderr, "fuzz_sip_message: libre_init failed\n");
        std::abort();
    }
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size > 65535) return 0;  // larger than any UDP datagram
    std::string bytes(reinterpret_cast<const char*>(data), size);
    // Transport and source from the input itself, so every seed keeps its meaning.
    uint8_t variant = 0;
    for (size_t i = 0; i < size && i < 16; ++i) variant = static_cast<uint8_t>(variant + data[i]);

    Authenticator auth(kRealm, {DigestAlgorithm::Md5, DigestAlgorithm::Sha256}, 300);
    std::string nonce;
    if (bytes.find("@NONCE@") != std::string::npos) {
        nonce = auth.nonces().issue();
        replaceAll(bytes, "@NONCE@", nonce);
    }
    bytes = withResponses(bytes, variant);

    Decoded d;
    if (!decode(bytes, d, variant)) return 0;
    const ::sip_msg& msg = *d.msg;
    readers(msg);
    // SipStack answers a request with control characters in its headers with
    // 400 and drops such a response (CallLeg ignores it too): nothing below
    // ever sees it.
    if (hasControlCharacters(msg)) return 0;
    // A binding's contact becomes the Request-URI of INVITEs to the phone.
    for (const auto& c : parseContacts(msg).contacts)
        checkUriText(c.uri, "a Contact URI (a REGISTER binding: Request-URI of calls to the phone)");
    dialogs(msg);
    if (msg.req) {
        invitePath(msg);
        registerPath(msg, auth, nonce);
    }
    return 0;
}
