#pragma once

#include <memory>

extern "C" void* mem_deref(void* data);

namespace sb {

/// Owner of a libre object: releases its reference with mem_deref().
struct ReDeleter {
    void operator()(void* p) const noexcept { mem_deref(p); }
};

template <class T>
using RePtr = std::unique_ptr<T, ReDeleter>;

}  // namespace sb
