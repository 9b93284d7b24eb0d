// Fuzzes the digest-authentication parsers and the nonce bookkeeping
// (core/sip/digest.h). Input: an Authorization / Proxy-Authorization header
// value as a phone sends it (`Digest username="100", realm=...`), or a list
// of algorithm names as the auth_algorithms setting holds it.
//
// Properties checked beyond "no crash, no UB":
// - parsed credentials always carry username, nonce, uri and response;
// - parseDigestAlgorithmList never returns a repeated algorithm;
// - a nonce we issued accepts a nonce-count once: the same count again is
//   Replayed, never Valid (replay protection);
// - a nonce past its lifetime is Stale, never Valid.

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "sip/digest.h"

using namespace sb::sip;

namespace {

#define FUZZ_CHECK(cond)                                                                  \
    do {                                                                                  \
        if (!(cond)) {                                                                    \
            std::fprintf(stderr, "fuzz_digest: property failed: %s (%s:%d)\n", #cond,    \
                         __FILE__, __LINE__);                                             \
            std::abort();                                                                 \
        }                                                                                 \
    } while (0)

// Milliseconds on a fake clock the harness moves by hand.
int64_t g_nowMs = 1'000'000'000;

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    g_nowMs = 1'000'000'000;

    // The settings value "MD5,SHA-256".
    if (auto list = parseDigestAlgorithmList(text)) {
        FUZZ_CHECK(!list->empty());
        for (size_t i = 0; i < list->size(); ++i)
            for (size_t j = i + 1; j < list->size(); ++j) FUZZ_CHECK((*list)[i] != (*list)[j]);
    }
    (void)parseDigestAlgorithm(text);

    NonceManager nonces(300, [] { return g_nowMs; });
    // The raw text as a nonce: forged or garbage nonces must never verify.
    FUZZ_CHECK(nonces.verify(text) != NonceManager::Check::Valid);
    FUZZ_CHECK(nonces.consume(text, "00000001") != NonceManager::Check::Valid);

    auto creds = parseDigestCredentials(text);
    if (!creds) return 0;
    FUZZ_CHECK(!creds->username.empty() && !creds->nonce.empty() && !creds->uri.empty() &&
               !creds->response.empty());

    // What Authenticator::check does with them.
    const auto algorithm = parseDigestAlgorithm(creds->algorithm);
    const std::string expected =
        digestResponse(algorithm.value_or(DigestAlgorithm::Md5), creds->username, creds->realm, "secret",
                       "REGISTER", creds->uri, creds->nonce, creds->nc, creds->cnonce, creds->qop);
    (void)constantTimeEquals(expected, creds->response);
    FUZZ_CHECK(nonces.verify(creds->nonce) != NonceManager::Check::Valid);
    FUZZ_CHECK(nonces.consume(creds->nonce, creds->nc) != NonceManager::Check::Valid);

    // The nonce-count from the input against a nonce we really issued.
    const std::string ours = nonces.issue();
    FUZZ_CHECK(nonces.verify(ours) == NonceManager::Check::Valid);
    const auto first = nonces.consume(ours, creds->nc);
    if (first == NonceManager::Check::Valid) {
        FUZZ_CHECK(nonces.consume(ours, creds->nc) == NonceManager::Check::Replayed);
        FUZZ_CHECK(nonces.trackedNonces() == 1);
    } else {
        FUZZ_CHECK(first == NonceManager::Check::Invalid);
    }
    // Also the nonce-count from the opaque and cnonce fields (more text shapes).
    (void)nonces.consume(ours, creds->opaque);
    (void)nonces.consume(ours, creds->cnonce);

    // Past its lifetime every nonce is stale.
    g_nowMs += 301'000;
    FUZZ_CHECK(nonces.verify(ours) == NonceManager::Check::Stale);
    FUZZ_CHECK(nonces.consume(ours, creds->nc) != NonceManager::Check::Valid);
    return 0;
}
