// Json: helpers to read request bodies with complete validation, and to write responses.
//
// Purpose: JsonReader collects every {field, problem} of a request body (wrong type, missing,
// too long, unknown field) and finish() throws one Error listing them all, so a client sees all
// of its mistakes at once and nothing is stored from a half-valid body.
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

#include "assay/Error.hpp"

namespace assay {

Poco::JSON::Object::Ptr makeObject();
std::string toJson(const Poco::JSON::Object::Ptr& obj);
std::string toJson(const Poco::JSON::Array::Ptr& arr);
// Parses text as a JSON object; throws Error 400 naming field "body".
Poco::JSON::Object::Ptr parseObject(const std::string& text);

class JsonReader {
public:
    explicit JsonReader(Poco::JSON::Object::Ptr obj, std::string prefix = {});

    std::string requiredString(const std::string& key, std::size_t maxLength = 255);
    std::optional<std::string> optionalString(const std::string& key, std::size_t maxLength = 255);
    std::optional<bool> optionalBool(const std::string& key);
    std::vector<std::string> stringArray(const std::string& key, bool required,
                                         std::size_t maxItems = 100);
    // Marks a key as known without reading it (handled elsewhere).
    void allow(const std::string& key) { seen_.insert(key); }

    void addError(const std::string& field, const std::string& problem);
    const std::vector<FieldError>& errors() const { return errors_; }
    // Throws Error::invalid with every collected problem, plus "unknown field" for each key
    // that was never read.
    void finish();

private:
    std::string path(const std::string& key) const;
    Poco::JSON::Object::Ptr obj_;
    std::string prefix_;
    std::set<std::string> seen_;
    std::vector<FieldError> errors_;
};

}  // namespace assay
