#include "config/defaults.h"

#include <random>
#include <string_view>

#include <openssl/rand.h>
#include <re.h>

#include "config/validation.h"

namespace sb::config {

namespace {

// 56 symbols: digits 2-9 and ASCII letters without o, O, l and I, which are
// read as 0 and 1. Twelve of them give about 69 bits.
constexpr std::string_view kAlphabet = "23456789abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ";

// Largest multiple of the alphabet size that fits in a byte: bytes at or
// above it are discarded so every symbol is equally likely (no modulo bias).
constexpr unsigned kByteLimit = 256 - 256 % kAlphabet.size();

void randomBytes(unsigned char* out, size_t count) {
    if (RAND_bytes(out, static_cast<int>(count)) == 1) return;
    // OpenSSL's generator failing to seed is practically unheard of; the OS
    // generator behind random_device is still a sound source.
    std::random_device fallback;
    for (size_t i = 0; i < count; ++i) out[i] = static_cast<unsigned char>(fallback() & 0xFFu);
}

}  // namespace

std::string primaryAddress() {
    struct sa address;
    sa_init(&address, AF_INET);
    char text[64] = {};
    if (net_default_source_addr_get(AF_INET, &address) != 0 || !sa_isset(&address, SA_ADDR) ||
        sa_ntop(&address, text, static_cast<int>(sizeof text)) != 0 || checkDomain(text))
        return "127.0.0.1";
    return text;
}

std::string generatePassword(size_t length) {
    std::string password;
    password.reserve(length);
    unsigned char buffer[64];
    while (password.size() < length) {
        randomBytes(buffer, sizeof buffer);
        for (unsigned char b : buffer)
            if (b < kByteLimit && password.size() < length) password += kAlphabet[b % kAlphabet.size()];
    }
    return password;
}

store::Configuration defaultConfiguration() {
    store::Configuration config;
    config.settings.domain = primaryAddress();
    config.settings.outgroupPrefix = "9";
    for (const auto& [number, name] : {std::pair{"100", "Reception"}, std::pair{"101", "Extension 101"},
                                       std::pair{"102", "Extension 102"}}) {
        store::Extension& e = config.extensions.emplace_back();
        e.number = number;
        e.password = generatePassword();
        e.name = name;
        e.voicemail = true;  // an office expects unanswered calls to leave a message
    }
    return config;
}

}  // namespace sb::config
