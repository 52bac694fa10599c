// SearchTerms: the catalogue's own tokenizer, for the index and for the query alike.
//
// Purpose: Chinese product and parameter words are often one or two characters (铅, 镉, 大米), which
// a trigram index cannot match and a word tokenizer (FTS5 unicode61, Mroonga's default) keeps inside
// a run of characters. indexTerms() turns each field into space-separated terms: a run of Chinese
// characters gives its bigrams in order (大米粉 -> 大米 米粉) and then its characters (大 米 粉);
// other letters and digits give lower-case words split at anything else, so "GB 5009.12-2017"
// gives gb 5009 12 2017 in a row. queryPhrases() turns a query into phrases that must all match: a
// Chinese word of two or more characters is the phrase of its bigrams (重金属 -> "重金 金属"), one
// character is itself; a standard's code and number typed apart are one phrase ("GB 5009.12" ->
// "gb 5009 12", which matches the standard with or without its edition). The database then needs
// only a tokenizer that splits on spaces: FTS5 unicode61 (SQLite) or Mroonga's TokenDelimit.
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <vector>

namespace assay::platform {

std::string indexTerms(const std::vector<std::string>& fields);
std::vector<std::vector<std::string>> queryPhrases(const std::string& query);
// The phrases as an FTS5 MATCH expression ("a b" AND "c") or a Mroonga boolean one
// (+"a_ b_" +"c_"). Mroonga matches a query token as a prefix of an indexed one ("1" finds "12"),
// so on MariaDB every term ends with "_" in the index (mroongaTerms) and in the query alike.
std::string fts5Match(const std::vector<std::vector<std::string>>& phrases);
std::string mroongaMatch(const std::vector<std::vector<std::string>>& phrases);
std::string mroongaTerms(const std::string& terms);

}  // namespace assay::platform
