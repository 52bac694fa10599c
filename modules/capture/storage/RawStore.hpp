// RawStore: the raw bytes of capture runs, stored unchanged as files named by their SHA-256.
//
// Purpose: R20 evidence. put() writes to a temporary file in the same directory, flushes it to
// disk (fsync) and renames it into place, so a stored file is complete or absent, never half;
// the same content is stored once. get() returns the bytes and checks them against the hash
// (a changed file is an error, not data).
// Ownership: owns nothing but the directory path. Thread-safety: safe from any thread (rename
// is atomic; writers of the same content write the same bytes).
#pragma once

#include <string>
#include <string_view>

namespace assay::capture {

class RawStore {
public:
    // Creates the 256 fan-out directories (00..ff) and syncs the root once, so that storing a
    // file only has to sync its own directory. Errors: 500 when the directory cannot be made.
    explicit RawStore(std::string dir);
    static std::string sha256(std::string_view bytes);
    // Errors: Error(Internal) when the file cannot be written and synced.
    void put(const std::string& sha, std::string_view bytes);
    // Errors: Error(NotFound) when absent; Error(Internal) when its content no longer matches.
    std::string get(const std::string& sha) const;

private:
    std::string path(const std::string& sha) const;
    std::string dir_;
};

}  // namespace assay::capture
