#include "config/json_reader.h"

#include <cerrno>
#include <fstream>
#include <random>
#include <set>
#include <sstream>
#include <system_error>

#include "platform/durable_file.h"

namespace sb::config {

using nlohmann::json;

namespace {
// A user with many mistakes wants to see them all, but not a screenful.
constexpr size_t kMaxReportedErrors = 20;
}  // namespace

std::string jsonTypeName(const json& j) {
    if (j.is_null()) return "null";
    if (j.is_boolean()) return "true/false";
    if (j.is_number()) return "a number";
    if (j.is_string()) return "a string";
    if (j.is_array()) return "an array";
    return j.is_object() ? "an object" : "an unsupported value";
}

std::string joinErrors(const std::vector<FieldError>& errors) {
    std::string out;
    const size_t shown = std::min(errors.size(), kMaxReportedErrors);
    for (size_t i = 0; i < shown; ++i) {
        if (i) out += '\n';
        out += errors[i].toString();
    }
    if (errors.size() > shown) out += "\n... and " + std::to_string(errors.size() - shown) + " more";
    return out;
}

/// Levenshtein distance, for "did you mean" hints on misspelt keys.
size_t editDistance(std::string_view a, std::string_view b) {
    std::vector<size_t> row(b.size() + 1);
    for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (size_t i = 1; i <= a.size(); ++i) {
        size_t diag = row[0];
        row[0] = i;
        for (size_t j = 1; j <= b.size(); ++j) {
            const size_t up = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0u : 1u)});
            diag = up;
        }
    }
    return row[b.size()];
}

namespace {

/// Tracks where the parser is so a repeated key can be reported by path:
/// nlohmann keeps the last of two equal keys silently, which would hide a
/// copy-paste mistake in a hand-edited file.
class DuplicateKeyFinder {
public:
    bool onEvent(json::parse_event_t event, const json& parsed) {
        using E = json::parse_event_t;
        if (event == E::object_start || event == E::array_start) {
            push(event == E::array_start);
        } else if (event == E::object_end || event == E::array_end) {
            if (!m_stack.empty()) m_stack.pop_back();
        } else if (m_stack.empty()) {
            // a scalar document: nothing to track
        } else if (event == E::key && parsed.is_string()) {
            Frame& top = m_stack.back();
            top.key = parsed.get<std::string>();
            if (!top.keys.insert(top.key).second && !m_duplicate)
                m_duplicate = FieldError{memberPath(top.path, top.key), "duplicate key"};
        } else if (event == E::value && m_stack.back().isArray) {
            ++m_stack.back().index;
        }
        return true;
    }
    const std::optional<FieldError>& duplicate() const { return m_duplicate; }

private:
    struct Frame {
        bool isArray = false;
        size_t index = 0;
        std::string path;
        std::string key;
        std::set<std::string> keys;
    };

    void push(bool isArray) {
        std::string path;
        if (!m_stack.empty()) {
            Frame& top = m_stack.back();
            path = top.isArray ? indexPath(top.path, top.index++) : memberPath(top.path, top.key);
        }
        m_stack.push_back(Frame{isArray, 0, std::move(path), {}, {}});
    }

    std::vector<Frame> m_stack;
    std::optional<FieldError> m_duplicate;
};

std::string syntaxError(std::string_view text, const json::parse_error& e) {
    // Position from the byte offset rather than from what() so the wording
    // does not depend on the nlohmann version.
    const size_t pos = std::min(e.byte > 0 ? e.byte - 1 : 0, text.size());
    const std::string_view before = text.substr(0, pos);
    const size_t line = 1 + static_cast<size_t>(std::count(before.begin(), before.end(), '\n'));
    const size_t lastNewline = before.rfind('\n');
    const size_t column = lastNewline == std::string_view::npos ? pos + 1 : pos - lastNewline;

    std::string detail = e.what();
    const size_t colon = detail.find(": ", detail.find("parse error"));
    if (colon != std::string::npos) detail = detail.substr(colon + 2);
    if (text.find_first_not_of(" \t\r\n") == std::string_view::npos) detail = "the document is empty";
    return "line " + std::to_string(line) + ", column " + std::to_string(column) + ": " + detail;
}

}  // namespace

Result<json> parseJsonDocument(std::string_view text) {
    try {
        DuplicateKeyFinder duplicates;
        json::parser_callback_t callback = [&](int, json::parse_event_t event, json& parsed) {
            return duplicates.onEvent(event, parsed);
        };
        json root = json::parse(text.begin(), text.end(), callback);
        if (duplicates.duplicate()) return makeError(duplicates.duplicate()->toString());
        return root;
    } catch (const json::parse_error& e) {
        return makeError(syntaxError(text, e));
    }
}

Error fileError(const std::filesystem::path& path, const std::string& what, int code) {
    return makeError(path.string() + ": " + what + ": " + std::generic_category().message(code), code);
}

Result<std::string> readSmallFile(const std::filesystem::path& path, std::uintmax_t maxBytes,
                                  const std::string& what) {
    std::error_code ec;
    const auto status = std::filesystem::status(path, ec);
    if (!std::filesystem::exists(status)) return fileError(path, "cannot read", ENOENT);
    if (std::filesystem::is_directory(status)) return fileError(path, "cannot read", EISDIR);
    const auto size = std::filesystem::file_size(path, ec);
    if (ec) return fileError(path, "cannot read", ec.value());
    if (size > maxBytes) return makeError(path.string() + ": too large for " + what, EFBIG);

    std::ifstream in(path, std::ios::binary);
    if (!in) return fileError(path, "cannot open", errno ? errno : EIO);
    std::ostringstream buffer;
    buffer << in.rdbuf();
    if (in.bad()) return fileError(path, "cannot read", EIO);
    return buffer.str();
}

namespace {


std::string temporaryName(const std::filesystem::path& target) {
    std::random_device rd;
    std::ostringstream name;
    name << "." << target.filename().string() << ".tmp-" << std::hex << rd() << rd();
    return name.str();
}

}  // namespace

Result<void> writeFileAtomically(const std::filesystem::path& path, const std::string& text) {
    try {
        if (path.filename().empty()) return makeError(path.string() + ": not a file name", EINVAL);
        const std::filesystem::path dir =
            path.has_parent_path() ? path.parent_path() : std::filesystem::path(".");
        const std::filesystem::path tmp = dir / temporaryName(path);

        if (int err = platform::writeNewFileDurably(tmp, text)) {
            std::error_code ignored;
            std::filesystem::remove(tmp, ignored);
            return fileError(path, "cannot write", err);
        }
        std::error_code ec;
        std::filesystem::rename(tmp, path, ec);
        if (ec) {
            std::error_code ignored;
            std::filesystem::remove(tmp, ignored);
            return fileError(path, "cannot replace", ec.value());
        }
        platform::syncDirectory(dir);  // the rename itself
        return {};
    } catch (const std::exception& e) {
        return makeError(path.string() + ": cannot write: " + e.what(), EIO);
    }
}

}  // namespace sb::config
