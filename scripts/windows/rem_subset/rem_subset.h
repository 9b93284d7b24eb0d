#pragma once

// Common prelude of the librem 0.6.0 stand-ins (docs/windows.md). On Linux,
// tests/unit/rem_subset_test.cpp links them next to Debian's real librem to
// compare the two: SB_REM_SUBSET_RENAME gives ours other symbol names there,
// and because the rename happens before <rem.h>, the declarations and the
// header's inline helpers (aubuf_write_samp, ...) inside our files call ours.
#ifdef SB_REM_SUBSET_RENAME
#define aubuf_alloc sb_subset_aubuf_alloc
#define aubuf_read sb_subset_aubuf_read
#define aubuf_write sb_subset_aubuf_write
#define aubuf_cur_size sb_subset_aubuf_cur_size
#define aufile_open sb_subset_aufile_open
#define aufile_read sb_subset_aufile_read
#define aufile_write sb_subset_aufile_write
#define aufmt_name sb_subset_aufmt_name
#define aumix_alloc sb_subset_aumix_alloc
#define aumix_source_alloc sb_subset_aumix_source_alloc
#define aumix_source_count sb_subset_aumix_source_count
#define aumix_source_enable sb_subset_aumix_source_enable
#define aumix_source_put sb_subset_aumix_source_put
#define dtmf_dec_alloc sb_subset_dtmf_dec_alloc
#define dtmf_dec_probe sb_subset_dtmf_dec_probe
#endif

#include <re.h>
#include <rem.h>

#include <new>
#include <utility>

namespace sb::rem_subset {

/// A C++ object in libre's reference-counted memory, so that callers free
/// it with mem_deref() like any librem object. T's destructor runs from
/// mem's destructor hook.
template <typename T, typename... Args>
T* memNew(Args&&... args) {
    // libre's header before the object is two words: 8-byte alignment holds.
    static_assert(alignof(T) <= 8, "mem_zalloc() does not align for this type");
    void* raw = mem_zalloc(sizeof(T), [](void* p) { static_cast<T*>(p)->~T(); });
    if (!raw) return nullptr;
    return new (raw) T(std::forward<Args>(args)...);
}

}  // namespace sb::rem_subset
