// Fuzzes the RFC 3262 header parsers and both reliable-provisional state
// machines (core/sip/reliable_provisional.h).
//
// Input: lines of RSeq or RAck header values as they arrive in 18x
// responses and PRACK requests ("1 314159 INVITE", "988789"). The whole
// input is also tried as one value. Each line that parses as an RSeq is fed
// to a ReliableProvisionalUac (an arriving reliable 18x); each line that
// parses as a RAck acknowledges what a ReliableProvisionalUas has sent.
//
// Properties:
// - parseRSeq never yields 0; parseRAck never yields an empty method or
//   one containing blanks;
// - the UAC accepts a response only as the first one or as last+1, and only
//   an accepted response moves lastAccepted();
// - the UAS releases its outstanding response only for a PRACK naming
//   exactly that RSeq, the INVITE's CSeq and method INVITE.

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "sip/reliable_provisional.h"

using namespace sb::sip;

namespace {

#define FUZZ_CHECK(cond)                                                                         \
    do {                                                                                         \
        if (!(cond)) {                                                                           \
            std::fprintf(stderr, "fuzz_reliable_provisional: property failed: %s (%s:%d)\n",     \
                         #cond, __FILE__, __LINE__);                                             \
            std::abort();                                                                        \
        }                                                                                        \
    } while (0)

std::vector<std::string> splitLines(std::string_view text) {
    std::vector<std::string> out;
    size_t pos = 0;
    while (pos <= text.size()) {
        size_t nl = text.find('\n', pos);
        if (nl == std::string_view::npos) nl = text.size();
        out.emplace_back(text.substr(pos, nl - pos));
        pos = nl + 1;
    }
    return out;
}

void checkRAck(const std::optional<RAck>& r) {
    if (!r) return;
    FUZZ_CHECK(!r->method.empty());
    FUZZ_CHECK(r->method.find_first_of(" \t") == std::string::npos);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size > 64 * 1024) return 0;  // a header line, not a file
    const std::string whole(reinterpret_cast<const char*>(data), size);

    if (auto rseq = parseRSeq(whole)) FUZZ_CHECK(*rseq != 0);
    checkRAck(parseRAck(whole));

    constexpr uint32_t kInviteCseq = 314159;
    ReliableProvisionalUac uac;
    // First RSeq from the input when the first line is one, else a fixed one.
    ReliableProvisionalUas uas(size ? static_cast<uint32_t>(data[0]) << 24 | 1u : 1u);
    ReliableProvisionalUas::Provisional p;
    p.code = 183;
    p.body = "v=0";
    (void)uas.submit(p);
    p.code = 180;
    p.body.clear();
    (void)uas.submit(p);

    size_t count = 0;
    for (const std::string& line : splitLines(whole)) {
        if (++count > 4096) break;
        if (auto rseq = parseRSeq(line)) {
            FUZZ_CHECK(*rseq != 0);
            const auto before = uac.lastAccepted();
            const auto verdict = uac.receive(*rseq);
            switch (verdict) {
                case ReliableProvisionalUac::Verdict::Accept:
                    FUZZ_CHECK(!before || *rseq == *before + 1);
                    FUZZ_CHECK(uac.lastAccepted() == rseq);
                    break;
                case ReliableProvisionalUac::Verdict::Retransmission:
                    FUZZ_CHECK(before && *rseq <= *before);
                    FUZZ_CHECK(uac.lastAccepted() == before);
                    break;
                case ReliableProvisionalUac::Verdict::OutOfOrder:
                    FUZZ_CHECK(before && *rseq > *before + 1);
                    FUZZ_CHECK(uac.lastAccepted() == before);
                    break;
                default:
                    FUZZ_CHECK(false && "unknown verdict");
            }
        }
        auto rack = parseRAck(line);
        checkRAck(rack);
        if (rack) {
            const auto outstanding = uas.outstanding();
            const bool acked = uas.acknowledge(rack->rseq, rack->cseq, rack->method, kInviteCseq);
            const bool shouldAck = outstanding && outstanding->rseq == rack->rseq &&
                                   rack->cseq == kInviteCseq && rack->method == "INVITE";
            FUZZ_CHECK(acked == shouldAck);
            if (acked) {
                FUZZ_CHECK(!uas.outstanding());
                FUZZ_CHECK(!uas.answerMustWait());
                if (auto next = uas.nextToSend()) {
                    FUZZ_CHECK(next->rseq == outstanding->rseq + 1);
                    FUZZ_CHECK(uas.outstanding());
                }
            } else {
                FUZZ_CHECK(uas.outstanding().has_value() == outstanding.has_value());
            }
        }
    }
    return 0;
}
