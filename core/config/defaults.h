#pragma once

// The configuration a fresh installation starts with: enough to register
// three phones against this machine and call between them, nothing more.

#include <cstddef>
#include <string>

#include "store/records.h"

namespace sb::config {

/// Length of generated extension passwords.
inline constexpr size_t kGeneratedPasswordLength = 12;

/// The address phones on the LAN will most likely reach this machine at: the
/// source address of the default IPv4 route, or "127.0.0.1" without one.
std::string primaryAddress();

/// A random password from an alphabet without look-alikes (no 0/O, 1/l/I),
/// because people read these off a screen and type them into phones.
/// @param length  number of characters
std::string generatePassword(size_t length = kGeneratedPasswordLength);

/// Defaults from records.h, plus settings.domain = primaryAddress(),
/// outgroup prefix "9", and extensions 100 "Reception", 101 and 102 with
/// generated passwords. The result passes validate().
store::Configuration defaultConfiguration();

}  // namespace sb::config
