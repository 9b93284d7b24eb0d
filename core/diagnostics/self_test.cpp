#include "diagnostics/self_test.h"

#include <algorithm>
#include <cerrno>

#include "diagnostics/rules.h"
#include "routing/party.h"

namespace sb::diagnostics {

namespace {

std::string seconds(uint32_t ms) {
    return std::to_string((ms + 999) / 1000) + " s";
}

std::string peerWords(const PeerSettings& p) {
    return std::string(p.kind == PeerKind::Trunk ? "trunk" : "line") + " \"" + p.name + "\"";
}

const CallAttempt* attemptOf(const SelfTestEvidence& e) {
    return e.call.ran && !e.call.evidence.attempts.empty() ? &e.call.evidence.attempts.front() : nullptr;
}

const WireMessage* finalInviteAnswer(const CallAttempt& a) {
    for (auto it = a.messages.rbegin(); it != a.messages.rend(); ++it)
        if (!it->outgoing && it->method == "INVITE" && it->code >= 200) return &*it;
    return nullptr;
}

bool reachedCallee(const CallAttempt& a) {
    return std::any_of(a.messages.begin(), a.messages.end(), [](const WireMessage& m) {
        return !m.outgoing && m.method == "INVITE" && m.code >= 180 && m.code < 300;
    });
}

std::vector<std::string> split(const std::string& text, char separator) {
    std::vector<std::string> out;
    size_t start = 0;
    while (start <= text.size()) {
        const size_t at = text.find(separator, start);
        out.push_back(text.substr(start, at == std::string::npos ? at : at - start));
        if (at == std::string::npos) break;
        start = at + 1;
    }
    return out;
}

std::string replaced(std::string text, char from, char to) {
    std::replace(text.begin(), text.end(), from, to);
    return text;
}

bool hasUserPhone(const std::string& uri) {
    const auto party = routing::fromUri(uri);
    return party && party->param("user") == std::optional<std::string>("phone");
}

/// The carrier took the Request-URI: the call rang or was answered, or
/// ended with an answer that is not about the URI (486 busy, 480, ...).
bool uriAccepted(const CallProbe& call) {
    if (!call.ran || call.evidence.attempts.empty()) return false;
    const CallAttempt& a = call.evidence.attempts.front();
    if (reachedCallee(a)) return true;
    const WireMessage* final = finalInviteAnswer(a);
    return final && final->code != 404 && final->code != 416 && final->code != 484 && final->code != 487;
}

std::string finalText(const CallProbe& call) {
    if (call.evidence.attempts.empty()) return "no answer";
    const CallAttempt& a = call.evidence.attempts.front();
    if (reachedCallee(a)) {
        for (const auto& m : a.messages)
            if (!m.outgoing && m.method == "INVITE" && m.code >= 180 && m.code < 300)
                return std::to_string(m.code) + (m.reason.empty() ? std::string() : " " + m.reason);
    }
    const WireMessage* final = finalInviteAnswer(a);
    return final ? std::to_string(final->code) + (final->reason.empty() ? std::string() : " " + final->reason)
                 : std::string("no answer");
}

const RegisterProbe* probe(const SelfTestEvidence& e, bool full) {
    for (const auto& r : e.registrations)
        if (r.fullForm == full) return &r;
    return nullptr;
}

bool ok(const RegisterProbe* r) {
    return r && r->answered && r->code >= 200 && r->code < 300;
}

std::string codeText(int code, const std::string& reason) {
    return std::to_string(code) + (reason.empty() ? std::string() : " " + reason);
}

std::string joined(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& s : items) out += (out.empty() ? "" : ", ") + s;
    return out;
}

void add(Findings& out, Finding f) {
    if (std::find(out.begin(), out.end(), f) == out.end()) out.push_back(std::move(f));
}

// --- step (a) ------------------------------------------------------------------

void optionsFindings(const SelfTestEvidence& e, Findings& out) {
    const OptionsProbe& o = e.options;
    if (!o.ran) return;
    if (!o.answered) {
        add(out, {kSelfTestOptionsNoAnswer,
                  "No answer to OPTIONS from " + peerWords(e.peer) + " within " +
                      seconds(e.request.stepTimeoutMs) + ".",
                  "Many carriers ignore OPTIONS from a party that is not registered, so this alone is no "
                  "fault; if the test call or the registration gets no answer either, check the outbound "
                  "proxy, host, port and transport.",
                  {}});
        return;
    }
    std::string what = peerWords(e.peer) + " answered OPTIONS with " + codeText(o.code, o.reason) + ".";
    if (!o.allow.empty()) what += " Allow: " + o.allow + ".";
    if (!o.supported.empty()) what += " Supported: " + o.supported + ".";
    if (!o.accept.empty()) what += " Accept: " + o.accept + ".";
    add(out, {kSelfTestOptionsAnswered, what, "Nothing to change: the carrier is reachable.", {}});
}

// --- step (b) ------------------------------------------------------------------

void registrationFindings(const SelfTestEvidence& e, Findings& out) {
    if (e.registrations.empty()) return;
    const RegisterProbe* shortForm = probe(e, false);
    const RegisterProbe* fullForm = probe(e, true);
    if (ok(shortForm)) {
        add(out, {kSelfTestAuthIdShort,
                  "The carrier accepted REGISTER with the authorization name \"" +
                      shortForm->authorizationName + "\" (the account alone).",
                  "Leave \"Authorization ID includes address information\" unticked.",
                  "auth_id_includes_address"});
    } else if (ok(fullForm)) {
        if (shortForm && shortForm->answered) {
            // The explainer's own rule names the setting when the short name got 403.
            RegistrationEvidence reg;
            reg.peer = e.peer;
            reg.authorizationName = shortForm->authorizationName;
            WireMessage answer;
            answer.method = "REGISTER";
            answer.code = shortForm->code;
            answer.reason = shortForm->reason;
            reg.messages.push_back(answer);
            for (auto& f : explainRegistration(reg)) add(out, std::move(f));
        }
        add(out,
            {kSelfTestAuthIdFull,
             "The carrier accepted REGISTER only with the full authorization name \"" +
                 fullForm->authorizationName + "\"" +
                 (shortForm && shortForm->answered ? " (\"" + shortForm->authorizationName + "\" got " +
                                                         codeText(shortForm->code, shortForm->reason) + ")"
                                                   : std::string()) +
                 ".",
             "Tick \"Authorization ID includes address information\" in the line's dialog.",
             "auth_id_includes_address"});
    } else if ((shortForm && shortForm->answered) || (fullForm && fullForm->answered)) {
        std::string what = "The carrier refused REGISTER with every authorization name:";
        for (const auto& r : e.registrations)
            what += " \"" + r.authorizationName + "\" " +
                    (r.answered ? codeText(r.code, r.reason) : std::string("no answer")) + ";";
        what.back() = '.';
        add(out, {kSelfTestRegisterRefused, what,
                  "Check the account, authorization ID and password the carrier gave you.", "password"});
    } else {
        RegistrationEvidence reg;
        reg.peer = e.peer;
        reg.authorizationName = shortForm ? shortForm->authorizationName : std::string();
        reg.transportError = ETIMEDOUT;
        for (auto& f : explainRegistration(reg)) add(out, std::move(f));
        add(out, {kSelfTestRegisterNoAnswer,
                  "No answer to REGISTER within " + seconds(e.request.stepTimeoutMs) + ".",
                  "See above.",
                  {}});
    }
}

// --- step (c) ------------------------------------------------------------------

std::string earlyText(const CallAttempt& a) {
    std::vector<std::string> seen;
    for (const auto& m : a.messages) {
        if (m.outgoing || m.method != "INVITE" || m.code <= 100 || m.code >= 200) continue;
        std::string s = std::to_string(m.code) + (m.hasSdp ? " with SDP" : " without SDP");
        if (m.requires100rel) s += " (reliable)";
        if (seen.empty() || seen.back() != s) seen.push_back(s);
    }
    std::string out;
    for (const auto& s : seen) out += (out.empty() ? "" : ", then ") + s;
    return out;
}

void callFindings(const SelfTestEvidence& e, const CarrierCapabilities& caps, Findings& out) {
    const CallAttempt* a = attemptOf(e);
    if (!a) return;
    for (auto& f : explainCall(e.call.evidence)) add(out, std::move(f));
    const bool reliable18x = std::any_of(a->messages.begin(), a->messages.end(), [](const WireMessage& m) {
        return !m.outgoing && m.method == "INVITE" && m.code > 100 && m.code < 200 && m.requires100rel;
    });
    if (reliable18x && caps.prackAccepted == Support::Yes)
        add(out, {kSelfTest100rel,
                  peerWords(e.peer) + " sent a reliable provisional response (Require: 100rel) and accepted "
                                      "our PRACK.",
                  "Keep 100rel offered (\"Disable reliability of provisional responses\" unticked).",
                  "disable_100rel"});
    else if (reachedCallee(*a) && !reliable18x)
        add(out,
            {kSelfTestNo100rel,
             peerWords(e.peer) + " did not use 100rel although the INVITE offered it (Supported: 100rel).",
             "Nothing to change: its 18x need no PRACK.",
             {}});
    if (caps.update == Support::Yes)
        add(out, {kSelfTestUpdate,
                  peerWords(e.peer) + " lists UPDATE in Allow (RFC 3311).",
                  "Nothing to change: Switchboard answers UPDATE, with or without SDP.",
                  {}});
    else if (caps.update == Support::No)
        add(out, {kSelfTestNoUpdate,
                  peerWords(e.peer) + " does not list UPDATE in Allow.",
                  "Nothing to change: Switchboard changes media with re-INVITE.",
                  {}});
    if (const std::string early = earlyText(*a); !early.empty())
        add(out, {kSelfTestEarly,
                  "Provisional responses, in order: " + early + ".",
                  "Nothing to change: Switchboard takes 180 and 183, with or without SDP, in any order.",
                  {}});
    if (e.retry.ran) {
        const bool withUserPhone = hasUserPhone(e.retry.requestUri);
        const std::string form = withUserPhone ? "with user=phone" : "without user=phone";
        if (uriAccepted(e.retry)) {
            add(out, {kSelfTestUriConfirmed,
                      "Sent " + form + " (" + e.retry.requestUri + "), the same number got " +
                          finalText(e.retry) + ": the carrier takes numbers only " + form + ".",
                      "Apply the suggested setting below.",
                      e.peer.kind == PeerKind::Line ? "user_phone" : "request_uri_params"});
        } else {
            // Both forms refused: the explainer's URI-format advice would mislead.
            out.erase(std::remove_if(out.begin(), out.end(),
                                     [](const Finding& f) { return f.rule == kRuleUriFormat; }),
                      out.end());
            add(out,
                {kSelfTestUriNotCause,
                 "Sent " + form + " as well, the number got " + finalText(e.retry) +
                     ": the URI format is not the cause.",
                 "Check the number and the route's strip/prepend (e.g. +86…), or ask the carrier whether it "
                 "knows the number.",
                 {}});
        }
    }
    const WireMessage* final = finalInviteAnswer(*a);
    if (e.call.answered) {
        add(out, {kSelfTestAnswered,
                  "The test call to " + e.request.number + " was answered" +
                      (caps.answerCodecs.empty() ? std::string()
                                                 : "; codecs in the answer: " + joined(caps.answerCodecs)) +
                      "; Switchboard ended it with BYE at once.",
                  "Nothing to change.",
                  {}});
    } else if (final && final->code != 487) {
        add(out,
            {kSelfTestRejected,
             "The test call to " + e.request.number + " got " + codeText(final->code, final->reason) + ".",
             "See the other conclusions; a code no setting explains (486 busy, 404 for an unknown "
             "number) says the number, not the line, is the problem.",
             {}});
    }
}

bool hasDetermined(const config::CarrierProfile& p) {
    return p.disable100rel || p.userPhone || p.authIdIncludesAddress || p.requestUriParams;
}

std::string onOff(bool v) {
    return v ? "ticked" : "unticked";
}

std::string supportWord(Support s) {
    switch (s) {
        case Support::Yes:
            return "yes";
        case Support::No:
            return "no";
        case Support::Unknown:
            break;
    }
    return "not determined";
}

}  // namespace

