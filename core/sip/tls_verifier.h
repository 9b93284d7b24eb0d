#pragma once

// Checks the certificate of the carriers we connect to over TLS.
//
// libre 1.1.0 opens client TLS connections without looking at the server's
// certificate, on the one SSL_CTX that also serves the phones. The verifier
// hooks that context: when a client handshake starts (OpenSSL's info
// callback) it finds where the connection goes (libre_tls_peer.h), asks the
// TlsPeerPolicy what that peer must show, and if it must, switches that one
// SSL to SSL_VERIFY_PEER with the carriers' CA store and a callback that
// also checks the host name. A refusal fails the handshake, so nothing is
// sent; the verifier logs why and remembers it for the line that asks.
// Server-side handshakes (phones) are left alone: no client certificate.

#include <optional>
#include <string>

#include "common/result.h"
#include "engine/events.h"
#include "sip/tls_certificate_problem.h"
#include "sip/tls_peer_policy.h"

struct ssl_ctx_st;
struct ssl_st;
struct x509_store_st;
struct x509_store_ctx_st;
struct sa;

namespace sb::sip {

class TlsVerifier {
public:
    explicit TlsVerifier(EventSink& events);
    ~TlsVerifier();
    TlsVerifier(const TlsVerifier&) = delete;
    TlsVerifier& operator=(const TlsVerifier&) = delete;

    /// Check the client connections made with @p ctx (libre's context).
    /// The verifier must outlive every connection made with it.
    void attach(struct ssl_ctx_st* ctx);
    /// Unhook the context (before it is freed); no-op when not attached.
    void detach();

    /// Apply the CA bundle (settings.tls_ca_file; re-read when the path
    /// changes) and the TLS hops of the lines and trunks. Applies to
    /// handshakes that start from now on.
    /// @return true when a different CA bundle replaced the one in use
    bool configure(const store::Configuration& config);

    /// Load the CA bundle carriers must chain to; empty = the system's
    /// trust store. On error nothing is trusted until a good one is set.
    Result<void> setCaFile(const std::string& path);

    /// From a send handler: a request goes to @p dst over TLS now, and a
    /// new connection there must show @p expectation.
    void expect(const ::sa& dst, const TlsExpectation& expectation);

    /// Why the latest connection meant for @p host was refused, if recently.
    std::optional<std::string> recentFailure(const std::string& host) const;

    TlsPeerPolicy& policy() { return m_policy; }

    /// What one client connection was told to check (opaque; the SSL owns it).
    struct Connection;

private:
    static void onInfo(const struct ssl_st* ssl, int where, int ret);
    static int onVerify(int ok, struct x509_store_ctx_st* store);
    void startHandshake(struct ssl_st* ssl);
    void refused(const Connection& connection, const CertificateProblem& problem);

    EventSink& m_events;
    TlsPeerPolicy m_policy;
    struct ssl_ctx_st* m_ctx = nullptr;
    struct x509_store_st* m_store = nullptr;  ///< owned; each checked SSL holds its own reference
    std::string m_caFile;
    bool m_caLoaded = false;
    bool m_warnedUnknownPeer = false;
};

}  // namespace sb::sip
