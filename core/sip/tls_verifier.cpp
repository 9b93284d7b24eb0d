#include "sip/tls_verifier.h"

#include <re.h>

#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <algorithm>
#include <cstdio>
#include <memory>

#include "common/clock.h"
#include "sip/libre_tls_peer.h"
#include "sip/message.h"

namespace sb::sip {

/// What one client SSL was told to check (SSL ex_data, freed with the SSL).
struct TlsVerifier::Connection {
    TlsExpectation expectation;
    std::string address;  ///< "ip:port", or empty when unknown
    bool refused = false;
};

namespace {

void freeConnection(void*, void* ptr, CRYPTO_EX_DATA*, int, long, void*);

int connectionIndex() {
    static const int index = SSL_get_ex_new_index(0, nullptr, nullptr, nullptr, &freeConnection);
    return index;
}

int verifierIndex() {
    static const int index = SSL_CTX_get_ex_new_index(0, nullptr, nullptr, nullptr, nullptr);
    return index;
}

TlsVerifier* verifierOf(const SSL* ssl) {
    SSL_CTX* ctx = ssl ? SSL_get_SSL_CTX(ssl) : nullptr;
    return ctx ? static_cast<TlsVerifier*>(SSL_CTX_get_ex_data(ctx, verifierIndex())) : nullptr;
}

std::string openSslError() {
    char text[256] = {0};
    const unsigned long code = ERR_peek_last_error();
    if (code) ERR_error_string_n(code, text, sizeof(text));
    ERR_clear_error();
    return code ? text : "unknown error";
}

/// A name from a peer's certificate, safe to show and log.
std::string printable(const unsigned char* data, int length) {
    std::string out;
    for (int i = 0; data && i < length && i < 255; ++i)
        out += (data[i] >= 0x20 && data[i] < 0x7f) ? static_cast<char>(data[i]) : '?';
    return out;
}

std::string ipText(const ASN1_OCTET_STRING* ip) {
    const unsigned char* b = ASN1_STRING_get0_data(ip);
    const int length = ASN1_STRING_length(ip);
    struct sa address;
    if (length == 4) {
        char text[16];
        std::snprintf(text, sizeof(text), "%u.%u.%u.%u", b[0], b[1], b[2], b[3]);
        return text;
    }
    if (length == 16) {
        sa_set_in6(&address, b, 0);
        char text[64] = {0};
        if (sa_ntop(&address, text, sizeof(text)) == 0) return text;
    }
    return "?";
}

/// DNS names and IP addresses in subjectAltName; the common name when none.
std::vector<std::string> certificateNames(X509* cert, bool& commonNameOnly) {
    std::vector<std::string> names;
    commonNameOnly = false;
    if (!cert) return names;
    auto* sans = static_cast<GENERAL_NAMES*>(X509_get_ext_d2i(cert, NID_subject_alt_name, nullptr, nullptr));
    for (int i = 0; sans && i < sk_GENERAL_NAME_num(sans); ++i) {
        const GENERAL_NAME* name = sk_GENERAL_NAME_value(sans, i);
        if (name->type == GEN_DNS)
            names.push_back(
                printable(ASN1_STRING_get0_data(name->d.dNSName), ASN1_STRING_length(name->d.dNSName)));
        else if (name->type == GEN_IPADD)
            names.push_back(ipText(name->d.iPAddress));
    }
    GENERAL_NAMES_free(sans);
    if (names.empty()) {
        const X509_NAME* subject = X509_get_subject_name(cert);
        const int at = subject ? X509_NAME_get_index_by_NID(subject, NID_commonName, -1) : -1;
        if (at >= 0) {
            const ASN1_STRING* cn = X509_NAME_ENTRY_get_data(X509_NAME_get_entry(subject, at));
            names.push_back(printable(ASN1_STRING_get0_data(cn), ASN1_STRING_length(cn)));
            commonNameOnly = true;
        }
    }
    return names;
}

bool namesOneOf(X509* cert, const std::vector<std::string>& hosts) {
    for (const auto& host : hosts) {
        const int match = isIpLiteral(host) ? X509_check_ip_asc(cert, host.c_str(), 0)
                                            : X509_check_host(cert, host.c_str(), host.size(),
                                                              X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS, nullptr);
        if (match == 1) return true;
    }
    return false;
}

}  // namespace

namespace {
void freeConnection(void*, void* ptr, CRYPTO_EX_DATA*, int, long, void*) {
    delete static_cast<TlsVerifier::Connection*>(ptr);
}
}  // namespace

TlsVerifier::TlsVerifier(EventSink& events) : m_events(events) {}

TlsVerifier::~TlsVerifier() {
    detach();
    X509_STORE_free(m_store);
}

void TlsVerifier::attach(SSL_CTX* ctx) {
    detach();
    m_ctx = ctx;
    SSL_CTX_set_ex_data(ctx, verifierIndex(), this);
    SSL_CTX_set_info_callback(ctx, &TlsVerifier::onInfo);
}

void TlsVerifier::detach() {
    if (!m_ctx) return;
    SSL_CTX_set_info_callback(m_ctx, nullptr);
    SSL_CTX_set_ex_data(m_ctx, verifierIndex(), nullptr);
    m_ctx = nullptr;
}

bool TlsVerifier::configure(const store::Configuration& config) {
    m_policy.setHops(tlsHops(config));
    const std::string& caFile = config.settings.tlsCaFile;
    if (m_caLoaded && caFile == m_caFile) return false;
    const bool replacing = m_caLoaded;
    if (auto loaded = setCaFile(caFile); !loaded)
        m_events.publish(LogMessage{LogLevel::Error, loaded.error().message, wallClockMs()});
    return replacing;
}

Result<void> TlsVerifier::setCaFile(const std::string& path) {
    X509_STORE* store = X509_STORE_new();
    if (!store) return makeError("out of memory for the CA store", ENOMEM);
    const int ok =
        path.empty() ? X509_STORE_set_default_paths(store) : X509_STORE_load_file(store, path.c_str());
    const std::string why = ok == 1 ? std::string() : openSslError();
    // Handshakes in progress keep the store they started with.
    X509_STORE_free(m_store);
    m_store = store;
    m_caFile = path;
    m_caLoaded = true;
    if (ok != 1) {
        return makeError((path.empty() ? std::string("cannot open the system's trust store")
                                       : "cannot read the CA file " + path) +
                         " (" + why + "): carriers' TLS certificates cannot be trusted");
    }
    return {};
}

void TlsVerifier::expect(const ::sa& dst, const TlsExpectation& expectation) {
    m_policy.expect(addressText(dst), expectation, monotonicMs());
}

std::optional<std::string> TlsVerifier::recentFailure(const std::string& host) const {
    return m_policy.recentFailure(host, monotonicMs());
}

void TlsVerifier::onInfo(const SSL* ssl, int where, int) {
    if (!(where & (SSL_CB_HANDSHAKE_START | SSL_CB_HANDSHAKE_DONE)) || SSL_is_server(ssl)) return;
    TlsVerifier* self = verifierOf(ssl);
    if (!self) return;
    auto* connection = static_cast<Connection*>(SSL_get_ex_data(ssl, connectionIndex()));
    if (where & SSL_CB_HANDSHAKE_START) {
        // TLS 1.3 signals a start again for messages after the handshake.
        if (!connection) self->startHandshake(const_cast<SSL*>(ssl));
        return;
    }
    if (connection && connection->expectation.verify && !connection->refused)
        self->m_policy.recordSuccess(connection->expectation.hosts);
}

void TlsVerifier::startHandshake(SSL* ssl) {
    auto connection = std::make_unique<Connection>();
    const auto address = librePeerAddress(ssl);
    if (!address && !m_warnedUnknownPeer) {
        m_warnedUnknownPeer = true;
        m_events.publish(
            LogMessage{LogLevel::Warning,
                       "cannot tell where libre's TLS connections go (not libre 1.1.0?): each one is "
                       "checked against every line and trunk that verifies certificates",
                       wallClockMs()});
    }
    connection->expectation = m_policy.forConnection(address, monotonicMs());
    connection->address = address.value_or("");
    const bool verify = connection->expectation.verify;
    if (!SSL_set_ex_data(ssl, connectionIndex(), connection.get())) return;
    connection.release();  // freeConnection owns it now
    if (!verify) return;
    SSL_set_verify(ssl, SSL_VERIFY_PEER, &TlsVerifier::onVerify);
    // Without a store (none loaded) OpenSSL falls back to the context's
    // empty one: nothing is trusted.
    if (m_store) SSL_set1_verify_cert_store(ssl, m_store);
}

int TlsVerifier::onVerify(int ok, X509_STORE_CTX* store) {
    auto* ssl = static_cast<SSL*>(X509_STORE_CTX_get_ex_data(store, SSL_get_ex_data_X509_STORE_CTX_idx()));
    auto* connection = ssl ? static_cast<Connection*>(SSL_get_ex_data(ssl, connectionIndex())) : nullptr;
    TlsVerifier* self = verifierOf(ssl);
    if (!connection || !connection->expectation.verify) return ok;
    if (connection->refused) return 0;
    X509* cert = X509_STORE_CTX_get_current_cert(store);
    const int depth = X509_STORE_CTX_get_error_depth(store);
    // The chain is sound up to the carrier's own certificate: does it name
    // the host the user configured? (RFC 5922 §7.)
    if (ok && depth == 0 && !namesOneOf(cert, connection->expectation.hosts)) {
        const auto& hosts = connection->expectation.hosts;
        const bool allIps = !hosts.empty() && std::all_of(hosts.begin(), hosts.end(), isIpLiteral);
        X509_STORE_CTX_set_error(store,
                                 allIps ? X509_V_ERR_IP_ADDRESS_MISMATCH : X509_V_ERR_HOSTNAME_MISMATCH);
        ok = 0;
    }
    if (ok) return 1;
    connection->refused = true;
    CertificateProblem problem;
    problem.error = X509_STORE_CTX_get_error(store);
    problem.errorText = X509_verify_cert_error_string(problem.error);
    problem.depth = depth;
    problem.names = certificateNames(cert, problem.commonNameOnly);
    problem.expected = connection->expectation.hosts;
    if (self) self->refused(*connection, problem);
    return 0;
}

void TlsVerifier::refused(const Connection& connection, const CertificateProblem& problem) {
    const std::string why = describeCertificateProblem(problem);
    m_policy.recordFailure(connection.expectation.hosts, why, monotonicMs());
    const std::string where = connection.address.empty() ? std::string() : " to " + connection.address;
    const std::string who =
        connection.expectation.who.empty() ? std::string() : " for " + connection.expectation.who;
    m_events.publish(
        LogMessage{LogLevel::Warning, "TLS connection" + where + who + " refused: " + why, wallClockMs()});
}

}  // namespace sb::sip
