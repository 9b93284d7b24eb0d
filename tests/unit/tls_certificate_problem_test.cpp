#include "sip/tls_certificate_problem.h"

#include <gtest/gtest.h>
#include <openssl/x509_vfy.h>

namespace sb::sip {
namespace {

CertificateProblem problem(int error, std::string text, std::vector<std::string> names,
                           std::vector<std::string> expected = {"127.0.0.1"}, int depth = 0) {
    CertificateProblem p;
    p.error = error;
    p.errorText = std::move(text);
    p.depth = depth;
    p.names = std::move(names);
    p.expected = std::move(expected);
    return p;
}

TEST(CertificateProblem, WrongHostNamesWhatTheCertificateIsFor) {
    EXPECT_EQ(describeCertificateProblem(
                  problem(X509_V_ERR_IP_ADDRESS_MISMATCH, "IP address mismatch", {"wrong.example"})),
              "TLS certificate rejected: it is for wrong.example, not 127.0.0.1");
    EXPECT_EQ(describeCertificateProblem(problem(X509_V_ERR_HOSTNAME_MISMATCH, "hostname mismatch",
                                                 {"sbc.example.net", "192.0.2.7"}, {"sip.carrier.example"})),
              "TLS certificate rejected: it is for sbc.example.net, 192.0.2.7, not sip.carrier.example");
    // The fallback for a connection of unknown destination lists every candidate.
    EXPECT_EQ(describeCertificateProblem(
                  problem(X509_V_ERR_HOSTNAME_MISMATCH, "", {"a.example"}, {"b.example", "c.example"})),
              "TLS certificate rejected: it is for a.example, not b.example or c.example");
    auto cnOnly = problem(X509_V_ERR_IP_ADDRESS_MISMATCH, "", {"127.0.0.1"});
    cnOnly.commonNameOnly = true;
    EXPECT_EQ(
        describeCertificateProblem(cnOnly),
        "TLS certificate rejected: it is for 127.0.0.1 (common name only, no subjectAltName), not 127.0.0.1");
    EXPECT_EQ(describeCertificateProblem(problem(X509_V_ERR_HOSTNAME_MISMATCH, "", {})),
              "TLS certificate rejected: it names no host, and had to name 127.0.0.1");
}

TEST(CertificateProblem, LongNameListsAreCut) {
    const auto p = problem(X509_V_ERR_HOSTNAME_MISMATCH, "", {"a", "b", "c", "d", "e", "f", "g"}, {"x"});
    EXPECT_EQ(describeCertificateProblem(p),
              "TLS certificate rejected: it is for a, b, c, d, e and 2 more, not x");
}

TEST(CertificateProblem, UntrustedIssuerKeepsOpenSslsWords) {
    EXPECT_EQ(describeCertificateProblem(
                  problem(X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT, "self-signed certificate", {"127.0.0.1"})),
              "TLS certificate rejected: it is not issued by a trusted authority (self-signed certificate)");
    EXPECT_EQ(describeCertificateProblem(problem(X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY,
                                                 "unable to get local issuer certificate", {"127.0.0.1"})),
              "TLS certificate rejected: it is not issued by a trusted authority (unable to get local issuer "
              "certificate)");
    EXPECT_EQ(describeCertificateProblem(problem(X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN, "", {})),
              "TLS certificate rejected: it is not issued by a trusted authority");
}

TEST(CertificateProblem, DatesAndOtherErrors) {
    EXPECT_EQ(describeCertificateProblem(problem(X509_V_ERR_CERT_HAS_EXPIRED, "certificate has expired", {})),
              "TLS certificate rejected: it has expired");
    EXPECT_EQ(describeCertificateProblem(problem(X509_V_ERR_CERT_HAS_EXPIRED, "", {}, {"x"}, 1)),
              "TLS certificate rejected: a certificate in its chain has expired");
    EXPECT_EQ(describeCertificateProblem(problem(X509_V_ERR_CERT_NOT_YET_VALID, "", {})),
              "TLS certificate rejected: it is not valid yet");
    EXPECT_EQ(describeCertificateProblem(
                  problem(X509_V_ERR_CERT_SIGNATURE_FAILURE, "certificate signature failure", {})),
              "TLS certificate rejected: it failed verification (certificate signature failure)");
    EXPECT_EQ(describeCertificateProblem(problem(4242, "", {})),
              "TLS certificate rejected: it failed verification (error 4242)");
}

}  // namespace
}  // namespace sb::sip
