#pragma once

#include <filesystem>
#include <memory>

#include "common/result.h"
#include "store/records.h"
#include "store/store.h"

namespace sb {

/// An opened store with its configuration loaded.
struct OpenedDatabase {
    std::unique_ptr<store::Store> store;
    store::Configuration config;
    bool createdNow = false;  ///< a new database seeded with the default configuration
};

/// Open @p path (empty: the per-user default) and load its configuration; a new
/// database is seeded with config::defaultConfiguration() first.
Result<OpenedDatabase> openDatabase(const std::filesystem::path& path);

}  // namespace sb
