#pragma once

// The configuration model: typed records shared by the store, the JSON
// import/export, the engine and (as copied snapshots) the GUI.
// JSON names are the contract documented in docs/config.md.

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "diagnostics/finding.h"
#include "diagnostics/ladder.h"

namespace sb::store {

/// SIP transport of a line or trunk. Zero is deliberately not a value.
enum class Transport : int { Udp = 1, Tcp = 2, Tls = 3 };

const char* transportName(Transport t);  ///< "udp", "tcp", "tls"
bool parseTransport(const std::string& s, Transport& out);

/// Global settings (JSON "settings").
struct Settings {
    std::string domain;                 ///< "domain": SIP domain / address of this PBX
    std::string bindAddress = "0.0.0.0";///< "bind": address SIP listens on
    uint16_t sipPort = 5060;            ///< "sip_port": UDP and TCP
    uint16_t tlsPort = 5061;            ///< "tls_port"
    uint16_t rtpPortMin = 10000;        ///< "rtp_port_min"
    uint16_t rtpPortMax = 20000;        ///< "rtp_port_max"
    std::string outgroupPrefix = "9";   ///< "outgroup_prefix"
    std::string ringback = "cn";        ///< "ringback": tone preset (cn, eu, us, uk)
    std::string logLevel = "info";      ///< "log_level": error, warning, info, debug
    // Registrar (schema 2)
    std::string authAlgorithms = "MD5";  ///< "auth_algorithms": in this order; why MD5 alone: docs/config.md
    uint32_t minExpiresS = 60;          ///< "min_expires": shorter registrations get 423
    uint32_t maxExpiresS = 3600;        ///< "max_expires": longer ones are cut to this
    uint32_t defaultExpiresS = 3600;    ///< "default_expires": when the phone names none
    uint32_t maxContacts = 5;           ///< "max_contacts": bindings per extension
    uint32_t nonceLifetimeS = 300;      ///< "nonce_lifetime": digest nonces go stale after this
    uint32_t qualifyIntervalS = 30;     ///< "qualify_interval": OPTIONS ping period
    std::string tlsCertificate;         ///< "tls_certificate": PEM file; empty = generated
    std::string tlsPrivateKey;          ///< "tls_private_key": PEM file; empty = in the certificate file
    uint32_t mediaTimeoutS = 60;        ///< "media_timeout": no RTP this long ends a call; 0 = off
    // Schema 3
    bool prackAutoDisable = true;       ///< "prack_auto_disable": stop offering 100rel where PRACK is refused
    std::string traceFile;              ///< "trace_file": SIP trace log file; empty = off
    uint32_t traceFileMaxMb = 10;       ///< "trace_file_max_mb": rotate the trace file at this size
    // Schema 4
    uint32_t authFailLimit = 10;        ///< "auth_fail_limit": failed authentications that ban; 0 = never
    uint32_t authFailWindowS = 60;      ///< "auth_fail_window": ... within this many seconds
    uint32_t banTimeS = 3600;           ///< "ban_time": how long a ban lasts
    std::vector<std::string> allowList{"127.0.0.0/8", "::1"};  ///< "allow_list": never banned or rate limited
    bool dropScanners = true;           ///< "drop_scanners": ignore known scanner user agents
    uint32_t rateLimit = 200;           ///< "rate_limit": requests per second per source; 0 = off
    uint32_t maxCalls = 2000;           ///< "max_calls": calls at once; more get 503; 0 = no limit
    std::vector<std::string> codecs;    ///< "codecs": encodings offers list first, in order; empty = as offered
    // Schema 5
    std::string tlsCaFile;              ///< "tls_ca_file": PEM CA bundle for carriers; empty = system store
    uint32_t tcpMaxPerAddress = 32;     ///< "tcp_max_per_address": TCP/TLS connections per address; 0 = no cap
    uint32_t tcpIdleTimeoutS = 30;      ///< "tcp_idle_timeout": silent connections without a binding close; 0 = off
    uint32_t maxOpenFiles = 0;          ///< "max_open_files": descriptor limit; 0 = as many as the system allows
    uint32_t maxMemoryMb = 0;           ///< "max_memory_mb": new calls get 503 above this RSS; 0 = no limit
    // Schema 7: services of the media engine
    std::string promptLanguage = "en";  ///< "prompt_language": voice prompts, "en" or "zh"
    std::string musicOnHold;            ///< "music_on_hold": 8 kHz mono WAV; empty = the shipped music
    uint32_t voicemailMaxMessages = 100;///< "voicemail_max_messages": per mailbox; a full one says so
    // Schema 9: call features (issue 16)
    /// "blacklist": caller number prefixes refused on calls from lines and
    /// trunks; the entry "anonymous" refuses callers without a number
    std::vector<std::string> blacklist;
    uint32_t blacklistAnswer = 603;     ///< "blacklist_answer": 403, 480, 486 or 603

