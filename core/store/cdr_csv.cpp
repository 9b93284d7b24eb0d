#include "store/cdr_csv.h"

#include <cstdio>
#include <ctime>

#include "platform/calendar_time.h"

namespace sb::store {

namespace {

std::string field(const std::string& v) {
    if (v.find_first_of(",\"\r\n") == std::string::npos) return v;
    std::string out = "\"";
    for (char c : v) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + "\"";
}

}  // namespace

std::string isoTime(int64_t epochMs) {
    if (epochMs <= 0) return {};
    const std::time_t secs = static_cast<std::time_t>(epochMs / 1000);
    const std::tm tm = platform::utcCalendarTime(secs);
    char buf[64];
    std::snprintf(buf, sizeof(buf), "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900, tm.tm_mon + 1,
                  tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, static_cast<int>(epochMs % 1000));
    return buf;
}

std::string cdrCsv(const std::vector<CdrRecord>& records) {
    std::string out =
        "start,answer,end,caller,callee,route,disposition,sip_code,duration,billable,codec,reason,call_id,forwards,"
        "transfers\r\n";
    for (const auto& r : records) {
        out += isoTime(r.startMs) + "," + isoTime(r.answerMs) + "," + isoTime(r.endMs) + "," + field(r.caller) + "," +
               field(r.callee) + "," + field(r.route) + "," + dispositionName(r.disposition) + "," +
               std::to_string(r.sipCode) + "," + std::to_string(r.durationS()) + "," +
               std::to_string(r.billableS()) + "," + field(r.codec) + "," + field(r.reason) + "," +
               field(r.callId) + "," + field(r.forwards) + "," + field(r.transfers) + "\r\n";
    }
    return out;
}

}  // namespace sb::store
