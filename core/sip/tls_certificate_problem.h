#pragma once

// Why a carrier's TLS certificate was refused, as data and as a sentence a
// person understands. No OpenSSL types here: tls_verifier.cpp fills the
// fields from the X509_STORE_CTX.

#include <string>
#include <vector>

namespace sb::sip {

/// The first thing OpenSSL found wrong with a peer's certificate chain.
struct CertificateProblem {
    int error = 0;                   ///< X509_V_ERR_* code
    std::string errorText;           ///< X509_verify_cert_error_string(error)
    int depth = 0;                   ///< 0 = the peer's own certificate, 1 = its issuer, ...
    std::vector<std::string> names;  ///< DNS names and IP addresses that certificate is for
    /// names is the subject's common name: the certificate has no
    /// subjectAltName, and an IP address is never matched against a CN.
    bool commonNameOnly = false;
    std::vector<std::string> expected;  ///< hosts it had to name (any one of them)

    bool operator==(const CertificateProblem&) const = default;
};

/// "TLS certificate rejected: it is for wrong.example, not 127.0.0.1",
/// "TLS certificate rejected: it is not issued by a trusted authority
/// (self-signed certificate)", ...
/// @param problem what OpenSSL reported
/// @return one line, starting "TLS certificate rejected: "
std::string describeCertificateProblem(const CertificateProblem& problem);

}  // namespace sb::sip