bool wantsUriRetry(const CallProbe& call) {
    if (!call.ran || call.answered) return false;
    const Findings found = explainCall(call.evidence);
    return std::any_of(found.begin(), found.end(), [](const Finding& f) { return f.rule == kRuleUriFormat; });
}

CarrierCapabilities capabilitiesOf(const SelfTestEvidence& e) {
    CarrierCapabilities caps;
    if (e.options.ran) caps.answersOptions = e.options.answered ? Support::Yes : Support::No;

    const RegisterProbe* shortForm = probe(e, false);
    const RegisterProbe* fullForm = probe(e, true);
    if (ok(shortForm)) {
        caps.authId = AuthIdForm::Short;
    } else if (ok(fullForm)) {
        caps.authId = AuthIdForm::Full;
    } else if ((shortForm && shortForm->answered) || (fullForm && fullForm->answered)) {
        caps.authId = AuthIdForm::Neither;
    }

    std::vector<std::string> allows = e.call.allow;
    if (e.options.answered && !e.options.allow.empty()) allows.push_back(e.options.allow);
    if (!allows.empty())
        caps.update = std::any_of(allows.begin(), allows.end(),
                                  [](const std::string& a) { return hasOptionTag(a, "UPDATE"); })
                          ? Support::Yes
                          : Support::No;
    if (e.options.answered && hasOptionTag(e.options.supported, "100rel"))
        caps.reliableProvisional = Support::Yes;

    const CallAttempt* a = attemptOf(e);
    if (!a) return caps;
    bool reliable18x = false;
    for (const auto& m : a->messages) {
        if (m.outgoing) continue;
        if (m.method == "INVITE" && m.code > 100 && m.code < 200 && m.requires100rel) reliable18x = true;
        if (m.method == "PRACK" && m.code >= 200 && m.code < 300) caps.prackAccepted = Support::Yes;
        if (m.method == "PRACK" && (m.code == 405 || m.code == 501 || m.code == 420))
            caps.prackAccepted = Support::No;
        if (m.method == "INVITE" && m.hasSdp && caps.answerCodecs.empty() && m.code > 100 && m.code < 300)
            caps.answerCodecs = m.codecs;
    }
    if (caps.prackAccepted == Support::No) {
        caps.reliableProvisional = Support::No;
    } else if (reliable18x && caps.prackAccepted == Support::Yes) {
        caps.reliableProvisional = Support::Yes;
    }
    const WireMessage* final = finalInviteAnswer(*a);
    const bool userPhoneSent = !a->messages.empty() && hasUserPhone(a->messages.front().requestUri);
    if (final && (final->code == 488 || final->code == 606)) caps.rejectedCodecs = true;
    const Findings explained = explainCall(e.call.evidence);
    const bool uriRefused = std::any_of(explained.begin(), explained.end(),
                                        [](const Finding& f) { return f.rule == kRuleUriFormat; });
    if (uriRefused && e.retry.ran) {
        // The repetition decides: the form it used works, or neither does.
        if (uriAccepted(e.retry))
            caps.needsUserPhone = hasUserPhone(e.retry.requestUri) ? Support::Yes : Support::No;
    } else if (uriRefused && !userPhoneSent) {
        caps.needsUserPhone = Support::Yes;
    } else if (reachedCallee(*a) && !userPhoneSent) {
        caps.needsUserPhone = Support::No;
    }
    return caps;
}

