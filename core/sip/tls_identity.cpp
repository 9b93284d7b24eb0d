#include "sip/tls_identity.h"

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <cstdio>
#include <memory>
#include <system_error>

namespace sb::sip {

namespace fs = std::filesystem;

namespace {

template <class T, void (*F)(T*)>
struct OsslFree {
    void operator()(T* p) const { F(p); }
};
using PkeyPtr = std::unique_ptr<EVP_PKEY, OsslFree<EVP_PKEY, EVP_PKEY_free>>;
using X509Ptr = std::unique_ptr<X509, OsslFree<X509, X509_free>>;

struct FileCloser {
    void operator()(FILE* f) const { std::fclose(f); }
};
using FilePtr = std::unique_ptr<FILE, FileCloser>;

Result<void> generate(const fs::path& certFile, const fs::path& keyFile, const std::string& commonName) {
    PkeyPtr key(EVP_EC_gen("P-256"));
    if (!key) return makeError("cannot generate a TLS key (OpenSSL EC P-256)");
    X509Ptr cert(X509_new());
    if (!cert) return makeError("cannot create a TLS certificate");
    X509_set_version(cert.get(), 2);
    ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), static_cast<long>(std::time(nullptr)));
    X509_gmtime_adj(X509_getm_notBefore(cert.get()), -3600);
    X509_gmtime_adj(X509_getm_notAfter(cert.get()), 10L * 365 * 24 * 3600);
    X509_set_pubkey(cert.get(), key.get());
    X509_NAME* name = X509_get_subject_name(cert.get());
    const std::string cn = commonName.empty() ? "switchboard" : commonName;
    X509_NAME_add_entry_by_txt(name, "O", MBSTRING_ASC, reinterpret_cast<const unsigned char*>("Switchboard"), -1,
                               -1, 0);
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, reinterpret_cast<const unsigned char*>(cn.c_str()), -1,
                               -1, 0);
    X509_set_issuer_name(cert.get(), name);
    if (X509_sign(cert.get(), key.get(), EVP_sha256()) == 0) return makeError("cannot sign the TLS certificate");

    std::error_code ec;
    fs::create_directories(keyFile.parent_path(), ec);
    if (ec) return makeError("cannot create " + keyFile.parent_path().string() + ": " + ec.message());
    // Write to temporary names and rename: a crash never leaves half a key.
    const fs::path keyTmp = keyFile.string() + ".tmp", certTmp = certFile.string() + ".tmp";
    {
        FilePtr f(std::fopen(keyTmp.string().c_str(), "wb"));
        if (!f) return makeError("cannot write " + keyTmp.string());
        fs::permissions(keyTmp, fs::perms::owner_read | fs::perms::owner_write, ec);
        if (!PEM_write_PrivateKey(f.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr))
            return makeError("cannot write " + keyTmp.string());
    }
    {
        FilePtr f(std::fopen(certTmp.string().c_str(), "wb"));
        if (!f || !PEM_write_X509(f.get(), cert.get())) return makeError("cannot write " + certTmp.string());
    }
    fs::rename(keyTmp, keyFile, ec);
    if (!ec) fs::rename(certTmp, certFile, ec);
    if (ec) return makeError("cannot store the TLS certificate in " + certFile.parent_path().string() + ": " +
                             ec.message());
    return {};
}

}  // namespace

Result<std::string> certificateFingerprint(const fs::path& pemFile) {
    FilePtr f(std::fopen(pemFile.string().c_str(), "rb"));
    if (!f) return makeError("cannot read the TLS certificate " + pemFile.string());
    X509Ptr cert(PEM_read_X509(f.get(), nullptr, nullptr, nullptr));
    if (!cert) return makeError(pemFile.string() + " holds no PEM certificate");
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    if (X509_digest(cert.get(), EVP_sha256(), md, &len) != 1) return makeError("cannot hash the TLS certificate");
    std::string out;
    char hex[4];
    for (unsigned int i = 0; i < len; ++i) {
        std::snprintf(hex, sizeof(hex), i ? ":%02X" : "%02X", md[i]);
        out += hex;
    }
    return out;
}

Result<TlsIdentity> loadOrCreateTlsIdentity(const std::string& certificate, const std::string& privateKey,
                                            const fs::path& dataDir, const std::string& commonName) {
    TlsIdentity id;
    if (!certificate.empty()) {
        id.certificateFile = certificate;
        id.privateKeyFile = privateKey.empty() ? certificate : privateKey;
    } else {
        id.certificateFile = dataDir / "tls" / "switchboard-cert.pem";
        id.privateKeyFile = dataDir / "tls" / "switchboard-key.pem";
        std::error_code ec;
        if (!fs::exists(id.certificateFile, ec) || !fs::exists(id.privateKeyFile, ec)) {
            if (auto made = generate(id.certificateFile, id.privateKeyFile, commonName); !made) return made.error();
        }
        id.generated = true;
    }
    auto fingerprint = certificateFingerprint(id.certificateFile);
    if (!fingerprint) return fingerprint.error();
    id.sha256Fingerprint = std::move(fingerprint.value());
    return id;
}

}  // namespace sb::sip
