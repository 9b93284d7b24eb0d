#include "sip/digest.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

#include <chrono>
#include <cstring>

namespace sb::sip {

namespace {

constexpr size_t kMacBytes = 12;
constexpr size_t kNonceBytes = 8 + 8 + kMacBytes;
constexpr int64_t kGenerationMs = 10'000;

std::string toHex(const uint8_t* p, size_t n) {
    static const char* digits = "0123456789abcdef";
    std::string out(n * 2, '0');
    for (size_t i = 0; i < n; ++i) {
        out[2 * i] = digits[p[i] >> 4];
        out[2 * i + 1] = digits[p[i] & 15];
    }
    return out;
}

int hexValue(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

bool fromHex(std::string_view hex, uint8_t* out, size_t n) {
    if (hex.size() != n * 2) return false;
    for (size_t i = 0; i < n; ++i) {
        const int hi = hexValue(hex[2 * i]), lo = hexValue(hex[2 * i + 1]);
        if (hi < 0 || lo < 0) return false;
        out[i] = static_cast<uint8_t>(hi << 4 | lo);
    }
    return true;
}

bool iequals(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i) {
        if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i])))
            return false;
    }
    return true;
}

bool isSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

void skipSpace(std::string_view s, size_t& i) {
    while (i < s.size() && isSpace(s[i])) ++i;
}

bool isTokenChar(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || std::strchr("-.!%*_+`'~", c) != nullptr;
}

void store64(uint8_t* p, uint64_t v) {
    for (int i = 7; i >= 0; --i, v >>= 8) p[i] = static_cast<uint8_t>(v & 0xff);
}

uint64_t load64(const uint8_t* p) {
    uint64_t v = 0;
    for (int i = 0; i < 8; ++i) v = v << 8 | p[i];
    return v;
}

}  // namespace

const char* digestAlgorithmName(DigestAlgorithm a) { return a == DigestAlgorithm::Sha256 ? "SHA-256" : "MD5"; }

std::optional<DigestAlgorithm> parseDigestAlgorithm(std::string_view name) {
    if (name.empty() || iequals(name, "MD5")) return DigestAlgorithm::Md5;
    if (iequals(name, "SHA-256")) return DigestAlgorithm::Sha256;
    return std::nullopt;
}

Result<std::vector<DigestAlgorithm>> parseDigestAlgorithmList(std::string_view list) {
    std::vector<DigestAlgorithm> out;
    size_t start = 0;
    while (start <= list.size()) {
        size_t end = list.find(',', start);
        if (end == std::string_view::npos) end = list.size();
        std::string_view item = list.substr(start, end - start);
        while (!item.empty() && isSpace(item.front())) item.remove_prefix(1);
        while (!item.empty() && isSpace(item.back())) item.remove_suffix(1);
        auto alg = item.empty() ? std::nullopt : parseDigestAlgorithm(item);
        if (!alg) return makeError("unknown digest algorithm '" + std::string(item) + "' (use MD5, SHA-256)");
        for (auto seen : out)
            if (seen == *alg) return makeError("digest algorithm '" + std::string(item) + "' listed twice");
        out.push_back(*alg);
        start = end + 1;
    }
    return out;
}