config::CarrierProfile suggestedSettings(const CarrierCapabilities& caps, const PeerSettings& peer) {
    config::CarrierProfile p;
    p.name = "Self-test of " + peer.name;
    p.forLines = peer.kind == PeerKind::Line;
    p.forTrunks = peer.kind == PeerKind::Trunk;
    if (caps.prackAccepted == Support::No) {
        p.disable100rel = true;
    } else if (caps.reliableProvisional == Support::Yes) {
        p.disable100rel = false;
    }
    if (peer.kind == PeerKind::Line) {
        if (caps.authId == AuthIdForm::Full) p.authIdIncludesAddress = true;
        if (caps.authId == AuthIdForm::Short) p.authIdIncludesAddress = false;
        if (caps.needsUserPhone != Support::Unknown) p.userPhone = caps.needsUserPhone == Support::Yes;
    } else if (caps.needsUserPhone != Support::Unknown) {
        const bool has = hasOptionTag(replaced(peer.requestUriParams, ';', ','), "user=phone");
        if (caps.needsUserPhone == Support::Yes) {
            p.requestUriParams =
                has ? peer.requestUriParams
                    : (peer.requestUriParams.empty() ? std::string() : peer.requestUriParams + ";") +
                          "user=phone";
        } else {
            std::string kept;
            for (const auto& item : split(peer.requestUriParams, ';'))
                if (item != "user=phone" && !item.empty()) kept += (kept.empty() ? "" : ";") + item;
            p.requestUriParams = kept;
        }
    }
    return p;
}

