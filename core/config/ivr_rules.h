#pragma once

// The rules of an auto-attendant menu that do not depend on a call: how a
// destination is spelt, and whether business hours are open at a given
// local time. Shared by validation, the IVR service and the GUI.

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "config/validation.h"
#include "store/records.h"

namespace sb::config {

/// Where a menu choice, its timeout or its closed hours lead.
struct IvrDestination {
    enum class Kind : int {
        Extension = 1,  ///< ring the extension's phones ("extension:101")
        Voicemail,      ///< leave a message in the extension's mailbox ("voicemail:101")
        Menu,           ///< another menu, by number ("menu:501")
        Hangup,         ///< say goodbye and hang up ("hangup")
        Group,          ///< ring a ring group's members ("group:600")
    };
    Kind kind = Kind::Hangup;
    std::string target;  ///< extension or menu number; empty for Hangup

    bool operator==(const IvrDestination&) const = default;
};

/// Read "extension:101", "voicemail:101", "menu:501", "group:600" or "hangup".
/// @return nullopt when @p text is none of those forms (numbers are not
///         checked against the configuration here).
std::optional<IvrDestination> parseIvrDestination(std::string_view text);
/// The text form parseIvrDestination() reads.
std::string formatIvrDestination(const IvrDestination& destination);
/// Syntax of a destination, with a reason that names the accepted forms.
Check checkIvrDestination(std::string_view text);
/// A menu key: exactly one of 0-9, * or #.
Check checkIvrKey(std::string_view key);

/// "HH:MM", 00:00 to 23:59, as minutes after midnight.
std::optional<int> parseClockTime(std::string_view text);
/// "mon" -> 0 ... "sun" -> 6.
std::optional<int> parseWeekday(std::string_view name);
/// The day names parseWeekday() accepts, Monday first.
const std::array<const char*, 7>& weekdayNames();

/// A moment in the PBX's local time, as business hours see it.
struct LocalTime {
    int weekday = 0;      ///< 0 = Monday ... 6 = Sunday
    int minuteOfDay = 0;  ///< 0 ... 1439
};
/// @p unixSeconds in the machine's local time zone.
LocalTime localTimeAt(int64_t unixSeconds);

/// Whether @p menu is open at @p now: always when it has no open days;
/// otherwise on those days from open_from (inclusive) to open_to (exclusive).
/// An unreadable time (refused by validation) counts as closed.
bool isOpen(const store::IvrMenu& menu, LocalTime now);

}  // namespace sb::config