Result<DigestCredentials> parseDigestCredentials(std::string_view v) {
    size_t i = 0;
    skipSpace(v, i);
    if (v.size() - i < 6 || !iequals(v.substr(i, 6), "Digest") || (v.size() > i + 6 && !isSpace(v[i + 6])))
        return makeError("not a Digest authorization");
    i += 6;
    DigestCredentials c;
    std::vector<std::string_view> seen;
    for (;;) {
        skipSpace(v, i);
        if (i >= v.size()) break;
        size_t nameStart = i;
        while (i < v.size() && isTokenChar(v[i])) ++i;
        std::string_view name = v.substr(nameStart, i - nameStart);
        if (name.empty()) return makeError("malformed Digest parameter");
        skipSpace(v, i);
        if (i >= v.size() || v[i] != '=') return makeError("Digest parameter without value");
        ++i;
        skipSpace(v, i);
        std::string value;
        if (i < v.size() && v[i] == '"') {
            ++i;
            bool closed = false;
            while (i < v.size()) {
                char ch = v[i++];
                if (ch == '\\' && i < v.size()) {
                    value += v[i++];
                } else if (ch == '"') {
                    closed = true;
                    break;
                } else {
                    value += ch;
                }
            }
            if (!closed) return makeError("unterminated quoted string in Digest parameter");
        } else {
            size_t valueStart = i;
            while (i < v.size() && isTokenChar(v[i])) ++i;
            value.assign(v.substr(valueStart, i - valueStart));
        }
        for (auto s : seen)
            if (iequals(s, name)) return makeError("Digest parameter '" + std::string(name) + "' repeated");
        seen.push_back(name);

        struct Field { const char* name; std::string* dest; };
        const Field fields[] = {{"username", &c.username}, {"realm", &c.realm},   {"nonce", &c.nonce},
                                {"uri", &c.uri},           {"response", &c.response}, {"algorithm", &c.algorithm},
                                {"cnonce", &c.cnonce},     {"qop", &c.qop},       {"nc", &c.nc},
                                {"opaque", &c.opaque}};
        for (const auto& f : fields) {
            if (iequals(name, f.name)) *f.dest = std::move(value);
        }
        skipSpace(v, i);
        if (i < v.size()) {
            if (v[i] != ',') return makeError("expected ',' between Digest parameters");
            ++i;
        }
    }
    if (c.username.empty() || c.nonce.empty() || c.uri.empty() || c.response.empty())
        return makeError("Digest authorization lacks username, nonce, uri or response");
    return c;
}

