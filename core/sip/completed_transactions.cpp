#include "sip/completed_transactions.h"

#include <re.h>

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
        append(key, request.to.tag);
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
    m_due.push_back(Due{nowMs + m_lifetimeMs, &it->first});
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
}

}  // namespace sb::sip
