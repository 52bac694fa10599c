// DemoLab: the demo lab's accreditation records, through the services' public use cases.
#include "demo/DemoLab.hpp"

#include <algorithm>
#include <optional>
#include <utility>
#include <vector>

#include "assay/Clock.hpp"
#include "assay/Decimal.hpp"

namespace assay::accreditation {

namespace {
// The demo's acting principal: the system, in the demo lab.
Principal systemIn(std::int64_t lab) {
    Principal sys;
    sys.username = "system";
    sys.orgId = lab;
    sys.orgKind = "lab";
    return sys;
}

Decimal dec(const char* v) { return *Decimal::parse(v); }

std::optional<Standard> edition(const std::vector<Standard>& all, const std::string& number, int year) {
    auto it = std::find_if(all.begin(), all.end(), [&](const Standard& s) { return s.ref.number == number && s.ref.year == year; });
    return it == all.end() ? std::nullopt : std::optional<Standard>(*it);
}

std::optional<Parameter> named(const std::vector<Parameter>& all, const std::string& nameZh) {
    auto it = std::find_if(all.begin(), all.end(), [&](const Parameter& x) { return x.nameZh == nameZh && x.unit == "mg/kg"; });
    return it == all.end() ? std::nullopt : std::optional<Parameter>(*it);
}

std::vector<Standard> standardsOf(const DemoLabServices& s, const Principal& sys) {
    return s.standards.standards(sys, 0, 500, std::nullopt);
}

void seedStandards(const DemoLabServices& s, const Principal& sys) {
    struct Demo { const char* number; int year; const char* title; };
    // Demo editions (DOMAIN.md): check against the current texts before production use.
    const Demo demo[] = {
        {"GB 5009.12", 2023, "食品安全国家标准 食品中铅的测定"},
        {"GB 5009.15", 2023, "食品安全国家标准 食品中镉的测定"},
        {"GB 5009.17", 2021, "食品安全国家标准 食品中总汞及有机汞的测定"},
        {"GB 5009.11", 2024, "食品安全国家标准 食品中总砷及无机砷的测定"},
        {"GB 5009.268", 2016, "食品安全国家标准 食品中多元素的测定"},
        {"GB 2762", 2022, "食品安全国家标准 食品中污染物限量"},
        {"GB 5009.12", 2017, "食品安全国家标准 食品中铅的测定"},
    };
    const auto existing = standardsOf(s, sys);
    for (const auto& d : demo)
        if (!edition(existing, d.number, d.year)) s.standards.createStandard(sys, {d.number, d.year, d.title}, "demo");
}

void seedMethods(const DemoLabServices& s, const Principal& sys) {
    struct DemoMethod { const char* number; int year; const char* clause; const char* name; const char* equipment; const char* record; };
    const DemoMethod demoMethods[] = {
        {"GB 5009.12", 2023, "第一法", "石墨炉原子吸收光谱法 (铅)", "原子吸收光谱仪", "FV-2024-012"},
        {"GB 5009.15", 2023, "第一法", "石墨炉原子吸收光谱法 (镉)", "原子吸收光谱仪", "FV-2024-015"},
        {"GB 5009.17", 2021, "第一篇 第一法", "原子荧光光谱分析法 (总汞)", "原子荧光光谱仪", "FV-2024-017"},
        {"GB 5009.11", 2024, "第二篇 第一法", "液相色谱-原子荧光光谱法 (无机砷)", "原子荧光光谱仪", "FV-2025-011"},
        {"GB 5009.268", 2016, "第一法", "电感耦合等离子体质谱法 (多元素)", "电感耦合等离子体质谱仪", "FV-2024-268"},
    };
    const auto existing = s.methods.methods(sys, 0, 500);
    const auto standards = standardsOf(s, sys);
    for (const auto& d : demoMethods) {
        const bool have = std::any_of(existing.begin(), existing.end(), [&](const Method& m) { return m.ref.name == d.name; });
        if (have) continue;
        auto standard = edition(standards, d.number, d.year);
        if (!standard) continue;
        Method m = s.methods.createMethod(
            sys, {standard->ref.id, std::string(d.clause), d.name, std::nullopt, "standard", {d.equipment}, std::nullopt}, "demo");
        s.methods.addMethodRecord(sys, m.ref.id, {"verification", "2024-03-15", d.record, std::string("方法验证报告 (demo)")}, "demo");
    }
}

void seedParameters(const DemoLabServices& s, const Principal& sys) {
    struct DemoParameter { const char* zh; const char* en; const char* lod; const char* loq; const char* mu; };
    const DemoParameter demoParameters[] = {
        {"铅(以Pb计)", "Lead (as Pb)", "0.005", "0.01", "12"},
        {"镉(以Cd计)", "Cadmium (as Cd)", "0.001", "0.003", "15"},
        {"总汞(以Hg计)", "Total mercury (as Hg)", "0.003", "0.01", "18"},
        {"无机砷(以As计)", "Inorganic arsenic (as As)", "0.01", "0.03", ""},
    };
    const auto existing = s.parameters.parameters(sys, 0, 500);
    for (const auto& d : demoParameters) {
        if (named(existing, d.zh)) continue;
        Parameter x;
        x.nameZh = d.zh;
        x.nameEn = std::string(d.en);
        x.unit = "mg/kg";
        x.precisionKind = "significant";
        x.precisionDigits = 2;
        x.lod = dec(d.lod);
        x.loq = dec(d.loq);
        if (*d.mu) {
            x.muModel = "relative";
            x.muValue = dec(d.mu);
        } else {  // inorganic arsenic: uncertainty by range
            x.muModel = "range";
            x.muBands = {{dec("0.1"), dec("25")}, {std::nullopt, dec("15")}};
        }
        s.parameters.createParameter(sys, x, "demo");
    }
}

void seedSpecification(const DemoLabServices& s, const Principal& sys) {
    const std::string specName = "GB 2762-2022 污染物限量 (谷物)";
    const auto all = s.specifications.specifications(sys, 0, 500);
    if (std::any_of(all.begin(), all.end(), [&](const Specification& x) { return x.name == specName; })) return;
    Specification spec;
    spec.name = specName;
    if (auto st = edition(standardsOf(s, sys), "GB 2762", 2022)) spec.standardId = st->ref.id;
    const auto parameters = s.parameters.parameters(sys, 0, 500);
    const std::pair<const char*, const char*> limits[] = {
        {"铅(以Pb计)", "0.2"}, {"镉(以Cd计)", "0.2"}, {"总汞(以Hg计)", "0.02"}, {"无机砷(以As计)", "0.2"}};
    for (const auto& [name, max] : limits) {
        auto param = named(parameters, name);
        if (!param) continue;
        SpecLimit l;
        l.parameterId = param->id;
        l.productCategory = "大米";
        l.maxOp = std::string("<=");
        l.maxValue = dec(max);
        l.clause = std::string("表1");
        spec.limits.push_back(l);
    }
    if (!spec.limits.empty()) s.specifications.createSpecification(sys, spec, "demo");
}

void seedReplacedEdition(const DemoLabServices& s, const Principal& sys) {
    const auto standards = standardsOf(s, sys);
    auto old = edition(standards, "GB 5009.12", 2017);
    auto current = edition(standards, "GB 5009.12", 2023);
    if (old && current && old->ref.status == StandardStatus::Current)
        s.standards.changeStandardStatus(sys, old->ref.id, old->version, "replaced", current->ref.id,
                                         "superseded by the 2023 edition", "demo");
}

// The price list (demo CNY prices), valid from 2024-01-01.
void seedPrices(const DemoLabServices& s, const Principal& sys) {
    if (!s.prices.prices(sys, 0, 1).empty()) return;
    const std::pair<const char*, const char*> priced[] = {{"(铅)", "铅(以Pb计)"}, {"(镉)", "镉(以Cd计)"},
                                                          {"(总汞)", "总汞(以Hg计)"}, {"(无机砷)", "无机砷(以As计)"}};
    const char* amounts[] = {"150.00", "150.00", "180.00", "260.00"};
    const auto parameters = s.parameters.parameters(sys, 0, 500);
    const auto methods = s.methods.methods(sys, 0, 500);
    for (std::size_t i = 0; i < 4; ++i) {
        auto param = named(parameters, priced[i].second);
        for (const auto& m : methods) {
            const bool icp = m.ref.name.find("(多元素)") != std::string::npos && i < 2;
            if (!param || (m.ref.name.find(priced[i].first) == std::string::npos && !icp)) continue;
            Price price;
            price.parameterId = param->id;
            price.methodId = m.ref.id;
            price.amount = dec(icp ? "120.00" : amounts[i]);
            price.validFrom = "2024-01-01";
            s.prices.createPrice(sys, price, "demo");
        }
    }
}

void seedQualifications(const DemoLabServices& s, const Principal& sys) {
    // DOMAIN.md: CMA 202619000123 valid from 2024-03-01 for 6 years; CNAS L1234 with ILAC-MRA.
    const QualificationInput demo[] = {
        {Scheme::Cma, "202619000123", "广东省市场监督管理局", "2024-03-01", std::nullopt, false},
        {Scheme::Cnas, "CNAS L1234", "中国合格评定国家认可委员会", "2023-06-15", std::nullopt, true},
    };
    for (const auto& d : demo) {
        const auto held = s.qualifications.list(sys, d.scheme);
        const bool have = std::any_of(held.begin(), held.end(), [&](const Qualification& q) { return q.number == d.number; });
        if (!have) s.qualifications.create(sys, d, "demo");
    }
}

void seedScope(const DemoLabServices& s, const Principal& sys) {
    if (!s.scope.changes(sys, 0, 1).empty()) return;  // the demo scope is recorded once
    struct Metal { const char* parameter; const char* number; int year; const char* clause; bool cnas; };
    // Inorganic arsenic is deliberately inside the CMA scope but outside the CNAS one (DOMAIN.md).
    const Metal metals[] = {
        {"铅(以Pb计)", "GB 5009.12", 2023, "第一法", true},
        {"镉(以Cd计)", "GB 5009.15", 2023, "第一法", true},
        {"总汞(以Hg计)", "GB 5009.17", 2021, nullptr, true},
        {"无机砷(以As计)", "GB 5009.11", 2024, nullptr, false},
    };
    const std::pair<const char*, const char*> products[] = {
        {"粮食及其制品", "大米"}, {"粮食及其制品", "小麦粉"}, {"茶叶及相关制品", "茶叶"}, {"食用油、油脂及其制品", "食用植物油"}};
    const std::string site = "天河实验室";
    const auto parameters = s.parameters.parameters(sys, 0, 500);
    const auto standards = standardsOf(s, sys);
    auto rowsFor = [&](bool cnas) {
        std::vector<ScopeRowInput> out;
        for (const auto& [category, product] : products)
            for (const auto& m : metals) {
                if (cnas && !m.cnas) continue;
                auto param = named(parameters, m.parameter);
                auto st = edition(standards, m.number, m.year);
                if (!param || !st) continue;
                ScopeRowInput r;
                r.site = site;
                r.category = std::string(category);
                r.product = std::string(product);
                r.parameterId = param->id;
                r.standardId = st->ref.id;
                if (m.clause) r.clause = std::string(m.clause);
                if (std::string(product) == "茶叶" && std::string(m.parameter) == "铅(以Pb计)")
                    r.limitation = std::string("不适用于速溶茶");  // the row with a limitation
                if (cnas) r.mraCovered = true;
                out.push_back(r);
            }
        // Two more rows for rice by ICP-MS (GB 5009.268-2016).
        auto icp = edition(standards, "GB 5009.268", 2016);
        for (const char* name : {"铅(以Pb计)", "镉(以Cd计)"}) {
            auto param = named(parameters, name);
            if (!param || !icp) continue;
            ScopeRowInput r;
            r.site = site;
            r.category = std::string("粮食及其制品");
            r.product = std::string("大米");
            r.parameterId = param->id;
            r.standardId = icp->ref.id;
            r.clause = std::string("第一法");
            if (cnas) r.mraCovered = true;
            out.push_back(r);
        }
        return out;
    };
    auto cma = rowsFor(false);
    if (cma.empty()) return;  // the demo register is missing
    s.scope.createChange(sys, {"initial", Scheme::Cma, "2024-03-01", std::string("资质认定证书 202619000123"), "首次资质认定 (demo)", cma},
                         "demo");
    s.scope.createChange(sys, {"initial", Scheme::Cnas, "2023-06-15", std::string("CNAS L1234 认可决定"), "初次认可 (demo)", rowsFor(true)},
                         "demo");
}

// Demo ID numbers with valid check characters (GB 11643), made up: 17 digits + check.
std::string withCheck(const std::string& first17) {
    static const int kWeights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    int sum = 0;
    for (int i = 0; i < 17; ++i) sum += (first17[i] - '0') * kWeights[i];
    return first17 + "10X98765432"[sum % 11];
}

void seedStaff(const DemoLabServices& s, const Principal& sys) {
    if (!s.staff.list(sys, 0, 1).empty()) return;  // the demo staff is recorded once
    const auto methods = s.methods.methods(sys, 0, 500);
    auto methodByName = [&](const std::string& name) -> std::optional<std::int64_t> {
        for (const auto& m : methods)
            if (m.ref.name.find(name) != std::string::npos) return m.ref.id;
        return std::nullopt;
    };
    const auto parameters = s.parameters.parameters(sys, 0, 500);
    struct Person { const char* username; const char* name; const char* position; const char* id17; std::vector<const char*> perform; std::vector<const char*> check; bool opinion; };
    const Person people[] = {
        {"tech.li", "李明", "检测员", "44010619900315123", {"(铅)", "(镉)"}, {}, false},
        {"tech.wang", "王芳", "检测员", "44010619920708234", {"(总汞)", "(无机砷)", "(多元素)"}, {}, false},
        {"reviewer.chen", "陈静", "复核员", "44010619850120345", {}, {"(铅)", "(镉)", "(总汞)", "(无机砷)", "(多元素)"}, false},
        {"signatory.zhao", "赵强", "授权签字人", "44010619780911456", {}, {}, true},
        {"manager.liu", "刘洋", "技术负责人", "44010619800602567", {}, {}, true},
    };
    for (const auto& person : people) {
        auto user = s.db.read([&](Tx& tx) { return s.users.userByUsername(tx, person.username); });
        if (!user || user->orgId != sys.orgId) continue;
        StaffMember m = s.staff.create(sys, {person.name, user->id, withCheck(person.id17), std::string(person.position)}, "demo");
        s.staff.addRecord(sys, m.id, {"training", "GB 5009 系列重金属检测方法培训", "2024-01-20", std::nullopt, std::string("合格")}, "demo");
        s.staff.addRecord(sys, m.id, {"competence", "上岗能力考核", "2024-02-26", std::string("2027-02-25"), std::string("通过")}, "demo");
        for (const char* name : person.perform)
            if (auto id = methodByName(name))
                s.staff.addAuthorization(sys, m.id, {"perform", *id, "2024-03-01", std::string("上岗能力考核 2024-02-26")}, "demo");
        for (const char* name : person.check)
            if (auto id = methodByName(name))
                s.staff.addAuthorization(sys, m.id, {"check", *id, "2024-03-01", std::string("复核授权 2024")}, "demo");
        if (person.opinion)
            s.staff.addAuthorization(sys, m.id, {"opinion", std::nullopt, "2024-03-01", std::string("6.2.6 b) 授权")}, "demo");
        if (std::string(person.username) == "signatory.zhao") {
            // The signing scope deliberately lacks inorganic arsenic (DOMAIN.md).
            std::vector<std::int64_t> scope;
            for (const char* n : {"铅(以Pb计)", "镉(以Cd计)", "总汞(以Hg计)"})
                if (auto prm = named(parameters, n)) scope.push_back(prm->id);
            s.staff.addSignatory(sys, m.id, {Scheme::Cma, scope, "2024-03-05", "授权签字人备案回执 GD-2024-0305"}, "demo");
            s.staff.addSignatory(sys, m.id, {Scheme::Cnas, scope, "2023-06-20", "CNAS 授权签字人认可 L1234-S01"}, "demo");
        }
    }
}

void seedEquipment(const DemoLabServices& s, const Principal& sys) {
    if (!s.equipment.list(sys, 0, 1).empty()) return;  // the demo equipment is recorded once
    const std::string day = s.equipment.today();
    auto shift = [&](int days) { return formatIsoDate(*parseIsoDate(day) + std::chrono::days{days}); };
    struct Demo { const char* asset; const char* name; const char* type; const char* model; const char* serial; int calibratedDaysAgo; int dueInDays; };
    // DOMAIN.md: an ICP-MS calibrated and valid; an AFS whose calibration expires soon; a balance
    // on MT-SICS; a second balance out of service. Dates relative to today so the demo stays true.
    const Demo demo[] = {
        {"GDQT-EQ-001", "电感耦合等离子体质谱仪 ICP-MS", "电感耦合等离子体质谱仪", "Agilent 7900", "JP19450123", 120, 245},
        {"GDQT-EQ-002", "原子荧光光谱仪 AFS", "原子荧光光谱仪", "AFS-8520", "AFS2301187", 340, 25},
        {"GDQT-EQ-003", "原子吸收光谱仪 AAS", "原子吸收光谱仪", "PinAAcle 900T", "PE900T0456", 90, 275},
        {"GDQT-EQ-004", "电子天平 (MT-SICS)", "电子天平", "Mettler Toledo XPR205", "B912345678", 60, 305},
        {"GDQT-EQ-005", "电子天平 (备用)", "电子天平", "Mettler Toledo ME204", "B800012345", 400, -35},
    };
    for (const auto& d : demo) {
        Equipment e = s.equipment.create(sys, {d.asset, d.name, d.type, std::string(d.model), std::string(d.serial), std::nullopt,
                                               std::string("天河实验室"), "2023-01-10"},
                                         "demo");
        const std::string performed = shift(-d.calibratedDaysAgo);
        e = s.equipment
                .addCalibration(sys, e.id, e.version,
                                {std::string(d.type).find("天平") != std::string::npos ? "verification" : "calibration",
                                 std::string("JL-") + d.asset, "广东省计量科学研究院", performed, shift(d.dueInDays), "pass",
                                 "in_tolerance", std::nullopt},
                                "demo")
                .equipment;
        if (std::string(d.asset) == "GDQT-EQ-005")
            s.equipment.setStatus(sys, e.id, e.version, "out_of_service", shift(-30), "称量示值超差, 待维修 (demo)", "demo");
    }
    s.equipment.createMaterial(sys, {"大米粉中铅、镉成分分析标准物质", "GBW10045a-2025", Decimal::parse("0.29"), std::string("mg/kg"),
                                     std::string("国家标准物质中心"), shift(400)},
                               "demo");
}
}  // namespace

void seedDemoLab(const DemoLabServices& s, const std::string& labCode) {
    auto lab = s.db.read([&](Tx& tx) { return s.orgs.organizationByCode(tx, labCode); });
    if (!lab) return;  // the identity demo data creates the lab first
    const Principal sys = systemIn(lab->id);
    seedStandards(s, sys);
    seedMethods(s, sys);
    seedParameters(s, sys);
    seedSpecification(s, sys);
    seedReplacedEdition(s, sys);
    seedPrices(s, sys);
    seedQualifications(s, sys);
    seedScope(s, sys);
    seedStaff(s, sys);
    seedEquipment(s, sys);
}

}  // namespace assay::accreditation
