#include "routing/text_util.h"

#include <algorithm>
#include <cctype>

namespace sb::routing {

std::string_view trim(std::string_view text) {
    const size_t first = text.find_first_not_of(" \t");
    if (first == std::string_view::npos) return {};
    const size_t last = text.find_last_not_of(" \t");
    return text.substr(first, last - first + 1);
}

std::string toLower(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

bool equalsIgnoreCase(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) ==
                      std::tolower(static_cast<unsigned char>(y));
           });
}

std::vector<std::string_view> splitOn(std::string_view text, char separator) {
    std::vector<std::string_view> out;
    size_t pos = 0;
    while (true) {
        const size_t end = text.find(separator, pos);
        out.push_back(text.substr(pos, end == std::string_view::npos ? std::string_view::npos : end - pos));
        if (end == std::string_view::npos) break;
        pos = end + 1;
    }
    return out;
}

std::vector<std::string_view> splitHeaderList(std::string_view value) {
    std::vector<std::string_view> out;
    bool quoted = false;
    bool bracketed = false;
    size_t start = 0;
    for (size_t i = 0; i <= value.size(); ++i) {
        const bool end = i == value.size();
        const char c = end ? ',' : value[i];
        if (quoted) {
            if (c == '\\' && i + 1 < value.size())
                ++i;  // quoted-pair: the next character is literal
            else if (c == '"')
                quoted = false;
            if (!end) continue;
        } else if (c == '"') {
            quoted = true;
            continue;
        } else if (c == '<') {
            bracketed = true;
            continue;
        } else if (c == '>') {
            bracketed = false;
            continue;
        }
        if (c != ',' || (bracketed && !end)) continue;
        const std::string_view piece = trim(value.substr(start, i - start));
        if (!piece.empty()) out.push_back(piece);
        start = i + 1;
    }
    return out;
}

NameAddr splitNameAddr(std::string_view value) {
    NameAddr out;
    value = trim(value);
    // Skip a quoted display name first: it may itself contain '<' or ';'.
    size_t pos = 0;
    if (!value.empty() && value.front() == '"') {
        for (pos = 1; pos < value.size() && value[pos] != '"'; ++pos)
            if (value[pos] == '\\') ++pos;
        if (pos >= value.size()) {
            out.error = "unterminated quoted display name";
            return out;
        }
        ++pos;
    }
    const size_t open = value.find('<', pos);
    if (open != std::string_view::npos) {
        const size_t close = value.find('>', open);
        if (close == std::string_view::npos) {
            out.error = "missing '>'";
            return out;
        }
        out.uri = trim(value.substr(open + 1, close - open - 1));
        std::string_view rest = trim(value.substr(close + 1));
        if (!rest.empty() && rest.front() == ';') rest.remove_prefix(1);
        out.headerParams = rest;
        return out;
    }
    if (pos != 0) {
        out.error = "display name without <URI>";
        return out;
    }
    const size_t semi = value.find(';');
    out.uri = trim(value.substr(0, semi));
    if (semi != std::string_view::npos) out.headerParams = value.substr(semi + 1);
    return out;
}

std::optional<std::string> headerParam(std::string_view params, std::string_view name) {
    for (std::string_view segment : splitOn(params, ';')) {
        segment = trim(segment);
        const size_t eq = segment.find('=');
        if (!equalsIgnoreCase(trim(segment.substr(0, eq)), name)) continue;
        if (eq == std::string_view::npos) return std::string();
        std::string_view v = trim(segment.substr(eq + 1));
        if (v.size() >= 2 && v.front() == '"' && v.back() == '"') v = v.substr(1, v.size() - 2);
        return std::string(v);
    }
    return std::nullopt;
}

}  // namespace sb::routing
