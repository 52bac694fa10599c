// Config: properties file + ASSAY_* environment overrides, with every key declared.
#include "assay/Config.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdlib>
#include <set>

#include <Poco/AutoPtr.h>
#include <Poco/File.h>
#include <Poco/Util/PropertyFileConfiguration.h>

#include "assay/Error.hpp"

#ifndef ASSAY_SOURCE_SCHEMA_DIR
#define ASSAY_SOURCE_SCHEMA_DIR "schema"
#endif
#ifndef ASSAY_SOURCE_WEB_ROOT
#define ASSAY_SOURCE_WEB_ROOT "server/web"
#endif

namespace assay {

const std::vector<ConfigKey>& Config::hostKeys() {
    static const std::vector<ConfigKey> keys = {
        {"instance.role", "both", "lab, platform or both: which role this instance plays"},
        {"node.id", "0", "0..1023, distinct per assayd node sharing one database (id generation)"},
        {"http.host", "127.0.0.1", "address to listen on"},
        {"http.port", "8080", "TCP port; 0 picks a free port (see http.port_file)"},
        {"http.port_file", "", "if set, the bound port is written to this file once listening"},
        {"http.min_threads", "4", "request threads kept alive when idle"},
        {"http.max_threads", "512", "max request threads = max concurrent connections served"},
        {"http.max_queued", "1024", "accepted connections waiting for a thread before refusal"},
        {"http.keep_alive_timeout_s", "5", "idle keep-alive connections are closed after this"},
        {"http.backlog", "1024", "listen backlog"},
        {"http.max_body_bytes", "10485760", "larger request bodies get 413 (default 10 MiB)"},
        {"http.web_root", ASSAY_SOURCE_WEB_ROOT, "directory of the static web UI served at /"},
        {"tls.cert", "", "PEM certificate (chain); with tls.key, serve HTTPS (TLS 1.2+) only"},
        {"tls.key", "", "PEM private key for tls.cert"},
        {"db.url", "sqlite:var/assay.db", "sqlite:<path> or mysql://user:pass@host:port/db"},
        {"db.pool_size", "16", "database sessions in the pool"},
        {"db.busy_timeout_ms", "5000", "SQLite busy timeout and max wait for a pooled session"},
        {"db.schema_dir", ASSAY_SOURCE_SCHEMA_DIR, "directory holding schema/<module>/NNNN_*.sql"},
        {"db.sqlite_synchronous", "FULL", "SQLite synchronous mode: FULL or NORMAL"},
        {"data.dir", "var", "directory for data files (raw instrument files, PDFs, keys)"},
        {"admin.password", "", "password of the bootstrap admin on first start; generated if empty"},
        {"plugins.load", "", "comma-separated absolute paths of plugin libraries to load"},
        {"log.level", "info", "debug, info, warn or error"},
        {"outbox.enabled", "true", "run this node's outbox delivery worker (any number of nodes may; they share the streams by lease)"},
        {"outbox.poll_ms", "1000", "how often the delivery worker looks for committed messages (10..600000 ms)"},
        {"outbox.backoff_min_ms", "1000", "the wait after a refused delivery, doubled after each further refusal (10..3600000 ms)"},
        {"outbox.backoff_max_ms", "300000", "the longest wait between attempts at a refused delivery (default 5 min)"},
        {"outbox.lease_ms", "60000",
         "how long a node's claim on a stream lasts without renewal; longer than any transport's timeout (1000..3600000 ms)"},
        {"audit.export_max_rows", "100000",
         "the most rows one Excel export of the audit trail holds (1..1000000); more are cut, and the file says so"},
    };
    return keys;
}

std::string Config::envName(const std::string& key) {
    std::string out = "ASSAY_";
    for (char c : key) out += (c == '.' || c == '-') ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return out;
}

namespace {
void collectKeys(Poco::Util::AbstractConfiguration& cfg, const std::string& base, std::vector<std::string>& out) {
    Poco::Util::AbstractConfiguration::Keys keys;
    cfg.keys(base, keys);
    if (keys.empty() && !base.empty()) {
        out.push_back(base);
        return;
    }
    for (const auto& k : keys) collectKeys(cfg, base.empty() ? k : base + "." + k, out);
}
}  // namespace

Config Config::fromMap(std::map<std::string, std::string> values, const std::vector<ConfigKey>& declared) {
    Config c;
    std::set<std::string> known;
    for (const auto& k : declared) {
        known.insert(k.key);
        c.defaults_[k.key] = k.defaultValue;
        c.values_[k.key] = k.defaultValue;
        c.sources_[k.key] = "default";
    }
    for (auto& [k, v] : values) {
        if (!known.count(k)) throw Error::invalidField(k, "unknown configuration key");
        c.values_[k] = v;
        c.sources_[k] = "given";
    }
    return c;
}

Config Config::load(const std::string& file, const std::vector<ConfigKey>& declared) {
    Config c = fromMap({}, declared);
    if (!file.empty()) {
        if (!Poco::File(file).exists()) throw Error::invalidField("--config", "file not found: " + file);
        Poco::AutoPtr<Poco::Util::PropertyFileConfiguration> props;
        try {
            props = new Poco::Util::PropertyFileConfiguration(file);
        } catch (const std::exception& e) {
            throw Error::invalidField("--config", std::string("cannot read ") + file + ": " + e.what());
        }
        std::vector<std::string> keys;
        collectKeys(*props, "", keys);
        for (const auto& k : keys) {
            if (!c.defaults_.count(k))
                throw Error::invalidField(k, "unknown configuration key in " + file);
            c.values_[k] = props->getString(k);
            c.sources_[k] = "file";
        }
    }
    for (const auto& k : declared) {
        const std::string env = envName(k.key);
        if (const char* v = std::getenv(env.c_str())) {
            c.values_[k.key] = v;
            c.sources_[k.key] = env;
        }
    }
    return c;
}

std::string Config::str(const std::string& key) const {
    auto it = values_.find(key);
    if (it == values_.end()) throw Error::internal("undeclared configuration key read: " + key);
    return it->second;
}

std::int64_t Config::integer(const std::string& key, std::int64_t min, std::int64_t max) const {
    const std::string s = str(key);
    std::int64_t v = 0;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || p != s.data() + s.size() || v < min || v > max) {
        throw Error::invalidField(key, "must be an integer from " + std::to_string(min) + " to " +
                                           std::to_string(max) + " (got '" + s + "', from " + source(key) + ")");
    }
    return v;
}

bool Config::boolean(const std::string& key) const {
    const std::string s = str(key);
    if (s == "true" || s == "1" || s == "yes") return true;
    if (s == "false" || s == "0" || s == "no" || s.empty()) return false;
    throw Error::invalidField(key, "must be true or false (got '" + s + "')");
}

std::vector<std::string> Config::list(const std::string& key) const {
    std::vector<std::string> out;
    const std::string s = str(key);
    std::size_t i = 0;
    while (i <= s.size()) {
        std::size_t j = s.find(',', i);
        if (j == std::string::npos) j = s.size();
        std::string item = s.substr(i, j - i);
        item.erase(0, item.find_first_not_of(" \t"));
        item.erase(item.find_last_not_of(" \t") + 1);
        if (!item.empty()) out.push_back(item);
        i = j + 1;
    }
    return out;
}

std::string Config::source(const std::string& key) const {
    auto it = sources_.find(key);
    return it == sources_.end() ? "unknown" : it->second;
}

}  // namespace assay
