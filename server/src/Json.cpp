// Json: parsing with field-named errors, and the collecting JsonReader.
#include "assay/Json.hpp"

#include "assay/Messages.hpp"

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <sstream>
#include <string_view>

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

namespace {
// Every number literal Poco cannot hold, by the path of its field: an integer literal beyond
// int64 (Poco refuses those above UInt64 as malformed and clamps those below INT64_MIN) and a
// number beyond a double (refused as malformed). One pass over the text; structure is left to
// the parser (a malformed body is reported as such by it).
void numbersOutOfRange(std::string_view text, std::vector<FieldError>& errors) {
    struct Level {
        bool object;
        std::string key;
        std::size_t index = 0;
    };
    std::vector<Level> stack;
    bool expectKey = false;
    auto path = [&] {
        std::string p;
        for (const auto& l : stack) p += l.object ? (p.empty() ? "" : ".") + l.key : "[" + std::to_string(l.index) + "]";
        return p.empty() ? std::string("body") : p;
    };
    for (std::size_t i = 0; i < text.size() && errors.size() < 20; ++i) {
        const char c = text[i];
        if (c == '"') {
            std::size_t j = i + 1;
            while (j < text.size() && text[j] != '"') j += text[j] == '\\' ? 2 : 1;
            if (expectKey && !stack.empty() && stack.back().object) {
                stack.back().key = std::string(text.substr(i + 1, std::min(j, text.size()) - i - 1));
                expectKey = false;
            }
            i = j;
        } else if (c == '{' || c == '[') {
            stack.push_back({c == '{', {}});
            expectKey = c == '{';
        } else if (c == '}' || c == ']') {
            if (!stack.empty()) stack.pop_back();
        } else if (c == ',') {
            if (!stack.empty() && stack.back().object) expectKey = true;
            else if (!stack.empty()) ++stack.back().index;
        } else if (c == '-' || (c >= '0' && c <= '9')) {
            std::size_t j = i;
            while (j < text.size() && std::string_view("+-0123456789.eE").find(text[j]) != std::string_view::npos) ++j;
            const std::string token(text.substr(i, j - i));
            bool fits = true;
            if (token.find_first_of(".eE") == std::string::npos) {
                std::int64_t v = 0;
                fits = std::from_chars(token.data(), token.data() + token.size(), v).ec != std::errc::result_out_of_range;
            } else {
                fits = std::isfinite(std::strtod(token.c_str(), nullptr));
            }
            if (!fits) errors.push_back({path(), msg::kNumberOutOfRange});
            i = j - 1;
        }
    }
}
}  // namespace

Poco::JSON::Object::Ptr parseObject(const std::string& text) {
    if (text.empty()) throw Error::invalidField("body", Message(msg::kBodyRequired));
    std::vector<FieldError> numbers;
    numbersOutOfRange(text, numbers);
    if (!numbers.empty()) throw Error::invalid(numbers);
    Poco::Dynamic::Var v;
    try {
        Poco::JSON::Parser parser(new Poco::JSON::ParseHandler(true));  // preserve key order
        v = parser.parse(text);
    } catch (const std::exception&) {
        throw Error::invalidField("body", Message(msg::kBodyMalformed));
    }
    if (v.type() != typeid(Poco::JSON::Object::Ptr))
        throw Error::invalidField("body", Message(msg::kBodyNotObject));
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

const MessageDef* textProblemMessage(const std::string& text, Lines lines) {
    const bool many = lines == Lines::many;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const unsigned char c = static_cast<unsigned char>(text[i]);
        if (c == '\t' || c == '\r' || c == '\n') {
            if (!many) return c == '\t' ? &msg::kNoTab : &msg::kSingleLine;
        } else if (c < 0x20 || c == 0x7F) {
            return &msg::kControlChars;
        } else if (c == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) <= 0x9F) {
            return &msg::kControlChars;  // U+0080-U+009F (C1)
        } else if (c == 0xE2 && i + 2 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0x80 &&
                   (static_cast<unsigned char>(text[i + 2]) == 0xA8 || static_cast<unsigned char>(text[i + 2]) == 0xA9)) {
            if (!many) return &msg::kSingleLine;  // U+2028, U+2029
        }
    }
    return nullptr;
}

const char* textProblem(const std::string& text, Lines lines) {
    const MessageDef* m = textProblemMessage(text, lines);
    return m ? m->en : nullptr;
}

JsonReader::JsonReader(Poco::JSON::Object::Ptr obj, std::string prefix)
    : obj_(std::move(obj)), prefix_(std::move(prefix)) {}

std::string JsonReader::path(const std::string& key) const {
    return prefix_.empty() ? key : prefix_ + "." + key;
}

