// LinkStore: all SQL of the lab side of the link (plat_link, plat_link_keys).
// Thread-safety: stateless; works on the caller's Tx.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "assay/Db.hpp"
#include "domain/Platform.hpp"

namespace assay::platform {

class LinkStore {
public:
    std::optional<Link> link(Tx& tx, std::int64_t labId);  // with its keys, newest first
    void ensureLink(Tx& tx, std::int64_t labId);            // a row in state none
    void setRequested(Tx& tx, const Link& l);
    void setDecision(Tx& tx, std::int64_t labId, const std::string& state, const std::optional<std::string>& reason, std::int64_t atMs);
    bool advanceInbox(Tx& tx, std::int64_t labId, std::int64_t from, std::int64_t to);
    void setPollError(Tx& tx, std::int64_t labId, const std::optional<std::string>& error);
    void markDirty(Tx& tx, std::int64_t labId);
    // True once per change or day: clears the dirty mark and records today (conditional update).
    bool claimPublication(Tx& tx, std::int64_t labId, const std::string& today);
    std::vector<std::int64_t> labsInState(Tx& tx, const std::string& a, const std::string& b);

    void insertKey(Tx& tx, std::int64_t labId, const LinkKey& k);
    void retireKeys(Tx& tx, std::int64_t labId, std::int64_t atMs);
};

}  // namespace assay::platform
