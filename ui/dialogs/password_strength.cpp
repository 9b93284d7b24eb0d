#include "dialogs/password_strength.h"

#include <QCoreApplication>
#include <QRandomGenerator>

namespace sb::ui {

namespace {

// Look-alikes (0/O, 1/l/I) are left out: people type these into phones.
constexpr char kLower[] = "abcdefghijkmnpqrstuvwxyz";
constexpr char kUpper[] = "ABCDEFGHJKLMNPQRSTUVWXYZ";
constexpr char kDigits[] = "23456789";
// No quotes, backslash, '@', ':', ';', '&', '%' or blanks: phones' web pages
// and provisioning files, and credentials written into URIs, break on them.
constexpr char kSymbols[] = "-_.+=!*#";

int characterClasses(const QString& password) {
    bool lower = false, upper = false, digit = false, other = false;
    for (const QChar c : password) {
        if (c.isLower())
            lower = true;
        else if (c.isUpper())
            upper = true;
        else if (c.isDigit())
            digit = true;
        else
            other = true;
    }
    return int(lower) + int(upper) + int(digit) + int(other);
}

}  // namespace

PasswordStrength passwordStrength(const QString& password) {
    const qsizetype length = password.size();
    const int classes = characterClasses(password);
    if ((length >= 12 && classes >= 3) || (length >= 20 && classes >= 2)) return PasswordStrength::Strong;
    if ((length >= 8 && classes >= 2) || length >= 16) return PasswordStrength::Fair;
    return PasswordStrength::Weak;
}

QString passwordStrengthName(PasswordStrength strength) {
    switch (strength) {
        case PasswordStrength::Weak:
            return QCoreApplication::translate("sb::ui::PasswordStrength", "weak");
        case PasswordStrength::Fair:
            return QCoreApplication::translate("sb::ui::PasswordStrength", "fair");
        case PasswordStrength::Strong:
            return QCoreApplication::translate("sb::ui::PasswordStrength", "strong");
    }
    return {};
}

QString generatePassword(int length) {
    static const QString alphabet =
        QLatin1String(kLower) + QLatin1String(kUpper) + QLatin1String(kDigits) + QLatin1String(kSymbols);
    if (length < 4) length = 4;  // room for one character of every class
    QRandomGenerator* random = QRandomGenerator::system();
    for (;;) {
        QString password;
        password.reserve(length);
        for (int i = 0; i < length; ++i)
            password +=
                alphabet.at(static_cast<qsizetype>(random->bounded(static_cast<quint32>(alphabet.size()))));
        // Rejection keeps every character uniform; a retry is rare at length 20.
        if (characterClasses(password) == 4) return password;
    }
}

}  // namespace sb::ui
