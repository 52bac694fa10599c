// Config: the validated configuration of one assayd or assayctl process.
//
// Purpose: keys come from a properties file (--config FILE), then environment variables
// override them: key "a.b_c" is overridden by ASSAY_A_B_C (so http.port <- ASSAY_HTTP_PORT,
// db.url <- ASSAY_DB_URL). Every key must be declared (by the host or by a module's
// configKeys()); an unknown key or a value that does not parse aborts start-up with a message
// naming the key. server/config/assay.example.properties documents every key.
// Thread-safety: immutable after load; safe to read from any thread.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace assay {

struct ConfigKey {
    std::string key;
    std::string defaultValue;
    std::string description;
};

class Config {
public:
    // The host's own keys.
    static const std::vector<ConfigKey>& hostKeys();
    static std::string envName(const std::string& key);  // "http.port" -> "ASSAY_HTTP_PORT"

    // Reads the file (if non-empty) and the environment for the declared keys.
    // Errors: Error(InvalidArgument) naming the key for an unknown key in the file, or a file
    // that cannot be read.
    static Config load(const std::string& file, const std::vector<ConfigKey>& declared);
    static Config fromMap(std::map<std::string, std::string> values,
                          const std::vector<ConfigKey>& declared);

    bool has(const std::string& key) const { return values_.count(key) != 0; }
    std::string str(const std::string& key) const;
    // Errors: Error(InvalidArgument) naming the key when the value is not an integer in range.
    std::int64_t integer(const std::string& key, std::int64_t min, std::int64_t max) const;
    bool boolean(const std::string& key) const;
    std::vector<std::string> list(const std::string& key) const;  // comma-separated, trimmed
    // Where each effective value came from: "default", "file" or the environment variable.
    std::string source(const std::string& key) const;

private:
    std::map<std::string, std::string> values_;
    std::map<std::string, std::string> sources_;
    std::map<std::string, std::string> defaults_;
};

}  // namespace assay
