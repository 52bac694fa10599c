// DemoPlatform: the demo lab's enrolment and two more labs' signed feeds.
#include "demo/DemoPlatform.hpp"

#include <Poco/JSON/Array.h>

#include "assay/Json.hpp"
#include "assay/Log.hpp"
#include "assay/Uscc.hpp"
#include "assay/identity/OrganizationDirectory.hpp"
#include "domain/Envelope.hpp"
#include "domain/FeedIngest.hpp"
#include "domain/InstanceKey.hpp"
#include "domain/LinkService.hpp"
#include "domain/PlatformService.hpp"

namespace assay::platform {

namespace {
struct DemoRow {
    const char* scheme;
    const char* category;
    const char* product;
    const char* parameter;
    const char* parameterEn;
    const char* standard;
    const char* title;
    const char* price;
};

struct DemoLabFeed {
    const char* name;
    const char* first17;
    const char* cma;
    const char* cnas;
    const char* cnasStatus;
    const char* region;
    const char* site;
    int turnaround;
    std::vector<DemoRow> rows;
};

const char* kLeadTitle = "食品安全国家标准 食品中铅的测定";
const char* kCdTitle = "食品安全国家标准 食品中镉的测定";

std::vector<DemoLabFeed> demoLabs() {
    return {
        {"江苏示例检测中心 (demo)", "12320000466001234", "202410000789", "CNAS L2345", "valid", "320106", "南京市鼓楼区示例路 9 号", 5,
         {{"CMA", "粮食及其制品", "大米", "铅(以Pb计)", "Lead (as Pb)", "GB 5009.12-2023", kLeadTitle, "150.00"},
          {"CNAS", "粮食及其制品", "大米", "铅(以Pb计)", "Lead (as Pb)", "GB 5009.12-2023", kLeadTitle, "150.00"},
          {"CMA", "粮食及其制品", "大米", "镉(以Cd计)", "Cadmium (as Cd)", "GB 5009.15-2023", kCdTitle, "150.00"},
          {"CNAS", "粮食及其制品", "大米", "镉(以Cd计)", "Cadmium (as Cd)", "GB 5009.15-2023", kCdTitle, "150.00"},
          {"CMA", "粮食及其制品", "小麦粉", "铅(以Pb计)", "Lead (as Pb)", "GB 5009.12-2023", kLeadTitle, "150.00"},
          {"CMA", "蔬菜及其制品", "叶菜类蔬菜", "镉(以Cd计)", "Cadmium (as Cd)", "GB 5009.15-2023", kCdTitle, "130.00"}}},
        {"深圳示例质检研究院 (demo)", "12440300455812345", "202319000321", "CNAS L3456", "suspended", "440304", "深圳市福田区示例大道 66 号", 7,
         {{"CMA", "粮食及其制品", "大米", "铅(以Pb计)", "Lead (as Pb)", "GB 5009.12-2017", kLeadTitle, "120.00"},
          {"CNAS", "粮食及其制品", "大米", "铅(以Pb计)", "Lead (as Pb)", "GB 5009.12-2017", kLeadTitle, "120.00"},
          {"CMA", "粮食及其制品", "大米", "无机砷(以As计)", "Inorganic arsenic (as As)", "GB 5009.11-2024",
           "食品安全国家标准 食品中总砷及无机砷的测定", "260.00"},
          {"CMA", "食用油、油脂及其制品", "食用植物油", "苯并[a]芘", "Benzo[a]pyrene", "GB 5009.27-2016",
           "食品安全国家标准 食品中苯并(a)芘的测定", "300.00"},
          {"CNAS", "茶叶及相关制品", "茶叶", "铅(以Pb计)", "Lead (as Pb)", "GB 5009.12-2017", kLeadTitle, "160.00"}}},
    };
}

Principal operatorPrincipal() {
    Principal op;
    op.username = "system";
    op.displayName = "demo operator";
    op.roles = {"platform_operator"};
    return op;
}

bool enrolled(PlatformService& platform, const std::string& uscc) {
    for (const char* state : {"pending", "approved"})
        for (const auto& e : platform.enrolments(state, 0, 500))
            if (e.uscc == uscc) return true;
    return false;
}

Poco::JSON::Object::Ptr catalogueBody(const DemoLabFeed& d, const std::string& today) {
    auto body = makeObject();
    body->set("date", today);
    body->set("turnaround_days", d.turnaround);
    Poco::JSON::Array::Ptr standings = new Poco::JSON::Array;
    for (const auto& [scheme, number, status] : {std::tuple{"CMA", d.cma, "valid"}, std::tuple{"CNAS", d.cnas, d.cnasStatus}}) {
        auto s = makeObject();
        s->set("scheme", std::string(scheme));
        s->set("number", std::string(number));
        s->set("status", std::string(status));
        s->set("valid_to", std::string("2029-12-31"));
        standings->add(s);
    }
    body->set("standings", standings);
    Poco::JSON::Array::Ptr rows = new Poco::JSON::Array;
    long key = 1;
    for (const auto& r : d.rows) {
        auto o = makeObject();
        o->set("row_key", std::to_string(key++));
        o->set("scheme", std::string(r.scheme));
        o->set("site", std::string(d.site));
        o->set("category", std::string(r.category));
        o->set("product", std::string(r.product));
        o->set("parameter", std::string(r.parameter));
        o->set("parameter_en", std::string(r.parameterEn));
        o->set("standard", std::string(r.standard));
        o->set("standard_title", std::string(r.title));
        o->set("price", std::string(r.price));
        rows->add(o);
    }
    body->set("rows", rows);
    return body;
}

void send(FeedIngest& feed, std::int64_t lab, std::int64_t seq, const char* type, const Poco::JSON::Object::Ptr& body,
          const NewInstanceKey& key, const std::string& pass, const std::string& at) {
    Envelope e;
    e.lab = lab;
    e.seq = seq;
    e.type = type;
    e.occurredAt = at;
    e.keyId = key.keyId;
    e.body = body;
    e.signature = signBase64(key.encryptedPrivatePem, pass, signedText(e));
    feed.receive(wireJson(e));
}

// Another lab's instance: its own key, its signed enrolment, the operator's approval, then its
// catalogue and one report record through the feed's checks.
void seedOtherLab(ModuleContext& ctx, PlatformService& platform, FeedIngest& feed, const DemoLabFeed& d) {
    const std::string uscc = std::string(d.first17) + *usccCheckCharacter(d.first17);
    if (enrolled(platform, uscc)) return;
    const std::string pass = "demo-lab-key";
    const NewInstanceKey key = generateInstanceKey(pass);
    auto req = makeObject();
    req->set("name", std::string(d.name));
    req->set("uscc", uscc);
    req->set("cma_no", std::string(d.cma));
    req->set("cnas_no", std::string(d.cnas));
    req->set("region", std::string(d.region));
    req->set("turnaround_days", d.turnaround);
    req->set("key_id", key.keyId);
    req->set("public_key", key.publicPem);
    req->set("signature", signBase64(key.encryptedPrivatePem, pass, canonicalJson(req)));
    const auto e = platform.requestEnrolment(req, "demo");
    platform.decide(operatorPrincipal(), e.id, true, "", "demo");
    const std::string today = isoDateInLab(ctx.clock().now()), at = formatRfc3339(ctx.clock().now());
    send(feed, e.id, 1, kTypeCatalogue, catalogueBody(d, today), key, pass, at);
    auto report = makeObject();
    report->set("number", std::string(d.cma).substr(0, 4) + "-R2026000123");
    report->set("verification_code", std::string(d.first17).substr(8, 8) + "DEMOCODE");
    report->set("status", std::string("issued"));
    report->set("issue_date", today);
    report->set("pdf_sha256", sha256Hex(std::string(d.name) + " demo report"));
    send(feed, e.id, 2, kTypeReport, report, key, pass, at);
}

// The demo lab (GDQT) asks through its own link; the approval waits in its inbox for assayd.
void seedDemoLab(ModuleContext& ctx, LinkService& link, PlatformService& platform) {
    auto& orgs = ctx.services().require<identity::OrganizationDirectory>();
    const auto lab = ctx.db().read([&](Tx& tx) { return orgs.organizationByCode(tx, "GDQT"); });
    if (!lab || enrolled(platform, lab->uscc)) return;
    Principal manager;
    manager.username = "system";
    manager.orgId = lab->id;
    manager.orgKind = "lab";
    manager.roles = {"manager"};
    if (link.view(manager).link.keys.empty()) link.createKey(manager, "demo");
    EnrolRequest in;
    in.region = "440106";
    in.turnaroundDays = 7;
    auto prepared = link.prepareEnrolment(manager, in);
    const auto e = platform.requestEnrolment(parseObject(prepared.bodyJson), "demo");
    link.recordEnrolment(manager, std::move(prepared), e.id, "demo");
    platform.decide(operatorPrincipal(), e.id, true, "", "demo");
}
}  // namespace

void seedDemoPlatform(ModuleContext& ctx, LinkService* link, FeedIngest& feed) {
    PlatformService platform(ctx.db(), ctx.clock(), ctx.ids(), ctx.audit());
    if (link) seedDemoLab(ctx, *link, platform);
    for (const auto& d : demoLabs()) seedOtherLab(ctx, platform, feed, d);
}

}  // namespace assay::platform
