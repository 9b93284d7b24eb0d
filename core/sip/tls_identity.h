#pragma once

#include <filesystem>
#include <string>

#include "common/result.h"

namespace sb::sip {

/// The certificate and key SIP over TLS serves, and its fingerprint.
struct TlsIdentity {
    std::filesystem::path certificateFile;
    std::filesystem::path privateKeyFile;
    std::string sha256Fingerprint;  ///< "AB:CD:…", as people compare them
    bool generated = false;         ///< made by Switchboard (self-signed)
};

/// Use the configured certificate/key (@p certificate, @p privateKey; the key
/// may live in the certificate file) or, when none is configured, a
/// self-signed one in @p dataDir/tls, generated once (EC P-256, 10 years,
/// subject CN = @p commonName).
Result<TlsIdentity> loadOrCreateTlsIdentity(const std::string& certificate, const std::string& privateKey,
                                            const std::filesystem::path& dataDir, const std::string& commonName);

/// SHA-256 fingerprint of the first certificate in a PEM file.
Result<std::string> certificateFingerprint(const std::filesystem::path& pemFile);

}  // namespace sb::sip
