// The Windows cross build replaces the three librem symbols core links
// (g711_l2u, g711_l2A, autone_sine) with scripts/windows/rem_subset/, because
// the Debian mirror has no librem source to cross-build. Here, on Linux, the
// replacement is compared with Debian's real librem.

#include <gtest/gtest.h>

#include <re.h>
#include <rem.h>

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <vector>

#include "../../scripts/windows/rem_subset/g711_encode.h"
#include "common/re_ptr.h"

extern "C" int sb_subset_autone_sine(struct mbuf* mb, uint32_t srate, uint32_t f1, int l1, uint32_t f2, int l2);

namespace sb {
namespace {

TEST(RemSubset, G711TablesEqualLibrem) {
    for (int i = 0; i < 4096; ++i) ASSERT_EQ(rem_subset::ulawEntry(i), g711_l2u[i]) << "g711_l2u[" << i << "]";
    for (int i = 0; i < 2048; ++i) ASSERT_EQ(rem_subset::alawEntry(i), g711_l2A[i]) << "g711_l2A[" << i << "]";
}

std::vector<int16_t> tone(int (*fn)(struct mbuf*, uint32_t, uint32_t, int, uint32_t, int), uint32_t f1, int l1,
                          uint32_t f2, int l2) {
    RePtr<struct mbuf> mb(mbuf_alloc(16000));
    EXPECT_EQ(0, fn(mb.get(), 8000, f1, l1, f2, l2));
    std::vector<int16_t> out(mb->end / sizeof(int16_t));
    std::memcpy(out.data(), mb->buf, out.size() * sizeof(int16_t));
    return out;
}

// The ring-back presets of core/media/tone.cpp, plus a full-scale pair that
// has to saturate. librem rounds differently; one LSB is far below hearing.
TEST(RemSubset, AutoneSineMatchesLibremWithinOneLsb) {
    struct Case {
        uint32_t f1;
        int l1;
        uint32_t f2;
        int l2;
    };
    for (const Case c : {Case{425, 16, 0, 0}, Case{440, 8, 480, 8}, Case{450, 16, 0, 0}, Case{400, 8, 450, 8},
                         Case{1000, 100, 1000, 100}}) {
        const auto ours = tone(&sb_subset_autone_sine, c.f1, c.l1, c.f2, c.l2);
        const auto theirs = tone(&autone_sine, c.f1, c.l1, c.f2, c.l2);
        ASSERT_EQ(theirs.size(), 8000u);
        ASSERT_EQ(ours.size(), theirs.size());
        int worst = 0;
        for (size_t i = 0; i < ours.size(); ++i) worst = std::max(worst, std::abs(ours[i] - theirs[i]));
        EXPECT_LE(worst, 1) << c.f1 << " Hz + " << c.f2 << " Hz";
    }
}

TEST(RemSubset, AutoneSineRefusesAZeroRate) {
    RePtr<struct mbuf> mb(mbuf_alloc(16));
    EXPECT_EQ(EINVAL, sb_subset_autone_sine(mb.get(), 0, 425, 16, 0, 0));
}

}  // namespace
}  // namespace sb
