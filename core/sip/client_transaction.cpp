#include "sip/client_transaction.h"

#include <re.h>

#include <algorithm>
#include <atomic>
#include <cstdio>

#include "sip/sip_stack.h"

namespace sb::sip {

std::string ClientTransaction::newBranch() {
    // Unique in space (a random per-process part) and time (a counter),
    // without asking OpenSSL for random bytes on every request.
    static const uint64_t process = rand_u64();
    static std::atomic<uint64_t> counter{0};
    char buf[48];
    std::snprintf(buf, sizeof(buf), "z9hG4bK%016llx.%llx", static_cast<unsigned long long>(process),
                  static_cast<unsigned long long>(++counter));
    return buf;
}

ClientTransaction::ClientTransaction(SipStack& stack, std::string branch, ResponseHandler handler)
    : m_stack(stack), m_branch(std::move(branch)), m_handler(std::move(handler)) {}

ClientTransaction::~ClientTransaction() {
    if (m_registered) m_stack.removeClientTransaction(m_branch);
    mem_deref(m_request);
}

std::unique_ptr<ClientTransaction> ClientTransaction::start(SipStack& stack, const std::string& destination,
                                                            std::string branch, const std::string& request,
                                                            ResponseHandler handler) {
    std::unique_ptr<ClientTransaction> t(new ClientTransaction(stack, std::move(branch), std::move(handler)));
    t->m_destination = destination;
    t->m_method = request.substr(0, request.find(' '));
    t->m_request = mbuf_alloc(request.size());
    if (!t->m_request ||
        mbuf_write_mem(t->m_request, reinterpret_cast<const uint8_t*>(request.data()), request.size()) != 0)
        return nullptr;
    if (!t->send()) return nullptr;
    stack.addClientTransaction(t->m_branch, t.get());
    t->m_registered = true;
    t->m_timerE.start(retransmitIntervalMs(t->m_sent, false), [raw = t.get()] { raw->retransmit(); });
    t->m_timerF.start(64 * SIP_T1, [raw = t.get()] { raw->finish(ETIMEDOUT, nullptr); });
    return t;
}

bool ClientTransaction::send() {
    struct sa dst;
    if (sa_decode(&dst, m_destination.c_str(), m_destination.size()) != 0) return false;
    m_request->pos = 0;
    ++m_sent;
    return sip_send(m_stack.raw(), nullptr, SIP_TRANSP_UDP, &dst, m_request) == 0;
}

uint64_t ClientTransaction::retransmitIntervalMs(uint32_t sent, bool proceeding) {
    if (proceeding || sent > 4) return SIP_T2;
    return std::min<uint64_t>(uint64_t{SIP_T1} << (sent > 0 ? sent - 1 : 0), SIP_T2);
}

void ClientTransaction::retransmit() {
    (void)send();  // a lost datagram is what retransmission is for
    m_timerE.start(retransmitIntervalMs(m_sent, m_proceeding), [this] { retransmit(); });
}

void ClientTransaction::onResponse(const ::sip_msg& response) {
    // RFC 3261 §17.1.3: the branch and the CSeq method both match.
    if (!m_handler || pl_strcmp(&response.cseq.met, m_method.c_str()) != 0) return;
    if (response.scode < 200) {
        m_proceeding = true;
        m_handler(0, &response);
        return;
    }
    finish(0, &response);
}

void ClientTransaction::finish(int err, const ::sip_msg* response) {
    m_timerE.cancel();
    m_timerF.cancel();
    if (m_registered) {
        m_stack.removeClientTransaction(m_branch);
        m_registered = false;
    }
    // The handler may destroy this transaction: nothing of it is used after.
    auto handler = std::move(m_handler);
    m_handler = nullptr;
    if (handler) handler(err, response);
}

}  // namespace sb::sip