std::string digestHex(DigestAlgorithm algorithm, std::string_view data) {
    uint8_t md[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    const EVP_MD* type = algorithm == DigestAlgorithm::Sha256 ? EVP_sha256() : EVP_md5();
    if (EVP_Digest(data.data(), data.size(), md, &len, type, nullptr) != 1) return {};
    return toHex(md, len);
}

std::string digestResponse(DigestAlgorithm algorithm, std::string_view username, std::string_view realm,
                           std::string_view password, std::string_view method, std::string_view uri,
                           std::string_view nonce, std::string_view nc, std::string_view cnonce,
                           std::string_view qop) {
    auto join = [](std::initializer_list<std::string_view> parts) {
        std::string out;
        bool first = true;
        for (auto p : parts) {
            if (!first) out += ':';
            out += p;
            first = false;
        }
        return out;
    };
    const std::string ha1 = digestHex(algorithm, join({username, realm, password}));
    const std::string ha2 = digestHex(algorithm, join({method, uri}));
    if (qop.empty()) return digestHex(algorithm, join({ha1, nonce, ha2}));
    return digestHex(algorithm, join({ha1, nonce, nc, cnonce, qop, ha2}));
}

bool constantTimeEquals(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    return CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

NonceManager::NonceManager(uint32_t lifetimeS, Clock clock) : m_lifetimeS(lifetimeS), m_clock(std::move(clock)) {
    if (RAND_bytes(m_secret.data(), static_cast<int>(m_secret.size())) != 1) {
        // Without a secret nonces would be forgeable; a fixed key still keeps
        // them unique, but this only happens when the OS has no entropy at all.
        m_secret.fill(0x5b);
    }
    uint8_t start[8];
    if (RAND_bytes(start, sizeof(start)) == 1) m_counter = load64(start);
}

int64_t NonceManager::now() const {
    if (m_clock) return m_clock();
    using namespace std::chrono;
    return duration_cast<milliseconds>(steady_clock::now().time_since_epoch()).count();
}

std::string NonceManager::issue() {
    uint8_t raw[kNonceBytes];
    store64(raw, static_cast<uint64_t>(now()));
    store64(raw + 8, ++m_counter);
    uint8_t mac[EVP_MAX_MD_SIZE];
    unsigned int macLen = 0;
    HMAC(EVP_sha256(), m_secret.data(), static_cast<int>(m_secret.size()), raw, 16, mac, &macLen);
    std::memcpy(raw + 16, mac, kMacBytes);
    return toHex(raw, kNonceBytes);
}

NonceManager::Check NonceManager::verify(std::string_view nonce) const {
    uint8_t raw[kNonceBytes];
    return decode(nonce, raw);
}

NonceManager::Check NonceManager::decode(std::string_view nonce, uint8_t* raw) const {
    if (!fromHex(nonce, raw, kNonceBytes)) return Check::Invalid;
    uint8_t mac[EVP_MAX_MD_SIZE];
    unsigned int macLen = 0;
    HMAC(EVP_sha256(), m_secret.data(), static_cast<int>(m_secret.size()), raw, 16, mac, &macLen);
    if (CRYPTO_memcmp(mac, raw + 16, kMacBytes) != 0) return Check::Invalid;

    const int64_t issued = static_cast<int64_t>(load64(raw));
    const int64_t t = now();
    if (t - issued > static_cast<int64_t>(m_lifetimeS) * 1000 || issued > t + 1000) return Check::Stale;
    return Check::Valid;
}

NonceManager::Check NonceManager::consume(std::string_view nonce, std::string_view ncHex) {
    uint8_t raw[kNonceBytes];
    if (Check c = decode(nonce, raw); c != Check::Valid) return c;
    const int64_t issued = static_cast<int64_t>(load64(raw));
    expireOld(now());

    // Without qop there is no nonce-count: such a nonce is good for one use.
    uint32_t nc = 1;
    if (!ncHex.empty()) {
        if (ncHex.size() != 8) return Check::Invalid;
        nc = 0;
        for (char ch : ncHex) {
            const int d = hexValue(ch);
            if (d < 0) return Check::Invalid;
            nc = nc << 4 | static_cast<uint32_t>(d);
        }
        if (nc == 0) return Check::Invalid;
    }
    uint32_t& seen = m_seen[issued / kGenerationMs].at(load64(raw + 8));
    if (nc <= seen) return Check::Replayed;
    seen = nc;
    return Check::Valid;
}

void NonceManager::expire() { expireOld(now()); }

uint32_t& NonceManager::Counts::at(uint64_t id) {
    if ((m_used + 1) * 4 > m_slots.size() * 3) grow();  // at most 3/4 full
    const size_t mask = m_slots.size() - 1;
    // Ids of one generation are mostly consecutive: mix them before masking.
    for (size_t i = (id * 0x9e3779b97f4a7c15ull) >> 20 & mask;; i = (i + 1) & mask) {
        Slot& slot = m_slots[i];
        if (slot.nc != 0 && slot.id == id) return slot.nc;
        if (slot.nc == 0) {
            slot.id = id;
            ++m_used;
            return slot.nc;
        }
    }
}

void NonceManager::Counts::grow() {
    std::vector<Slot> old(m_slots.empty() ? 64 : m_slots.size() * 2);
    old.swap(m_slots);
    m_used = 0;
    for (const Slot& slot : old)
        if (slot.nc != 0) at(slot.id) = slot.nc;
}

void NonceManager::expireOld(int64_t nowMs) {
    const int64_t oldest = (nowMs - static_cast<int64_t>(m_lifetimeS) * 1000) / kGenerationMs - 1;
    for (auto it = m_seen.begin(); it != m_seen.end();) {
        it = it->first < oldest ? m_seen.erase(it) : std::next(it);
    }
}

size_t NonceManager::trackedNonces() const {
    size_t n = 0;
    for (const auto& [gen, nonces] : m_seen) n += nonces.size();
    return n;
}

}  // namespace sb::sip
