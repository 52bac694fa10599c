// ExportApi: .xlsx rendering of the scope schedule, equipment, staff authorizations and register.
#include "api/ExportApi.hpp"

#include <algorithm>
#include <map>

#include "assay/Api.hpp"
#include "assay/Xlsx.hpp"

namespace assay::accreditation {


namespace {
constexpr const char* kXlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

// Writes a header row and sets the column widths.
void header(XlsxWorkbook& x, int row, const std::vector<std::pair<std::string, double>>& cols) {
    for (std::size_t c = 0; c < cols.size(); ++c) {
        x.text(row, static_cast<int>(c), cols[c].first, XlsxStyle::Header);
        x.columnWidth(static_cast<int>(c), cols[c].second);
    }
    x.freezeRows(row + 1);
}

// The 能力附表: 序号 / 类别 / 产品 / 项目 / 依据的标准 / 限制范围 / 说明, grouped by category and product
// in the lab's order; consecutive equal categories are merged, and equal products within a category.
std::string scopeSchedule(std::vector<ScopeRow> rows, const std::string& scheme, const std::string& on) {
    // The lab's own order: categories and products as they first appeared, rows as they were added.
    std::sort(rows.begin(), rows.end(), [](const ScopeRow& a, const ScopeRow& b) { return a.rowKey < b.rowKey; });
    std::map<std::string, std::size_t> categoryOrder, productOrder;
    for (const auto& r : rows) {
        categoryOrder.emplace(r.category, categoryOrder.size());
        productOrder.emplace(r.category + "\x1f" + r.product, productOrder.size());
    }
    std::stable_sort(rows.begin(), rows.end(), [&](const ScopeRow& a, const ScopeRow& b) {
        return std::make_pair(categoryOrder[a.category], productOrder[a.category + "\x1f" + a.product]) <
               std::make_pair(categoryOrder[b.category], productOrder[b.category + "\x1f" + b.product]);
    });
    XlsxWorkbook x;
    x.addSheet(scheme + " 能力附表");
    x.merge(0, 0, 0, 6, (scheme == "CMA" ? "检验检测能力附表 (资质认定)" : "认可的检测能力范围 (CNAS)") + std::string(" — ") + on,
            XlsxStyle::Title);
    header(x, 1, {{"序号", 6}, {"类别", 16}, {"产品", 14}, {"项目", 18}, {"依据的标准", 44}, {"限制范围", 18}, {"说明", 22}});
    const int first = 2;
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const auto& r = rows[i];
        const int row = first + static_cast<int>(i);
        x.text(row, 0, std::to_string(i + 1));
        x.text(row, 3, r.parameterName);
        std::string basis = r.standard.designation() + " " + r.standard.title;
        if (r.clause) basis += " " + *r.clause;
        x.text(row, 4, basis);
        x.text(row, 5, r.limitation.value_or(""));
        std::string note = r.note.value_or("");
        if (r.mraCovered) note += std::string(note.empty() ? "" : "; ") + "ILAC-MRA";
        for (const auto& s : r.suspensions)
            if (s.activeOn(on)) note += std::string(note.empty() ? "" : "; ") + "暂停 (自 " + s.fromDate + ")";
        x.text(row, 6, note);
    }
    // Merged cells: runs of equal category, and of equal product inside a category.
    for (std::size_t i = 0; i < rows.size();) {
        std::size_t j = i;
        while (j + 1 < rows.size() && rows[j + 1].category == rows[i].category) ++j;
        x.merge(first + static_cast<int>(i), 1, first + static_cast<int>(j), 1, rows[i].category);
        for (std::size_t k = i; k <= j;) {
            std::size_t m = k;
            while (m + 1 <= j && rows[m + 1].product == rows[k].product) ++m;
            x.merge(first + static_cast<int>(k), 2, first + static_cast<int>(m), 2, rows[k].product);
            k = m + 1;
        }
        i = j + 1;
    }
    x.text(first + static_cast<int>(rows.size()) + 1, 0,
           "共 " + std::to_string(rows.size()) + " 项。仅列出 " + on + " 有效的能力。", XlsxStyle::Note);
    return x.finish();
}
}  // namespace

// Every item of a keyset-paged listing (the exports must not stop at one page).
template <class T, class Fetch, class Id>
std::vector<T> everything(Fetch fetch, Id id) {
    std::vector<T> all;
    for (std::int64_t after = 0;;) {
        auto page = fetch(after);
        all.insert(all.end(), page.begin(), page.end());
        if (page.size() < 500) break;
        after = id(page.back());
    }
    return all;
}

