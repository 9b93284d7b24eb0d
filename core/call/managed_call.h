#pragma once

#include <cstdint>

namespace sb::call {

/// What the CallManager needs of every call it runs: a B2BUA Call between
/// two parties, or a ServiceCall that ends in Switchboard (echo test,
/// conference, ...). Engine thread only.
class ManagedCall {
public:
    virtual ~ManagedCall() = default;
    virtual uint64_t id() const = 0;
    virtual bool finished() const = 0;
    /// End the call from our side (the GUI's Hang up, shutdown).
    virtual void hangUp() = 0;
    /// Called by the manager's periodic sweep (media timeout).
    virtual void checkMedia() = 0;
    /// Finished and no leg has a transaction left to complete.
    virtual bool canBeDeleted(int64_t nowMs) const = 0;
};

}  // namespace sb::call
