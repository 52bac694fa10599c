// Sequences: per-lab, gap-free counters for human-facing numbers (sample codes, report numbers).
//
// Purpose: a number is taken inside the caller's transaction, so a rolled-back transaction
// gives its number back and committed numbers have no gaps and no duplicates. The UPDATE
// takes the row lock (MariaDB) or the write lock (SQLite) first, so concurrent callers queue.
// Thread-safety: stateless; safe from any thread.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "assay/Db.hpp"

namespace assay {

// A human-facing number from a format: {LAB} the lab code, {YYYY} / {YY} the year, {SEQ} or
// {SEQ:0n} the sequence value padded to n digits (e.g. "{LAB}-R{YYYY}{SEQ:06}" → GDQT-R2026000012).
// Empty when the format has no {SEQ} or an unknown field.
std::optional<std::string> formatNumber(const std::string& format, const std::string& lab, int year, std::int64_t seq);

class Sequences {
public:
    // Returns the next value (1, 2, 3 ...) of the named sequence of labId, creating it at 1.
    static std::int64_t next(Tx& tx, std::int64_t labId, const std::string& name);
};

}  // namespace assay
