// autone_sine() of librem 0.6.0's API (rem_autone.h) for the Windows cross
// build, written for Switchboard: the mirror this project builds from has
// no librem source (see docs/windows.md). Same contract: one second
// (srate samples) of 16-bit native-endian PCM, the sum of two sines at
// l1 and l2 percent of full scale; f2 = 0 or l2 = 0 leaves the second out.
// tests/unit/rem_subset_test.cpp compares it with Debian's librem.
#include <re.h>

#include <cerrno>
#include <cmath>
#include <cstdint>
#include <numbers>

#ifndef SB_AUTONE_SINE_NAME
#define SB_AUTONE_SINE_NAME autone_sine
#endif

extern "C" int SB_AUTONE_SINE_NAME(struct mbuf* mb, uint32_t srate, uint32_t f1, int l1, uint32_t f2, int l2);

extern "C" int SB_AUTONE_SINE_NAME(struct mbuf* mb, uint32_t srate, uint32_t f1, int l1, uint32_t f2, int l2) {
    if (!mb || srate == 0) return EINVAL;
    constexpr double kFullScale = 32767.0;
    const double a1 = kFullScale * l1 / 100.0;
    const double a2 = f2 != 0 ? kFullScale * l2 / 100.0 : 0.0;
    const double w1 = 2.0 * std::numbers::pi * f1 / srate;
    const double w2 = 2.0 * std::numbers::pi * f2 / srate;
    int err = 0;
    for (uint32_t i = 0; i < srate && !err; ++i) {
        // Each sine truncated on its own, then the sum saturated.
        const int v = static_cast<int>(a1 * std::sin(w1 * i)) + static_cast<int>(a2 * std::sin(w2 * i));
        const int16_t sample = static_cast<int16_t>(v < -32768 ? -32768 : (v > 32767 ? 32767 : v));
        err = mbuf_write_u16(mb, static_cast<uint16_t>(sample));
    }
    return err;
}
