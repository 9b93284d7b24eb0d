// Syntax of the configuration's non-network fields: numbers, names,
// accounts, dial strings, enumerations.
#include "config/validation.h"

#include <algorithm>
#include <cctype>

#include "config/check_chars.h"
#include "sip/digest.h"

namespace sb::config {

using detail::allDigits;
using detail::isAlnum;
using detail::isDigit;
using detail::isHex;
using detail::quoteChar;

namespace {

// RFC 3261 §25.1: user = 1*(unreserved / escaped / user-unreserved); "%" is
// handled by the caller because it must start an escape.
bool isUserChar(char c) {
    return isAlnum(c) || std::string_view("-_.!~*'()&=+$,;?/").find(c) != std::string_view::npos;
}

Check checkOneOf(std::string_view value, std::initializer_list<std::string_view> allowed) {
    std::string list;
    for (auto a : allowed) {
        if (value == a) return std::nullopt;
        list += list.empty() ? "" : ", ";
        list += a;
    }
    return "expected one of " + list;
}

bool isDialChar(char c) {
    return isDigit(c) || c == '*' || c == '#';
}

}  // namespace

Check checkExtensionNumber(std::string_view number) {
    if (number.empty()) return "required";
    if (!allDigits(number)) return "expected digits only";
    if (number.size() > 15) return "expected at most 15 digits";
    return std::nullopt;
}

Check checkRoutePattern(std::string_view pattern) {
    if (pattern.empty()) return "required";
    if (pattern.size() > 64) return "expected at most 64 characters";
    for (size_t i = 0; i < pattern.size(); ++i) {
        const char c = pattern[i];
        if (isDigit(c) || c == 'X' || c == 'Z' || c == 'N') continue;
        if (c == 'x' || c == 'z' || c == 'n') return "write the wildcards X, Z and N in upper case";
        if (c == '.') {
            // "." swallows the rest of the number, so anything after it could never match.
            if (i + 1 != pattern.size()) return "'.' must be the last character";
            if (i == 0) return "'.' needs at least one digit or wildcard before it";
            continue;
        }
        if (c == '[') {
            const size_t close = pattern.find(']', i);
            if (close == std::string_view::npos)
                return "missing ']' after '[' at position " + std::to_string(i + 1);
            const std::string_view set = pattern.substr(i + 1, close - i - 1);
            if (set.empty()) return "empty range [] at position " + std::to_string(i + 1);
            for (size_t k = 0; k < set.size(); ++k) {
                if (!isDigit(set[k])) return "expected digits or ranges such as [1-5] inside [...]";
                if (k + 1 < set.size() && set[k + 1] == '-') {
                    if (k + 2 >= set.size() || !isDigit(set[k + 2]))
                        return "expected digits or ranges such as [1-5] inside [...]";
                    if (set[k + 2] < set[k]) return "range [" + std::string(set) + "] runs backwards";
                    k += 2;
                }
            }
            i = close;
            continue;
        }
        return "unexpected character " + quoteChar(c) + " (allowed: digits, X, Z, N, [1-5], final .)";
    }
    return std::nullopt;
}

Check checkDidNumber(std::string_view did) {
    std::string_view digits = did;
    if (!digits.empty() && digits.front() == '+') digits.remove_prefix(1);
    if (!allDigits(digits) || digits.size() > 15) return "expected an optional '+' and 1 to 15 digits";
    return std::nullopt;
}

Check checkText(std::string_view text, size_t maxLength) {
    if (text.size() > maxLength) return "expected at most " + std::to_string(maxLength) + " characters";
    // Control characters would let a value break out of a SIP header line.
    for (size_t i = 0; i < text.size();) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c < 0x20 || c == 0x7f) return "contains a control character";
        size_t len = c < 0x80             ? 1
                     : (c & 0xE0) == 0xC0 ? 2
                     : (c & 0xF0) == 0xE0 ? 3
                     : (c & 0xF8) == 0xF0 ? 4
                                          : 0;
        if (len == 0 || (len == 2 && c < 0xC2) || i + len > text.size()) return "is not valid UTF-8";
        for (size_t k = 1; k < len; ++k)
            if ((static_cast<unsigned char>(text[i + k]) & 0xC0) != 0x80) return "is not valid UTF-8";
        i += len;
    }
    return std::nullopt;
}

Check checkConferenceRoomNumber(std::string_view number) {
    if (number.empty()) return "required: the digits dialled after *88";
    if (number.size() > 8) return "expected at most 8 digits (what follows *88)";
    if (number.find_first_not_of("0123456789") != std::string_view::npos) return "expected digits only (0-9)";
    return std::nullopt;
}

Check checkConferencePin(std::string_view pin) {
    if (pin.empty()) return std::nullopt;
    // Shorter PINs are guessed in a few calls; keys beyond 12 nobody types.
    if (pin.find_first_not_of("0123456789") != std::string_view::npos || pin.size() < 4 || pin.size() > 12)
        return "a room PIN is 4 to 12 digits (0-9), or empty for none";
    return std::nullopt;
}