std::optional<config::CarrierProfile> matchingPreset(const config::CarrierProfile& s, PeerKind kind,
                                                     const std::vector<config::CarrierProfile>& presets) {
    const bool line = kind == PeerKind::Line;
    std::optional<config::CarrierProfile> best;
    int bestAgreed = 0;
    for (const auto& preset : presets) {
        if (line ? !preset.forLines : !preset.forTrunks) continue;
        int agreed = 0;
        bool contradicts = false;
        auto compare = [&](const auto& mine, const auto& theirs) {
            if (!mine || !theirs) return;
            if (*mine == *theirs) {
                ++agreed;
            } else {
                contradicts = true;
            }
        };
        compare(s.disable100rel, preset.disable100rel);
        if (line) {
            compare(s.userPhone, preset.userPhone);
            compare(s.authIdIncludesAddress, preset.authIdIncludesAddress);
        } else {
            compare(s.requestUriParams, preset.requestUriParams);
        }
        if (!contradicts && agreed > bestAgreed) {
            best = preset;
            bestAgreed = agreed;
        }
    }
    return best;
}

SelfTestReport selfTestReport(const SelfTestEvidence& e, const std::vector<config::CarrierProfile>& presets) {
    SelfTestReport r;
    r.id = e.request.id;
    r.target = e.request.target;
    r.kind = e.peer.kind;
    r.error = e.error;
    r.ladder = e.ladder;
    if (!e.error.empty()) return r;
    r.capabilities = capabilitiesOf(e);
    optionsFindings(e, r.findings);
    registrationFindings(e, r.findings);
    callFindings(e, r.capabilities, r.findings);
    r.suggested = suggestedSettings(r.capabilities, e.peer);
    if (auto preset = matchingPreset(r.suggested, e.peer.kind, presets)) r.matchingPreset = preset->name;
    return r;
}

