// AccreditationExports: .xlsx rendering of the scope schedule, equipment, staff authorizations and register.
#include "domain/AccreditationExports.hpp"

#include <algorithm>
#include <map>

#include "assay/Xlsx.hpp"

namespace assay::accreditation {

namespace {
using Columns = std::vector<std::pair<std::string, double>>;

// Writes a header row and sets the column widths.
void header(XlsxWorkbook& x, int row, const Columns& cols) {
    for (std::size_t c = 0; c < cols.size(); ++c) {
        x.text(row, static_cast<int>(c), cols[c].first, XlsxStyle::Header);
        x.columnWidth(static_cast<int>(c), cols[c].second);
    }
    x.freezeRows(row + 1);
}

// One row of text cells from column 0.
void textRow(XlsxWorkbook& x, int row, const std::vector<std::string>& cells) {
    for (std::size_t c = 0; c < cells.size(); ++c) x.text(row, static_cast<int>(c), cells[c]);
}

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

// The lab's own order: categories and products as they first appeared, rows as they were added.
void labOrder(std::vector<ScopeRow>& rows) {
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
}

void scopeRow(XlsxWorkbook& x, int row, std::size_t i, const ScopeRow& r, const std::string& on) {
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
void mergeRuns(XlsxWorkbook& x, int first, const std::vector<ScopeRow>& rows) {
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
}

// The 能力附表: 序号 / 类别 / 产品 / 项目 / 依据的标准 / 限制范围 / 说明, grouped by category and product
// in the lab's order; consecutive equal categories are merged, and equal products within a category.
std::string scopeWorkbook(std::vector<ScopeRow> rows, Scheme scheme, const std::string& on) {
    labOrder(rows);
    XlsxWorkbook x;
    x.addSheet(toString(scheme) + " 能力附表");
    x.merge(0, 0, 0, 6, (scheme == Scheme::Cma ? "检验检测能力附表 (资质认定)" : "认可的检测能力范围 (CNAS)") + std::string(" — ") + on,
            XlsxStyle::Title);
    header(x, 1, {{"序号", 6}, {"类别", 16}, {"产品", 14}, {"项目", 18}, {"依据的标准", 44}, {"限制范围", 18}, {"说明", 22}});
    const int first = 2;
    for (std::size_t i = 0; i < rows.size(); ++i) scopeRow(x, first + static_cast<int>(i), i, rows[i], on);
    mergeRuns(x, first, rows);
    x.text(first + static_cast<int>(rows.size()) + 1, 0,
           "共 " + std::to_string(rows.size()) + " 项。仅列出 " + on + " 有效的能力。", XlsxStyle::Note);
    return x.finish();
}

void equipmentRow(XlsxWorkbook& x, int row, const Equipment& e, const std::string& today, const std::string& policy) {
    const Calibration* cal = nullptr;
    for (const auto& c : e.calibrations)
        if (c.performedOn <= today) cal = &c;
    auto v = usableOn(e, today, policy);
    textRow(x, row, {std::to_string(row - 1), e.assetNo, e.name, e.model.value_or(""), e.serialNo.value_or(""),
                     e.location.value_or(""), e.status == ServiceStatus::InService ? "在用" : e.status == ServiceStatus::Retired ? "报废" : "停用",
                     cal ? (cal->kind == "verification" ? "检定" : "校准") : "", cal ? cal->certificateNo : "",
                     cal ? cal->performedOn : "", cal ? cal->dueOn : "", v.usable ? "是" : "否: " + v.reason});
}

const char* activityZh(const std::string& activity) {
    return activity == "perform" ? "检测" : activity == "check" ? "复核" : "意见和解释";
}

// The staff member's lines: every method authorization, then every signatory authorization.
void staffLines(XlsxWorkbook& x, int& row, const StaffMember& s) {
    auto line = [&](const std::string& kind, const std::string& what, const std::string& from,
                    const std::optional<std::string>& ended, const std::string& basis) {
        textRow(x, row, {std::to_string(row - 1), s.name, s.position.value_or(""), kind, what, from, ended.value_or(""), basis});
        ++row;
    };
    for (const auto& a : s.authorizations)
        line(activityZh(a.activity), a.methodCitation.empty() ? "—" : a.methodCitation, a.validFrom, a.endedOn,
             a.basis.value_or(""));
    for (const auto& a : s.signatories)
        line("授权签字人 (" + toString(a.scheme) + ")", std::to_string(a.parameterIds.size()) + " 个检测项目", a.filedOn, a.endedOn,
             a.filingRef);
}
}  // namespace

ExportFile AccreditationExports::scopeSchedule(const Principal& p, Scheme scheme,
                                               const std::optional<std::string>& onDate) {
    const std::string on = onDate.value_or(scope_.today());
    auto rows = everything<ScopeRow>([&](std::int64_t a) { return scope_.rowsInForce(p, scheme, on, a, 500); },
                                     [](const ScopeRow& r) { return r.id; });
    return {scopeWorkbook(std::move(rows), scheme, on), "能力附表-" + toString(scheme) + "-" + on + ".xlsx"};
}

ExportFile AccreditationExports::equipmentList(const Principal& p) {
    const std::string today = equipment_.today();
    XlsxWorkbook x;
    x.addSheet("仪器设备一览表");
    x.merge(0, 0, 0, 11, "仪器设备一览表 — " + today, XlsxStyle::Title);
    header(x, 1, {{"序号", 6}, {"设备编号", 14}, {"名称", 26}, {"型号", 18}, {"出厂编号", 14}, {"位置", 12},
                  {"状态", 10}, {"检定/校准", 10}, {"证书编号", 16}, {"检定/校准日期", 13}, {"有效期至", 12},
                  {"今日可用", 40}});
    int row = 2;
    for (const auto& e : everything<Equipment>([&](std::int64_t a) { return equipment_.list(p, a, 500); },
                                               [](const Equipment& e) { return e.id; }))
        equipmentRow(x, row++, e, today, equipment_.policy());
    return {x.finish(), "仪器设备一览表-" + today + ".xlsx"};
}

ExportFile AccreditationExports::staffAuthorizations(const Principal& p) {
    const std::string today = staff_.today();
    XlsxWorkbook x;
    x.addSheet("人员授权一览表");
    x.merge(0, 0, 0, 7, "人员授权一览表 — " + today, XlsxStyle::Title);
    header(x, 1, {{"序号", 6}, {"姓名", 10}, {"岗位", 14}, {"授权类别", 16}, {"方法 / 签字范围", 40},
                  {"生效日期", 12}, {"终止日期", 12}, {"依据", 24}});
    int row = 2;
    for (const auto& brief : everything<StaffMember>([&](std::int64_t a) { return staff_.list(p, a, 500); },
                                                     [](const StaffMember& s) { return s.id; }))
        staffLines(x, row, staff_.get(p, brief.id));
    return {x.finish(), "人员授权一览表-" + today + ".xlsx"};
}

namespace {
void standardsSheet(XlsxWorkbook& x, const std::vector<Standard>& standards) {
    x.addSheet("标准");
    header(x, 0, {{"标准编号", 22}, {"标题", 44}, {"状态", 12}});
    int row = 1;
    for (const auto& s : standards) textRow(x, row++, {s.ref.designation(), s.ref.title, toString(s.ref.status)});
}

void methodsSheet(XlsxWorkbook& x, const std::vector<Method>& methods) {
    x.addSheet("方法");
    header(x, 0, {{"方法", 30}, {"依据", 28}, {"类型", 12}, {"设备类型", 24}, {"状态", 10}});
    int row = 1;
    for (const auto& m : methods) {
        std::string types;
        for (const auto& t : m.ref.equipmentTypes) types += (types.empty() ? "" : ", ") + t;
        textRow(x, row++, {m.ref.name, m.ref.citation(), m.ref.kind, types, toString(m.ref.status)});
    }
}

void parametersSheet(XlsxWorkbook& x, const std::vector<Parameter>& parameters) {
    x.addSheet("检测项目");
    header(x, 0, {{"项目", 20}, {"英文", 24}, {"单位", 10}, {"修约", 16}, {"检出限", 10}, {"定量限", 10}, {"不确定度", 20}});
    int row = 1;
    for (const auto& q : parameters)
        textRow(x, row++, {q.nameZh, q.nameEn.value_or(""), q.unit, q.precisionText(), q.lod ? q.lod->toString() : "",
                           q.loq ? q.loq->toString() : "", q.muModel + (q.muValue ? " " + q.muValue->toString() : "")});
}

void limitsSheet(XlsxWorkbook& x, const std::vector<Specification>& specifications, const std::vector<Parameter>& parameters) {
    x.addSheet("限量");
    header(x, 0, {{"规范", 32}, {"版本", 6}, {"项目", 18}, {"产品", 12}, {"下限", 10}, {"上限", 10}, {"条款", 10}});
    std::map<std::int64_t, std::string> names;
    for (const auto& q : parameters) names[q.id] = q.nameZh;
    int row = 1;
    for (const auto& sp : specifications)
        for (const auto& l : sp.limits)
            textRow(x, row++, {sp.name, std::to_string(sp.version),
                               names.count(l.parameterId) ? names[l.parameterId] : std::to_string(l.parameterId),
                               l.productCategory, l.minValue ? l.minOp.value_or("") + " " + l.minValue->toString() : "",
                               l.maxValue ? l.maxOp.value_or("") + " " + l.maxValue->toString() : "", l.clause.value_or("")});
}
}  // namespace

ExportFile AccreditationExports::labRegister(const Principal& p) {
    XlsxWorkbook x;
    standardsSheet(x, everything<Standard>([&](std::int64_t a) { return standards_.standards(p, a, 500, std::nullopt); },
                                           [](const Standard& s) { return s.ref.id; }));
    methodsSheet(x, everything<Method>([&](std::int64_t a) { return methods_.methods(p, a, 500); },
                                       [](const Method& m) { return m.ref.id; }));
    const auto parameters = everything<Parameter>([&](std::int64_t a) { return parameters_.parameters(p, a, 500); },
                                                  [](const Parameter& q) { return q.id; });
    parametersSheet(x, parameters);
    std::vector<Specification> specifications;
    for (const auto& brief : everything<Specification>([&](std::int64_t a) { return specifications_.specifications(p, a, 500); },
                                                       [](const Specification& s) { return s.id; }))
        specifications.push_back(specifications_.specification(p, brief.id));
    limitsSheet(x, specifications, parameters);
    return {x.finish(), "检测能力登记册.xlsx"};
}

}  // namespace assay::accreditation
