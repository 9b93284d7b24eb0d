#pragma once

// HTTP digest authentication for SIP (RFC 3261 §22, RFC 7616, RFC 8760):
// parsing of Authorization headers, response computation, and stateless
// nonces that expire and cannot be replayed with a reused nonce-count.

#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/result.h"

namespace sb::sip {

/// Zero is not a value.
enum class DigestAlgorithm : int { Md5 = 1, Sha256 = 2 };

const char* digestAlgorithmName(DigestAlgorithm a);  ///< "MD5", "SHA-256"
std::optional<DigestAlgorithm> parseDigestAlgorithm(std::string_view name);
/// Parse a comma-separated list such as "MD5,SHA-256" (order kept, no repeats).
Result<std::vector<DigestAlgorithm>> parseDigestAlgorithmList(std::string_view list);

/// The fields of an Authorization / Proxy-Authorization header value.
struct DigestCredentials {
    std::string username, realm, nonce, uri, response, algorithm, cnonce, qop, nc, opaque;
};

/// Parse `Digest username="…", realm="…", …`. Rejects other schemes, missing
/// required fields, unterminated quotes and duplicate parameters.
Result<DigestCredentials> parseDigestCredentials(std::string_view value);

/// Lower-case hex of the algorithm's hash of @p data.
std::string digestHex(DigestAlgorithm algorithm, std::string_view data);

/// The request-digest a client computes (qop=auth when @p qop is "auth").
std::string digestResponse(DigestAlgorithm algorithm, std::string_view username, std::string_view realm,
                           std::string_view password, std::string_view method, std::string_view uri,
                           std::string_view nonce, std::string_view nc, std::string_view cnonce,
                           std::string_view qop);

/// Constant-time string comparison.
bool constantTimeEquals(std::string_view a, std::string_view b);

/// Issues and checks nonces. A nonce carries its issue time and an HMAC, so no
/// state is kept per challenge; only the highest nonce-count seen per nonce is
/// remembered, grouped by issue time so whole groups expire at once.
class NonceManager {
public:
    using Clock = std::function<int64_t()>;  ///< milliseconds, monotonic enough

    explicit NonceManager(uint32_t lifetimeS = 300, Clock clock = {});

    std::string issue();

    enum class Check : int { Valid = 1, Stale, Invalid, Replayed };
    /// Is @p nonce ours and still fresh? Records nothing.
    Check verify(std::string_view nonce) const;
    /// Record a use of @p nonce with nonce-count @p nc (hex), once the response
    /// has been verified; the count must rise with every use.
    Check consume(std::string_view nonce, std::string_view nc);

    /// Forget the nonce-counts of nonces past their lifetime (also done by
    /// consume(); call it periodically so an idle server lets them go too).
    void expire();
    size_t trackedNonces() const;

    /// Highest nonce-count per nonce id of one generation, in one array:
    /// a hash-map node per nonce would put thousands of small allocations
    /// that live minutes among a burst's short-lived ones and keep the heap
    /// pages they share resident long after the burst.
    class Counts {
    public:
        /// The count slot of @p id, created (zero) when new.
        uint32_t& at(uint64_t id);
        size_t size() const { return m_used; }

    private:
        struct Slot {
            uint64_t id = 0;
            uint32_t nc = 0;  ///< 0 = empty: a recorded count is at least 1
        };
        void grow();
        std::vector<Slot> m_slots;
        size_t m_used = 0;
    };

private:
    int64_t now() const;
    Check decode(std::string_view nonce, uint8_t* raw) const;
    void expireOld(int64_t nowMs);

    uint32_t m_lifetimeS;
    Clock m_clock;
    std::array<uint8_t, 32> m_secret{};
    uint64_t m_counter = 0;
    // generation (issue second / 10) -> nonce id -> highest nc seen
    std::unordered_map<int64_t, Counts> m_seen;
};

}  // namespace sb::sip
