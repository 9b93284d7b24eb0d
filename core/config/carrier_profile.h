#pragma once

// Carrier profiles: versioned JSON presets of the line and trunk settings a
// carrier needs (100rel, user=phone or a Request-URI parameter, the
// authorization name's form, proxy, transport, registration interval),
// applied with one click in the line and trunk dialogs, exported and
// imported as files. Only settings that exist are in a profile; the format
// is documented in docs/carrier-profiles.md.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "common/result.h"
#include "store/records.h"

namespace sb::config {

/// The profile format version this build reads and writes.
inline constexpr int kCarrierProfileVersion = 1;

/// One preset. A setting left empty (nullopt) is not touched when applied.
struct CarrierProfile {
    std::string name;         ///< "name": shown in the dialogs' list, 1–64 characters
    std::string description;  ///< "description": one sentence on whom it is for
    std::string notes;        ///< "notes": what the person must still fill in (e.g. the proxy address)
    bool forLines = true;     ///< "applies_to" holds "line"
    bool forTrunks = true;    ///< "applies_to" holds "trunk"
    // "settings"
    std::optional<bool> disable100rel;            ///< "disable_100rel"
    std::optional<bool> userPhone;                ///< "user_phone" (lines)
    std::optional<bool> authIdIncludesAddress;    ///< "auth_id_includes_address" (lines)
    std::optional<uint32_t> expiresS;             ///< "expires" (lines)
    std::optional<std::string> requestUriParams;  ///< "request_uri_params" (trunks)
    std::optional<std::string> proxy;             ///< "proxy"; "" = none
    std::optional<store::Transport> transport;    ///< "transport"
    std::optional<bool> tlsVerify;                ///< "tls_verify"

    bool operator==(const CarrierProfile&) const = default;
};

/// Parse and check a profile document. Errors are one line per problem,
/// "path: reason" ("settings.proxy: expected host[:port]"), syntax errors
/// "line L, column C: ...".
Result<CarrierProfile> parseCarrierProfile(std::string_view text);

/// The profile as pretty JSON (keys in the documented order, trailing newline).
std::string carrierProfileToJson(const CarrierProfile& profile);

/// Read and parse a profile file; messages start with the file name.
Result<CarrierProfile> readCarrierProfileFile(const std::filesystem::path& path);
/// Write atomically (never half a file).
Result<void> writeCarrierProfileFile(const std::filesystem::path& path, const CarrierProfile& profile);

/// Put the profile's settings into @p line (those a line has).
void applyCarrierProfile(const CarrierProfile& profile, store::ExternalLine& line);
/// Put the profile's settings into @p trunk (those a trunk has).
void applyCarrierProfile(const CarrierProfile& profile, store::SipTrunk& trunk);

/// A profile of every setting @p line has that a profile can carry, for
/// export; applying it to another line makes those settings equal.
CarrierProfile carrierProfileOf(const store::ExternalLine& line, std::string name);
CarrierProfile carrierProfileOf(const store::SipTrunk& trunk, std::string name);

}  // namespace sb::config