    bool operator==(const Settings&) const = default;
};

/// A local phone account (JSON "extensions[]").
struct Extension {
    std::string number;    ///< "number": digits, unique
    std::string password;  ///< "password"
    std::string name;      ///< "name": display name
    bool enabled = true;   ///< "enabled"
    bool qualify = false;  ///< "qualify": ping registered contacts with OPTIONS
    uint32_t ringTimeoutS = 30;  ///< "ring_timeout": unanswered calls end after this
    // Schema 7
    bool voicemail = false;        ///< "voicemail": unanswered or busy calls go to the mailbox
    std::string voicemailPin{};    ///< "voicemail_pin": digits asked for at *97; empty = none
    std::string voicemailGreeting{};///< "voicemail_greeting": 8 kHz mono WAV; empty = the standard prompt
    uint32_t voicemailMaxS = 120;  ///< "voicemail_max_length": longest message in seconds
    // Schema 9: call forwarding and do not disturb. A forward target is an
    // extension number, "*97" (this extension's voicemail), "*97" + number
    // (that extension's voicemail) or an outside number for the dial plan;
    // empty = off.
    std::string forwardAlways{};   ///< "forward_always": every call, before ringing
    std::string forwardBusy{};     ///< "forward_busy": every phone busy (or do not disturb)
    std::string forwardNoAnswer{}; ///< "forward_no_answer": unanswered after forward_no_answer_timeout
    uint32_t forwardNoAnswerS = 20;///< "forward_no_answer_timeout": seconds of ringing first
    bool dnd = false;              ///< "dnd": do not disturb: callers get busy or voicemail

    bool operator==(const Extension&) const = default;
};

/// An account at a carrier that Switchboard registers to (JSON "lines[]").
struct ExternalLine {
    std::string name;                       ///< "name", unique among lines and trunks
    std::string domain;                     ///< "domain": logical SIP domain
    std::string account;                    ///< "account": user part
    std::string authId;                     ///< "auth_id": empty = account
    std::string password;                   ///< "password"
    bool authIdIncludesAddress = false;     ///< "auth_id_includes_address"
    std::string proxy;                      ///< "proxy": outbound proxy host[:port], empty = domain
    Transport transport = Transport::Udp;   ///< "transport"
    bool registerEnabled = true;            ///< "register"
    uint32_t expiresS = 600;                ///< "expires": registration interval
    bool disable100rel = false;             ///< "disable_100rel"
    bool userPhone = true;                  ///< "user_phone"
    std::string incomingExtension;          ///< "incoming_extension"
    bool enabled = true;                    ///< "enabled"
    /// "caller_id": number presented (P-Preferred-Identity); empty = account
    std::string callerId;
    bool tlsVerify = true;                  ///< "tls_verify": check the carrier's certificate and host name
    /// "forward_header": how a forwarded call says who forwarded it:
    /// "diversion" (RFC 5806), "history-info" (RFC 7044) or "none" (schema 10)
    std::string forwardHeader = "diversion";

