#include "routing/dial_plan.h"

#include <algorithm>

namespace sb::routing {

const char* targetKindName(TargetKind kind) {
    switch (kind) {
        case TargetKind::Line:
            return "line";
        case TargetKind::Trunk:
            return "trunk";
    }
    return "?";
}

std::string Attempt::nextHopUri() const {
    std::string uri = "sip:" + nextHop + ";transport=" + store::transportName(transport);
    // Loose routing (RFC 3261 §16.12): the proxy keeps our Request-URI intact.
    if (viaProxy) uri += ";lr";
    return uri;
}

bool shouldFailOver(int status) {
    return status == kNoResponse || status == 408 || (status >= 500 && status <= 599);
}

DialPlan::DialPlan(const store::Configuration& config) : m_config(config) {
    m_patterns.reserve(m_config.routes.size());
    for (size_t i = 0; i < m_config.routes.size(); ++i) {
        auto compiled = DialPattern::compile(m_config.routes[i].pattern);
        if (compiled) {
            m_patterns.emplace_back(std::move(*compiled));
        } else {
            m_patterns.emplace_back(std::nullopt);
            m_problems.push_back("routes[" + std::to_string(i) + "].pattern: " + compiled.error().message);
        }
    }
}

std::optional<RouteMatch> DialPlan::match(const std::string& dialled, const std::string& callingExtension,
                                          bool* forbidden) const {
    if (forbidden) *forbidden = false;
    for (size_t i = 0; i < m_config.routes.size(); ++i) {
        if (!m_patterns[i] || !m_patterns[i]->matches(dialled)) continue;
        const store::Route& route = m_config.routes[i];
        const auto& allowed = route.allowedExtensions;
        // No calling extension (the GUI's "Test a number") checks no permission.
        if (!allowed.empty() && !callingExtension.empty() && std::find(allowed.begin(), allowed.end(), callingExtension) == allowed.end()) {
            if (forbidden) *forbidden = true;
            continue;
        }
        const size_t strip = static_cast<size_t>(std::max(route.strip, 0));
        // A rule that strips everything has nothing left to dial; let a later
        // rule have the number rather than sending an empty Request-URI user.
        if (strip >= dialled.size()) continue;
        RouteMatch match;
        match.ruleIndex = i;
        match.pattern = route.pattern;
        match.number = route.prepend + dialled.substr(strip);
        match.target = route.target;
        match.failover = route.failover;
        return match;
    }
    return std::nullopt;
}

const store::ExternalLine* DialPlan::findLine(const std::string& name) const {
    for (const auto& line : m_config.lines)
        if (line.name == name) return &line;
    return nullptr;
}

const store::SipTrunk* DialPlan::findTrunk(const std::string& name) const {
    for (const auto& trunk : m_config.trunks)
        if (trunk.name == name) return &trunk;
    return nullptr;
}

std::optional<TargetKind> DialPlan::targetKind(const std::string& name) const {
    if (findLine(name)) return TargetKind::Line;
    if (findTrunk(name)) return TargetKind::Trunk;
    return std::nullopt;
}

std::optional<Attempt> DialPlan::attemptFor(const std::string& name, const std::string& number,
                                            const std::string& callingExtension, std::string& skipped) const {
    const Party callee = fromNumber(number);
    Attempt attempt;
    attempt.name = name;
    attempt.number = number;
    if (const auto* line = findLine(name)) {
        if (!line->enabled) {
            skipped = "line \"" + name + "\" is disabled";
            return std::nullopt;
        }
        attempt.kind = TargetKind::Line;
        // The carrier knows the line by its domain even when that domain is a
        // logical IMS name reachable only through the proxy.
        attempt.requestUri = toSipUri(callee, line->domain, line->userPhone, "");
        attempt.viaProxy = !line->proxy.empty();
        attempt.nextHop = attempt.viaProxy ? line->proxy : line->domain;
        attempt.transport = line->transport;
        attempt.omit100rel = line->disable100rel;
        attempt.tlsVerify = line->transport == store::Transport::Tls && line->tlsVerify;
        // Carriers authorise calls by the registered account, not our extension.
        attempt.fromUser = line->account;
        attempt.fromHost = line->domain;
        if (!line->callerId.empty()) {
            attempt.identityNumber = line->callerId;
            attempt.identityHeader = "P-Preferred-Identity";
        }
        return attempt;
    }
    if (const auto* trunk = findTrunk(name)) {
        if (!trunk->enabled) {
            skipped = "trunk \"" + name + "\" is disabled";
            return std::nullopt;
        }
        attempt.kind = TargetKind::Trunk;
        // The port is always written: a trunk is configured by explicit
        // address, and some carriers compare the Request-URI host:port.
        const std::string hostPort = trunk->host + ":" + std::to_string(trunk->port);
        // Server to server: user=phone only if the operator asked for it in
        // the trunk's additional Request-URI parameters (China Mobile does).
        attempt.requestUri = toSipUri(callee, hostPort, false, trunk->requestUriParams);
        attempt.viaProxy = !trunk->proxy.empty();
        attempt.nextHop = attempt.viaProxy ? trunk->proxy : hostPort;
        attempt.transport = trunk->transport;
        attempt.omit100rel = trunk->disable100rel;
        attempt.tlsVerify = trunk->transport == store::Transport::Tls && trunk->tlsVerify;
        if (!trunk->callerId.empty())
            attempt.fromUser = trunk->callerId;
        else if (callingExtension.empty())
            attempt.fromUser = "anonymous";
        else
            attempt.fromUser = trunk->callerIdPrefix + callingExtension;
        attempt.fromHost = m_config.settings.domain;
        if (attempt.fromUser != "anonymous") {
            attempt.identityNumber = attempt.fromUser;
            attempt.identityHeader = "P-Asserted-Identity";
        }
        attempt.authUser = trunk->authUser;
        attempt.authPassword = trunk->authPassword;
        return attempt;
    }
    skipped = "\"" + name + "\" is no line or trunk";
    return std::nullopt;
}

std::optional<Attempt> DialPlan::attemptThrough(const std::string& name, const std::string& number,
                                                std::string* why) const {
    std::string skipped;
    auto attempt = attemptFor(name, number, "", skipped);
    if (!attempt && why) *why = skipped;
    return attempt;
}

OutgoingPlan DialPlan::plan(const std::string& dialled, const std::string& callingExtension) const {
    OutgoingPlan plan;
    plan.route = match(dialled, callingExtension, &plan.forbidden);
    if (!plan.route) return plan;
    for (const std::string* name : {&plan.route->target, &plan.route->failover}) {
        if (name->empty()) continue;
        std::string skipped;
        if (auto attempt = attemptFor(*name, plan.route->number, callingExtension, skipped))
            plan.attempts.push_back(std::move(*attempt));
        else
            plan.skipped.push_back(std::move(skipped));
    }
    return plan;
}

std::string DialPlan::explain(const std::string& dialled, const std::string& callingExtension) const {
    // Extensions are rung before any route is consulted (CallManager does so),
    // so a test of an extension's number must say that, not name a route.
    for (const auto& ext : m_config.extensions) {
        if (ext.enabled && ext.number == dialled) {
            std::string text = dialled + " is extension " + ext.number;
            if (!ext.name.empty()) text += " \"" + ext.name + "\"";
            return text + "; routes are not consulted";
        }
    }
    bool forbidden = false;
    const auto route = match(dialled, callingExtension, &forbidden);
    if (!route && forbidden)
        return "a rule matches " + dialled + " but extension " + callingExtension + " may not use it (403)";
    if (!route) return "no rule matches " + dialled;

    bool callable = false;
    auto describe = [&](const std::string& name) {
        std::string skipped;
        const auto attempt = attemptFor(name, route->number, callingExtension, skipped);
        if (!attempt) return skipped;
        callable = true;
        return std::string(targetKindName(attempt->kind)) + " \"" + name + "\": " + attempt->requestUri;
    };
    std::string text = "rule " + std::to_string(route->ruleIndex + 1) + " (" + route->pattern + ") → " +
                       describe(route->target);
    if (!route->failover.empty()) text += "; failover " + describe(route->failover);
    if (!callable) text += "; nothing to call (503)";
    return text;
}

}  // namespace sb::routing
