// The Windows cross build links its own librem 0.6.0 API subset,
// scripts/windows/rem_subset/ (G.711 tables, autone_sine, aubuf, aufile,
// aufmt_name, aumix, dtmf_dec), because the Debian mirror has no librem
// source to cross-build. Here, on Linux, each stand-in is compiled under
// sb_subset_* names (tests/CMakeLists.txt, SB_REM_SUBSET_RENAME) and held
// against Debian's real librem on the same input: equal tables, WAV files
// each side reads from the other, equal aubuf behaviour, the same DTMF keys,
// and mix-minus from both mixers. Waits on the mixers' threads are bounded,
// never timed assertions.

#include <gtest/gtest.h>

#include <re.h>
#include <rem.h>

#include <unistd.h>
#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "../../scripts/windows/rem_subset/g711_decode.h"
#include "../../scripts/windows/rem_subset/g711_encode.h"
#include "common/re_ptr.h"

extern "C" {
int sb_subset_autone_sine(struct mbuf* mb, uint32_t srate, uint32_t f1, int l1, uint32_t f2, int l2);
int sb_subset_aubuf_alloc(struct aubuf** abp, size_t min_sz, size_t max_sz);
int sb_subset_aubuf_write(struct aubuf* ab, const uint8_t* p, size_t sz);
void sb_subset_aubuf_read(struct aubuf* ab, uint8_t* p, size_t sz);
size_t sb_subset_aubuf_cur_size(const struct aubuf* ab);
int sb_subset_aufile_open(struct aufile** afp, struct aufile_prm* prm, const char* filename,
                          enum aufile_mode mode);
int sb_subset_aufile_read(struct aufile* af, uint8_t* p, size_t* sz);
int sb_subset_aufile_write(struct aufile* af, const uint8_t* p, size_t sz);
const char* sb_subset_aufmt_name(enum aufmt fmt);
}

