// aufile and aufmt_name of librem 0.6.0's API (rem_aufile.h, rem_au.h) for
// the Windows cross build: WAV files of 16-bit PCM, A-law or μ-law, which
// core reads for prompts and music on hold and writes for voicemail.
//
// Written from the RIFF/WAVE layout: "RIFF" <size> "WAVE", then chunks of
// <id> <size> <data, padded to even>; "fmt " (format tag, channels, rate,
// byte rate, block align, bits per sample) must come before "data". A file
// being written gets its sizes when it is closed (mem_deref), as in librem.
// tests/unit/rem_subset_test.cpp checks that Debian's librem reads our
// files and we read its files.
#include "rem_subset.h"

#include <cerrno>
#include <cstdio>
#include <cstring>

namespace {

enum WavFormatTag : uint16_t { kPcm = 1, kAlaw = 6, kUlaw = 7 };
constexpr uint32_t kFmtSize = 16;

struct Format {
    uint16_t tag;
    uint16_t bits;
};

bool toWav(enum aufmt fmt, Format& out) {
    switch (fmt) {
        case AUFMT_S16LE:
            out = {kPcm, 16};
            return true;
        case AUFMT_PCMA:
            out = {kAlaw, 8};
            return true;
        case AUFMT_PCMU:
            out = {kUlaw, 8};
            return true;
        default:
            return false;
    }
}

bool fromWav(uint16_t tag, uint16_t bits, enum aufmt& out) {
    if (tag == kPcm && bits == 16)
        out = AUFMT_S16LE;
    else if (tag == kAlaw && bits == 8)
        out = AUFMT_PCMA;
    else if (tag == kUlaw && bits == 8)
        out = AUFMT_PCMU;
    else
        return false;
    return true;
}

void putLe(uint8_t* p, uint32_t v, int bytes) {
    for (int i = 0; i < bytes; ++i) p[i] = static_cast<uint8_t>(v >> (8 * i));
}

uint32_t getLe(const uint8_t* p, int bytes) {
    uint32_t v = 0;
    for (int i = bytes - 1; i >= 0; --i) v = (v << 8) | p[i];
    return v;
}

int ioError(FILE* f) {
    return ferror(f) && errno ? errno : EIO;
}

int writeHeader(FILE* f, const struct aufile_prm& prm, uint32_t dataBytes) {
    Format wav{};
    if (!toWav(prm.fmt, wav)) return ENOTSUP;
    const uint32_t blockAlign = prm.channels * wav.bits / 8u;
    uint8_t h[44];
    std::memcpy(h, "RIFF", 4);
    putLe(h + 4, 4 + (8 + kFmtSize) + 8 + dataBytes, 4);
    std::memcpy(h + 8, "WAVEfmt ", 8);
    putLe(h + 16, kFmtSize, 4);
    putLe(h + 20, wav.tag, 2);
    putLe(h + 22, prm.channels, 2);
    putLe(h + 24, prm.srate, 4);
    putLe(h + 28, prm.srate * blockAlign, 4);
    putLe(h + 32, blockAlign, 2);
    putLe(h + 34, wav.bits, 2);
    std::memcpy(h + 36, "data", 4);
    putLe(h + 40, dataBytes, 4);
    return std::fwrite(h, sizeof h, 1, f) == 1 ? 0 : ioError(f);
}

}  // namespace

struct aufile {
    FILE* file = nullptr;
    enum aufile_mode mode = AUFILE_READ;
    struct aufile_prm prm {};
    size_t dataLeft = 0;  // reading
    size_t written = 0;   // writing

    ~aufile() {
        if (!file) return;
        // The header written at open() said 0 bytes: now the sizes are known.
        if (mode == AUFILE_WRITE && written > 0 && std::fseek(file, 0, SEEK_SET) == 0)
            (void)writeHeader(file, prm, static_cast<uint32_t>(written));
        std::fclose(file);
    }

