#include "sip/libre_tls_peer.h"

#include <re.h>

#include <openssl/bio.h>
#include <openssl/ssl.h>

#include <cstring>

#include "sip/message.h"

namespace sb::sip {

std::optional<std::string> librePeerAddress(const SSL* ssl) {
    if (!ssl) return std::nullopt;
    BIO* out = SSL_get_wbio(ssl);
    BIO* in = SSL_get_rbio(ssl);
    if (!out || !in || out == in) return std::nullopt;
    // Only libre's own send BIO carries its connection as data.
    const char* method = BIO_method_name(out);
    if (BIO_method_type(out) != BIO_TYPE_SOURCE_SINK || !method || std::strcmp(method, "tcp_send") != 0)
        return std::nullopt;
    auto* const* slots = static_cast<void* const*>(BIO_get_data(out));
    if (!slots || slots[0] != ssl) return std::nullopt;
    // Later libre versions put more members before the BIOs; in each the
    // TCP connection comes two after the input BIO (a tcp_helper between).
    // 1.1.0's struct has seven pointer-sized slots: read no further.
    for (int i = 1; i <= 2; ++i) {
        if (slots[i] != out) continue;
        if (slots[i + 1] != in) return std::nullopt;
        auto* tcp = static_cast<struct tcp_conn*>(slots[i + 3]);
        struct sa peer;
        if (!tcp || tcp_conn_peer_get(tcp, &peer) != 0 || !sa_isset(&peer, SA_ALL)) return std::nullopt;
        return addressText(peer);
    }
    return std::nullopt;
}

}  // namespace sb::sip