namespace sb {
namespace {

TEST(RemSubset, G711TablesEqualLibrem) {
    for (int i = 0; i < 4096; ++i)
        ASSERT_EQ(rem_subset::ulawEntry(i), g711_l2u[i]) << "g711_l2u[" << i << "]";
    for (int i = 0; i < 2048; ++i)
        ASSERT_EQ(rem_subset::alawEntry(i), g711_l2A[i]) << "g711_l2A[" << i << "]";
}

TEST(RemSubset, G711DecodeTablesEqualLibrem) {
    for (int i = 0; i < 256; ++i) {
        const auto code = static_cast<uint8_t>(i);
        ASSERT_EQ(rem_subset::ulawDecode(code), g711_u2l[i]) << "g711_u2l[" << i << "]";
        ASSERT_EQ(rem_subset::alawDecode(code), g711_A2l[i]) << "g711_A2l[" << i << "]";
    }
}

std::vector<int16_t> tone(int (*fn)(struct mbuf*, uint32_t, uint32_t, int, uint32_t, int), uint32_t f1,
                          int l1, uint32_t f2, int l2) {
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

// ---------------------------------------------------------------- aufile

struct AufileApi {
    int (*open)(struct aufile**, struct aufile_prm*, const char*, enum aufile_mode);
    int (*read)(struct aufile*, uint8_t*, size_t*);
    int (*write)(struct aufile*, const uint8_t*, size_t);
};
constexpr AufileApi kOurs{&sb_subset_aufile_open, &sb_subset_aufile_read, &sb_subset_aufile_write};
constexpr AufileApi kTheirs{&aufile_open, &aufile_read, &aufile_write};

class RemSubsetWav : public ::testing::Test {
protected:
    void SetUp() override {
        m_dir = std::filesystem::temp_directory_path() /
                ("sb_rem_subset_" + std::to_string(::getpid()) + "_" +
                 ::testing::UnitTest::GetInstance()->current_test_info()->name());
        std::filesystem::create_directories(m_dir);
    }
    void TearDown() override { std::filesystem::remove_all(m_dir); }

    std::string path(const std::string& name) const { return (m_dir / name).string(); }

    static std::vector<uint8_t> audio(size_t n) {
        std::vector<uint8_t> v(n);
        for (size_t i = 0; i < n; ++i) v[i] = static_cast<uint8_t>((i * 37 + i / 256) & 0xff);
        return v;
    }

    // Two writes, so the length in the header has to be the total.
    static void write(const AufileApi& api, const std::string& file, struct aufile_prm prm,
                      const std::vector<uint8_t>& data) {
        struct aufile* raw = nullptr;
        ASSERT_EQ(0, api.open(&raw, &prm, file.c_str(), AUFILE_WRITE));
        RePtr<struct aufile> af(raw);
        const size_t half = data.size() / 2;
        ASSERT_EQ(0, api.write(af.get(), data.data(), half));
        ASSERT_EQ(0, api.write(af.get(), data.data() + half, data.size() - half));
    }

    static std::vector<uint8_t> read(const AufileApi& api, const std::string& file, struct aufile_prm& prm) {
        struct aufile* raw = nullptr;
        EXPECT_EQ(0, api.open(&raw, &prm, file.c_str(), AUFILE_READ));
        RePtr<struct aufile> af(raw);
        std::vector<uint8_t> out;
        if (!af) return out;
        uint8_t chunk[333];  // not a multiple of the frame: reads need not align
        for (;;) {
            size_t n = sizeof chunk;
            EXPECT_EQ(0, api.read(af.get(), chunk, &n));
            if (n == 0) break;
            out.insert(out.end(), chunk, chunk + n);
        }
        return out;
    }

    static std::vector<uint8_t> bytes(const std::string& file) {
        std::ifstream in(file, std::ios::binary);
        return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    }

    std::filesystem::path m_dir;
};

uint32_t le(const std::vector<uint8_t>& b, size_t at, int n) {
    uint32_t v = 0;
    for (int i = n - 1; i >= 0; --i) v = (v << 8) | b[at + static_cast<size_t>(i)];
    return v;
}

TEST_F(RemSubsetWav, EachReadsTheOthersFilesAndTheHeadersAreIdentical) {
    struct Case {
        enum aufmt fmt;
        uint16_t tag;
        uint16_t bits;
    };
    for (const Case c : {Case{AUFMT_S16LE, 1, 16}, Case{AUFMT_PCMA, 6, 8}, Case{AUFMT_PCMU, 7, 8}}) {
        SCOPED_TRACE(aufmt_name(c.fmt));
        const auto data = audio(c.bits == 16 ? 16002 : 8001);
        const struct aufile_prm prm { 8000, 1, c.fmt };
        write(kOurs, path("ours.wav"), prm, data);
        write(kTheirs, path("theirs.wav"), prm, data);

        const auto file = bytes(path("ours.wav"));
        ASSERT_EQ(file.size(), 44 + data.size());
        EXPECT_EQ(0, std::memcmp(file.data(), "RIFF", 4));
        EXPECT_EQ(le(file, 4, 4), file.size() - 8);
        EXPECT_EQ(0, std::memcmp(file.data() + 8, "WAVEfmt ", 8));
        EXPECT_EQ(le(file, 16, 4), 16u);
        EXPECT_EQ(le(file, 20, 2), c.tag);
        EXPECT_EQ(le(file, 22, 2), 1u);
        EXPECT_EQ(le(file, 24, 4), 8000u);
        EXPECT_EQ(le(file, 28, 4), 8000u * c.bits / 8);  // byte rate
        EXPECT_EQ(le(file, 32, 2), c.bits / 8u);         // block align
        EXPECT_EQ(le(file, 34, 2), c.bits);
        EXPECT_EQ(0, std::memcmp(file.data() + 36, "data", 4));
        EXPECT_EQ(le(file, 40, 4), data.size());
        EXPECT_EQ(file, bytes(path("theirs.wav")));

        struct aufile_prm got {};
        EXPECT_EQ(read(kTheirs, path("ours.wav"), got), data);
        EXPECT_EQ(got.srate, 8000u);
        EXPECT_EQ(got.channels, 1);
        EXPECT_EQ(got.fmt, c.fmt);
        got = {};
        EXPECT_EQ(read(kOurs, path("theirs.wav"), got), data);
        EXPECT_EQ(got.srate, 8000u);
        EXPECT_EQ(got.channels, 1);
        EXPECT_EQ(got.fmt, c.fmt);
    }
}

// Editors put chunks before "data" (LIST with the title); both skip them.
TEST_F(RemSubsetWav, BothSkipChunksBeforeTheData) {
    const auto data = audio(1000);
    // A string: GCC 12 warns wrongly about vector<uint8_t>::insert here.
    std::string f;
    auto put = [&f](uint32_t v, int n) {
        for (int i = 0; i < n; ++i) f.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
    };
    auto tag = [&f](const char* s) { f.append(s, 4); };
    tag("RIFF");
    put(4 + 24 + 8 + 6 + 8 + static_cast<uint32_t>(data.size()), 4);
    tag("WAVE");
    tag("fmt ");
    put(16, 4);
    put(1, 2);
    put(1, 2);
    put(8000, 4);
    put(16000, 4);
    put(2, 2);
    put(16, 2);
    tag("LIST");
    put(6, 4);
    f.append("INFO\0\0", 6);
    tag("data");
    put(static_cast<uint32_t>(data.size()), 4);
    for (const uint8_t b : data) f.push_back(static_cast<char>(b));
    std::ofstream(path("list.wav"), std::ios::binary) << f;
    struct aufile_prm ours {
    }, theirs{};
    EXPECT_EQ(read(kOurs, path("list.wav"), ours), data);
    EXPECT_EQ(read(kTheirs, path("list.wav"), theirs), data);
    EXPECT_EQ(ours.fmt, AUFMT_S16LE);
    EXPECT_EQ(ours.srate, theirs.srate);
}

TEST_F(RemSubsetWav, BothRefuseWhatIsNoWav) {
    std::ofstream(path("text.wav")) << "this is not a RIFF file at all, but long enough";
    for (const AufileApi* api : {&kOurs, &kTheirs}) {
        struct aufile* af = nullptr;
        struct aufile_prm prm {};
        EXPECT_NE(0, api->open(&af, &prm, path("missing.wav").c_str(), AUFILE_READ));
        EXPECT_NE(0, api->open(&af, &prm, path("text.wav").c_str(), AUFILE_READ));
        EXPECT_EQ(af, nullptr);
    }
}

TEST(RemSubset, AufmtNamesEqualLibrem) {
    for (const enum aufmt fmt : {AUFMT_S16LE, AUFMT_PCMA, AUFMT_PCMU, AUFMT_FLOAT, AUFMT_S24_3LE})
        EXPECT_STREQ(sb_subset_aufmt_name(fmt), aufmt_name(fmt));
}

// ---------------------------------------------------------------- aubuf

struct AubufPair {
    RePtr<struct aubuf> ours, theirs;
    AubufPair(size_t minSize, size_t maxSize) {
        struct aubuf* a = nullptr;
        struct aubuf* b = nullptr;
        EXPECT_EQ(0, sb_subset_aubuf_alloc(&a, minSize, maxSize));
        EXPECT_EQ(0, aubuf_alloc(&b, minSize, maxSize));
        ours.reset(a);
        theirs.reset(b);
    }
    void write(size_t n, uint8_t& counter) {
        std::vector<uint8_t> v(n);
        for (auto& x : v) x = ++counter ? counter : ++counter;  // never 0: silence stays visible
        ASSERT_EQ(0, sb_subset_aubuf_write(ours.get(), v.data(), n));
        ASSERT_EQ(0, aubuf_write(theirs.get(), v.data(), n));
        ASSERT_EQ(sb_subset_aubuf_cur_size(ours.get()), aubuf_cur_size(theirs.get()));
    }
    std::vector<uint8_t> read(size_t n) {
        std::vector<uint8_t> a(n, 0xee), b(n, 0xee);
        sb_subset_aubuf_read(ours.get(), a.data(), n);
        aubuf_read(theirs.get(), b.data(), n);
        EXPECT_EQ(a, b) << "read of " << n;
        EXPECT_EQ(sb_subset_aubuf_cur_size(ours.get()), aubuf_cur_size(theirs.get()));
        return a;
    }
};

bool silent(const std::vector<uint8_t>& v) {
    return std::all_of(v.begin(), v.end(), [](uint8_t x) { return x == 0; });
}

TEST(RemSubset, AubufFillsUnderrunsAndOverflowsLikeLibrem) {
    AubufPair ab(640, 1600);
    uint8_t counter = 0;
    EXPECT_TRUE(silent(ab.read(320)));  // empty: silence
    ab.write(320, counter);
    EXPECT_TRUE(silent(ab.read(320)));  // still below min: silence, nothing taken
    ab.write(320, counter);
    EXPECT_FALSE(silent(ab.read(320)));  // min reached: audio
    EXPECT_FALSE(silent(ab.read(320)));
    ab.write(100, counter);
    EXPECT_TRUE(silent(ab.read(320)));  // underrun: silence, the 100 bytes kept
    EXPECT_EQ(sb_subset_aubuf_cur_size(ab.ours.get()), 100u);
    ab.write(320, counter);
    EXPECT_TRUE(silent(ab.read(320)));  // filling again up to min
    ab.write(320, counter);
    EXPECT_FALSE(silent(ab.read(320)));
    for (int i = 0; i < 9; ++i) ab.write(320, counter);  // past max: the oldest go
    EXPECT_LE(sb_subset_aubuf_cur_size(ab.ours.get()), 1600u);
    for (int i = 0; i < 6; ++i) ab.read(320);
}

TEST(RemSubset, AubufRandomSequencesMatchLibrem) {
    uint32_t seed = 12345;
    auto next = [&seed](uint32_t n) {
        seed = seed * 1103515245u + 12345u;
        return (seed >> 16) % n;
    };
    for (int round = 0; round < 20; ++round) {
        AubufPair ab(160 * (1 + next(6)), round % 4 ? 320 * (4 + next(8)) : 0);
        uint8_t counter = 0;
        for (int op = 0; op < 400; ++op) {
            // Writes of one size (frames), reads of any: what the mixer does.
            if (next(2))
                ab.write(320, counter);
            else
                ab.read(2 * (1 + next(400)));
            ASSERT_FALSE(::testing::Test::HasFailure()) << "round " << round << " op " << op;
        }
    }
}

TEST(RemSubset, AubufRefusesAZeroMinimum) {
    struct aubuf* ab = nullptr;
    EXPECT_EQ(EINVAL, sb_subset_aubuf_alloc(&ab, 0, 100));
}

}  // namespace
}  // namespace sb
