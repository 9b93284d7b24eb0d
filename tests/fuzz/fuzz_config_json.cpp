// Fuzzes the configuration import (core/config/json_config.h): the file a
// user hands to `switchboard-server --import` or restores from a backup.
//
// Properties:
// - parseConfigurationJson never throws (it is documented to return errors);
// - an accepted configuration passed validate();
// - export then import gives the same configuration back, and exporting
//   never throws;
// - a DialPlan built from an accepted configuration has no problems (the
//   validator refuses patterns the dial plan cannot compile).

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>
#include <string_view>

#include "config/json_config.h"
#include "config/validation.h"
#include "routing/dial_plan.h"

using namespace sb;

namespace {

#define FUZZ_CHECK(cond)                                                                    \
    do {                                                                                    \
        if (!(cond)) {                                                                      \
            std::fprintf(stderr, "fuzz_config_json: property failed: %s (%s:%d)\n", #cond,  \
                         __FILE__, __LINE__);                                               \
            std::abort();                                                                   \
        }                                                                                   \
    } while (0)

template <class F>
auto noThrow(const char* what, F&& f) {
    try {
        return f();
    } catch (const std::exception& e) {
        std::fprintf(stderr, "fuzz_config_json: %s threw: %s\n", what, e.what());
    } catch (...) {
        std::fprintf(stderr, "fuzz_config_json: %s threw a non-std exception\n", what);
    }
    std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    auto parsed = noThrow("parseConfigurationJson", [&] { return config::parseConfigurationJson(text); });
    if (!parsed) {
        FUZZ_CHECK(!parsed.error().message.empty());
        return 0;
    }
    const store::Configuration& cfg = *parsed;
    FUZZ_CHECK(config::validate(cfg).empty());

    const std::string exported = noThrow("configurationToJson", [&] { return config::configurationToJson(cfg); });
    auto back = noThrow("parseConfigurationJson(export)", [&] { return config::parseConfigurationJson(exported); });
    if (!back) {
        std::fprintf(stderr, "fuzz_config_json: exported configuration does not import: %s\n--- export ---\n%s",
                     back.error().message.c_str(), exported.c_str());
        std::abort();
    }
    if (!(*back == cfg)) {
        std::fprintf(stderr, "fuzz_config_json: export/import changed the configuration\n--- export ---\n%s",
                     exported.c_str());
        std::abort();
    }

    const routing::DialPlan plan(cfg);
    FUZZ_CHECK(plan.problems().empty());
    for (const auto& route : cfg.routes) (void)plan.plan(route.pattern, "100");
    (void)plan.explain("9013901088888", "100");
    return 0;
}
