// ReportPdf: measure rows, paginate, then draw every page with its header and footer.
#include "pdf/ReportPdf.hpp"

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>
#include <zint.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <memory>
#include <mutex>
#include <vector>

#include "assay/Error.hpp"

namespace assay::reports {

namespace {
struct SurfaceDeleter {
    void operator()(cairo_surface_t* s) const noexcept { cairo_surface_destroy(s); }
};
struct CairoDeleter {
    void operator()(cairo_t* c) const noexcept { cairo_destroy(c); }
};
struct GDeleter {
    void operator()(gpointer o) const noexcept { g_object_unref(o); }
};
struct FontDeleter {
    void operator()(PangoFontDescription* d) const noexcept { pango_font_description_free(d); }
};
struct OptionsDeleter {
    void operator()(cairo_font_options_t* o) const noexcept { cairo_font_options_destroy(o); }
};
struct SymbolDeleter {
    void operator()(zint_symbol* s) const noexcept { ZBarcode_Delete(s); }
};

constexpr double kPageW = 595.276, kPageH = 841.89, kMargin = 40.0;
constexpr double kContentW = kPageW - 2 * kMargin;
constexpr double kHeaderBottom = 118.0;  // where the page body starts
constexpr double kFooterTop = kPageH - 40.0;
constexpr double kCellPad = 2.5;
constexpr const char* kFont = "WenQuanYi Zen Hei";

cairo_status_t append(void* closure, const unsigned char* data, unsigned int length) {
    static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
    return CAIRO_STATUS_SUCCESS;
}

// The font maps. With a new PangoFontMap every font is found and opened again (fontconfig
// match, FreeType faces of the 16.8 MB WenQuanYi TTC, HarfBuzz faces and shape plans, cairo
// scaled fonts and glyph caches): a 30-row report took 37 ms with a map of its own and 11.5 ms
// with a warm one (docs/performance.md, B5). A map must never be used by two threads at once (a
// shared map corrupts pango's cache: GLib's "corrupted double-linked list", STACK.md), so each
// render borrows an idle map here, under the mutex, and gives it back: the pool grows to the
// most reports rendered at the same time and keeps at most kIdleMaps. A map only caches fonts:
// the PDFs are byte-identical to those of a fresh map.
class FontMaps {
public:
    static FontMaps& instance() {
        static FontMaps* maps = new FontMaps;  // never destroyed: renders may still run at exit
        return *maps;
    }
    PangoFontMap* take() {
        {
            std::lock_guard<std::mutex> lock(mutex_);
            if (!idle_.empty()) {
                PangoFontMap* m = idle_.back();
                idle_.pop_back();
                return m;
            }
        }
        return pango_cairo_font_map_new();
    }
    void give(PangoFontMap* m) {
        {
            std::lock_guard<std::mutex> lock(mutex_);
            if (idle_.size() < kIdleMaps) {
                idle_.push_back(m);
                return;
            }
        }
        g_object_unref(m);
    }

private:
    static constexpr std::size_t kIdleMaps = 8;
    std::mutex mutex_;
    std::vector<PangoFontMap*> idle_;
};

struct MapReturner {
    void operator()(PangoFontMap* m) const noexcept { FontMaps::instance().give(m); }
};

using Layout = std::unique_ptr<PangoLayout, GDeleter>;

class Writer {
public:
    explicit Writer(const std::string& language) : language_(language) {
        map_.reset(FontMaps::instance().take());
        ctx_.reset(pango_font_map_create_context(map_.get()));
        pango_cairo_context_set_resolution(ctx_.get(), 72);
        std::unique_ptr<cairo_font_options_t, OptionsDeleter> o(cairo_font_options_create());
        cairo_font_options_set_hint_metrics(o.get(), CAIRO_HINT_METRICS_OFF);
        cairo_font_options_set_hint_style(o.get(), CAIRO_HINT_STYLE_NONE);
        pango_cairo_context_set_font_options(ctx_.get(), o.get());
        layout_.reset(pango_layout_new(ctx_.get()));
    }
    // "中文 / English", or one of them, per the report's language (R34).
    std::string label(const std::string& zh, const std::string& en) const {
        if (language_ == "zh") return zh;
        if (language_ == "en") return en;
        return zh + " / " + en;
    }
    // Takes the PDF surface's font options into the context before anything is measured, so a
    // layout measured for the table is still valid when it is drawn (no second layout pass).
    void bind(cairo_t* cr) { pango_cairo_update_context(cr, ctx_.get()); }
    // A layout of its own: the table's cells are measured for pagination, then drawn as they are.
    Layout layout(const std::string& text, double size, double width, PangoAlignment align, bool bold = false) {
        Layout l(pango_layout_new(ctx_.get()));
        configure(l.get(), text, size, width, align, bold);
        return l;
    }
    static double height(PangoLayout* l) {
        int w = 0, h = 0;
        pango_layout_get_size(l, &w, &h);
        return static_cast<double>(h) / PANGO_SCALE;
    }
    static void show(cairo_t* cr, PangoLayout* l, double x, double y) {
        pango_cairo_update_layout(cr, l);
        cairo_move_to(cr, x, y);
        pango_cairo_show_layout(cr, l);
    }
    // Draws text through the shared layout; returns its height in points.
    double text(cairo_t* cr, const std::string& s, double x, double y, double size, double width, PangoAlignment align = PANGO_ALIGN_LEFT,
                bool bold = false) {
        configure(layout_.get(), s, size, width, align, bold);
        const double h = height(layout_.get());
        show(cr, layout_.get(), x, y);
        return h;
    }

private:
    static void configure(PangoLayout* l, const std::string& text, double size, double width, PangoAlignment align, bool bold) {
        std::unique_ptr<PangoFontDescription, FontDeleter> d(pango_font_description_from_string(kFont));
        pango_font_description_set_absolute_size(d.get(), size * PANGO_SCALE);
        if (bold) pango_font_description_set_weight(d.get(), PANGO_WEIGHT_BOLD);
        pango_layout_set_font_description(l, d.get());
        pango_layout_set_width(l, static_cast<int>(width * PANGO_SCALE));
        pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
        pango_layout_set_alignment(l, align);
        pango_layout_set_text(l, text.c_str(), -1);
    }
    std::string language_;
    std::unique_ptr<PangoFontMap, MapReturner> map_;  // declared first: given back after the layout and context are gone
    std::unique_ptr<PangoContext, GDeleter> ctx_;
    std::unique_ptr<PangoLayout, GDeleter> layout_;
};

struct Column {
    std::string zh, en;
    double width;
};

void drawQr(cairo_t* cr, const std::string& data, double x, double y, double size) {
    std::unique_ptr<zint_symbol, SymbolDeleter> z(ZBarcode_Create());
    if (!z) throw Error::internal("zint: no symbol");
    z->symbology = BARCODE_QRCODE;
    z->option_1 = 2;  // ECC level M
    z->show_hrt = 0;
    if (ZBarcode_Encode(z.get(), reinterpret_cast<const unsigned char*>(data.data()), static_cast<int>(data.size())) >= ZINT_ERROR ||
        ZBarcode_Buffer_Vector(z.get(), 0) >= ZINT_ERROR || !z->vector)
        throw Error::internal(std::string("zint: ") + z->errtxt);
    const double scale = size / std::max(z->vector->width, z->vector->height);
    for (auto* r = z->vector->rectangles; r; r = r->next) cairo_rectangle(cr, x + r->x * scale, y + r->y * scale, r->width * scale, r->height * scale);
    cairo_fill(cr);
}
}  // namespace

std::string renderReportPdf(const PdfReport& rep) {
    Writer w(rep.language);
    const std::vector<Column> cols{{"序号", "No.", 24},          {"样品编号", "Sample", 72},       {"检测项目", "Item", 78},
                                   {"检测方法", "Method", 100},   {"单位", "Unit", 36},            {"标准要求", "Limit", 50},
                                   {"检测结果", "Result", 58},    {"单项判定", "Conclusion", 48}, {"不确定度", "U", 49}};
    auto cellTexts = [&](std::size_t k) {
        const PdfLine& l = rep.lines[k];
        std::string star = std::string(l.cmaStar ? "*" : "") + (l.cnasStar ? "#" : "") + (l.subcontractedTo.empty() ? "" : "+");
        std::string conclusion = l.conformity == "pass" ? w.label("合格", "Pass")
                                 : l.conformity == "fail" ? w.label("不合格", "Fail")
                                 : l.conformity == "no_judgement" ? w.label("不判定", "No judgement")
                                                                  : "—";
        return std::vector<std::string>{std::to_string(k + 1) + star, l.sample, l.parameter, l.method, l.unit,
                                        l.limit.empty() ? "—" : l.limit, l.result, conclusion, l.uncertainty.empty() ? "—" : l.uncertainty};
    };
    std::string pdf;
    std::unique_ptr<cairo_surface_t, SurfaceDeleter> surface(cairo_pdf_surface_create_for_stream(append, &pdf, kPageW, kPageH));
    if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS) throw Error::internal("cairo: cannot create the PDF surface");
    cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_TITLE,
                                   (rep.draft ? "检验检测报告（草稿，未签发）" : "检验检测报告 " + rep.number).c_str());
    if (rep.issuedAt.size() >= 19) cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATE_DATE, (rep.issuedAt.substr(0, 19) + "Z").c_str());
    std::unique_ptr<cairo_t, CairoDeleter> holder(cairo_create(surface.get()));
    w.bind(holder.get());

    // The table is laid out once: each cell's layout is measured here and drawn below.
    constexpr double kCellFont = 7.5;
    auto cellAlign = [](std::size_t c) { return c == 0 || c >= 4 ? PANGO_ALIGN_CENTER : PANGO_ALIGN_LEFT; };
    std::vector<std::vector<Layout>> cellLayouts(rep.lines.size());
    std::vector<double> heights;
    for (std::size_t k = 0; k < rep.lines.size(); ++k) {
        const auto cells = cellTexts(k);
        double h = 0;
        for (std::size_t c = 0; c < cols.size(); ++c) {
            cellLayouts[k].push_back(w.layout(cells[c], kCellFont, cols[c].width - 2 * kCellPad, cellAlign(c)));
            h = std::max(h, Writer::height(cellLayouts[k].back().get()));
        }
        heights.push_back(h + 2 * kCellPad);
    }
    std::vector<Layout> headLayouts;
    double headH = 0;
    for (const auto& c : cols) {
        headLayouts.push_back(w.layout(w.label(c.zh, c.en), kCellFont, c.width - 2 * kCellPad, PANGO_ALIGN_CENTER, true));
        headH = std::max(headH, Writer::height(headLayouts.back().get()));
    }
    headH += 2 * kCellPad;
    // The first page's block (7.8.2.1 b, c, e, g, h): measured, then drawn as measured.
    std::vector<std::pair<std::string, std::string>> info{
        {w.label("检验检测机构", "Laboratory"), rep.lab + (rep.labAddress.empty() ? "" : "  " + rep.labAddress)},
        {w.label("委托单位", "Customer"), rep.customer + (rep.contact.empty() ? "" : "  (" + rep.contact + ")")},
        {w.label("委托编号", "Order"), rep.orderCode},
        {w.label("检测地点", "Site"), rep.site.empty() ? "—" : rep.site},
        {w.label("签发日期", "Issue date"), rep.issueDate}};
    bool anySupplied = false;
    for (const auto& s : rep.sampleFacts) {
        std::string v = s.code + "  " + s.name;
        if (!s.supplied.empty()) {
            v += "  △ " + s.supplied;
            anySupplied = true;
        }
        v += "\n" + w.label("收样日期", "Received") + ": " + (s.received.empty() ? "—" : s.received) + "    " + w.label("样品状况", "Condition") + ": " +
             (s.condition.empty() ? "—" : s.condition);
        if (!s.deviation.empty()) v += "    " + w.label("偏离", "Deviation") + ": " + s.deviation;
        info.push_back({w.label("样品", "Sample"), v});
    }
    if (rep.sampleFacts.empty()) info.push_back({w.label("样品编号", "Samples"), rep.samples});
    // Everything below the header is one flow of measured blocks, paginated before anything is
    // drawn (so 第x页 共y页 knows y): the information rows, the table (its head repeated on each
    // page it runs onto), the footnotes and statements, and the closing block (signature, QR,
    // end marker), which is never split. A block that does not fit starts a new page.
    struct Block {
        enum Kind { Info, Row, Text, Closing } kind;
        std::size_t index;  // into infoKeys / rows / tailTexts
        double height;
        int page = 0;
        double y = 0;
        bool headAbove = false;  // a row that opens the table on its page: the head is drawn above it
    };
    std::vector<Layout> infoKeys, infoValues;
    std::vector<Block> flow;
    for (std::size_t k = 0; k < info.size(); ++k) {
        infoKeys.push_back(w.layout(info[k].first, 9, 130, PANGO_ALIGN_LEFT, true));
        infoValues.push_back(w.layout(info[k].second, 9, kContentW - 135, PANGO_ALIGN_LEFT));
        flow.push_back({Block::Info, k, std::max(Writer::height(infoValues.back().get()), 12.0) + 5 + (k + 1 == info.size() ? 8 : 0)});
    }
    for (std::size_t k = 0; k < rep.lines.size(); ++k) flow.push_back({Block::Row, k, heights[k]});
    std::vector<std::string> tailTexts;
    if (std::any_of(rep.lines.begin(), rep.lines.end(), [](const PdfLine& l) { return l.cmaStar; }))
        tailTexts.push_back("* " + w.label("不在资质认定范围内", "Not within the scope of CMA accreditation"));
    if (std::any_of(rep.lines.begin(), rep.lines.end(), [](const PdfLine& l) { return l.cnasStar; }))
        tailTexts.push_back("# " + w.label("不在CNAS认可范围内", "Not in the CNAS scope of accreditation"));
    for (std::size_t k = 0; k < rep.lines.size(); ++k)  // R31
        if (!rep.lines[k].subcontractedTo.empty())
            tailTexts.push_back("+ " + w.label("分包项目", "Subcontracted") + " " + std::to_string(k + 1) + ": " + rep.lines[k].subcontractedTo);
    if (anySupplied)  // R28
        tailTexts.push_back("△ " + w.label("样品信息由委托方提供，本机构不对其真实性负责。", "Supplied by the customer; the laboratory is not responsible for this information."));
    for (const auto& e : rep.exclusions) tailTexts.push_back(w.label("经客户同意不检项目", "Excluded with the customer's agreement") + ": " + e);
    for (const auto& t : rep.statements) tailTexts.push_back(t);
    std::vector<Layout> tailLayouts;
    for (std::size_t k = 0; k < tailTexts.size(); ++k) {
        tailLayouts.push_back(w.layout(tailTexts[k], 8, kContentW, PANGO_ALIGN_LEFT));
        flow.push_back({Block::Text, k, Writer::height(tailLayouts.back().get()) + 3 + (k == 0 ? 10 : 0)});
    }
    constexpr double kQr = 72;
    flow.push_back({Block::Closing, 0, 14 + kQr + 16 + 16});
    {
        int page = 1;
        double y = kHeaderBottom;
        bool pageHasContent = false, headOnPage = false;
        for (auto& b : flow) {
            const bool needsHead = b.kind == Block::Row && !headOnPage;
            const double need = b.height + (needsHead ? headH : 0);
            if (pageHasContent && y + need > kFooterTop - 10) {
                ++page;
                y = kHeaderBottom;
                headOnPage = false;
            }
            b.headAbove = b.kind == Block::Row && !headOnPage;
            if (b.headAbove) {
                headOnPage = true;
                y += headH;
            }
            b.page = page;
            b.y = y;
            y += b.height;
            pageHasContent = true;
        }
    }
    const int total = flow.back().page;

    {
        cairo_t* cr = holder.get();
        cairo_set_line_width(cr, 0.6);
        auto header = [&](int page) {
            cairo_set_source_rgb(cr, 0, 0, 0);
            double mx = kMargin;
            auto mark = [&](const std::string& text, const std::string& certificate) {  // only where the checks allow it
                cairo_rectangle(cr, mx, 30, 44, 26);
                cairo_stroke(cr);
                w.text(cr, text, mx, 36, 10, 44, PANGO_ALIGN_CENTER, true);
                if (!certificate.empty()) w.text(cr, certificate, mx - 3, 58, 5.5, 50, PANGO_ALIGN_CENTER);
                mx += 50;
            };
            if (rep.cma) mark("CMA", rep.cmaNo);
            if (rep.cnas) mark("CNAS", rep.cnasNo);
            if (rep.ilacMra) mark("ilac-MRA", "");
            w.text(cr, rep.lab, kMargin, 32, 13, kContentW, PANGO_ALIGN_CENTER, true);
            w.text(cr, w.label("检验检测报告", "Test Report"), kMargin, 54, 16, kContentW, PANGO_ALIGN_CENTER, true);
            w.text(cr, w.label("报告编号", "Report No.") + ": " + rep.number, kMargin, 84, 9, kContentW, PANGO_ALIGN_RIGHT);
            if (rep.draft) {  // in words too, where the eye starts (and where a text extractor reads it in order)
                cairo_set_source_rgb(cr, 0.75, 0.1, 0.1);
                w.text(cr, kDraftWatermark, kMargin, 82, 11, kContentW / 2, PANGO_ALIGN_LEFT, true);
                cairo_set_source_rgb(cr, 0, 0, 0);
            }
            cairo_move_to(cr, kMargin, 100);
            cairo_line_to(cr, kPageW - kMargin, 100);
            cairo_stroke(cr);
            const std::string of = rep.language == "zh"   ? "第 " + std::to_string(page) + " 页 共 " + std::to_string(total) + " 页"
                                   : rep.language == "en" ? "Page " + std::to_string(page) + " of " + std::to_string(total)
                                                          : "第 " + std::to_string(page) + " 页 共 " + std::to_string(total) + " 页 / Page " +
                                                                std::to_string(page) + " of " + std::to_string(total);
            w.text(cr, rep.number + "    " + of, kMargin, kFooterTop + 8, 8, kContentW, PANGO_ALIGN_CENTER);
        };
        auto tableHead = [&](double top) {
            double x = kMargin;
            for (std::size_t c = 0; c < cols.size(); ++c) {
                cairo_rectangle(cr, x, top, cols[c].width, headH);
                Writer::show(cr, headLayouts[c].get(), x + kCellPad, top + kCellPad);
                x += cols[c].width;
            }
            cairo_stroke(cr);
        };
        // A draft: 草稿 / 未签发 across every page, over the content, translucent so it stays readable.
        auto watermark = [&] {
            if (!rep.draft) return;
            cairo_save(cr);
            cairo_set_source_rgba(cr, 0.75, 0.1, 0.1, 0.2);
            cairo_translate(cr, kPageW / 2, kPageH / 2);
            cairo_rotate(cr, -std::atan2(kPageH, kPageW));
            constexpr double kWide = 760;
            w.text(cr, kDraftWatermark, -kWide / 2, -40, 72, kWide, PANGO_ALIGN_CENTER, true);
            cairo_restore(cr);
        };
        int page = 0;
        for (const auto& b : flow) {
            if (b.page != page) {
                if (page > 0) {
                    watermark();
                    cairo_show_page(cr);
                }
                page = b.page;
                header(page);
            }
            switch (b.kind) {
                case Block::Info:
                    Writer::show(cr, infoKeys[b.index].get(), kMargin, b.y);
                    Writer::show(cr, infoValues[b.index].get(), kMargin + 135, b.y);
                    break;
                case Block::Row: {
                    if (b.headAbove) tableHead(b.y - headH);
                    double x = kMargin;
                    for (std::size_t c = 0; c < cols.size(); ++c) {
                        cairo_rectangle(cr, x, b.y, cols[c].width, b.height);
                        Writer::show(cr, cellLayouts[b.index][c].get(), x + kCellPad, b.y + kCellPad);
                        x += cols[c].width;
                    }
                    cairo_stroke(cr);
                    break;
                }
                case Block::Text:
                    Writer::show(cr, tailLayouts[b.index].get(), kMargin, b.y + (b.index == 0 ? 10 : 0));
                    break;
                case Block::Closing: {
                    const double y = b.y + 14;
                    if (rep.draft) {  // nothing here signs or verifies
                        const std::string who = rep.signatory.empty() ? w.label("（未选择）", "(not chosen)") : rep.signatory;
                        w.text(cr, w.label("授权签字人", "Authorized signatory") + ": " + who + " " + w.label("（未签名）", "(not signed)"), kMargin, y, 10,
                               kContentW);
                        w.text(cr, w.label("签发日期", "Date of issue") + ": " + w.label("未签发", "not issued"), kMargin, y + 18, 10, kContentW);
                        w.text(cr, w.label("本草稿仅供签发前核对，不作为检验检测报告使用，无验证码。",
                                           "A draft for reading before signing: not a test report, and without a verification code."),
                               kMargin, y + 36, 7.5, kContentW);
                    } else {
                        w.text(cr, w.label("授权签字人", "Authorized signatory") + ": " + rep.signatory, kMargin, y, 10, kContentW - kQr - 20);
                        w.text(cr, w.label("签发日期", "Date of issue") + ": " + rep.issueDate, kMargin, y + 18, 10, kContentW - kQr - 20);
                        w.text(cr, w.label("扫码验证", "Scan to verify") + ": " + rep.verifyUrl, kMargin, y + 36, 7.5, kContentW - kQr - 20);
                        cairo_set_source_rgb(cr, 0, 0, 0);
                        drawQr(cr, rep.verifyUrl, kPageW - kMargin - kQr, y, kQr);
                    }
                    w.text(cr, w.label("（报告结束）", "(End of report)"), kMargin, y + kQr + 16, 10, kContentW, PANGO_ALIGN_CENTER, true);
                    break;
                }
            }
        }
        watermark();
        cairo_show_page(cr);
        if (cairo_status(cr) != CAIRO_STATUS_SUCCESS) throw Error::internal("cairo: drawing the report failed");
    }
    holder.reset();
    cairo_surface_finish(surface.get());  // fonts are subset and embedded here
    if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS) throw Error::internal("cairo: cannot finish the PDF");
    return pdf;
}

}  // namespace assay::reports