void registerExportRoutes(Router& router, RegisterService& reg, ScopeService& scope, EquipmentService& equipment,
                          StaffService& staff) {
    router.add({"GET", "/api/exports/scope.xlsx", "accreditation:read",
                "The scope schedule (能力附表) in force on a date, as an Excel file", [&scope](Request& req) {
                    const std::string scheme = req.query("scheme").value_or("CMA");
                    if (scheme != "CMA" && scheme != "CNAS") throw Error::invalidField("scheme", "must be CMA or CNAS");
                    const std::string on = dateQuery(req, "on").value_or(scope.today());
                    std::vector<ScopeRow> rows;
                    for (std::int64_t after = 0;;) {
                        auto page = scope.rowsInForce(req.principal(), scheme, on, after, 500);
                        rows.insert(rows.end(), page.begin(), page.end());
                        if (page.size() < 500) break;
                        after = page.back().id;
                    }
                    return Response::file(scopeSchedule(std::move(rows), scheme, on), kXlsx,
                                          "能力附表-" + scheme + "-" + on + ".xlsx");
                }});
    router.add({"GET", "/api/exports/equipment.xlsx", "accreditation:read",
                "The equipment list with calibration status and due dates, as an Excel file", [&equipment](Request& req) {
                    const std::string today = equipment.today();
                    XlsxWorkbook x;
                    x.addSheet("仪器设备一览表");
                    x.merge(0, 0, 0, 11, "仪器设备一览表 — " + today, XlsxStyle::Title);
                    header(x, 1, {{"序号", 6}, {"设备编号", 14}, {"名称", 26}, {"型号", 18}, {"出厂编号", 14}, {"位置", 12},
                                  {"状态", 10}, {"检定/校准", 10}, {"证书编号", 16}, {"检定/校准日期", 13}, {"有效期至", 12},
                                  {"今日可用", 40}});
                    int row = 2;
                    for (std::int64_t after = 0;;) {
                        auto page = equipment.list(req.principal(), after, 500);
                        for (const auto& e : page) {
                            x.text(row, 0, std::to_string(row - 1));
                            x.text(row, 1, e.assetNo);
                            x.text(row, 2, e.name);
                            x.text(row, 3, e.model.value_or(""));
                            x.text(row, 4, e.serialNo.value_or(""));
                            x.text(row, 5, e.location.value_or(""));
                            x.text(row, 6, e.status == "in_service" ? "在用" : e.status == "retired" ? "报废" : "停用");
                            const Calibration* cal = nullptr;
                            for (const auto& c : e.calibrations)
                                if (c.performedOn <= today) cal = &c;
                            x.text(row, 7, cal ? (cal->kind == "verification" ? "检定" : "校准") : "");
                            x.text(row, 8, cal ? cal->certificateNo : "");
                            x.text(row, 9, cal ? cal->performedOn : "");
                            x.text(row, 10, cal ? cal->dueOn : "");
                            auto v = usableOn(e, today, equipment.policy());
                            x.text(row, 11, v.usable ? "是" : "否: " + v.reason);
                            ++row;
                        }
                        if (page.size() < 500) break;
                        after = page.back().id;
                    }
                    return Response::file(x.finish(), kXlsx, "仪器设备一览表-" + today + ".xlsx");
                }});
    router.add({"GET", "/api/exports/staff-authorizations.xlsx", "accreditation:read",
                "Every method, opinion and signatory authorization, as an Excel file", [&staff](Request& req) {
                    const std::string today = staff.today();
                    XlsxWorkbook x;
                    x.addSheet("人员授权一览表");
                    x.merge(0, 0, 0, 7, "人员授权一览表 — " + today, XlsxStyle::Title);
                    header(x, 1, {{"序号", 6}, {"姓名", 10}, {"岗位", 14}, {"授权类别", 16}, {"方法 / 签字范围", 40},
                                  {"生效日期", 12}, {"终止日期", 12}, {"依据", 24}});
                    int row = 2;
                    auto line = [&](const StaffMember& s, const std::string& kind, const std::string& what, const std::string& from,
                                    const std::optional<std::string>& ended, const std::string& basis) {
                        x.text(row, 0, std::to_string(row - 1));
                        x.text(row, 1, s.name);
                        x.text(row, 2, s.position.value_or(""));
                        x.text(row, 3, kind);
                        x.text(row, 4, what);
                        x.text(row, 5, from);
                        x.text(row, 6, ended.value_or(""));
                        x.text(row, 7, basis);
                        ++row;
                    };
                    for (std::int64_t after = 0;;) {
                        auto page = staff.list(req.principal(), after, 500);
                        for (const auto& brief : page) {
                            const StaffMember s = staff.get(req.principal(), brief.id);
                            for (const auto& a : s.authorizations)
                                line(s, a.activity == "perform" ? "检测" : a.activity == "check" ? "复核" : "意见和解释",
                                     a.methodCitation.empty() ? "—" : a.methodCitation, a.validFrom, a.endedOn, a.basis.value_or(""));
                            for (const auto& a : s.signatories)
                                line(s, "授权签字人 (" + a.scheme + ")", std::to_string(a.parameterIds.size()) + " 个检测项目",
                                     a.filedOn, a.endedOn, a.filingRef);
                        }
                        if (page.size() < 500) break;
                        after = page.back().id;
                    }
                    return Response::file(x.finish(), kXlsx, "人员授权一览表-" + today + ".xlsx");
                }});
    router.add({"GET", "/api/exports/register.xlsx", "register:read",
                "The lab register (standards, methods, parameters, specifications), as an Excel file", [&reg](Request& req) {
                    XlsxWorkbook x;
                    const Principal& p = req.principal();
                    x.addSheet("标准");
                    header(x, 0, {{"标准编号", 22}, {"标题", 44}, {"状态", 12}});
                    int row = 1;
                    for (const auto& s : everything<Standard>([&](std::int64_t a) { return reg.standards(p, a, 500, std::nullopt); },
                                                               [](const Standard& x) { return x.ref.id; })) {
                        x.text(row, 0, s.ref.designation());
                        x.text(row, 1, s.ref.title);
                        x.text(row++, 2, s.ref.status);
                    }
                    x.addSheet("方法");
                    header(x, 0, {{"方法", 30}, {"依据", 28}, {"类型", 12}, {"设备类型", 24}, {"状态", 10}});
                    row = 1;
                    for (const auto& m : everything<Method>([&](std::int64_t a) { return reg.methods(p, a, 500); },
                                                             [](const Method& x) { return x.ref.id; })) {
                        std::string types;
                        for (const auto& t : m.ref.equipmentTypes) types += (types.empty() ? "" : ", ") + t;
                        x.text(row, 0, m.ref.name);
                        x.text(row, 1, m.ref.citation());
                        x.text(row, 2, m.ref.kind);
                        x.text(row, 3, types);
                        x.text(row++, 4, m.ref.status);
                    }
                    x.addSheet("检测项目");
                    header(x, 0, {{"项目", 20}, {"英文", 24}, {"单位", 10}, {"修约", 16}, {"检出限", 10}, {"定量限", 10}, {"不确定度", 20}});
                    row = 1;
                    const auto parameters = everything<Parameter>([&](std::int64_t a) { return reg.parameters(p, a, 500); },
                                                                  [](const Parameter& x) { return x.id; });
                    for (const auto& q : parameters) {
                        x.text(row, 0, q.nameZh);
                        x.text(row, 1, q.nameEn.value_or(""));
                        x.text(row, 2, q.unit);
                        x.text(row, 3, q.precisionText());
                        x.text(row, 4, q.lod ? q.lod->toString() : "");
                        x.text(row, 5, q.loq ? q.loq->toString() : "");
                        x.text(row++, 6, q.muModel + (q.muValue ? " " + q.muValue->toString() : ""));
                    }
                    x.addSheet("限量");
                    header(x, 0, {{"规范", 32}, {"版本", 6}, {"项目", 18}, {"产品", 12}, {"下限", 10}, {"上限", 10}, {"条款", 10}});
                    row = 1;
                    std::map<std::int64_t, std::string> names;
                    for (const auto& q : parameters) names[q.id] = q.nameZh;
                    for (const auto& brief : everything<Specification>([&](std::int64_t a) { return reg.specifications(p, a, 500); },
                                                                        [](const Specification& x) { return x.id; })) {
                        const Specification sp = reg.specification(p, brief.id);
                        for (const auto& l : sp.limits) {
                            x.text(row, 0, sp.name);
                            x.text(row, 1, std::to_string(sp.version));
                            x.text(row, 2, names.count(l.parameterId) ? names[l.parameterId] : std::to_string(l.parameterId));
                            x.text(row, 3, l.productCategory);
                            x.text(row, 4, l.minValue ? l.minOp.value_or("") + " " + l.minValue->toString() : "");
                            x.text(row, 5, l.maxValue ? l.maxOp.value_or("") + " " + l.maxValue->toString() : "");
                            x.text(row++, 6, l.clause.value_or(""));
                        }
                    }
                    return Response::file(x.finish(), kXlsx, "检测能力登记册.xlsx");
                }});
}

}  // namespace assay::accreditation
