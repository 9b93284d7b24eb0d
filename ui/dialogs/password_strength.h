#pragma once

#include <QString>

namespace sb::ui {

/// A rough guess at how hard a SIP password is to brute-force. Zero is not
/// a value.
enum class PasswordStrength : int { Weak = 1, Fair, Strong };

/// Judge @p password by length and character classes (lower case, upper
/// case, digits, anything else):
/// - strong: 12+ characters of 3+ classes, or 20+ characters of 2+ classes
/// - fair: 8+ characters of 2+ classes, or 16+ characters
/// - weak: everything shorter or plainer (also the empty password)
PasswordStrength passwordStrength(const QString& password);

/// tr()-translated "weak", "fair", "strong".
QString passwordStrengthName(PasswordStrength strength);

/// Length of generatePassword()'s passwords.
inline constexpr int kGeneratedPasswordLength = 20;

/// A random password from QRandomGenerator::system() (the OS's CSPRNG) with
/// at least one lower-case letter, upper-case letter, digit and symbol, so
/// passwordStrength() rates it Strong. About 6 bits per character.
QString generatePassword(int length = kGeneratedPasswordLength);

}  // namespace sb::ui
