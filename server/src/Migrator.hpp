// Migrator: applies schema/<module>/NNNN_name.{sqlite,mysql}.sql and guards them by checksum.
//
// Purpose: every module's tables come from numbered migration files, one per backend, both
// required (the schema stays portable from day one). Applied migrations are recorded in
// schema_migrations with the SHA-256 of the file; a recorded migration whose file was edited or
// removed stops start-up with a message naming the file. Each migration runs in its own
// transaction (SQLite DDL is transactional; MariaDB commits DDL implicitly, see
// docs/operations.md for recovering a half-applied migration there). On MariaDB the whole run
// holds GET_LOCK('assay_migrate'), so nodes starting together migrate one at a time.
// Thread-safety: run at start-up, on one thread, before the server accepts connections.
#pragma once

#include <string>
#include <vector>

#include "assay/Clock.hpp"
#include "assay/Db.hpp"

namespace assay {

struct MigrationFile {
    std::string module;
    int version = 0;
    std::string name;
    std::string path;
    std::string sql;
    std::string checksum;
};

class Migrator {
public:
    Migrator(Db& db, std::string schemaDir, const Clock& clock);

    // Checks recorded migrations, then applies the pending ones of each module (in the order
    // given). Returns "module/NNNN_name" for each applied file.
    // Errors: Error(FailedPrecondition) naming the file for an edited or missing migration, a
    // migration present for one backend only, or a malformed file name; database errors from
    // a failing statement name the file too.
    std::vector<std::string> migrate(const std::vector<std::string>& modules);

    // The files of one module for this backend, sorted by version.
    std::vector<MigrationFile> files(const std::string& module) const;
    // Splits a script into statements at ';' outside quotes and comments.
    static std::vector<std::string> splitStatements(const std::string& script);

private:
    std::vector<std::string> migrateLocked(const std::vector<std::string>& modules);
    Db& db_;
    std::string dir_;
    const Clock& clock_;
};

}  // namespace assay