    bool operator==(const ExternalLine&) const = default;
};

/// A server-to-server trunk recognised by address (JSON "trunks[]").
struct SipTrunk {
    std::string name;                            ///< "name", unique among lines and trunks
    std::string host;                            ///< "host"
    uint16_t port = 5060;                        ///< "port"
    Transport transport = Transport::Udp;        ///< "transport"
    std::string proxy;                           ///< "proxy": host[:port] or empty
    std::string requestUriParams;                ///< "request_uri_params": name[=value](;name[=value])*
    bool disable100rel = false;                  ///< "disable_100rel"
    std::vector<std::string> allowedAddresses;   ///< "allowed_addresses"
    std::map<std::string, std::string> dids;     ///< "dids": DID number -> extension
    bool enabled = true;                         ///< "enabled"
    std::string authUser;                        ///< "auth_user": for challenged INVITEs; empty = none
    std::string authPassword;                    ///< "auth_password"
    std::string callerId;                        ///< "caller_id": fixed number presented; empty = the extension's
    std::string callerIdPrefix;                  ///< "caller_id_prefix": put before the extension's number
    std::string defaultExtension;                ///< "default_extension": rung when no DID matches
    bool tlsVerify = true;                       ///< "tls_verify": check the peer's certificate and host name
    std::string forwardHeader = "diversion";     ///< "forward_header": as ExternalLine::forwardHeader

    bool operator==(const SipTrunk&) const = default;
};

/// One outbound dial-plan rule; order in Configuration::routes is priority.
struct Route {
    std::string pattern;   ///< "pattern": X N Z [1-5] . wildcards
    int strip = 0;         ///< "strip": leading digits removed
    std::string prepend;   ///< "prepend"
    std::string target;    ///< "target": line or trunk name
    std::string failover;  ///< "failover": line or trunk name, may be empty
    std::vector<std::string> allowedExtensions;  ///< "allowed_extensions": empty = every extension

    bool operator==(const Route&) const = default;
};

/// An auto-attendant menu (JSON "ivr_menus[]", schema 9). Destinations are
/// text so that JSON, the store and the dialog share one spelling:
/// "extension:101", "voicemail:101" (that extension's mailbox), "menu:501"
/// (another menu), "hangup". services/ivr.h reads them; validation refuses
/// anything else with the reason.
struct IvrMenu {
    std::string number;       ///< "number": digits; dialled by extensions, or a DID's target
    std::string name;         ///< "name": shown in the Calls table and the Auto attendant tab
    std::string prompt;       ///< "prompt": 8 kHz mono WAV; empty = the shipped welcome
    std::map<std::string, std::string> options;  ///< "options": key ("0"-"9", "*", "#") -> destination
    uint32_t timeoutS = 10;   ///< "timeout": seconds without a key after the prompt
    std::string timeoutDestination = "hangup";   ///< "timeout_destination"
    uint32_t invalidRetries = 3;                 ///< "invalid_retries": replays after a wrong key
    std::string invalidDestination = "hangup";   ///< "invalid_destination": after that many
    /// "fallback_destination": an extension chosen here that does not answer
    /// and has no voicemail (or has no phone registered) leads here.
    std::string fallbackDestination = "hangup";
    /// "open_days": "mon".."sun"; empty = always open (no business hours).
    std::vector<std::string> openDays;
    std::string openFrom = "09:00";              ///< "open_from": HH:MM local time
    std::string openTo = "17:00";                ///< "open_to": HH:MM, after open_from
    std::string closedDestination = "hangup";    ///< "closed_destination": outside business hours

    bool operator==(const IvrMenu&) const = default;
};

/// A conference room set up in advance (JSON "conference_rooms[]", schema 11).
/// Rooms not listed still work without setup, with no PIN.
struct ConferenceRoom {
    std::string number;  ///< "number": the digits after *88, 1-8 of them, unique
    std::string pin;     ///< "pin": 4-12 digits keyed in (then #) to join; empty = none
    std::string name;    ///< "name": shown in the Calls table; may be empty

    bool operator==(const ConferenceRoom&) const = default;
};

/// How a ring group rings its members. Zero is not a value.
enum class RingStrategy : int {
    Simultaneous = 1,  ///< every member's phones at once, for the longest member timeout
    Sequential,        ///< one member after the other, each for its own timeout
};

/// One member of a ring group, in ringing order.
struct GroupMember {
    std::string extension;  ///< "extension": an extension's number
    uint32_t timeoutS = 20; ///< "timeout": seconds this member rings

