#include "engine/database.h"

#include "config/defaults.h"

namespace sb {

Result<OpenedDatabase> openDatabase(const std::filesystem::path& path) {
    auto opened = store::Store::open(path.empty() ? store::defaultDatabasePath() : path);
    if (!opened) return opened.error();

    OpenedDatabase out;
    out.store = std::move(opened.value());
    out.createdNow = out.store->createdNow();
    if (out.createdNow) {
        out.config = config::defaultConfiguration();
        if (auto saved = out.store->replaceConfiguration(out.config); !saved) return saved.error();
    } else {
        auto loaded = out.store->loadConfiguration();
        if (!loaded) return loaded.error();
        out.config = std::move(loaded.value());
    }
    return out;
}

}  // namespace sb
