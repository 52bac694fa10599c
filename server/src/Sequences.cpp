// Sequences: one atomic upsert, then read back inside the same transaction.
#include "assay/Sequences.hpp"

namespace assay {

namespace {
constexpr const char* kUpsertSqlite =
    "INSERT INTO lab_sequences (lab_id, name, last_value) VALUES (:lab, :name, 1) "
    "ON CONFLICT (lab_id, name) DO UPDATE SET last_value = last_value + 1";
constexpr const char* kUpsertMysql =
    "INSERT INTO lab_sequences (lab_id, name, last_value) VALUES (:lab, :name, 1) "
    "ON DUPLICATE KEY UPDATE last_value = last_value + 1";
constexpr const char* kSelect = "SELECT last_value FROM lab_sequences WHERE lab_id = :lab AND name = :name";
}  // namespace

std::int64_t Sequences::next(Tx& tx, std::int64_t labId, const std::string& name) {
    long long lab = labId;
    tx.sql() << (tx.isSqlite() ? kUpsertSqlite : kUpsertMysql), soci::use(lab, "lab"), soci::use(name, "name");
    long long value = 0;
    tx.sql() << kSelect, soci::use(lab, "lab"), soci::use(name, "name"), soci::into(value);
    return value;
}

std::optional<std::string> formatNumber(const std::string& format, const std::string& lab, int year, std::int64_t seq) {
    std::string out;
    bool hasSeq = false;
    for (std::size_t i = 0; i < format.size();) {
        if (format[i] != '{') {
            out += format[i++];
            continue;
        }
        const std::size_t close = format.find('}', i);
        if (close == std::string::npos) return std::nullopt;
        const std::string field = format.substr(i + 1, close - i - 1);
        const bool padded = field.size() == 6 && field.rfind("SEQ:0", 0) == 0 && field[5] >= '1' && field[5] <= '9';
        if (field == "LAB") {
            out += lab;
        } else if (field == "YYYY") {
            out += std::to_string(year);
        } else if (field == "YY") {
            out += (year % 100 < 10 ? "0" : "") + std::to_string(year % 100);
        } else if (field == "SEQ" || padded) {
            std::string digits = std::to_string(seq);
            const std::size_t width = padded ? static_cast<std::size_t>(field[5] - '0') : 0;
            if (digits.size() < width) digits.insert(0, width - digits.size(), '0');
            out += digits;
            hasSeq = true;
        } else {
            return std::nullopt;
        }
        i = close + 1;
    }
    if (!hasSeq) return std::nullopt;
    return out;
}

}  // namespace assay
