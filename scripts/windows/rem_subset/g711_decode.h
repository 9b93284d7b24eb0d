#pragma once

// ITU-T G.711 decoders for librem's tables g711_u2l and g711_A2l, written
// from the Recommendation's decision values: each code stands for the middle
// of its quantisation interval, scaled from 14-bit (μ-law) or 13-bit (A-law)
// to 16-bit PCM.

#include <cstdint>

namespace sb::rem_subset {

/// 16-bit PCM value of μ-law byte @p code.
constexpr int16_t ulawDecode(uint8_t code) {
    const int u = ~code & 0xff;  // transmitted inverted
    const int segment = (u >> 4) & 0x07;
    const int mantissa = u & 0x0f;
    // Interval middle in the biased domain: ((2m + 33) << segment), 16-bit scale.
    const int biased = ((mantissa << 3) + 0x84) << segment;
    int magnitude = biased - 0x84;
    // G.711 puts the smallest interval's output at 0; librem's table says 2
    // there. Follow librem, so that a Windows and a Linux server decode
    // every byte alike (tests/unit/rem_subset_test.cpp holds them equal).
    if (magnitude == 0) magnitude = 2;
    return static_cast<int16_t>((u & 0x80) ? -magnitude : magnitude);
}

/// 16-bit PCM value of A-law byte @p code.
constexpr int16_t alawDecode(uint8_t code) {
    const int a = code ^ 0x55;  // even bits transmitted inverted
    const int segment = (a >> 4) & 0x07;
    const int mantissa = a & 0x0f;
    // Segment 0 is linear without the leading one; the rest have it (0x100).
    int magnitude = (mantissa << 4) + 8;
    if (segment > 0) magnitude = (magnitude + 0x100) << (segment - 1);
    // Bit 7 set is the positive half in A-law.
    return static_cast<int16_t>((a & 0x80) ? magnitude : -magnitude);
}

}  // namespace sb::rem_subset
