#pragma once

// Reading JSON documents that people edit by hand (the configuration,
// carrier profiles): syntax errors by line and column, repeated keys and
// unknown keys reported by path (with a "did you mean" for near misses),
// every type checked before it is read, and small files read and written
// safely. Private to core (nlohmann is not part of core's interface).

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/result.h"
#include "config/validation.h"
#include "store/records.h"

namespace sb::config {

/// "a string", "true/false", "an array", ... for "expected X, got Y".
std::string jsonTypeName(const nlohmann::json& j);

/// The errors one per line, at most 20 of them ("... and N more").
std::string joinErrors(const std::vector<FieldError>& errors);

/// Levenshtein distance, for "did you mean" hints on misspelt keys.
size_t editDistance(std::string_view a, std::string_view b);

/// Parse @p text as JSON. A syntax error reads "line L, column C: ...", a
/// key given twice in one object "path: duplicate key" (nlohmann would keep
/// the last silently and hide a copy-paste mistake).
Result<nlohmann::json> parseJsonDocument(std::string_view text);

/// Reads one JSON object into a record, remembering which keys it asked for
/// so that finish() can reject every other key (typo protection).
class ObjectReader {
    using json = nlohmann::json;

public:
    ObjectReader(std::vector<FieldError>& errors, const json& j, std::string path)
        : m_errors(errors), m_json(j), m_path(std::move(path)) {
        if (!j.is_object()) fail(m_path, "expected an object, got " + jsonTypeName(j));
    }

    bool ok() const { return m_json.is_object(); }
    std::vector<FieldError>& errors() { return m_errors; }
    std::string path(std::string_view key) const { return memberPath(m_path, key); }

    /// Marks key as known; nullptr when absent (the record keeps its default).
    const json* take(const char* key) {
        m_known.push_back(key);
        if (!ok()) return nullptr;
        auto it = m_json.find(key);
        return it == m_json.end() ? nullptr : &*it;
    }

    void read(const char* key, std::string& out) {
        if (const json* v = take(key)) readString(*v, path(key), out);
    }

    void read(const char* key, bool& out) {
        const json* v = take(key);
        if (!v) return;
        if (v->is_boolean())
            out = v->get<bool>();
        else
            fail(path(key), "expected true or false, got " + jsonTypeName(*v));
    }

    template <class T>
    requires std::is_integral_v<T>
    void read(const char* key, T& out) {
        const json* v = take(key);
        if (!v) return;
        const auto lo = static_cast<int64_t>(std::numeric_limits<T>::min());
        const auto hi = static_cast<int64_t>(
            std::min<uint64_t>(std::numeric_limits<T>::max(), std::numeric_limits<int64_t>::max()));
        if (auto n = readInteger(*v, path(key))) {
            if (*n < lo || *n > hi)
                fail(path(key),
                     "expected an integer from " + std::to_string(lo) + " to " + std::to_string(hi));
            else
                out = static_cast<T>(*n);
        }
    }

    /// Every uint16_t in the records is a port.
    void read(const char* key, uint16_t& out) {
        const json* v = take(key);
        if (!v) return;
        if (auto n = readInteger(*v, path(key))) {
            if (auto why = checkPort(*n))
                fail(path(key), *why);
            else
                out = static_cast<uint16_t>(*n);
        }
    }

    void read(const char* key, store::Transport& out) {
        std::string name;
        const json* v = take(key);
        if (!v || !readString(*v, path(key), name)) return;
        if (!store::parseTransport(name, out)) fail(path(key), "expected \"udp\", \"tcp\" or \"tls\"");
    }

    void read(const char* key, std::vector<std::string>& out) {
        const json* v = take(key);
        if (!v) return;
        if (!v->is_array()) return fail(path(key), "expected an array of strings, got " + jsonTypeName(*v));
        out.assign(v->size(), {});
        for (size_t i = 0; i < v->size(); ++i) readString((*v)[i], indexPath(path(key), i), out[i]);
    }

    void read(const char* key, std::map<std::string, std::string>& out) {
        const json* v = take(key);
        if (!v) return;
        if (!v->is_object()) return fail(path(key), "expected an object, got " + jsonTypeName(*v));
        out.clear();
        for (const auto& [k, item] : v->items()) readString(item, keyPath(path(key), k), out[k]);
    }

    /// Report keys nobody asked for, with a hint when one is a near miss.
    void finish() {
        if (!ok()) return;
        for (const auto& [key, value] : m_json.items()) {
            if (std::find(m_known.begin(), m_known.end(), key) != m_known.end()) continue;
            std::string reason = "unknown key";
            const std::string* best = nullptr;
            size_t bestDistance = 3;  // more than two edits is not a typo
            for (const auto& known : m_known) {
                const size_t d = editDistance(key, known);
                if (d < bestDistance) {
                    bestDistance = d;
                    best = &known;
                }
            }
            if (best) reason += " (did you mean \"" + *best + "\"?)";
            fail(path(key), reason);
        }
    }

    void fail(std::string path, std::string reason) {
        m_errors.push_back({std::move(path), std::move(reason)});
    }

private:
    bool readString(const json& v, const std::string& at, std::string& out) {
        if (v.is_string()) {
            out = v.get<std::string>();
            return true;
        }
        fail(at, "expected a string, got " + jsonTypeName(v));
        return false;
    }

    std::optional<int64_t> readInteger(const json& v, const std::string& at) {
        if (v.is_number_unsigned()) {
            const auto u = v.get<uint64_t>();
            if (u <= static_cast<uint64_t>(std::numeric_limits<int64_t>::max()))
                return static_cast<int64_t>(u);
            fail(at, "number is too large");
            return std::nullopt;
        }
        if (v.is_number_integer()) return v.get<int64_t>();
        fail(at, "expected an integer, got " + jsonTypeName(v));
        return std::nullopt;
    }

    std::vector<FieldError>& m_errors;
    const json& m_json;
    std::string m_path;
    std::vector<std::string> m_known;
};

/// "path: what: strerror(code)" with @p code as the error's code.
Error fileError(const std::filesystem::path& path, const std::string& what, int code);

/// The whole of a file that must be at most @p maxBytes; @p what names the
/// kind of file in the error ("too large for a configuration file").
Result<std::string> readSmallFile(const std::filesystem::path& path, std::uintmax_t maxBytes,
                                  const std::string& what);

/// Write @p text atomically: a temporary file in the same folder is written,
/// flushed to disk and renamed over @p path, so a failure never leaves half a
/// file. Created readable by its owner only (it may hold passwords).
Result<void> writeFileAtomically(const std::filesystem::path& path, const std::string& text);

}  // namespace sb::config
