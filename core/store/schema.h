#pragma once

// Private to core/store: the versioned schema and its forward migrations.

#include <cstdint>
#include <filesystem>

#include "common/result.h"

struct sqlite3;

namespace sb::store::schema {

/// PRAGMA application_id of every Switchboard database ("SWBD"): tells our
/// file apart from some other program's SQLite file at the same path.
constexpr int32_t kApplicationId = 0x53574244;

/// The newest version the migrations produce (== Store::kSchemaVersion).
int latestVersion();

/// Bring the database from its PRAGMA user_version up to targetVersion,
/// one step per transaction so a failure leaves the last complete version.
/// The caller has already refused files newer than latestVersion().
/// @param targetVersion  below latestVersion() only in tests that need a file
///                       as an older Switchboard left it
Result<void> migrateForward(sqlite3* db, const std::filesystem::path& path, int targetVersion);

}  // namespace sb::store::schema