    bool operator==(const GroupMember&) const = default;
};

/// A hunt / ring group (JSON "ring_groups[]", schema 12): a number that
/// rings several extensions. The final destination uses the auto
/// attendant's spelling ("extension:101", "voicemail:101", "menu:500",
/// "hangup") and is where a caller goes when no member answers.
struct RingGroup {
    std::string number;  ///< "number": digits; dialled by extensions, or a DID's target
    std::string name;    ///< "name": shown in the Calls table and the Groups tab
    RingStrategy strategy = RingStrategy::Simultaneous;  ///< "strategy"
    std::vector<GroupMember> members;                   ///< "members", in ringing order
    std::string finalDestination = "hangup";            ///< "final_destination"

    bool operator==(const RingGroup&) const = default;
};

/// The whole configuration (JSON document root).
struct Configuration {
    int version = 1;  ///< "version": format version of the JSON file
    Settings settings;
    std::vector<Extension> extensions;
    std::vector<ExternalLine> lines;
    std::vector<SipTrunk> trunks;
    std::vector<Route> routes;
    std::vector<IvrMenu> menus;  ///< "ivr_menus"
    std::vector<ConferenceRoom> conferenceRooms;  ///< "conference_rooms"
    std::vector<RingGroup> groups;  ///< "ring_groups"

    bool operator==(const Configuration&) const = default;
};

/// A registrar binding as stored, so phones stay bound across a restart.
struct BindingRecord {
    std::string extension;
    std::string contact;
    std::string source;     ///< "ip:port" the REGISTER came from
    std::string transport;  ///< "UDP", "TCP", "TLS"
    std::string userAgent;
    std::string callId;
    uint32_t cseq = 0;
    int64_t expiresAtMs = 0;  ///< Unix epoch milliseconds

    bool operator==(const BindingRecord&) const = default;
};

/// An address banned for failed authentications.
struct BanRecord {
    std::string address;
    std::string reason;
    int64_t sinceMs = 0;  ///< Unix epoch milliseconds
    int64_t untilMs = 0;

    bool operator==(const BanRecord&) const = default;
};

/// How a call ended, for call history. Zero is not a value.
enum class Disposition : int { Answered = 1, Busy, NoAnswer, Cancelled, Failed };

const char* dispositionName(Disposition d);  ///< "ANSWERED", "BUSY", ...

/// One call detail record, written when a call ends.
/// A message left in a mailbox (table voicemail_messages). The audio is
/// a WAV file; `file` is relative to the data folder's voicemail/ folder.
struct VoicemailMessage {
    int64_t id = 0;          ///< chosen by the engine, unique
    std::string mailbox;     ///< extension number
    std::string caller;      ///< who left it, as the CDR names callers
    int64_t receivedMs = 0;  ///< Unix epoch milliseconds
    uint64_t durationMs = 0;
    std::string file;        ///< e.g. "100/1733300000000-7.wav"
    bool heard = false;

    bool operator==(const VoicemailMessage&) const = default;
};

struct CdrRecord {
    int64_t id = 0;              ///< assigned by the store
    int64_t startMs = 0;         ///< Unix epoch milliseconds
    int64_t answerMs = 0;        ///< 0 when never answered
    int64_t endMs = 0;
    std::string caller;
    std::string callee;
    std::string route;           ///< extension, line or trunk name
    Disposition disposition = Disposition::Failed;
    int sipCode = 0;             ///< final SIP status code
    std::string reason;          ///< why it ended (e.g. "media timeout")
    std::string codec;
    std::string callId;
    /// What the explainer found on the wire (schema 8): why the call failed
    /// and which setting fixes it; empty when nothing is wrong or known.
    diagnostics::Findings findings{};
    /// The call's message flow (schema 8). Written with the row; the range
    /// query leaves it empty (a day of calls would carry megabytes):
    /// Store::cdrLadder() reads it for one call.
    diagnostics::Ladder ladder{};
    /// Forwards on the way (schema 10): "101>102 busy", hops joined by ", ";
    /// empty when the call was not forwarded.
    std::string forwards{};
    /// Transfers (schema 13): "102>103 blind", "102>103 attended", joined
    /// by ", "; empty when nobody transferred the call.
    std::string transfers{};

    int64_t durationS() const { return (endMs - startMs) / 1000; }
    int64_t billableS() const { return answerMs ? (endMs - answerMs) / 1000 : 0; }
    bool operator==(const CdrRecord&) const = default;
};

}  // namespace sb::store
