#include "sip/authenticator.h"

#include <re.h>

#include <algorithm>
#include <cctype>
#include <cstddef>

#include "sip/message.h"
#include "sip/sip_stack.h"

namespace sb::sip {

Authenticator::Authenticator(std::string realm, std::vector<DigestAlgorithm> algorithms, uint32_t nonceLifetimeS)
    : m_realm(std::move(realm)), m_algorithms(std::move(algorithms)), m_nonces(nonceLifetimeS) {}

Authenticator::Outcome Authenticator::check(const ::sip_msg& msg, bool proxy, const PasswordLookup& lookup) {
    const auto values = headerValues(msg, proxy ? SIP_HDR_PROXY_AUTHORIZATION : SIP_HDR_AUTHORIZATION);
    // A request may carry credentials for several realms; only ours count.
    std::optional<DigestCredentials> creds;
    for (const auto& v : values) {
        // RFC 4475 §3.3.7: a scheme we do not know is ignored (and then
        // challenged), not a reason to refuse the request.
        const size_t start = v.find_first_not_of(" \t");
        if (start == std::string::npos || v.size() - start < 7 ||
            !std::equal(v.begin() + static_cast<std::ptrdiff_t>(start), v.begin() + static_cast<std::ptrdiff_t>(start) + 6,
                        "digest", [](char a, char b) { return std::tolower(static_cast<unsigned char>(a)) == b; }) ||
            (v[start + 6] != ' ' && v[start + 6] != '\t'))
            continue;
        auto parsed = parseDigestCredentials(v);
        if (!parsed) return {Verdict::BadRequest, {}};
        if (parsed->realm == m_realm) {
            creds = std::move(parsed.value());
            break;
        }
    }
    if (!creds) return {Verdict::Challenge, {}};

    auto algorithm = parseDigestAlgorithm(creds->algorithm);
    if (!algorithm || std::find(m_algorithms.begin(), m_algorithms.end(), *algorithm) == m_algorithms.end())
        return {Verdict::Challenge, creds->username};
    if (!creds->qop.empty() && creds->qop != "auth") return {Verdict::BadRequest, creds->username};
    if (!creds->qop.empty() && (creds->nc.empty() || creds->cnonce.empty()))
        return {Verdict::BadRequest, creds->username};

    // Unknown users are checked against a throw-away password so that both
    // paths cost the same and answer the same.
    const auto password = lookup(creds->username);
    const std::string expected =
        digestResponse(*algorithm, creds->username, m_realm, password.value_or("\x01unknown\x01"),
                       requestMethod(msg), creds->uri, creds->nonce, creds->nc, creds->cnonce, creds->qop);
    const bool match = constantTimeEquals(expected, creds->response) && password.has_value();

    if (m_nonces.verify(creds->nonce) != NonceManager::Check::Valid) {
        // A forged or foreign nonce with a wrong password is just a failure;
        // with the right password it is an old nonce (e.g. from before a
        // restart) and the phone may retry at once.
        return {match ? Verdict::Stale : Verdict::Challenge, creds->username};
    }
    if (!match) {
        if (m_onFailure) m_onFailure(msg);
        return {Verdict::Forbidden, creds->username};
    }
    if (m_nonces.consume(creds->nonce, creds->nc) != NonceManager::Check::Valid)
        return {Verdict::Stale, creds->username};
    return {Verdict::Authorized, creds->username};
}

std::string Authenticator::challengeHeaders(bool proxy, bool stale) {
    std::string out;
    const char* name = proxy ? "Proxy-Authenticate" : "WWW-Authenticate";
    for (DigestAlgorithm a : m_algorithms) {
        out += std::string(name) + ": Digest realm=\"" + m_realm + "\", nonce=\"" + m_nonces.issue() +
               "\", qop=\"auth\", algorithm=" + digestAlgorithmName(a) + (stale ? ", stale=true" : "") + "\r\n";
    }
    return out;
}

}  // namespace sb::sip