    int readHeader() {
        uint8_t riff[12];
        if (std::fread(riff, sizeof riff, 1, file) != 1) return EBADMSG;
        if (std::memcmp(riff, "RIFF", 4) != 0 || std::memcmp(riff + 8, "WAVE", 4) != 0) return EBADMSG;
        bool haveFmt = false;
        for (;;) {
            uint8_t chunk[8];
            if (std::fread(chunk, sizeof chunk, 1, file) != 1) return EBADMSG;
            const uint32_t size = getLe(chunk + 4, 4);
            if (std::memcmp(chunk, "data", 4) == 0) {
                if (!haveFmt) return EBADMSG;
                dataLeft = size;
                return 0;
            }
            uint32_t skip = size + (size & 1u);
            if (std::memcmp(chunk, "fmt ", 4) == 0) {
                if (size < kFmtSize) return EBADMSG;
                uint8_t f[kFmtSize];
                if (std::fread(f, sizeof f, 1, file) != 1) return EBADMSG;
                prm.srate = getLe(f + 4, 4);
                prm.channels = static_cast<uint8_t>(getLe(f + 2, 2));
                if (!fromWav(static_cast<uint16_t>(getLe(f, 2)), static_cast<uint16_t>(getLe(f + 14, 2)),
                             prm.fmt))
                    return ENOSYS;  // what librem answers for other encodings
                haveFmt = true;
                skip -= kFmtSize;
            }
            if (skip && std::fseek(file, static_cast<long>(skip), SEEK_CUR) != 0) return EBADMSG;
        }
    }
};

extern "C" int aufile_open(struct aufile** afp, struct aufile_prm* prm, const char* filename,
                           enum aufile_mode mode) {
    if (!afp || !filename || (mode == AUFILE_WRITE && !prm)) return EINVAL;
    if (mode != AUFILE_READ && mode != AUFILE_WRITE) return ENOSYS;
    auto* af = sb::rem_subset::memNew<aufile>();
    if (!af) return ENOMEM;
    af->mode = mode;
    af->file = std::fopen(filename, mode == AUFILE_READ ? "rb" : "wb");
    int err = af->file ? 0 : errno;
    if (!err && mode == AUFILE_READ) {
        err = af->readHeader();
        if (!err && prm) *prm = af->prm;
    } else if (!err) {
        af->prm = *prm;
        err = writeHeader(af->file, af->prm, 0);
    }
    if (err) {
        mem_deref(af);
        return err;
    }
    *afp = af;
    return 0;
}

extern "C" int aufile_read(struct aufile* af, uint8_t* p, size_t* sz) {
    if (!af || !p || !sz || af->mode != AUFILE_READ) return EINVAL;
    const size_t want = *sz < af->dataLeft ? *sz : af->dataLeft;
    const size_t n = want ? std::fread(p, 1, want, af->file) : 0;
    if (n < want && std::ferror(af->file)) return ioError(af->file);
    af->dataLeft -= n;
    // A file cut short (its data chunk claims more) ends where its bytes end.
    if (n < want) af->dataLeft = 0;
    *sz = n;
    return 0;
}

extern "C" int aufile_write(struct aufile* af, const uint8_t* p, size_t sz) {
    if (!af || !p || !sz || af->mode != AUFILE_WRITE) return EINVAL;
    if (std::fwrite(p, sz, 1, af->file) != 1) return ioError(af->file);
    af->written += sz;
    return 0;
}

extern "C" const char* aufmt_name(enum aufmt fmt) {
    switch (fmt) {
        case AUFMT_S16LE:
            return "S16LE";
        case AUFMT_PCMA:
            return "PCMA";
        case AUFMT_PCMU:
            return "PCMU";
        case AUFMT_FLOAT:
            return "FLOAT";
        case AUFMT_S24_3LE:
            return "S24_3LE";
        default:
            return "???";
    }
}
