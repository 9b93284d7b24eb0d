#include "sip/request_grammar.h"

#include "sip/request_checks.h"

namespace sb::sip {

namespace grammar {

std::optional<ViaParts> parseViaHead(std::string_view v) {
    size_t i = skipLws(v, 0);
    // sent-protocol = protocol-name SLASH protocol-version SLASH transport
    for (int part = 0; part < 3; ++part) {
        const size_t t = skipToken(v, i);
        if (t == i) return std::nullopt;
        i = skipLws(v, t);
        if (part < 2) {
            if (i >= v.size() || v[i] != '/') return std::nullopt;
            i = skipLws(v, i + 1);
        }
    }
    // sent-by = host [ COLON port ]
    const size_t hostBegin = i;
    if (i < v.size() && v[i] == '[') {
        const size_t close = v.find(']', i);
        if (close == std::string_view::npos) return std::nullopt;
        i = close + 1;
    } else {
        while (i < v.size() && (isAlpha(v[i]) || isDigit(v[i]) || v[i] == '-' || v[i] == '.')) ++i;
    }
    if (i == hostBegin) return std::nullopt;
    ViaParts parts;
    size_t j = skipLws(v, i);
    if (j < v.size() && v[j] == ':') {
        j = skipLws(v, j + 1);
        size_t k = j;
        while (k < v.size() && isDigit(v[k])) ++k;
        auto port = u32(v.substr(j, k - j));
        if (!port || *port > 65535) return std::nullopt;
        parts.port = static_cast<uint16_t>(*port);
        i = k;
    }
    parts.sentByEnd = i;
    parts.paramsBegin = i;
    return parts;
}

bool validParams(std::string_view v, size_t i, size_t& end, std::string_view stops) {
    for (;;) {
        i = skipLws(v, i);
        if (i >= v.size() || stops.find(v[i]) != std::string_view::npos) {
            end = i;
            return true;
        }
        if (v[i] != ';') return false;
        i = skipLws(v, i + 1);
        const size_t name = skipToken(v, i);
        if (name == i) return false;  // empty parameter: ";;"
        i = skipLws(v, name);
        if (i < v.size() && v[i] == '=') {
            i = skipLws(v, i + 1);
            if (i < v.size() && v[i] == '"') {
                ++i;
                while (i < v.size() && v[i] != '"') i += (v[i] == '\\') ? 2 : 1;
                if (i >= v.size()) return false;
                ++i;
            } else {
                // gen-value = token / host; taken loosely (phones put odd
                // characters here), only what ends a parameter stops it.
                size_t k = i;
                while (k < v.size() && !isLws(v[k]) && std::string_view(";,\"<>").find(v[k]) == std::string_view::npos)
                    ++k;
                if (k == i) return false;
                i = k;
            }
        }
    }
}

bool hasParam(std::string_view params, std::string_view name) {
    size_t i = 0;
    while ((i = params.find(';', i)) != std::string_view::npos) {
        size_t b = skipLws(params, i + 1);
        size_t e = skipToken(params, b);
        if (iequals(params.substr(b, e - b), name)) return true;
        i = e > i ? e : i + 1;
    }
    return false;
}

bool validRequestUri(std::string_view uri) {
    if (uri.empty() || !isAlpha(uri[0])) return false;
    size_t i = 1;
    while (i < uri.size() && (isAlpha(uri[i]) || isDigit(uri[i]) || uri[i] == '+' || uri[i] == '-' || uri[i] == '.'))
        ++i;
    if (i >= uri.size() || uri[i] != ':' || i + 1 >= uri.size()) return false;
    for (char c : uri)
        if (isLws(c) || c == '<' || c == '>' || c == '"') return false;
    return true;
}

bool isValidAddress(std::string_view value) {
    const std::string_view v = trim(value);
    if (v.empty()) return false;
    size_t i = 0;
    size_t laquot = v.find('<');
    if (v[0] == '"' || laquot != std::string_view::npos) {
        // name-addr = [ display-name ] LAQUOT addr-spec RAQUOT
        if (v[0] == '"') {
            i = 1;
            while (i < v.size() && v[i] != '"') i += (v[i] == '\\') ? 2 : 1;
            if (i >= v.size()) return false;  // unterminated quoted string
            i = skipLws(v, i + 1);
        } else {
            // display-name = *(token LWS): no commas, "@" or other separators.
            // UTF-8 is let through unquoted: phones send names that way.
            for (; i < laquot; ++i)
                if (!isTokenChar(v[i]) && !isLws(v[i]) && static_cast<unsigned char>(v[i]) < 0x80) return false;
        }
        if (i >= v.size() || v[i] != '<') return false;
        const size_t close = v.find('>', i);
        if (close == std::string_view::npos) return false;
        const std::string_view spec = v.substr(i + 1, close - i - 1);
        if (!validRequestUri(spec)) return false;  // no LWS inside <> (§20.10)
        size_t end = 0;
        return validParams(v, close + 1, end) && end == v.size();
    }
    // addr-spec: a URI with ",", "?" or ";" of its own must be in <> (§20.10);
    // a ";" here starts the header parameters.
    const size_t semi = v.find(';');
    const std::string_view spec = trim(v.substr(0, semi));
    if (!validRequestUri(spec) || spec.find(',') != std::string_view::npos ||
        spec.find('?') != std::string_view::npos)
        return false;
    if (semi == std::string_view::npos) return true;
    size_t end = 0;
    return validParams(v, semi, end) && end == v.size();
}

}  // namespace grammar

using namespace grammar;

bool isValidViaValue(std::string_view value) {
    // Via = 1#via-parm: every element of a comma-separated list must be whole.
    for (;;) {
        auto head = parseViaHead(value);
        if (!head) return false;
        size_t end = 0;
        if (!validParams(value, head->paramsBegin, end, ",")) return false;
        if (end == value.size()) return true;
        value.remove_prefix(end + 1);  // past the comma
    }
}

bool isValidAddressValue(std::string_view value) {
    // Contact may hold a comma-separated list: split outside quotes and <>.
    bool quoted = false;
    int angle = 0;
    size_t begin = 0;
    for (size_t i = 0; i < value.size(); ++i) {
        const char c = value[i];
        if (quoted) {
            if (c == '\\') ++i;
            else if (c == '"') quoted = false;
        } else if (c == '"') {
            quoted = true;
        } else if (c == '<') {
            ++angle;
        } else if (c == '>') {
            --angle;
        } else if (c == ',' && angle == 0) {
            if (!isValidAddress(value.substr(begin, i - begin))) return false;
            begin = i + 1;
        }
    }
    return isValidAddress(value.substr(begin));
}

}  // namespace sb::sip
