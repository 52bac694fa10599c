// RegisterApi: HTTP handlers of the lab register (parse, call one service method, render).
//
// Routes (permission):
//   GET  /api/register/standards               register:read   ?status=&cursor=&limit=
//   POST /api/register/standards               register:write  {number, year, title}
//   GET  /api/register/standards/{id}          register:read   ETag
//   POST /api/register/standards/{id}/status   register:write  {status, replaced_by?, reason}, If-Match
//   GET  /api/register/methods                 register:read
//   POST /api/register/methods                 register:write  {standard_id, clause?, name, principle?, kind, equipment_types[]}
//   GET  /api/register/methods/{id}            register:read   ETag
//   POST /api/register/methods/{id}/withdraw   register:write  {reason}, If-Match
//   GET  /api/register/methods/{id}/records    register:read
//   POST /api/register/methods/{id}/records    register:write  {kind, record_date, record_no, summary?}
//   GET  /api/register/parameters              register:read
//   POST /api/register/parameters              register:write  {name_zh, name_en?, unit, precision_kind, precision_digits, lod?, loq?, mu_model, mu_value?, mu_ranges?}
//   GET  /api/register/parameters/{id}         register:read
//   GET  /api/register/specifications          register:read
//   POST /api/register/specifications          register:write  {name, standard_id?, comparison_mode?, decision_rule?, limits[]}
//   GET  /api/register/specifications/{id}     register:read
//   GET  /api/register/prices                  register:read
//   GET  /api/register/prices/{id}             register:read
//   POST /api/register/prices                  register:write  {parameter_id, method_id, price, valid_from, valid_to?}
//   POST /api/register/import                  register:write  ?kind=&encoding=, body text/csv
// Thread-safety: handlers are safe from any request thread.
#pragma once

#include "assay/Http.hpp"
#include "domain/MethodService.hpp"
#include "domain/ParameterService.hpp"
#include "domain/PriceService.hpp"
#include "domain/RegisterImport.hpp"
#include "domain/SpecificationService.hpp"
#include "domain/StandardService.hpp"

namespace assay::accreditation {

// The register's services, one per aggregate, and its CSV import (owned by AccreditationModule).
struct RegisterDeps {
    StandardService& standards;
    MethodService& methods;
    ParameterService& parameters;
    SpecificationService& specifications;
    PriceService& prices;
    RegisterImport& import;
};

void registerRegisterRoutes(Router& router, RegisterDeps& deps);

}  // namespace assay::accreditation
