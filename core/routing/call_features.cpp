#include "routing/call_features.h"

#include <algorithm>
#include <cctype>

namespace sb::routing {

const char* diversionReason(ForwardReason reason) {
    switch (reason) {
        case ForwardReason::Unconditional:
            return "unconditional";
        case ForwardReason::Busy:
            return "user-busy";
        case ForwardReason::NoAnswer:
            return "no-answer";
        case ForwardReason::Deflection:
            return "deflection";
    }
    return "unknown";
}

int historyInfoCause(ForwardReason reason) {
    switch (reason) {
        case ForwardReason::Unconditional:
            return 302;
        case ForwardReason::Busy:
            return 486;
        case ForwardReason::NoAnswer:
            return 408;
        case ForwardReason::Deflection:
            return 487;  // "deflection during alerting"
    }
    return 404;
}

namespace {
constexpr const char* kVoicemailCode = "*97";

bool startsWith(const std::string& s, const std::string& prefix) {
    return !prefix.empty() && s.size() >= prefix.size() && s.compare(0, prefix.size(), prefix) == 0;
}
}  // namespace

std::optional<ForwardTarget> parseForwardTarget(const std::string& text, const std::string& owner,
                                                const store::Configuration& config) {
    if (text.empty()) return std::nullopt;
    if (startsWith(text, kVoicemailCode)) {
        const std::string mailbox = text.substr(3);
        return ForwardTarget{ForwardTarget::Kind::Voicemail, mailbox.empty() ? owner : mailbox};
    }
    // Extension, group and menu numbers never collide (validation refuses it).
    auto named = [&](const auto& list) {
        return std::any_of(list.begin(), list.end(), [&](const auto& item) { return item.number == text; });
    };
    if (named(config.extensions)) return ForwardTarget{ForwardTarget::Kind::Extension, text};
    if (named(config.groups)) return ForwardTarget{ForwardTarget::Kind::Group, text};
    if (named(config.menus)) return ForwardTarget{ForwardTarget::Kind::Menu, text};
    return ForwardTarget{ForwardTarget::Kind::Outside, text};
}

std::string forwardTargetName(const ForwardTarget& target) {
    switch (target.kind) {
        case ForwardTarget::Kind::Voicemail:
            return "voicemail " + target.number;
        case ForwardTarget::Kind::Group:
            return "group " + target.number;
        case ForwardTarget::Kind::Menu:
            return "menu " + target.number;
        case ForwardTarget::Kind::Extension:
        case ForwardTarget::Kind::Outside:
            break;
    }
    return target.number;
}

Arrival onArrival(const store::Extension& ext) {
    Arrival a;
    if (!ext.forwardAlways.empty()) {
        a.action = Arrival::Action::Forward;
        a.reason = ForwardReason::Unconditional;
        a.target = ext.forwardAlways;
    } else if (ext.dnd) {
        if (!ext.forwardBusy.empty()) {
            a.action = Arrival::Action::Forward;
            a.reason = ForwardReason::Busy;
            a.target = ext.forwardBusy;
        } else {
            a.action = ext.voicemail ? Arrival::Action::Voicemail : Arrival::Action::Busy;
        }
    }
    return a;
}

const std::string& forwardSetting(const store::Extension& ext, ForwardReason reason) {
    static const std::string none;  // a deflection's target is the operator's, not a setting
    switch (reason) {
        case ForwardReason::Unconditional:
            return ext.forwardAlways;
        case ForwardReason::Busy:
            return ext.forwardBusy;
        case ForwardReason::NoAnswer:
            return ext.forwardNoAnswer;
        case ForwardReason::Deflection:
            return none;
    }
    return none;
}

bool forwardAllowed(const std::vector<std::string>& chain, size_t hops, const ForwardTarget& target) {
    if (hops >= kMaxForwardHops) return false;
    if (target.kind != ForwardTarget::Kind::Extension) return true;
    return std::find(chain.begin(), chain.end(), target.number) == chain.end();
}

std::string diversionHeader(const std::vector<ForwardHop>& hops, const std::string& domain) {
    if (hops.empty()) return {};
    std::string out = "Diversion: ";
    // RFC 5806 §4: the most recent diversion comes first.
    for (auto it = hops.rbegin(); it != hops.rend(); ++it) {
        if (it != hops.rbegin()) out += ", ";
        out += "<sip:" + it->from + "@" + domain + ">;reason=" + diversionReason(it->reason) + ";counter=1";
    }
    return out + "\r\n";
}

std::string historyInfoHeader(const std::vector<ForwardHop>& hops, const std::string& domain,
                              const std::string& finalUri) {
    if (hops.empty()) return {};
    // RFC 7044 §9.4: the Reason of a retargeting goes, escaped, into the
    // URI of the entry that was retargeted; §10.2: mp= names the entry the
    // new target was mapped from.
    std::string out = "History-Info: ";
    std::string index = "1";
    for (size_t i = 0; i < hops.size(); ++i) {
        const std::string uri = "sip:" + hops[i].from + "@" + domain;
        out += "<" + uri + "?Reason=SIP%3Bcause%3D" + std::to_string(historyInfoCause(hops[i].reason)) +
               ">;index=" + index;
        if (i > 0) out += ";mp=" + index.substr(0, index.size() - 2);
        out += ",";
        index += ".1";
    }
    out += "<" + finalUri + ">;index=" + index + ";mp=" + index.substr(0, index.size() - 2);
    return out + "\r\n";
}

std::string forwardsText(const std::vector<ForwardHop>& hops) {
    std::string out;
    for (const auto& h : hops) {
        if (!out.empty()) out += ", ";
        out += h.from + ">" + h.to + " " + diversionReason(h.reason);
    }
    return out;
}

namespace {
bool isAnonymous(const std::string& number) {
    if (number.empty()) return true;
    std::string lower;
    for (char c : number) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return lower == "anonymous";
}
}  // namespace

bool blacklisted(const std::vector<std::string>& entries, const std::string& callerNumber) {
    const bool anonymous = isAnonymous(callerNumber);
    for (const auto& entry : entries) {
        if (entry == "anonymous") {
            if (anonymous) return true;
            continue;
        }
        if (anonymous || entry.empty()) continue;
        if (startsWith(callerNumber, entry)) return true;
        // The same international number written with 00 instead of +.
        if (entry[0] == '+' && startsWith(callerNumber, "00" + entry.substr(1))) return true;
        if (callerNumber[0] == '+' && startsWith("00" + callerNumber.substr(1), entry)) return true;
    }
    return false;
}

std::optional<FeatureCodeChange> matchFeatureCode(const ForwardCodes& codes, const std::string& dialled) {
    using Kind = FeatureCodeChange::Kind;
    const std::pair<const std::string*, Kind> clears[] = {{&codes.alwaysOff, Kind::ForwardAlways},
                                                          {&codes.busyOff, Kind::ForwardBusy},
                                                          {&codes.noAnswerOff, Kind::ForwardNoAnswer}};
    for (const auto& [code, kind] : clears)
        if (!code->empty() && dialled == *code) return FeatureCodeChange{kind, {}};
    if (!codes.dndOn.empty() && dialled == codes.dndOn) return FeatureCodeChange{Kind::DndOn, {}};
    if (!codes.dndOff.empty() && dialled == codes.dndOff) return FeatureCodeChange{Kind::DndOff, {}};
    const std::pair<const std::string*, Kind> sets[] = {{&codes.alwaysOn, Kind::ForwardAlways},
                                                        {&codes.busyOn, Kind::ForwardBusy},
                                                        {&codes.noAnswerOn, Kind::ForwardNoAnswer}};
    for (const auto& [code, kind] : sets)
        if (startsWith(dialled, *code) && dialled.size() > code->size())
            return FeatureCodeChange{kind, dialled.substr(code->size())};
    return std::nullopt;
}

bool incompleteFeatureCode(const ForwardCodes& codes, const std::string& dialled) {
    return dialled == codes.alwaysOn || dialled == codes.busyOn || dialled == codes.noAnswerOn;
}

void applyFeatureCode(const FeatureCodeChange& change, store::Extension& ext) {
    using Kind = FeatureCodeChange::Kind;
    switch (change.kind) {
        case Kind::ForwardAlways:
            ext.forwardAlways = change.target;
            break;
        case Kind::ForwardBusy:
            ext.forwardBusy = change.target;
            break;
        case Kind::ForwardNoAnswer:
            ext.forwardNoAnswer = change.target;
            break;
        case Kind::DndOn:
            ext.dnd = true;
            break;
        case Kind::DndOff:
            ext.dnd = false;
            break;
    }
}

}  // namespace sb::routing
