// ResultApi: HTTP handlers of test items and results (parse, call one service method, render).
//
// Routes (permission):
//   POST  /api/testing/items                    results:write    {order_code, specification_id?}: items of an accepted order
//   GET   /api/testing/items                    results:read     ?mine=1&cursor=&limit= (newest first): the worklist
//   GET   /api/testing/items/{id}               results:read     with every result attempt and its versions; ETag
//   POST  /api/testing/items/{id}/assign        results:assign   {user_id, test_date}, If-Match (R13)
//   POST  /api/testing/items/{id}/results       results:write    {value, retest_reason?}: entry by the assignee (R13, R21)
//   PATCH /api/testing/results/{id}             results:write    {value, reason}, If-Match (R20)
//   POST  /api/testing/results/{id}/check       results:check    If-Match optional (R13: not the performer)
//   POST  /api/testing/results/{id}/approve     results:approve  If-Match optional
//   POST  /api/testing/results/{id}/invalidate  results:approve  {reason}, If-Match
//   GET   /api/testing/entries/{id}             results:read     the raw entry record
// Thread-safety: handlers are safe from any request thread.
#pragma once

#include "assay/Http.hpp"
#include "domain/FormulaService.hpp"
#include "domain/ResultQueries.hpp"
#include "domain/ResultService.hpp"
#include "domain/TestItemService.hpp"

namespace assay::testing {

// The services of the result routes (owned by TestingModule).
struct ResultDeps {
    TestItemService& items;
    ResultService& results;
    ResultQueries& queries;
    FormulaService& formulas;
};

void registerResultRoutes(Router& router, ResultDeps& deps);

}  // namespace assay::testing
