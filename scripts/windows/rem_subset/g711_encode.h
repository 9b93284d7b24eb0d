#pragma once

// ITU-T G.711 encoders for the entries of librem's lookup tables (g711_l2u,
// g711_l2A), written from the Recommendation's segment rules. librem's
// g711_pcm2ulaw() indexes g711_l2u with (|x| - 4) >> 3 and g711_pcm2alaw()
// indexes g711_l2A with |x| >> 4; the entries are for positive samples (the
// inline encoders clear bit 7 for negative ones).

#include <cstdint>

namespace sb::rem_subset {

/// μ-law byte for the positive 16-bit samples that map to table entry @p index.
constexpr uint8_t ulawEntry(int index) {
    constexpr int kBias = 0x84;    // G.711 μ-law bias, in 16-bit units (33 in 14-bit)
    constexpr int kClip = 32635;
    int x = (index << 3) + 4;      // the smallest |sample| of this entry
    if (x > kClip) x = kClip;
    x += kBias;
    int segment = 7;
    for (int s = 0; s < 8; ++s) {
        if (x < (0x100 << s)) {
            segment = s;
            break;
        }
    }
    const int mantissa = (x >> (segment + 3)) & 0x0f;
    return static_cast<uint8_t>(~((segment << 4) | mantissa) & 0xff);
}

/// A-law byte for the positive 16-bit samples that map to table entry @p index.
constexpr uint8_t alawEntry(int index) {
    const int x = index << 1;  // 12-bit magnitude (|sample| >> 4, then 13-bit scale)
    int segment = 0;
    int mantissa = 0;
    if (x < 32) {
        mantissa = (x >> 1) & 0x0f;
    } else {
        segment = 1;
        while (segment < 7 && x >= (32 << segment)) ++segment;
        mantissa = (x >> segment) & 0x0f;
    }
    return static_cast<uint8_t>((((segment << 4) | mantissa) ^ 0x55) | 0x80);
}

}  // namespace sb::rem_subset
