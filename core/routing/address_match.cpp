#include "routing/address_match.h"

#include <algorithm>
#include <vector>

namespace sb::routing {
namespace {

std::optional<unsigned> parseDecimal(std::string_view text, unsigned max) {
    if (text.empty() || text.size() > 3) return std::nullopt;
    unsigned value = 0;
    for (char c : text) {
        if (c < '0' || c > '9') return std::nullopt;
        value = value * 10 + static_cast<unsigned>(c - '0');
    }
    // No leading zeros: "010" is octal to some parsers, so refuse it outright.
    if (value > max || (text.size() > 1 && text.front() == '0')) return std::nullopt;
    return value;
}

bool parseV4(std::string_view text, uint8_t* out) {
    for (int i = 0; i < 4; ++i) {
        const size_t dot = text.find('.');
        if ((i < 3) == (dot == std::string_view::npos)) return false;
        auto part = parseDecimal(text.substr(0, dot), 255);
        if (!part) return false;
        out[i] = static_cast<uint8_t>(*part);
        text = i < 3 ? text.substr(dot + 1) : std::string_view();
    }
    return true;
}

std::optional<uint16_t> parseHexGroup(std::string_view text) {
    if (text.empty() || text.size() > 4) return std::nullopt;
    unsigned value = 0;
    for (char c : text) {
        unsigned digit = 0;
        if (c >= '0' && c <= '9')
            digit = static_cast<unsigned>(c - '0');
        else if (c >= 'a' && c <= 'f')
            digit = static_cast<unsigned>(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F')
            digit = static_cast<unsigned>(c - 'A' + 10);
        else
            return std::nullopt;
        value = value * 16 + digit;
    }
    return static_cast<uint16_t>(value);
}

/// Groups of one side of "::" (or of the whole address), an IPv4 tail
/// counting as two groups when allowed.
bool parseGroups(std::string_view text, bool allowV4Tail, std::vector<uint16_t>& out) {
    if (text.empty()) return true;
    size_t pos = 0;
    while (true) {
        const size_t colon = text.find(':', pos);
        const std::string_view group =
            text.substr(pos, colon == std::string_view::npos ? colon : colon - pos);
        if (colon == std::string_view::npos && allowV4Tail && group.find('.') != std::string_view::npos) {
            uint8_t v4[4];
            if (!parseV4(group, v4)) return false;
            out.push_back(static_cast<uint16_t>(v4[0] << 8 | v4[1]));
            out.push_back(static_cast<uint16_t>(v4[2] << 8 | v4[3]));
            return true;
        }
        auto value = parseHexGroup(group);
        if (!value) return false;
        out.push_back(*value);
        if (colon == std::string_view::npos) return true;
        pos = colon + 1;
    }
}

bool parseV6(std::string_view text, uint8_t* out) {
    std::vector<uint16_t> head;
    std::vector<uint16_t> tail;
    const size_t gap = text.find("::");
    if (gap == std::string_view::npos) {
        if (!parseGroups(text, true, head) || head.size() != 8) return false;
    } else {
        if (text.find("::", gap + 1) != std::string_view::npos) return false;
        if (!parseGroups(text.substr(0, gap), false, head)) return false;
        if (!parseGroups(text.substr(gap + 2), true, tail)) return false;
        if (head.size() + tail.size() > 7) return false;
    }
    std::array<uint16_t, 8> groups{};
    for (size_t i = 0; i < head.size(); ++i) groups[i] = head[i];
    for (size_t i = 0; i < tail.size(); ++i) groups[8 - tail.size() + i] = tail[i];
    for (size_t i = 0; i < 8; ++i) {
        out[2 * i] = static_cast<uint8_t>(groups[i] >> 8);
        out[2 * i + 1] = static_cast<uint8_t>(groups[i] & 0xff);
    }
    return true;
}

}  // namespace

std::optional<IpAddress> parseIp(std::string_view text) {
    if (text.size() >= 2 && text.front() == '[' && text.back() == ']') text = text.substr(1, text.size() - 2);
    IpAddress address;
    if (text.find(':') == std::string_view::npos) {
        if (!parseV4(text, address.bytes.data())) return std::nullopt;
        address.isV4 = true;
        return address;
    }
    if (const size_t zone = text.find('%'); zone != std::string_view::npos) text = text.substr(0, zone);
    if (!parseV6(text, address.bytes.data())) return std::nullopt;
    static constexpr uint8_t kMapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
    if (std::equal(std::begin(kMapped), std::end(kMapped), address.bytes.begin())) {
        IpAddress v4;
        v4.isV4 = true;
        std::copy(address.bytes.begin() + 12, address.bytes.end(), v4.bytes.begin());
        return v4;
    }
    return address;
}

std::optional<IpAddress> parseEndpointAddress(std::string_view text) {
    if (!text.empty() && text.front() == '[') {
        const size_t close = text.find(']');
        if (close == std::string_view::npos) return std::nullopt;
        const std::string_view rest = text.substr(close + 1);
        const bool portOk =
            rest.size() >= 2 && rest.size() <= 6 && rest.front() == ':' &&
            std::all_of(rest.begin() + 1, rest.end(), [](char c) { return c >= '0' && c <= '9'; });
        if (!rest.empty() && !portOk) return std::nullopt;
        return parseIp(text.substr(0, close + 1));
    }
    // One ':' is "ipv4:port"; more than one is a bare IPv6 literal.
    const size_t colon = text.find(':');
    if (colon != std::string_view::npos && text.find(':', colon + 1) == std::string_view::npos)
        text = text.substr(0, colon);
    return parseIp(text);
}

bool addressInBlock(const IpAddress& address, std::string_view block) {
    const size_t slash = block.find('/');
    const auto base = parseIp(block.substr(0, slash));
    if (!base || base->isV4 != address.isV4) return false;
    const unsigned maxPrefix = address.isV4 ? 32 : 128;
    unsigned prefix = maxPrefix;
    if (slash != std::string_view::npos) {
        auto parsed = parseDecimal(block.substr(slash + 1), maxPrefix);
        if (!parsed) return false;
        prefix = *parsed;
    }
    for (unsigned bit = 0; bit < prefix; ++bit) {
        const unsigned mask = 0x80u >> (bit % 8);
        if ((address.bytes[bit / 8] & mask) != (base->bytes[bit / 8] & mask)) return false;
    }
    return true;
}

}  // namespace sb::routing
