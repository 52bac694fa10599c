// RegisterParts: what every service of the register (standards, methods, parameters,
// specifications, prices) holds: the host's Db, Clock, IdGenerator and AuditLog, and the
// register's repository.
//
// Purpose: the register's services were split by aggregate (issue 12); each had the same five
// members and the same constructor. They inherit them from here (privately: a service is not a
// RegisterParts to anyone else) and keep their own extra members.
// Ownership: borrows the host's services; owns a (stateless) RegisterRepository.
// Thread-safety: as the services: safe from any request thread.
#pragma once

#include "assay/Audit.hpp"
#include "assay/Clock.hpp"
#include "assay/Db.hpp"
#include "assay/IdGenerator.hpp"
#include "storage/RegisterRepository.hpp"

namespace assay::accreditation {

class RegisterParts {
public:
    RegisterParts(Db& db, const Clock& clock, IdGenerator& ids, AuditLog& audit)
        : db_(db), clock_(clock), ids_(ids), audit_(audit) {}

protected:
    Db& db_;
    const Clock& clock_;
    IdGenerator& ids_;
    AuditLog& audit_;
    RegisterRepository repo_;
};

}  // namespace assay::accreditation
