// ResultEvents: the result.failed_limit payload.
#include "domain/ResultEvents.hpp"

#include "assay/Clock.hpp"
#include "assay/Json.hpp"

namespace assay::testing {

std::string resultFailedLimitPayload(const TestItem& item, const Result& r, int version) {
    auto o = makeObject();
    o->set("result_id", std::to_string(r.id));
    o->set("version", version);
    o->set("lab_id", std::to_string(r.labId));
    o->set("test_item_id", std::to_string(item.id));
    o->set("order_code", item.orderCode);
    o->set("sample_code", item.sampleCode);
    o->set("product", item.product);
    o->set("parameter_id", std::to_string(item.parameterId));
    o->set("method_id", std::to_string(item.methodId));
    if (item.specificationId) o->set("specification_id", std::to_string(*item.specificationId));
    o->set("attempt", r.attempt);
    o->set("value", r.valueText);
    o->set("reported", r.reported);
    o->set("unit", r.unit);
    if (r.limitText) o->set("limit", *r.limitText);
    if (r.uncertainty) o->set("uncertainty", r.uncertainty->toString());
    o->set("conformity", r.conformity.value_or(""));
    o->set("status", toString(r.status));
    o->set("performed_by", r.performerName);
    o->set("judged_at", formatRfc3339(fromEpochMillis(r.updatedAtMs)));
    return toJson(o);
}

void publishFailedLimit(Outbox* outbox, Tx& tx, const TestItem& item, const Result& r, int version) {
    if (outbox && r.conformity == "fail") outbox->enqueue(tx, kResultFailedLimitTopic, r.labId, resultFailedLimitPayload(item, r, version));
}

}  // namespace assay::testing
