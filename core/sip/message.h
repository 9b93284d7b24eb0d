#pragma once

// Small readers over libre's parsed sip_msg, returning std types.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

struct sip_msg;
struct sa;

namespace sb::sip {

/// The first header named @p name (case-insensitive, compact forms as libre
/// knows them), or nullopt.
std::optional<std::string> headerValue(const ::sip_msg& msg, const char* name);
/// Every value of header @p name, comma-separated lists split by libre.
std::vector<std::string> headerValues(const ::sip_msg& msg, const char* name);
/// Every value of a header libre knows by id (enum sip_hdrid; compact forms
/// such as "m" for Contact included).
std::vector<std::string> headerValues(const ::sip_msg& msg, int hdrId);
std::optional<std::string> headerValue(const ::sip_msg& msg, int hdrId);

/// "ip:port" of a socket address ("[::1]:5060" for IPv6).
std::string addressText(const ::sa& address);
/// "UDP", "TCP", "TLS" of the transport @p msg arrived on.
std::string transportText(const ::sip_msg& msg);

/// The user part a request is about: the To URI's user, or for a TEL URI
/// the number (libre keeps it in the host part).
std::string toUser(const ::sip_msg& msg);
std::string requestMethod(const ::sip_msg& msg);
std::string callId(const ::sip_msg& msg);

struct ParsedContact {
    std::string uri;
    std::optional<uint32_t> expiresS;
};

/// Contacts of a REGISTER: wildcard, or the list (error text on bad syntax).
struct ParsedContacts {
    bool wildcard = false;
    std::vector<ParsedContact> contacts;
    std::string error;
};
ParsedContacts parseContacts(const ::sip_msg& msg);

/// True when a header name or value, or the Request-URI, holds a control
/// character other than HTAB. libre keeps a bare CR inside a value (it reads
/// it as white space), and copied into our own requests it would become a
/// header of its own at a lenient peer (header injection): such a message is
/// malformed (RFC 3261 allows CR only in CRLF) and must change nothing.
bool hasControlCharacters(const ::sip_msg& msg);

/// Parse a decimal header value such as Expires; nullopt when absent or bad.
std::optional<uint32_t> parseSeconds(const std::string& text);

}  // namespace sb::sip
