#include "sip/dtmf_info.h"

#include <cctype>
#include <cstring>

#include "routing/text_util.h"

namespace sb::sip {

namespace {

std::optional<char> key(std::string_view text) {
    while (!text.empty() && (text.back() == '\r' || text.back() == '\n')) text.remove_suffix(1);
    text = routing::trim(text);
    if (text.size() != 1) {
        // RFC 4733 event codes 10 and 11 written as numbers by some phones.
        if (text == "10") return '*';
        if (text == "11") return '#';
        return std::nullopt;
    }
    const char c = static_cast<char>(std::toupper(static_cast<unsigned char>(text[0])));
    if (std::strchr("0123456789*#ABCD", c) == nullptr || c == 0) return std::nullopt;
    return c;
}

}  // namespace

std::optional<char> dtmfFromInfo(const Body& body) {
    const std::string type = routing::toLower(routing::trim(body.type.substr(0, body.type.find(';'))));
    if (type == "application/dtmf") return key(body.content);
    if (type != "application/dtmf-relay") return std::nullopt;
    for (std::string_view line : routing::splitOn(body.content, '\n')) {
        const auto eq = line.find('=');
        if (eq == std::string_view::npos) continue;
        if (routing::equalsIgnoreCase(routing::trim(line.substr(0, eq)), "Signal")) return key(line.substr(eq + 1));
    }
    return std::nullopt;
}

std::optional<unsigned> dtmfDurationFromInfo(const Body& body) {
    const std::string type = routing::toLower(routing::trim(body.type.substr(0, body.type.find(';'))));
    if (type != "application/dtmf-relay") return std::nullopt;
    for (std::string_view line : routing::splitOn(body.content, '\n')) {
        const auto eq = line.find('=');
        if (eq == std::string_view::npos) continue;
        if (!routing::equalsIgnoreCase(routing::trim(line.substr(0, eq)), "Duration")) continue;
        std::string_view value = routing::trim(line.substr(eq + 1));
        while (!value.empty() && (value.back() == '\r' || value.back() == '\n')) value.remove_suffix(1);
        unsigned ms = 0;
        if (value.empty() || value.size() > 5) return std::nullopt;
        for (char c : value) {
            if (c < '0' || c > '9') return std::nullopt;
            ms = ms * 10 + static_cast<unsigned>(c - '0');
        }
        if (ms == 0 || ms > 5000) return std::nullopt;
        return ms;
    }
    return std::nullopt;
}

Body dtmfRelayBody(char digit, unsigned durationMs) {
    return Body{"application/dtmf-relay",
                std::string("Signal=") + digit + "\r\nDuration=" + std::to_string(durationMs) + "\r\n"};
}

}  // namespace sb::sip
