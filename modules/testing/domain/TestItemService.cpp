// TestItemService: test items made from accepted orders, and their assignment (R13, R23).
#include "domain/TestItemService.hpp"

#include <algorithm>

#include "domain/TestingMessages.hpp"
#include "assay/Messages.hpp"
#include "assay/identity/RequireLab.hpp"
#include "domain/TestingRules.hpp"

namespace assay::testing {

namespace {
bool isDate(const std::string& s) { return s.size() == 10 && parseIsoDate(s).has_value(); }
}  // namespace

std::vector<TestItem> TestItemService::createFromOrder(const Principal& p, const std::string& orderCode,
                                                     std::optional<std::int64_t> specId, const std::string& requestId) {
    const std::int64_t lab = identity::requireLab(p);
    return db_.write([&](Tx& tx) { return createFromOrderIn(tx, p, lab, orderCode, specId, requestId); });
}

std::vector<TestItem> TestItemService::createFromOrderIn(Tx& tx, const Principal& p, std::int64_t lab, const std::string& orderCode,
                                                       std::optional<std::int64_t> specId, const std::string& requestId) {
    const auto ordered = orders_.acceptedItems(tx, lab, orderCode);
    if (specId) {
        std::vector<accreditation::Register::LimitQuery> asked;
        for (const auto& o : ordered) asked.push_back({*specId, o.parameterId, o.sampleName, o.productCategory});
        const auto found = register_.limits(tx, lab, asked);
        if (std::none_of(found.begin(), found.end(), [](const auto& l) { return l.has_value(); }))
            throw Error::invalidField("specification_id", Message(msg::kSpecNoLimit));
    }
    std::vector<TestItem> out;
    for (const auto& o : ordered) {
        if (auto existing = repo_.itemForOrderItem(tx, lab, o.orderItemId)) {
            // Made at acceptance without a specification: the first one named, before any
            // result, is the item's (a later change is not this call's to make).
            if (specId && !existing->specificationId && repo_.resultsOf(tx, lab, existing->id).empty()) {
                TestItem next = *existing;
                next.specificationId = specId;
                next.updatedAtMs = toEpochMillis(clock_.now());
                if (!repo_.updateItem(tx, next, existing->version))
                    throw Error::preconditionFailed(Message(msg::kItemChanged));
                next.version = existing->version + 1;
                audit_.record(tx, &p, requestId,
                              {"test_item", std::to_string(next.id), "update", "specification_id", std::nullopt,
                               std::to_string(*specId), std::nullopt});
                existing = next;
            }
            out.push_back(*existing);
            continue;
        }
        TestItem i;
        i.id = ids_.next();
        i.labId = lab;
        i.orderItemId = o.orderItemId;
        i.orderCode = o.orderCode;
        i.sampleId = o.sampleId;
        i.sampleCode = o.sampleCode;
        i.product = o.sampleName;
        i.productCategory = o.productCategory;
        i.parameterId = o.parameterId;
        i.methodId = o.methodId;
        i.specificationId = specId ? specId : o.specificationId;  // the order's choice, else the sample's at contract review
        i.decisionRule = o.decisionRule;
        i.createdAtMs = i.updatedAtMs = toEpochMillis(clock_.now());
        repo_.insertItem(tx, i);
        audit_.record(tx, &p, requestId,
                      {"test_item", std::to_string(i.id), "create", "", std::nullopt,
                       o.sampleCode + " parameter " + std::to_string(o.parameterId) + " method " + std::to_string(o.methodId) +
                           " (order " + o.orderCode + ")",
                       std::nullopt});
        out.push_back(i);
    }
    return out;
}

TestItemService::Assignees TestItemService::assignees(const Principal& p, std::int64_t itemId, const std::string& dateGiven) {
    const std::string testDate = dateGiven.empty() ? isoDateInLab(clock_.now()) : dateGiven;
    if (!isDate(testDate)) throw Error::invalidField("test_date", assay::msg::kNotDate);
    const std::int64_t lab = identity::requireLab(p);
    return db_.read([&](Tx& tx) {
        auto item = repo_.findItem(tx, lab, itemId);
        if (!item) throw Error::notFound("test item");
        Assignees out{testDate, register_.methodUsableOn(tx, lab, item->methodId, testDate), {}};
        if (out.method.ok) out.people = staff_.assignableOn(tx, lab, item->methodId, testDate);
        return out;
    });
}

TestItem TestItemService::assign(const Principal& p, std::int64_t itemId, int expectedVersion, std::int64_t userId,
                               const std::string& testDate, const std::string& requestId) {
    std::vector<FieldError> errors;
    if (userId <= 0) errors.push_back({"user_id", msg::kTechnicianRequired});
    if (!isDate(testDate)) errors.push_back({"test_date", assay::msg::kRequiredDate});
    if (!errors.empty()) throw Error::invalid(errors);
    const std::int64_t lab = identity::requireLab(p);
    // One write transaction: the user, the item, the accreditation answers (in the same
    // transaction, about the item as it is stored) and the change.
    return db_.write([&](Tx& tx) {
        auto user = users_.userById(tx, userId);
        if (!user || user->orgId != lab) throw Error::invalidField("user_id", Message(msg::kNoSuchUser));
        auto item = repo_.findItem(tx, lab, itemId);
        if (!item) throw Error::notFound("test item");
        if (item->version != expectedVersion) throw Error::preconditionFailed(Message(msg::kItemChanged));
        const auto results = repo_.resultsOf(tx, lab, itemId);
        if (!results.empty() && results.back().status != ResultStatus::Invalidated)
            throw Error::conflict(Message(msg::kItemHasResult), {});
        // R23: the method is current and verified (or validated) on the test date.
        requireOk(register_.methodUsableOn(tx, lab, item->methodId, testDate));
        // R13: an authorization to perform the method, in force on the test date.
        requireOk(staff_.mayPerform(tx, lab, userId, item->methodId, testDate));
        TestItem next = *item;
        next.assigneeUserId = userId;
        next.assigneeName = user->displayName.empty() ? user->username : user->displayName;
        next.testDate = testDate;
        next.updatedAtMs = toEpochMillis(clock_.now());
        if (!repo_.updateItem(tx, next, expectedVersion)) throw Error::preconditionFailed(Message(msg::kItemChanged));
        next.version = expectedVersion + 1;
        audit_.record(tx, &p, requestId,
                      {"test_item", std::to_string(itemId), "assign", "assignee", item->assigneeName,
                       *next.assigneeName + " on " + testDate, std::nullopt});
        if (samples_)
            samples_->advance(tx, p, lab, item->sampleCode, intake::SampleStage::InTesting,
                              "test item " + std::to_string(itemId) + " assigned to " + *next.assigneeName, requestId);
        return next;
    });
}

}  // namespace assay::testing
