#pragma once

// Where a TLS connection that libre opened goes.
//
// libre 1.1.0 hands out no struct tls_conn for the connections its SIP
// transport opens (and does not check their server certificate itself), so
// the OpenSSL callbacks in tls_verifier.cpp see only the SSL object. Behind
// its write BIO (libre's "tcp_send" method) sits libre's private
// struct tls_conn { SSL *ssl; BIO_METHOD *biomet; BIO *sbio_out; BIO *sbio_in;
// struct tcp_helper *th; struct tcp_conn *tcp; ... }. The lookup checks every
// pointer it can against what OpenSSL says (the SSL, both BIOs) before it
// trusts the layout, and answers nullopt when anything differs; the caller
// then fails closed.

#include <optional>
#include <string>

struct ssl_st;

namespace sb::sip {

/// The peer address ("203.0.113.5:5061", "[2001:db8::1]:5061") of the TCP
/// connection under @p ssl, when @p ssl belongs to a connection libre made.
std::optional<std::string> librePeerAddress(const struct ssl_st* ssl);

}  // namespace sb::sip
