#include "sip/completed_transactions.h"

#include <re.h>

#include <algorithm>
#include <cstring>

namespace sb::sip {

namespace {
void append(std::string& out, const ::pl& p) {
    if (p.p) out.append(p.p, p.l);
    out += '\n';
}
}  // namespace

std::string transactionKey(const ::sip_msg& request, const char* method) {
    std::string key;
    key.reserve(request.via.branch.l + request.via.sentby.l + 16);
    append(key, request.via.branch);
    append(key, request.via.sentby);
    if (method) {
        key += method;
        key += '\n';
    } else {
        append(key, request.cseq.met);
    }
    const ::pl& branch = request.via.branch;
    if (branch.l < 7 || std::memcmp(branch.p, "z9hG4bK", 7) != 0) {
        append(key, request.callid);
        append(key, request.from.tag);
        // A CANCEL carries the INVITE's To (without tag) and CSeq number.
        append(key, pl_strcmp(&request.cseq.met, "ACK") == 0 ? ::pl{nullptr, 0} : request.to.tag);
        key += std::to_string(request.cseq.num);
    }
    return key;
}

std::string mergeKey(const ::sip_msg& request) {
    std::string key;
    append(key, request.callid);
    append(key, request.from.tag);
    key += std::to_string(request.cseq.num);
    key += ' ';
    append(key, request.cseq.met);
    return key;
}

void CompletedTransactions::remember(std::string key, std::string merge, std::string answer, uint64_t nowMs) {
    auto [it, added] = m_answers.try_emplace(std::move(key));
    if (!added) return;
    it->second.answer = std::move(answer);
    if (!merge.empty() && m_merge.insert(merge).second) it->second.merge = std::move(merge);
    it->second.endsMs = nowMs + m_lifetimeMs;
    m_due.push_back(Due{it->second.endsMs, &it->first});
}

namespace {
constexpr uint64_t kT1Ms = 500;
constexpr uint64_t kT2Ms = 4000;
/// The wait before a resend from queue @p stage: T1, 2·T1, 4·T1, T2.
uint64_t resendIntervalMs(size_t stage) { return std::min(kT1Ms << stage, kT2Ms); }
}  // namespace

void CompletedTransactions::awaitAck(const std::string& key, Resend resend, uint64_t nowMs) {
    auto it = m_answers.find(key);
    if (it == m_answers.end() || it->second.resend || !resend) return;
    it->second.resend = std::move(resend);
    m_resends[0].push_back(Pending{nowMs + resendIntervalMs(0), key});
}

bool CompletedTransactions::acknowledge(const std::string& key) {
    auto it = m_answers.find(key);
    if (it == m_answers.end() || !it->second.resend) return false;
    it->second.resend = nullptr;
    return true;
}

uint64_t CompletedTransactions::resendDue(uint64_t nowMs) {
    uint64_t next = 0;
    for (size_t stage = 0; stage < m_resends.size(); ++stage) {
        auto& queue = m_resends[stage];
        while (!queue.empty() && queue.front().atMs <= nowMs) {
            Pending pending = std::move(queue.front());
            queue.pop_front();
            auto it = m_answers.find(pending.key);
            if (it == m_answers.end() || !it->second.resend) continue;  // acknowledged or ended
            it->second.resend(it->second.answer);
            const size_t to = std::min(stage + 1, m_resends.size() - 1);
            const uint64_t at = pending.atMs + resendIntervalMs(to);
            if (at < it->second.endsMs)
                m_resends[to].push_back(Pending{at, std::move(pending.key)});
            else
                it->second.resend = nullptr;  // timer H: the last chance has passed
        }
    }
    for (const auto& queue : m_resends)
        if (!queue.empty() && (next == 0 || queue.front().atMs < next)) next = queue.front().atMs;
    return next;
}

const std::string* CompletedTransactions::find(const std::string& key) const {
    auto it = m_answers.find(key);
    return it == m_answers.end() ? nullptr : &it->second.answer;
}

void CompletedTransactions::expire(uint64_t nowMs) {
    while (!m_due.empty() && m_due.front().atMs <= nowMs) {
        auto it = m_answers.find(*m_due.front().key);
        m_due.pop_front();
        if (it == m_answers.end()) continue;
        if (!it->second.merge.empty()) m_merge.erase(it->second.merge);
        m_answers.erase(it);
    }
    if (m_answers.empty() && m_answers.bucket_count() > 1024) {
        // A burst is over: hash tables never shrink by themselves, and one
        // sized for a burst's 10^5 answers holds a megabyte or more.
        decltype(m_answers)().swap(m_answers);
        decltype(m_merge)().swap(m_merge);
        decltype(m_due)().swap(m_due);
    }
}

}  // namespace sb::sip
