// AstmRecords: ASTM E1394 (LIS02) records of a message, and the results in them.
//
// Purpose: a message is records ended by CR (LF and CRLF tolerated); the delimiters come from
// the H record (field, then repeat, component and escape: `H|\^&`, Cepheid's `H|@^\`), never
// hard-coded. Escapes (&F& &S& &R& &E&) are decoded in one pass; unknown ones are kept as
// written. Values stay strings as sent ("<0.05", "ND", "***.**", "POS"). results() walks the
// hierarchy (O gives the sample, R the results under it) and takes the analyte code from the
// component of R.3 the instrument's profile names. Nothing here throws on bad bytes: problems
// come back as diagnostics next to what could be read.
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace assay::instruments::astm {

struct Delimiters {
    char field = '|', repeat = '\\', component = '^', escape = '&';
};

struct Record {
    char type = 0;                    // H P O R C Q L M S
    std::vector<std::string> fields;  // fields[0] is the type letter; raw (escapes not decoded)
    int line = 0;                     // 1-based record number in the message
    // Field n (1-based as in the standard), decoded; "" when absent.
    std::string field(std::size_t n, const Delimiters& d) const;
    // Component c (1-based) of field n, decoded; "" when absent.
    std::string component(std::size_t n, std::size_t c, const Delimiters& d) const;
};

struct Message {
    Delimiters delimiters;
    std::vector<Record> records;
    std::vector<std::string> diagnostics;  // "record 4: ..." (never thrown)
};

// Frame digits before the type letter ("1H|..." in framed traffic) are dropped; lines starting
// with '#' (comments in stored samples) are skipped.
Message parseMessage(std::string_view text);

// Decodes E1394 escapes in one pass.
std::string unescape(std::string_view raw, const Delimiters& d);

struct Profile {
    std::size_t testCodeComponent = 4;  // Phadia ^^^t2^sIgE^1 -> 4; Mindray CA^Calcium -> 1; 0: the whole field
};

struct Result {
    std::string sampleId;     // O.3 component 1
    std::string testCode;     // from R.3 per the profile
    std::string value;        // R.4 component 1, exactly as sent
    std::string units;        // R.5
    std::string flags;        // R.7
    std::string status;       // R.9 (F final, C correction, P preliminary ...)
    std::string completedAt;  // R.13 YYYYMMDD[HHMMSS]; "" for none or the 1899-12-30 zero date
    std::string instrument;   // R.14
    int record = 0;           // the R record's number in the message
};

// The results of a message; diagnostics for R records with no O before them.
std::vector<Result> results(const Message& m, const Profile& p, std::vector<std::string>& diagnostics);

// A host query (Q record): the instrument asks for the orders of a specimen. The specimen id
// is Q.3 component 2 (the "starting range": patient id ^ specimen id), else component 1.
struct Query {
    std::string sampleId;
    int record = 0;
};
std::vector<Query> queries(const Message& m);

// The orders for one queried specimen: the instrument's test codes (empty: nothing ordered).
struct Order {
    std::string sampleId;
    std::vector<std::string> testCodes;
};

// The host's answer to queries (E1394 with the standard delimiters): H, then per specimen with
// orders a P and an O record (O.3 the specimen, O.5 the tests repeat-separated, each test code
// at the component the profile names, report type O), then L|1|N; when nothing is ordered for
// any specimen, H then L|1|I ("no information available"). Delimiters and escapes in ids and
// codes are escaped. Records end with CR.
std::string orderMessage(const std::vector<Order>& orders, const Profile& p, std::string_view sender, std::string_view timestamp);

}  // namespace assay::instruments::astm
