// OrderBookings: OrderService as the BookingDesk of the platform link (orders booked by SMEs).
#include <map>

#include "assay/Text.hpp"
#include "assay/identity/RequireLab.hpp"
#include "domain/IntakeMessages.hpp"
#include "domain/OrderService.hpp"
#include "storage/SampleRepository.hpp"

namespace assay::intake {

std::string OrderService::createBookedOrder(Tx& tx, const Principal& lab, const BookedOrder& in, const std::string& requestId) {
    OrderTerms t;
    t.customerOrgId = in.customerOrgId;
    t.contactName = in.contactName;
    t.contactPhone = in.contactPhone;
    t.contactEmail = in.contactEmail;
    t.dueDate = in.dueDate;
    t.site = in.site;
    t.wantCma = in.wantCma;
    t.wantCnas = in.wantCnas;
    t.reportLanguage = in.reportLanguage;
    t.uncertainty = in.uncertainty;
    t.decisionRule = in.decisionRule;
    std::vector<OrderSampleInput> samples;
    for (const auto& b : in.samples) {
        OrderSampleInput s;
        s.sample.name = b.name;
        s.sample.productCategory = b.category;
        s.sample.product = b.product;
        s.sample.brand = b.brand;
        s.sample.model = b.model;
        s.sample.batchNo = b.batchNo;
        s.sample.manufacturer = b.manufacturer;
        s.sample.manufacturerUscc = b.manufacturerUscc;
        if (b.quantity) s.sample.quantity = Decimal::parse(*b.quantity);
        s.sample.unit = b.unit;
        s.sample.customerOrgId = in.customerOrgId;
        for (const auto& i : b.items) s.items.push_back({i.parameterId, i.methodId, std::nullopt});
        samples.push_back(std::move(s));
    }
    return createIn(tx, lab, t, samples, requestId).code;
}

std::optional<OrderState> OrderService::orderState(Tx& tx, std::int64_t labId, const std::string& code) {
    auto o = repo_.find(tx, {labId, 0}, code);
    if (!o) return std::nullopt;
    OrderState st;
    st.code = o->code;
    st.status = std::string(toString(o->status));
    st.dueDate = o->dueDate;
    if (o->quoteTotal) st.quoteTotal = o->quoteTotal->toString();
    for (const auto& i : repo_.items(tx, labId, o->id)) {
        BookedItemState b;
        b.position = i.position;
        b.sampleCode = i.sampleCode;
        b.parameter = i.parameterName;
        b.method = i.methodCitation;
        b.reviewed = i.reviewed;
        b.canPerform = i.canPerform;
        b.excluded = i.excluded;
        b.outsideAccepted = i.outsideScopeAccepted;
        if (i.reviewed && o->wantCma && !i.cmaInScope) b.outsideScope.push_back("CMA");
        if (i.reviewed && o->wantCnas && !i.cnasInScope) b.outsideScope.push_back("CNAS");
        if (i.reviewed && !i.canPerform) b.reason = i.blockers;
        else if (!b.outsideScope.empty()) b.reason = o->wantCma && !i.cmaInScope ? i.cmaReason : i.cnasReason;
        if (i.price) b.price = i.price->toString();
        st.items.push_back(std::move(b));
    }
    for (const auto& s : SampleRepository().ofOrder(tx, labId, o->id)) {
        BookedSampleState b;
        b.code = s.code;
        b.name = s.name;
        b.status = std::string(toString(s.status));
        b.condition = s.condition;
        b.deviation = s.deviation;
        b.customerDecision = s.customerDecision;
        if (s.receivedAtMs) b.receivedAt = formatRfc3339(fromEpochMillis(*s.receivedAtMs));
        st.samples.push_back(std::move(b));
    }
    return st;
}

namespace {
Order current(OrderRepository& repo, Tx& tx, std::int64_t labId, const std::string& code) {
    auto o = repo.find(tx, {labId, 0}, code);
    if (!o) throw Error::notFound("order");
    return *o;
}
}  // namespace

void OrderService::acceptBookedOrder(Tx& tx, const Principal& lab, const std::string& code, const std::vector<int>& outsidePositions,
                                     const std::string& note, const std::string& dueDate, const std::string& requestId) {
    const Order before = current(repo_, tx, identity::requireLab(lab), code);
    int version = before.version;
    for (const int position : outsidePositions) {
        ItemDecision d;
        d.acceptOutsideScope = true;
        d.note = note;
        version = decideIn(tx, lab, code, version, position, d, requestId).version;
    }
    if (!dueDate.empty() && dueDate != before.dueDate) version = setDueDateIn(tx, lab, code, version, dueDate, note, requestId).version;
    acceptIn(tx, lab, code, version, requestId);
}

void OrderService::cancelBookedOrder(Tx& tx, const Principal& lab, const std::string& code, const std::string& reason,
                                     const std::string& requestId) {
    cancelIn(tx, lab, code, current(repo_, tx, identity::requireLab(lab), code).version, reason, requestId);
}

}  // namespace assay::intake