void JsonReader::addError(const std::string& field, const std::string& problem) {
    errors_.push_back({path(field), problem});
}

void JsonReader::addError(const std::string& field, Message problem) {
    errors_.push_back({path(field), std::move(problem)});
}

std::optional<Message> JsonReader::stringProblem(const std::string& s, std::size_t maxLength, Lines lines) const {
    if (!validUtf8(s)) return Message(msg::kInvalidUtf8);
    if (codePoints(s) > maxLength) return Message(msg::kTooLong, {{"max", maxLength}});
    if (const MessageDef* p = textProblemMessage(s, lines)) return Message(*p);
    return std::nullopt;
}

std::optional<std::string> JsonReader::optionalString(const std::string& key, std::size_t maxLength, Lines lines) {
    seen_.insert(key);
    if (!obj_->has(key) || obj_->isNull(key)) return std::nullopt;
    Poco::Dynamic::Var v = obj_->get(key);
    if (!v.isString()) {
        addError(key, Message(msg::kNotString));
        return std::nullopt;
    }
    std::string s = v.extract<std::string>();
    if (auto problem = stringProblem(s, maxLength, lines)) {
        addError(key, std::move(*problem));
        return std::nullopt;
    }
    return s;
}

std::string JsonReader::requiredString(const std::string& key, std::size_t maxLength, Lines lines) {
    const bool present = obj_->has(key) && !obj_->isNull(key);
    auto s = optionalString(key, maxLength, lines);
    if (!present) {
        addError(key, Message(msg::kRequired));
        return {};
    }
    if (s && s->empty()) {
        addError(key, Message(msg::kEmpty));
        return {};
    }
    return s.value_or("");
}

std::optional<std::int64_t> JsonReader::optionalInt(const std::string& key, std::int64_t min, std::int64_t max) {
    seen_.insert(key);
    if (!obj_->has(key) || obj_->isNull(key)) return std::nullopt;
    const Poco::Dynamic::Var v = obj_->get(key);
    std::optional<std::int64_t> n;
    if (v.isInteger()) {
        try {
            n = v.convert<Poco::Int64>();  // an unsigned value above INT64_MAX does not convert
        } catch (const Poco::Exception&) {
        }
    }
    if (!n || *n < min || *n > max) {
        addError(key, Message(msg::kIntRange, {{"min", min}, {"max", max}}));
        return std::nullopt;
    }
    return n;
}

std::optional<std::int64_t> JsonReader::requiredInt(const std::string& key, std::int64_t min, std::int64_t max) {
    if (!obj_->has(key) || obj_->isNull(key)) {
        seen_.insert(key);
        addError(key, Message(msg::kRequiredInt, {{"min", min}, {"max", max}}));
        return std::nullopt;
    }
    return optionalInt(key, min, max);
}

std::optional<bool> JsonReader::optionalBool(const std::string& key) {
    seen_.insert(key);
    if (!obj_->has(key) || obj_->isNull(key)) return std::nullopt;
    Poco::Dynamic::Var v = obj_->get(key);
    if (v.type() != typeid(bool)) {
        addError(key, Message(msg::kNotBool));
        return std::nullopt;
    }
    return v.extract<bool>();
}

std::vector<std::string> JsonReader::stringArray(const std::string& key, bool required,
                                                 std::size_t maxItems, std::size_t maxLength) {
    seen_.insert(key);
    std::vector<std::string> out;
    if (!obj_->has(key) || obj_->isNull(key)) {
        if (required) addError(key, Message(msg::kRequired));
        return out;
    }
    auto arr = obj_->getArray(key);
    if (!arr) {
        addError(key, Message(msg::kNotStringArray));
        return out;
    }
    if (arr->size() > maxItems) {
        addError(key, Message(msg::kTooManyItems, {{"max", maxItems}}));
        return out;
    }
    for (std::size_t i = 0; i < arr->size(); ++i) {
        Poco::Dynamic::Var v = arr->get(static_cast<unsigned>(i));
        const std::string item = key + "[" + std::to_string(i) + "]";
        if (!v.isString()) {
            addError(item, Message(msg::kNotString));
            continue;
        }
        std::string s = v.extract<std::string>();
        if (auto problem = stringProblem(s, maxLength, Lines::one)) {
            addError(item, std::move(*problem));
            continue;
        }
        out.push_back(std::move(s));
    }
    return out;
}

void JsonReader::finish() {
    std::vector<std::string> names;
    obj_->getNames(names);
    for (const auto& n : names) {
        if (!seen_.count(n)) errors_.push_back({path(n), msg::kUnknownField});
    }
    if (!errors_.empty()) throw Error::invalid(errors_);
}

}  // namespace assay
