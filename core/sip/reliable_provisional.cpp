#include "sip/reliable_provisional.h"

#include <algorithm>
#include <charconv>

namespace sb::sip {

namespace {

std::optional<uint32_t> number(std::string_view s) {
    uint32_t v = 0;
    if (s.empty() || s.size() > 10) return std::nullopt;
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
    return v;
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n'))
        s.remove_suffix(1);
    return s;
}

}  // namespace

ReliableProvisionalUas::ReliableProvisionalUas(uint32_t firstRseq)
    : m_nextRseq(std::clamp<uint32_t>(firstRseq, 1, 0x7fffffff)) {}

std::optional<ReliableProvisionalUas::Provisional> ReliableProvisionalUas::submit(Provisional p) {
    p.rseq = m_nextRseq++;
    if (m_outstanding) {
        m_queue.push_back(std::move(p));
        return std::nullopt;
    }
    m_outstanding = p;
    return p;
}

bool ReliableProvisionalUas::acknowledge(uint32_t rseq, uint32_t cseq, const std::string& method,
                                         uint32_t inviteCseq) {
    if (!m_outstanding || rseq != m_outstanding->rseq || cseq != inviteCseq || method != "INVITE") return false;
    m_outstanding.reset();
    return true;
}

std::optional<ReliableProvisionalUas::Provisional> ReliableProvisionalUas::nextToSend() {
    if (m_outstanding || m_queue.empty()) return std::nullopt;
    m_outstanding = m_queue.front();
    m_queue.pop_front();
    return m_outstanding;
}

uint32_t ReliableProvisionalUas::retransmitDelayMs(uint32_t count, uint32_t t1Ms) {
    // §3: "starts at T1 seconds and doubles for each retransmission" — no T2 cap.
    const uint32_t shift = std::min<uint32_t>(count ? count - 1 : 0, 6);
    return t1Ms << shift;
}

ReliableProvisionalUac::Verdict ReliableProvisionalUac::receive(uint32_t rseq) {
    if (!m_last || rseq == *m_last + 1) {
        m_last = rseq;
        return Verdict::Accept;
    }
    if (rseq <= *m_last) return Verdict::Retransmission;
    return Verdict::OutOfOrder;
}

std::optional<RAck> parseRAck(const std::string& value) {
    std::string_view v = trim(value);
    auto sp1 = v.find_first_of(" \t");
    if (sp1 == std::string_view::npos) return std::nullopt;
    auto rest = trim(v.substr(sp1));
    auto sp2 = rest.find_first_of(" \t");
    if (sp2 == std::string_view::npos) return std::nullopt;
    auto rseq = number(v.substr(0, sp1));
    auto cseq = number(rest.substr(0, sp2));
    auto method = trim(rest.substr(sp2));
    if (!rseq || !cseq || method.empty() || method.find_first_of(" \t") != std::string_view::npos)
        return std::nullopt;
    return RAck{*rseq, *cseq, std::string(method)};
}

std::optional<uint32_t> parseRSeq(const std::string& value) {
    auto v = number(trim(value));
    if (!v || *v == 0) return std::nullopt;
    return v;
}

}  // namespace sb::sip
