#include <gtest/gtest.h>

#include "sip/digest.h"

using namespace sb::sip;

TEST(Digest, Rfc2617Md5Example) {
    EXPECT_EQ(digestResponse(DigestAlgorithm::Md5, "Mufasa", "testrealm@host.com", "Circle Of Life", "GET",
                             "/dir/index.html", "dcd98b7102dd2f0e8b11d0f600bfb0c093", "00000001", "0a4f113b",
                             "auth"),
              "6629fae49393a05397450978507c4ef1");
}

TEST(Digest, Rfc7616Sha256Example) {
    EXPECT_EQ(digestResponse(DigestAlgorithm::Sha256, "Mufasa", "http-auth@example.org", "Circle of Life", "GET",
                             "/dir/index.html", "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", "00000001",
                             "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ", "auth"),
              "753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1");
}

TEST(Digest, ParsesQuotedAndTokenParameters) {
    auto c = parseDigestCredentials(
        "Digest username=\"100\",realm=\"pbx\", nonce=\"abc\", uri=\"sip:pbx\", "
        "response=\"0123\", algorithm=SHA-256, cnonce=\"x\\\"y\", qop=auth, nc=00000001, opaque=\"\"");
    ASSERT_TRUE(c.ok()) << c.error().message;
    EXPECT_EQ(c->username, "100");
    EXPECT_EQ(c->realm, "pbx");
    EXPECT_EQ(c->algorithm, "SHA-256");
    EXPECT_EQ(c->cnonce, "x\"y");
    EXPECT_EQ(c->qop, "auth");
    EXPECT_EQ(c->nc, "00000001");
}

TEST(Digest, RejectsMalformedCredentials) {
    for (const char* bad : {"Basic dXNlcjpwYXNz", "Digest", "Digest username=\"a", "Digest username=a realm=b",
                            "Digest username=\"a\", username=\"b\", nonce=n, uri=u, response=r",
                            "Digest nonce=n, uri=u, response=r", "Digest =x", "Digester username=a"}) {
        EXPECT_FALSE(parseDigestCredentials(bad).ok()) << bad;
    }
}

TEST(Digest, AlgorithmListKeepsOrderAndRefusesUnknown) {
    auto list = parseDigestAlgorithmList("SHA-256, MD5");
    ASSERT_TRUE(list.ok());
    EXPECT_EQ(list.value(), (std::vector{DigestAlgorithm::Sha256, DigestAlgorithm::Md5}));
    EXPECT_FALSE(parseDigestAlgorithmList("MD5,SHA-512").ok());
    EXPECT_FALSE(parseDigestAlgorithmList("MD5,MD5").ok());
    EXPECT_FALSE(parseDigestAlgorithmList("").ok());
}

TEST(Digest, ConstantTimeEquals) {
    EXPECT_TRUE(constantTimeEquals("abc", "abc"));
    EXPECT_FALSE(constantTimeEquals("abc", "abd"));
    EXPECT_FALSE(constantTimeEquals("abc", "abcd"));
}

class NonceTest : public ::testing::Test {
protected:
    int64_t m_now = 1'000'000;
    NonceManager m_nonces{60, [this] { return m_now; }};
};

TEST_F(NonceTest, FreshNonceIsValidOnceForEachRisingCount) {
    const std::string n = m_nonces.issue();
    EXPECT_EQ(m_nonces.verify(n), NonceManager::Check::Valid);
    EXPECT_EQ(m_nonces.consume(n, "00000001"), NonceManager::Check::Valid);
    EXPECT_EQ(m_nonces.consume(n, "00000001"), NonceManager::Check::Replayed);
    EXPECT_EQ(m_nonces.consume(n, "00000003"), NonceManager::Check::Valid);
    EXPECT_EQ(m_nonces.consume(n, "00000002"), NonceManager::Check::Replayed);
}

TEST_F(NonceTest, WithoutQopANonceServesOnce) {
    const std::string n = m_nonces.issue();
    EXPECT_EQ(m_nonces.consume(n, ""), NonceManager::Check::Valid);
    EXPECT_EQ(m_nonces.consume(n, ""), NonceManager::Check::Replayed);
}

TEST_F(NonceTest, ExpiresAfterItsLifetime) {
    const std::string n = m_nonces.issue();
    m_now += 59'000;
    EXPECT_EQ(m_nonces.verify(n), NonceManager::Check::Valid);
    m_now += 2'000;
    EXPECT_EQ(m_nonces.verify(n), NonceManager::Check::Stale);
    EXPECT_EQ(m_nonces.consume(n, "00000001"), NonceManager::Check::Stale);
}

TEST_F(NonceTest, ForgedOrForeignNoncesAreInvalid) {
    std::string n = m_nonces.issue();
    n[n.size() - 1] = n.back() == '0' ? '1' : '0';
    EXPECT_EQ(m_nonces.verify(n), NonceManager::Check::Invalid);
    NonceManager other(60, [this] { return m_now; });
    EXPECT_EQ(m_nonces.verify(other.issue()), NonceManager::Check::Invalid);
    EXPECT_EQ(m_nonces.verify("zz"), NonceManager::Check::Invalid);
    EXPECT_EQ(m_nonces.consume(m_nonces.issue(), "0000000g"), NonceManager::Check::Invalid);
    EXPECT_EQ(m_nonces.consume(m_nonces.issue(), "00000000"), NonceManager::Check::Invalid);
}

TEST_F(NonceTest, RememberedCountsAreForgottenWithTheirNonces) {
    for (int i = 0; i < 100; ++i) EXPECT_EQ(m_nonces.consume(m_nonces.issue(), "00000001"), NonceManager::Check::Valid);
    EXPECT_EQ(m_nonces.trackedNonces(), 100u);
    m_now += 120'000;
    EXPECT_EQ(m_nonces.consume(m_nonces.issue(), "00000001"), NonceManager::Check::Valid);
    EXPECT_EQ(m_nonces.trackedNonces(), 1u);
}

TEST_F(NonceTest, IdleExpiryForgetsCountsOfOldNonces) {
    // An idle server (no consume() after a burst) must still let go of them.
    for (int i = 0; i < 5000; ++i) EXPECT_EQ(m_nonces.consume(m_nonces.issue(), "00000001"), NonceManager::Check::Valid);
    EXPECT_EQ(m_nonces.trackedNonces(), 5000u);
    m_now += 30'000;
    m_nonces.expire();
    EXPECT_EQ(m_nonces.trackedNonces(), 5000u);  // still within the 60 s lifetime
    m_now += 60'000;
    m_nonces.expire();
    EXPECT_EQ(m_nonces.trackedNonces(), 0u);
}

TEST(NonceCounts, ThousandsOfIdsKeepTheirOwnCounts) {
    NonceManager::Counts counts;
    const uint64_t base = 0xfffffffffffff000ull;  // wraps around zero: ids are a counter
    for (uint64_t i = 0; i < 20000; ++i) counts.at(base + i) = static_cast<uint32_t>(i % 7 + 1);
    EXPECT_EQ(counts.size(), 20000u);
    for (uint64_t i = 0; i < 20000; ++i) ASSERT_EQ(counts.at(base + i), i % 7 + 1) << i;
    EXPECT_EQ(counts.size(), 20000u);
    EXPECT_EQ(counts.at(uint64_t{1} << 40), 0u);  // unknown: a fresh slot
    EXPECT_EQ(counts.size(), 20001u);
}
