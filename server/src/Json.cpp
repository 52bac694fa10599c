// Json: parsing with field-named errors, and the collecting JsonReader.
#include "assay/Json.hpp"

#include <sstream>

#include <Poco/JSON/Parser.h>
#include <Poco/UTF8String.h>
#include <Poco/Unicode.h>

namespace assay {

Poco::JSON::Object::Ptr makeObject() { return new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER); }

std::string toJson(const Poco::JSON::Object::Ptr& obj) {
    std::ostringstream out;
    obj->stringify(out);
    return out.str();
}

std::string toJson(const Poco::JSON::Array::Ptr& arr) {
    std::ostringstream out;
    arr->stringify(out);
    return out.str();
}

Poco::JSON::Object::Ptr parseObject(const std::string& text) {
    if (text.empty()) throw Error::invalidField("body", "a JSON object is required");
    Poco::Dynamic::Var v;
    try {
        Poco::JSON::Parser parser(new Poco::JSON::ParseHandler(true));  // preserve key order
        v = parser.parse(text);
    } catch (const std::exception&) {
        throw Error::invalidField("body", "malformed JSON");
    }
    if (v.type() != typeid(Poco::JSON::Object::Ptr))
        throw Error::invalidField("body", "must be a JSON object");
    return v.extract<Poco::JSON::Object::Ptr>();
}

namespace {
// Counts code points; a string that is not valid UTF-8 is reported separately.
bool validUtf8(const std::string& s) {
    std::size_t i = 0;
    while (i < s.size()) {
        const unsigned char c = static_cast<unsigned char>(s[i]);
        std::size_t n;
        if (c < 0x80) n = 0;
        else if ((c >> 5) == 6) n = 1;
        else if ((c >> 4) == 14) n = 2;
        else if ((c >> 3) == 30) n = 3;
        else return false;
        if (i + n >= s.size() && n > 0) return false;
        for (std::size_t k = 1; k <= n; ++k) {
            if ((static_cast<unsigned char>(s[i + k]) >> 6) != 2) return false;
        }
        i += n + 1;
    }
    return true;
}
std::size_t codePoints(const std::string& s) {
    std::size_t n = 0;
    for (unsigned char c : s) n += (c & 0xC0) != 0x80;
    return n;
}
}  // namespace

JsonReader::JsonReader(Poco::JSON::Object::Ptr obj, std::string prefix)
    : obj_(std::move(obj)), prefix_(std::move(prefix)) {}

std::string JsonReader::path(const std::string& key) const {
    return prefix_.empty() ? key : prefix_ + "." + key;
}

void JsonReader::addError(const std::string& field, const std::string& problem) {
    errors_.push_back({path(field), problem});
}

std::optional<std::string> JsonReader::optionalString(const std::string& key, std::size_t maxLength) {
    seen_.insert(key);
    if (!obj_->has(key) || obj_->isNull(key)) return std::nullopt;
    Poco::Dynamic::Var v = obj_->get(key);
    if (!v.isString()) {
        addError(key, "must be a string");
        return std::nullopt;
    }
    std::string s = v.extract<std::string>();
    if (!validUtf8(s)) {
        addError(key, "must be valid UTF-8");
        return std::nullopt;
    }
    if (codePoints(s) > maxLength) {
        addError(key, "must be at most " + std::to_string(maxLength) + " characters");
        return std::nullopt;
    }
    return s;
}

std::string JsonReader::requiredString(const std::string& key, std::size_t maxLength) {
    const bool present = obj_->has(key) && !obj_->isNull(key);
    auto s = optionalString(key, maxLength);
    if (!present) {
        addError(key, "required");
        return {};
    }
    if (s && s->empty()) {
        addError(key, "must not be empty");
        return {};
    }
    return s.value_or("");
}

std::optional<bool> JsonReader::optionalBool(const std::string& key) {
    seen_.insert(key);
    if (!obj_->has(key) || obj_->isNull(key)) return std::nullopt;
    Poco::Dynamic::Var v = obj_->get(key);
    if (v.type() != typeid(bool)) {
        addError(key, "must be true or false");
        return std::nullopt;
    }
    return v.extract<bool>();
}

std::vector<std::string> JsonReader::stringArray(const std::string& key, bool required,
                                                 std::size_t maxItems) {
    seen_.insert(key);
    std::vector<std::string> out;
    if (!obj_->has(key) || obj_->isNull(key)) {
        if (required) addError(key, "required");
        return out;
    }
    auto arr = obj_->getArray(key);
    if (!arr) {
        addError(key, "must be an array of strings");
        return out;
    }
    if (arr->size() > maxItems) {
        addError(key, "must have at most " + std::to_string(maxItems) + " items");
        return out;
    }
    for (std::size_t i = 0; i < arr->size(); ++i) {
        Poco::Dynamic::Var v = arr->get(static_cast<unsigned>(i));
        if (!v.isString()) {
            addError(key + "[" + std::to_string(i) + "]", "must be a string");
            continue;
        }
        out.push_back(v.extract<std::string>());
    }
    return out;
}

void JsonReader::finish() {
    std::vector<std::string> names;
    obj_->getNames(names);
    for (const auto& n : names) {
        if (!seen_.count(n)) errors_.push_back({path(n), "unknown field"});
    }
    if (!errors_.empty()) throw Error::invalid(errors_);
}

}  // namespace assay
