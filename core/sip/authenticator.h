#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "sip/digest.h"

struct sip_msg;

namespace sb::sip {

/// Digest authentication of requests from extensions (401 for REGISTER,
/// 407 for everything else). Known and unknown users get the same answers,
/// so the challenge flow reveals nothing about which extensions exist.
class Authenticator {
public:
    /// Password of a user, or nullopt when there is no such (enabled) user.
    using PasswordLookup = std::function<std::optional<std::string>(const std::string& user)>;

    enum class Verdict : int {
        Authorized = 1,  ///< credentials valid for Outcome::user
        Challenge,       ///< no (usable) credentials: send a challenge
        Stale,           ///< right password, old nonce: challenge with stale=true
        Forbidden,       ///< wrong password or unknown user: 403
        BadRequest,      ///< malformed credentials: 400
    };
    struct Outcome {
        Verdict verdict = Verdict::Challenge;
        std::string user;  ///< the digest username, when one was given
    };

    Authenticator(std::string realm, std::vector<DigestAlgorithm> algorithms, uint32_t nonceLifetimeS);

    void setRealm(std::string realm) { m_realm = std::move(realm); }
    void setAlgorithms(std::vector<DigestAlgorithm> algorithms) { m_algorithms = std::move(algorithms); }
    const std::string& realm() const { return m_realm; }

    /// Check the Authorization (or, with @p proxy, Proxy-Authorization) headers.
    Outcome check(const ::sip_msg& msg, bool proxy, const PasswordLookup& lookup);

    /// Challenge header lines (CRLF-terminated), one per offered algorithm in
    /// the configured order: many phones read only the first.
    std::string challengeHeaders(bool proxy, bool stale);

    NonceManager& nonces() { return m_nonces; }

    /// Called for every request with wrong credentials (Verdict::Forbidden),
    /// so the source guard can count password guessing.
    using FailureHook = std::function<void(const ::sip_msg& msg)>;
    void setFailureHook(FailureHook hook) { m_onFailure = std::move(hook); }

private:
    std::string m_realm;
    std::vector<DigestAlgorithm> m_algorithms;
    NonceManager m_nonces;
    FailureHook m_onFailure;
};

}  // namespace sb::sip
