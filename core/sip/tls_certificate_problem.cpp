#include "sip/tls_certificate_problem.h"

#include <openssl/x509_vfy.h>

namespace sb::sip {

namespace {

std::string joined(const std::vector<std::string>& items, const char* separator) {
    std::string out;
    for (const auto& item : items) out += (out.empty() ? "" : separator) + item;
    return out;
}

/// A certificate may list hundreds of names: the first few tell enough.
std::string someNames(const std::vector<std::string>& names) {
    constexpr size_t kShown = 5;
    if (names.size() <= kShown) return joined(names, ", ");
    const std::vector<std::string> shown(names.begin(), names.begin() + kShown);
    return joined(shown, ", ") + " and " + std::to_string(names.size() - kShown) + " more";
}

std::string withDetail(const std::string& reason, const std::string& detail) {
    return detail.empty() ? reason : reason + " (" + detail + ")";
}

std::string reasonFor(const CertificateProblem& p) {
    // Depth > 0 is an authority above the carrier's own certificate.
    const std::string subject = p.depth == 0 ? "it" : "a certificate in its chain";
    switch (p.error) {
        case X509_V_ERR_HOSTNAME_MISMATCH:
        case X509_V_ERR_IP_ADDRESS_MISMATCH:
            if (p.names.empty()) return "it names no host, and had to name " + joined(p.expected, " or ");
            return "it is for " + someNames(p.names) +
                   (p.commonNameOnly ? " (common name only, no subjectAltName)" : "") + ", not " +
                   joined(p.expected, " or ");
        case X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT:
        case X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN:
        case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT:
        case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY:
        case X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE:
        case X509_V_ERR_CERT_UNTRUSTED:
        case X509_V_ERR_CERT_REJECTED:
        case X509_V_ERR_INVALID_CA:
            return withDetail("it is not issued by a trusted authority", p.errorText);
        case X509_V_ERR_CERT_HAS_EXPIRED:
            return subject + " has expired";
        case X509_V_ERR_CERT_NOT_YET_VALID:
            return subject + " is not valid yet";
        case X509_V_ERR_CERT_REVOKED:
            return subject + " has been revoked";
        case X509_V_ERR_INVALID_PURPOSE:
            return withDetail(subject + " is not meant for a TLS server", p.errorText);
        default:
            return withDetail(subject + " failed verification",
                              p.errorText.empty() ? "error " + std::to_string(p.error) : p.errorText);
    }
}

}  // namespace

std::string describeCertificateProblem(const CertificateProblem& problem) {
    return "TLS certificate rejected: " + reasonFor(problem);
}

}  // namespace sb::sip
