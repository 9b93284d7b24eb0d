#include "diagnostics/rules.h"

#include <algorithm>
#include <cstring>
#include <optional>

#include "routing/party.h"

namespace sb::diagnostics {

namespace {

std::string peerName(const PeerSettings& p) {
    switch (p.kind) {
        case PeerKind::Line:
            return "line \"" + p.name + "\"";
        case PeerKind::Trunk:
            return "trunk \"" + p.name + "\"";
        case PeerKind::Extension:
            break;
    }
    return "the phone";
}

std::string dialogName(const PeerSettings& p) {
    return p.kind == PeerKind::Line ? "the line's dialog (External lines tab)"
                                    : "the trunk's dialog (SIP trunks tab)";
}

bool isCarrier(const PeerSettings& p) {
    return p.kind == PeerKind::Line || p.kind == PeerKind::Trunk;
}

std::string codeText(const WireMessage& m) {
    return std::to_string(m.code) + (m.reason.empty() ? std::string() : " " + m.reason);
}

const WireMessage* sentInvite(const CallAttempt& a) {
    for (const auto& m : a.messages)
        if (m.outgoing && m.isRequest() && m.method == "INVITE") return &m;
    return nullptr;
}

/// The final response the callee side gave our INVITE, if one came.
const WireMessage* finalInviteResponse(const CallAttempt& a) {
    for (auto it = a.messages.rbegin(); it != a.messages.rend(); ++it)
        if (!it->outgoing && it->code >= 200 && it->method == "INVITE") return &*it;
    return nullptr;
}

bool received(const CallAttempt& a, int code) {
    return std::any_of(a.messages.begin(), a.messages.end(), [&](const WireMessage& m) {
        return !m.outgoing && m.code == code && m.method == "INVITE";
    });
}

std::string joined(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& s : items) out += (out.empty() ? "" : ", ") + s;
    return out;
}

// --- call rules --------------------------------------------------------------

std::optional<Finding> prackRefused(const CallAttempt& a, const CallEvidence&) {
    const auto refusal = std::find_if(a.messages.begin(), a.messages.end(), [](const WireMessage& m) {
        return !m.outgoing && m.method == "PRACK" && (m.code == 405 || m.code == 501 || m.code == 420);
    });
    if (refusal == a.messages.end()) return std::nullopt;
    Finding f{kRulePrackRefused,
              peerName(a.peer) +
                  " sent a provisional response that requires 100rel (RFC 3262), then refused "
                  "our PRACK with " +
                  codeText(*refusal) + ".",
              {},
              "disable_100rel"};
    if (a.peer.kind == PeerKind::Extension) {
        f.fix = "The phone's firmware does not handle PRACK; update it or turn off 100rel on the phone.";
        f.setting.clear();
    } else if (a.peer.prackAutoDisable) {
        f.fix = "Switchboard stopped offering 100rel on " + peerName(a.peer) +
                " by itself until its warning is cleared. To keep it so, tick \"Disable reliability of "
                "provisional responses (100rel)\" in " +
                dialogName(a.peer) + ".";
    } else {
        f.fix = "Tick \"Disable reliability of provisional responses (100rel)\" in " + dialogName(a.peer) +
                ": INVITEs then carry no 100rel and the carrier sends no reliable 18x.";
    }
    return f;
}

std::optional<Finding> uriFormat(const CallAttempt& a, const CallEvidence&) {
    if (!isCarrier(a.peer)) return std::nullopt;
    const WireMessage* final = finalInviteResponse(a);
    const WireMessage* invite = sentInvite(a);
    if (!final || !invite || (final->code != 416 && final->code != 404)) return std::nullopt;
    const auto party = routing::fromUri(invite->requestUri);
    if (!party) return std::nullopt;
    const bool tel = party->scheme == routing::UriScheme::Tel;
    const bool userPhone = party->param("user") == std::optional<std::string>("phone");
    const bool phoneNumber = routing::looksLikePhoneNumber(party->number);
    // A 404 for a number sent as the carrier wants it means the number is
    // unknown there: nothing a setting fixes.
    if (final->code == 404 && !tel && (userPhone || !phoneNumber)) return std::nullopt;
    Finding f{kRuleUriFormat,
              peerName(a.peer) + " answered " + codeText(*final) + " to the Request-URI " +
                  invite->requestUri +
                  (userPhone || !phoneNumber ? "."
                                             : ", which does not mark the number as a telephone number "
                                               "(no user=phone)."),
              {},
              {}};
    if (!userPhone && phoneNumber) {
        if (a.peer.kind == PeerKind::Line) {
            f.fix = "Tick \"Add user=phone to Request-URI\" in " + dialogName(a.peer) +
                    " (China Mobile and other IMS networks route numbers only so).";
            f.setting = "user_phone";
        } else {
            f.fix = "Set \"Additional parameter of Request-URI\" to user=phone in " + dialogName(a.peer) +
                    " (China Mobile trunks need it).";
            f.setting = "request_uri_params";
        }
    } else if (userPhone) {
        f.fix = "The carrier does not take this URI format: try without user=phone (" +
                std::string(a.peer.kind == PeerKind::Line ? "untick \"Add user=phone to Request-URI\""
                                                          : "clear \"Additional parameter of Request-URI\"") +
                " in " + dialogName(a.peer) + "), or ask the carrier which format it expects.";
        f.setting = a.peer.kind == PeerKind::Line ? "user_phone" : "request_uri_params";
    } else {
        f.fix =
            "The carrier does not take this URI format; check the route's strip/prepend so that the number "
            "is one the carrier knows (e.g. +86…), or ask it which format it expects.";
    }
    return f;
}

std::optional<Finding> codecsRejected(const CallAttempt& a, const CallEvidence&) {
    const WireMessage* final = finalInviteResponse(a);
    if (!final || (final->code != 488 && final->code != 606)) return std::nullopt;
    std::vector<std::string> offered;
    if (const WireMessage* invite = sentInvite(a)) {
        for (const auto& c : invite->codecs)
            if (c != "telephone-event" && c != "CN") offered.push_back(c);
    }
    const std::string list = offered.empty() ? std::string() : " (offered: " + joined(offered) + ")";
    return Finding{
        kRuleCodecs,
        peerName(a.peer) + " accepts none of the codecs Switchboard offered" + list + ": " +
            codeText(*final) + ".",
        "Put a codec the far end supports first in Settings, codecs (e.g. PCMA, the usual one in "
        "IMS networks" +
            std::string(a.peer.codecPreference.empty() ? "" : "; now: " + joined(a.peer.codecPreference)) +
            "), or ask the carrier which codecs it takes.",
        "codecs"};
}

std::optional<Finding> ringbackSilence(const CallAttempt& a, const CallEvidence& e) {
    if (e.answered || e.ringbackPlayed || e.calleeMediaHeard) return std::nullopt;
    if (received(a, 180)) return std::nullopt;
    const auto p183 = std::find_if(a.messages.begin(), a.messages.end(), [](const WireMessage& m) {
        return !m.outgoing && m.code == 183 && m.method == "INVITE";
    });
    if (p183 == a.messages.end()) return std::nullopt;
    return Finding{
        kRuleRingbackSilence,
        peerName(a.peer) + " sent 183 Session Progress " +
            (p183->hasSdp ? "announcing early media, but no audio came," : "without SDP") +
            " and never 180 Ringing: the caller most likely heard silence until the call ended.",
        "Phones play their own ring-back on a 180, and Switchboard's ring-back policy plays its tone "
        "when announced early media stays silent; a 183 without SDP and no 180 gives neither, and "
        "there is no per-line setting for it yet. Ask the carrier to send 180 Ringing (or early "
        "media with its 183).",
        {}};
}

std::string unreachableFix(const PeerSettings& p) {
    if (p.kind == PeerKind::Line && p.proxy.empty())
        return "If " + p.domain +
               " is a logical IMS domain (as in CTC IMS), set \"Outbound proxy (Via)\" to "
               "the carrier's SBC or P-CSCF address in " +
               dialogName(p) +
               "; otherwise check the domain and "
               "transport.";
    if (!p.proxy.empty())
        return "Check the outbound proxy " + p.proxy + " (address, port) and the transport (" +
               store::transportName(p.transport) + ") in " + dialogName(p) + ".";
    return "Check the trunk's host " + p.domain + ", port and transport (" +
           store::transportName(p.transport) + ") in " + dialogName(p) +
           ", and that the carrier expects calls from this address.";
}

std::optional<Finding> noAnswer(const CallAttempt& a, const CallEvidence&) {
    if (!isCarrier(a.peer) || !a.noResponse || !a.tlsProblem.empty()) return std::nullopt;
    const bool heardAnything =
        std::any_of(a.messages.begin(), a.messages.end(), [](const WireMessage& m) { return !m.outgoing; });
    if (heardAnything) return std::nullopt;
    const std::string where = a.peer.proxy.empty() ? a.peer.domain : a.peer.proxy;
    return Finding{kRuleNoAnswer, "Nothing answered our INVITE at " + where + " (" + peerName(a.peer) + ").",
                   unreachableFix(a.peer), "proxy"};
}

Finding tlsFinding(const PeerSettings& p, const std::string& problem) {
    return Finding{kRuleTls, peerName(p) + ": " + problem + ".",
                   "Add the carrier's certificate authority to Settings, carrier certificate authorities "
                   "(tls_ca_file), or correct the host the line or trunk names; as a last resort untick "
                   "\"Verify the carrier's TLS certificate\" in " +
                       dialogName(p) + ".",
                   "tls_ca_file"};
}

std::optional<Finding> tlsCall(const CallAttempt& a, const CallEvidence&) {
    if (a.tlsProblem.empty()) return std::nullopt;
    return tlsFinding(a.peer, a.tlsProblem);
}

using CallRule = std::optional<Finding> (*)(const CallAttempt&, const CallEvidence&);
constexpr CallRule kCallRules[] = {&prackRefused,    &uriFormat, &codecsRejected,
                                   &ringbackSilence, &noAnswer,  &tlsCall};

// --- registration rules ------------------------------------------------------

std::optional<Finding> shortAuthName(const RegistrationEvidence& e) {
    if (e.messages.empty()) return std::nullopt;
    const WireMessage& last = e.messages.back();
    if (last.code != 403 || e.authorizationName.find('@') != std::string::npos) return std::nullopt;
    return Finding{kRuleShortAuthName,
                   e.peer.domain + " refused the registration of " + peerName(e.peer) + " with " +
                       codeText(last) + "; the authorization name sent was \"" + e.authorizationName + "\".",
                   "Some IMS soft-switches (ZTE in CTC IMS) want the full " + e.authorizationName + "@" +
                       e.peer.domain + ": tick \"Authorization ID includes address information\" in " +
                       dialogName(e.peer) + ". If that does not help, check the account and password.",
                   "auth_id_includes_address"};
}

std::optional<Finding> registrationNoAnswer(const RegistrationEvidence& e) {
    if (e.transportError == 0 || !e.tlsProblem.empty()) return std::nullopt;
    const std::string where = e.peer.proxy.empty() ? e.peer.domain : e.peer.proxy;
    return Finding{kRuleNoAnswer,
                   "No answer to REGISTER from " + where + " (" + std::strerror(e.transportError) + ").",
                   unreachableFix(e.peer), "proxy"};
}

std::optional<Finding> registrationTls(const RegistrationEvidence& e) {
    if (e.tlsProblem.empty()) return std::nullopt;
    return tlsFinding(e.peer, e.tlsProblem);
}

using RegistrationRule = std::optional<Finding> (*)(const RegistrationEvidence&);
constexpr RegistrationRule kRegistrationRules[] = {&shortAuthName, &registrationNoAnswer, &registrationTls};

}  // namespace

Findings explainCall(const CallEvidence& evidence) {
    Findings out;
    for (const CallRule rule : kCallRules) {
        for (const auto& attempt : evidence.attempts) {
            auto f = rule(attempt, evidence);
            if (f && std::find(out.begin(), out.end(), *f) == out.end()) out.push_back(std::move(*f));
        }
    }
    return out;
}

Findings explainRegistration(const RegistrationEvidence& evidence) {
    Findings out;
    for (const RegistrationRule rule : kRegistrationRules)
        if (auto f = rule(evidence)) out.push_back(std::move(*f));
    return out;
}

std::string findingsText(const Findings& findings, bool withRules) {
    std::string out;
    for (const auto& f : findings) {
        if (!out.empty()) out += withRules ? " " : "\n";
        if (withRules) out += "[" + f.rule + "] ";
        out += f.what + " — " + f.fix;
    }
    return out;
}

}  // namespace sb::diagnostics
