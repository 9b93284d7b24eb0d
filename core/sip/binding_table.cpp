#include "sip/binding_table.h"

#include <algorithm>

namespace sb::sip {

RegisterOutcome BindingTable::apply(const RegisterRequest& req, const ExpiryPolicy& policy, int64_t nowMs) {
    auto& list = m_byExtension[req.extension];
    RegisterOutcome out = applyTo(list, req, policy, nowMs);
    if (list.empty()) m_byExtension.erase(req.extension);
    return out;
}

RegisterOutcome BindingTable::applyTo(std::vector<Binding>& list, const RegisterRequest& req,
                                      const ExpiryPolicy& policy, int64_t nowMs) {
    RegisterOutcome out;

    if (req.wildcard) {
        // RFC 3261 §10.3 step 6: "*" only alone and only with Expires: 0.
        if (!req.contacts.empty() || !req.expiresHeaderS || *req.expiresHeaderS != 0) {
            out.status = 400;
            out.reason = "Wildcard Contact needs Expires: 0";
            return out;
        }
        for (const auto& b : list) {
            if (b.callId == req.callId && req.cseq <= b.cseq) {
                out.status = 500;
                out.reason = "Out of order CSeq";
                return out;
            }
        }
        out.removed = std::move(list);
        list.clear();
        return out;
    }

    // Validate every contact first so a refused request changes nothing.
    std::vector<uint32_t> expires;
    for (const auto& c : req.contacts) {
        uint32_t e = c.expiresS.value_or(req.expiresHeaderS.value_or(policy.defaultS));
        if (e != 0 && e < policy.minS) {
            out.status = 423;
            out.reason = "Interval Too Brief";
            out.minExpiresS = policy.minS;
            return out;
        }
        expires.push_back(std::min(e, policy.maxS));
        auto it = std::find_if(list.begin(), list.end(), [&](const Binding& b) { return b.contact == c.uri; });
        if (it != list.end() && it->callId == req.callId && req.cseq <= it->cseq) {
            out.status = 500;
            out.reason = "Out of order CSeq";
            return out;
        }
    }

    for (size_t i = 0; i < req.contacts.size(); ++i) {
        const auto& c = req.contacts[i];
        auto it = std::find_if(list.begin(), list.end(), [&](const Binding& b) { return b.contact == c.uri; });
        if (expires[i] == 0) {
            if (it != list.end()) {
                out.removed.push_back(*it);
                list.erase(it);
            }
            continue;
        }
        Binding b{req.extension, c.uri,  req.source, req.transport, req.userAgent,
                  req.callId,    req.cseq, nowMs + int64_t{expires[i]} * 1000, true};
        if (it != list.end()) {
            *it = b;
        } else {
            list.push_back(b);
        }
        out.changed.push_back(b);
    }
    // Over the cap, the oldest bindings give way: a phone that rebooted behind
    // NAT re-registers from a new port and must not be locked out by its own
    // stale contacts.
    while (list.size() > policy.maxContacts && !list.empty()) {
        out.removed.push_back(list.front());
        list.erase(list.begin());
    }
    return out;
}

std::vector<Binding> BindingTable::bindingsOf(const std::string& extension) const {
    auto it = m_byExtension.find(extension);
    return it == m_byExtension.end() ? std::vector<Binding>{} : it->second;
}

std::vector<Binding> BindingTable::all() const {
    std::vector<Binding> out;
    for (const auto& [ext, list] : m_byExtension) out.insert(out.end(), list.begin(), list.end());
    return out;
}

std::vector<Binding> BindingTable::expire(int64_t nowMs) {
    std::vector<Binding> removed;
    for (auto it = m_byExtension.begin(); it != m_byExtension.end();) {
        auto& list = it->second;
        for (auto b = list.begin(); b != list.end();) {
            if (b->expiresAtMs <= nowMs) {
                removed.push_back(*b);
                b = list.erase(b);
            } else {
                ++b;
            }
        }
        it = list.empty() ? m_byExtension.erase(it) : std::next(it);
    }
    return removed;
}

std::vector<Binding> BindingTable::retainExtensions(const std::vector<std::string>& keep) {
    std::vector<Binding> removed;
    for (auto it = m_byExtension.begin(); it != m_byExtension.end();) {
        if (std::find(keep.begin(), keep.end(), it->first) == keep.end()) {
            removed.insert(removed.end(), it->second.begin(), it->second.end());
            it = m_byExtension.erase(it);
        } else {
            ++it;
        }
    }
    return removed;
}

void BindingTable::restore(const Binding& binding, int64_t nowMs) {
    if (binding.expiresAtMs <= nowMs) return;
    auto& list = m_byExtension[binding.extension];
    auto it = std::find_if(list.begin(), list.end(), [&](const Binding& b) { return b.contact == binding.contact; });
    if (it != list.end()) {
        *it = binding;
    } else {
        list.push_back(binding);
    }
}

std::optional<Binding> BindingTable::setReachable(const std::string& extension, const std::string& contact,
                                                  bool reachable) {
    auto it = m_byExtension.find(extension);
    if (it == m_byExtension.end()) return std::nullopt;
    for (auto& b : it->second) {
        if (b.contact == contact && b.reachable != reachable) {
            b.reachable = reachable;
            return b;
        }
    }
    return std::nullopt;
}

size_t BindingTable::size() const {
    size_t n = 0;
    for (const auto& [ext, list] : m_byExtension) n += list.size();
    return n;
}

}  // namespace sb::sip