Check checkName(std::string_view name) {
    if (name.empty()) return "required";
    if (auto why = checkText(name, 64)) return why;
    if (name.front() == ' ' || name.back() == ' ') return "must not start or end with a space";
    return std::nullopt;
}

Check checkAccount(std::string_view account) {
    if (account.empty()) return "required";
    if (account.size() > 64) return "expected at most 64 characters";
    for (size_t i = 0; i < account.size(); ++i) {
        const char c = account[i];
        if (c == '%') {
            if (i + 2 >= account.size() || !isHex(account[i + 1]) || !isHex(account[i + 2]))
                return "'%' must be followed by two hex digits";
            i += 2;
        } else if (c == '@') {
            return "expected the user part only; the domain goes in the domain field";
        } else if (!isUserChar(c)) {
            return "invalid character " + quoteChar(c) + " for a SIP user name";
        }
    }
    return std::nullopt;
}

Check checkAuthId(std::string_view authId) {
    if (authId.size() > 128) return "expected at most 128 characters";
    for (char c : authId) {
        const auto u = static_cast<unsigned char>(c);
        if (u <= 0x20 || u >= 0x7f || c == '"' || c == '\\')
            return "invalid character " + quoteChar(c) + " (no blanks, quotes or backslashes)";
    }
    return std::nullopt;
}

Check checkPassword(std::string_view password) {
    if (password.empty()) return "required";
    return checkText(password, 128);
}

Check checkExpires(int64_t expiresS) {
    if (expiresS < 30 || expiresS > 86400) return "expected 30 to 86400 seconds";
    return std::nullopt;
}

Check checkOutgroupPrefix(std::string_view prefix) {
    if (prefix.size() > 4 || !std::all_of(prefix.begin(), prefix.end(), isDialChar))
        return "expected up to 4 of 0-9, * and #";
    return std::nullopt;
}

Check checkPrepend(std::string_view prepend) {
    std::string_view rest = prepend;
    if (!rest.empty() && rest.front() == '+') rest.remove_prefix(1);
    if (rest.size() > 20 || !std::all_of(rest.begin(), rest.end(), isDialChar))
        return "expected an optional '+' and up to 20 of 0-9, * and #";
    return std::nullopt;
}

Check checkRingback(std::string_view ringback) {
    return checkOneOf(ringback, {"cn", "eu", "us", "uk"});
}

Check checkCodecName(std::string_view name) {
    if (name.empty() || name.size() > 32) return "expected a codec name of 1 to 32 characters, e.g. PCMA";
    for (char c : name)
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_' && c != '.')
            return std::string("unexpected character '") + c + "' (codec names are letters, digits, - _ .)";
    return std::nullopt;
}

Check checkLogLevel(std::string_view level) {
    return checkOneOf(level, {"error", "warning", "info", "debug"});
}

Check checkAuthAlgorithms(std::string_view list) {
    if (list.empty()) return "required, e.g. MD5 or SHA-256,MD5";
    // The registrar's own parser decides, so what passes here is what it offers.
    auto parsed = sip::parseDigestAlgorithmList(list);
    if (!parsed) return parsed.error().message;
    return std::nullopt;
}

Check checkFilePath(std::string_view path) {
    return checkText(path, 1024);
}

Check checkForwardTarget(std::string_view target) {
    if (target.empty()) return std::nullopt;
    if (target.compare(0, 3, "*97") == 0) {
        const std::string_view mailbox = target.substr(3);
        if (mailbox.empty() || !checkExtensionNumber(mailbox)) return std::nullopt;
        return "expected *97 (own voicemail) or *97 and an extension number";
    }
    std::string_view rest = target;
    if (rest.front() == '+') rest.remove_prefix(1);
    if (rest.empty() || rest.size() > 20 || !std::all_of(rest.begin(), rest.end(), isDialChar))
        return "expected an extension, ring group or menu number, *97[extension] for voicemail, "
               "or a number to dial (0-9 * #, optional leading +)";
    return std::nullopt;
}

Check checkForwardHeader(std::string_view header) {
    return checkOneOf(header, {"none", "diversion", "history-info"});
}

Check checkBlacklistEntry(std::string_view entry) {
    if (entry == "anonymous") return std::nullopt;
    std::string_view rest = entry;
    if (!rest.empty() && rest.front() == '+') rest.remove_prefix(1);
    if (rest.empty() || rest.size() > 20 || !allDigits(rest))
        return "expected \"anonymous\" or a number prefix (optional '+', then up to 20 digits)";
    return std::nullopt;
}

Check checkTransport(store::Transport transport) {
    switch (transport) {
        case store::Transport::Udp:
        case store::Transport::Tcp:
        case store::Transport::Tls:
            return std::nullopt;
    }
    return "expected udp, tcp or tls";
}

}  // namespace sb::config
