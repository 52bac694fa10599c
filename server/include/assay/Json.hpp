// Json: helpers to read request bodies with complete validation, and to write responses.
//
// Purpose: JsonReader collects every {field, problem} of a request body (wrong type, missing,
// too long, out of range, a control character, unknown field) and finish() throws one Error
// listing them all, so a client sees all of its mistakes at once and nothing is stored from a
// half-valid body. Every text field is read through optionalString/requiredString (one rule for
// control characters: see textProblem) and every whole number through optionalInt/requiredInt
// (one rule for range); parseObject names a number no 64-bit integer or double can hold.
// Objects created by makeObject() keep key order as inserted.
// Thread-safety: none needed; a JsonReader belongs to one request.
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include "assay/Enum.hpp"
#include "assay/Error.hpp"
#include "assay/Messages.hpp"

namespace assay {

Poco::JSON::Object::Ptr makeObject();
std::string toJson(const Poco::JSON::Object::Ptr& obj);
std::string toJson(const Poco::JSON::Array::Ptr& arr);
// Parses text as a JSON object. Errors: 400 naming "body" (malformed, not an object), or naming
// the field (its path, e.g. "rows[2].year") of a number out of range: an integer beyond 64 bits
// (99999999999999999999, -9223372036854775809) or a number beyond a double (1e400), which the
// parser would refuse as malformed or clamp.
Poco::JSON::Object::Ptr parseObject(const std::string& text);

// Whether a text field may hold line breaks: Lines::many for notes, descriptions, reasons and
// other prose; Lines::one (the default) for names, codes, references.
enum class Lines { one, many };

// The problem with a text field's characters, or nullptr: no control characters (U+0000-U+001F,
// U+007F-U+009F), except that a Lines::many field may hold tab, CR, LF and the Unicode line and
// paragraph separators U+2028 and U+2029 (which a Lines::one field refuses like LF). The text is
// valid UTF-8 (checked before).
const char* textProblem(const std::string& text, Lines lines);  // English
const MessageDef* textProblemMessage(const std::string& text, Lines lines);

class JsonReader {
public:
    explicit JsonReader(Poco::JSON::Object::Ptr obj, std::string prefix = {});

    // A string of valid UTF-8 of at most maxLength characters, with no control characters but the
    // line breaks and tabs a Lines::many field allows (textProblem).
    std::string requiredString(const std::string& key, std::size_t maxLength = 255, Lines lines = Lines::one);
    std::optional<std::string> optionalString(const std::string& key, std::size_t maxLength = 255, Lines lines = Lines::one);
    // A whole number from min to max, written as a JSON integer: 3.5, 1e5, "5", an integer beyond
    // the range (or beyond 64 bits) are each "must be a whole number from min to max".
    std::optional<std::int64_t> optionalInt(const std::string& key, std::int64_t min, std::int64_t max);
    // As optionalInt; absent or null is "required".
    std::optional<std::int64_t> requiredInt(const std::string& key, std::int64_t min, std::int64_t max);
    std::optional<bool> optionalBool(const std::string& key);
    // One of an enum's names (assay/Enum.hpp); another string is "must be one of: a, b or c".
    template <NamedEnum E>
    std::optional<E> optionalEnum(const std::string& key) {
        auto s = optionalString(key, 64);
        if (!s) return std::nullopt;
        if (auto e = parseEnum<E>(*s)) return e;
        addError(key, Message(msg::kOneOf, {{"choices", enumChoices<E>()}}));
        return std::nullopt;
    }
    // As optionalEnum; absent or null is "required" (and the first value stands in).
    template <NamedEnum E>
    E requiredEnum(const std::string& key) {
        const bool present = obj_ && obj_->has(key) && !obj_->isNull(key);
        if (!present) {
            seen_.insert(key);
            addError(key, Message(msg::kRequired));
            return E{};
        }
        return optionalEnum<E>(key).value_or(E{});
    }
    // An array of strings, each read as a Lines::one field of at most maxLength characters.
    std::vector<std::string> stringArray(const std::string& key, bool required,
                                         std::size_t maxItems = 100, std::size_t maxLength = 255);
    // Marks a key as known without reading it (handled elsewhere).
    void allow(const std::string& key) { seen_.insert(key); }

    void addError(const std::string& field, const std::string& problem);  // a legacy text
    void addError(const std::string& field, Message problem);
    const std::vector<FieldError>& errors() const { return errors_; }
    // Throws Error::invalid with every collected problem, plus "unknown field" for each key
    // that was never read.
    void finish();

private:
    std::string path(const std::string& key) const;
    // The string's problem (UTF-8, length, characters), if any.
    std::optional<Message> stringProblem(const std::string& s, std::size_t maxLength, Lines lines) const;
    Poco::JSON::Object::Ptr obj_;
    std::string prefix_;
    std::set<std::string> seen_;
    std::vector<FieldError> errors_;
};

}  // namespace assay