std::string suggestedSettingsText(const config::CarrierProfile& s, PeerKind kind) {
    std::string out;
    if (s.disable100rel)
        out += "\"Disable reliability of provisional responses (100rel)\": " + onOff(*s.disable100rel) + "\n";
    if (kind == PeerKind::Line) {
        if (s.authIdIncludesAddress)
            out += "\"Authorization ID includes address information\": " + onOff(*s.authIdIncludesAddress) +
                   "\n";
        if (s.userPhone) out += "\"Add user=phone to Request-URI\": " + onOff(*s.userPhone) + "\n";
    } else if (s.requestUriParams) {
        out += "\"Additional parameter of Request-URI\": " +
               (s.requestUriParams->empty() ? std::string("(empty)") : *s.requestUriParams) + "\n";
    }
    return out;
}

std::string selfTestReportText(const SelfTestReport& r) {
    std::string out = "Carrier self-test of " + std::string(r.kind == PeerKind::Trunk ? "trunk" : "line") +
                      " \"" + r.target + "\"\n";
    if (!r.error.empty()) return out + "Could not run: " + r.error + "\n";
    const CarrierCapabilities& c = r.capabilities;
    out += "\nWhat the carrier supports:\n";
    out += "  answers OPTIONS: " + supportWord(c.answersOptions) + "\n";
    out += "  100rel (reliable 18x, PRACK): " + supportWord(c.reliableProvisional) + "\n";
    out += "  PRACK accepted: " + supportWord(c.prackAccepted) + "\n";
    out += "  UPDATE: " + supportWord(c.update) + "\n";
    out += "  needs user=phone in the Request-URI: " + supportWord(c.needsUserPhone) + "\n";
    if (r.kind == PeerKind::Line) {
        const char* form = c.authId == AuthIdForm::Short     ? "the account alone"
                           : c.authId == AuthIdForm::Full    ? "the full user@domain"
                           : c.authId == AuthIdForm::Neither ? "neither form was accepted"
                                                             : "not determined";
        out += std::string("  authorization ID: ") + form + "\n";
    }
    out += "  codecs in its answer: " +
           (c.answerCodecs.empty() ? std::string("none seen") : joined(c.answerCodecs)) +
           (c.rejectedCodecs ? " (it refused our offer)" : "") + "\n";
    out += "\nConclusions:\n";
    for (const auto& f : r.findings) out += "  [" + f.rule + "] " + f.what + " — " + f.fix + "\n";
    out += "\nSuggested settings:\n";
    const std::string fields = suggestedSettingsText(r.suggested, r.kind);
    if (!hasDetermined(r.suggested)) {
        out += "  none determined\n";
    } else {
        size_t start = 0;
        while (start < fields.size()) {
            const size_t eol = fields.find('\n', start);
            out += "  " + fields.substr(start, eol - start) + "\n";
            start = eol + 1;
        }
    }
    out += r.matchingPreset.empty()
               ? std::string("  no shipped carrier profile matches; set the fields above\n")
               : "  matching carrier profile: \"" + r.matchingPreset + "\"\n";
    out += "\n" + ladderText(r.ladder, "Message flow:");
    return out;
}

}  // namespace sb::diagnostics
