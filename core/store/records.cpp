#include "store/records.h"

#include <algorithm>
#include <cctype>

namespace sb::store {

const char* transportName(Transport t) {
    switch (t) {
        case Transport::Udp:
            return "udp";
        case Transport::Tcp:
            return "tcp";
        case Transport::Tls:
            return "tls";
    }
    return "unknown";  // an out-of-range cast; storing it fails the schema's CHECK
}

bool parseTransport(const std::string& s, Transport& out) {
    // People type "UDP" in hand-written JSON as often as "udp".
    std::string lower = s;
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    for (Transport t : {Transport::Udp, Transport::Tcp, Transport::Tls}) {
        if (lower == transportName(t)) {
            out = t;
            return true;
        }
    }
    return false;
}

const char* dispositionName(Disposition d) {
    switch (d) {
        case Disposition::Answered:
            return "ANSWERED";
        case Disposition::Busy:
            return "BUSY";
        case Disposition::NoAnswer:
            return "NO ANSWER";
        case Disposition::Cancelled:
            return "CANCELLED";
        case Disposition::Failed:
            return "FAILED";
    }
    return "UNKNOWN";
}

}  // namespace sb::store
