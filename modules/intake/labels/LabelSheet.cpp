// LabelSheet: label geometry, zint symbols drawn as cairo rectangles, pango text, PDF streaming.
#include "labels/LabelSheet.hpp"

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>
#include <zint.h>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstring>
#include <limits>
#include <memory>
#include <new>
#include <string_view>

#include "assay/Messages.hpp"
#include "assay/Error.hpp"

namespace assay::intake {

namespace {

// ---- Geometry. Everything is laid out in millimetres and converted to PDF points (1/72 in).

constexpr double kPointsPerMm = 72.0 / 25.4;
constexpr double pt(double mm) { return mm * kPointsPerMm; }

constexpr double kLabelWidthMm = 50.0;
constexpr double kLabelHeightMm = 30.0;
constexpr double kPaddingMm = 1.5;  // white margin inside the label edge (text and QR)

// Code128 across the top. The quiet zones (10 modules each side, ISO/IEC 15417) lie inside the
// label but may use its padding, so the symbol spans nearly the full width.
constexpr double kBarcodeTopMm = kPaddingMm;
constexpr double kBarcodeHeightMm = 8.0;
constexpr int kCode128QuietModules = 10;
// Preferred module (X) width: 2 dots at 203 dpi and ~3 at 300 dpi, so thermal and office printers
// reproduce every bar at the same width. Narrower only when the code would not fit otherwise
// (a 16-character sub-sample code is 178 modules: 198 x 0.25 mm = 49.5 mm).
constexpr double kCode128ModuleMm = 0.25;

// QR in the lower right corner; its module is a whole multiple of kQrModuleStepMm (1 dot at
// 203 dpi) and the symbol is aligned to the bottom right padding corner. The white space around
// it (padding, gap to the barcode, gap to the text) serves as its quiet zone.
constexpr double kQrBoxMm = 16.0;
constexpr double kQrModuleStepMm = 0.125;
constexpr int kQrEccLevel = 2;  // zint option_1: 1 L, 2 M, 3 Q, 4 H

// Text column left of the QR box, below the barcode.
constexpr double kTextTopMm = kBarcodeTopMm + kBarcodeHeightMm + 1.0;
constexpr double kTextGapMm = 1.5;  // between the text column and the QR box
constexpr double kTextWidthMm = kLabelWidthMm - 2 * kPaddingMm - kQrBoxMm - kTextGapMm;
constexpr double kTextBottomMm = kLabelHeightMm - kPaddingMm;
constexpr double kLineGapMm = 0.6;  // between the code, the name and the date

// Fonts (sizes in points; the pango context runs at 72 dpi so 1 pt == 1 PDF unit).
constexpr const char* kFontFamily = "WenQuanYi Zen Hei";
constexpr double kCodeFontPt = 7.0;  // WQY has no bold face; cairo emboldens synthetically
constexpr double kNameFontPt = 6.0;
constexpr double kDateFontPt = 5.5;

// A4 sheet: 3 x 9 cells of 50 x 30 mm, centred on the page.
constexpr double kA4WidthMm = 210.0;
constexpr double kA4HeightMm = 297.0;
constexpr int kSheetColumns = 3;
constexpr int kSheetRows = 9;
constexpr double kSheetColumnGapMm = 5.0;
constexpr double kSheetRowGapMm = 1.0;
constexpr double kSheetLeftMm =
    (kA4WidthMm - kSheetColumns * kLabelWidthMm - (kSheetColumns - 1) * kSheetColumnGapMm) / 2;  // 25 mm
constexpr double kSheetTopMm =
    (kA4HeightMm - kSheetRows * kLabelHeightMm - (kSheetRows - 1) * kSheetRowGapMm) / 2;  // 9.5 mm
static_assert(kSheetLeftMm >= 5.0 && kSheetTopMm >= 5.0, "the grid must leave printable margins");

constexpr const char* kPdfTitle = "样品标签";

// ---- RAII for the C libraries.

struct SurfaceDeleter {
    void operator()(cairo_surface_t* s) const noexcept { cairo_surface_destroy(s); }
};
struct CairoDeleter {
    void operator()(cairo_t* cr) const noexcept { cairo_destroy(cr); }
};
struct FontOptionsDeleter {
    void operator()(cairo_font_options_t* o) const noexcept { cairo_font_options_destroy(o); }
};
struct GObjectDeleter {
    void operator()(gpointer object) const noexcept { g_object_unref(object); }
};
struct FontDescriptionDeleter {
    void operator()(PangoFontDescription* d) const noexcept { pango_font_description_free(d); }
};
struct SymbolDeleter {
    void operator()(zint_symbol* s) const noexcept { ZBarcode_Delete(s); }
};

using SurfacePtr = std::unique_ptr<cairo_surface_t, SurfaceDeleter>;
using CairoPtr = std::unique_ptr<cairo_t, CairoDeleter>;
using FontOptionsPtr = std::unique_ptr<cairo_font_options_t, FontOptionsDeleter>;
using FontMapPtr = std::unique_ptr<PangoFontMap, GObjectDeleter>;
using ContextPtr = std::unique_ptr<PangoContext, GObjectDeleter>;
using LayoutPtr = std::unique_ptr<PangoLayout, GObjectDeleter>;
using FontDescriptionPtr = std::unique_ptr<PangoFontDescription, FontDescriptionDeleter>;
using SymbolPtr = std::unique_ptr<zint_symbol, SymbolDeleter>;

// ---- Input checks and normalisation.

bool isDigits(std::string_view s, std::size_t pos, std::size_t count) {
    if (pos + count > s.size()) return false;
    return std::all_of(s.begin() + static_cast<std::ptrdiff_t>(pos),
                       s.begin() + static_cast<std::ptrdiff_t>(pos + count),
                       [](char c) { return c >= '0' && c <= '9'; });
}

int twoDigits(std::string_view s, std::size_t pos) { return (s[pos] - '0') * 10 + (s[pos + 1] - '0'); }

// Converts an RFC 3339 timestamp (or "YYYY-MM-DDTHH:MM:SS" without an offset) into the subset
// cairo 1.16 accepts for CAIRO_PDF_METADATA_CREATE_DATE: "YYYY-MM-DDTHH:MM:SS" plus "Z" or
// "+HH:MM"/"-HH:MM". cairo silently drops a date holding any other character (such as the "."
// of fractional seconds), and would then write no CreationDate at all.
std::string pdfCreateDate(std::string_view s) {
    const auto bad = [] { return Error::invalidField("createdAt", "must be YYYY-MM-DDTHH:MM:SS[Z|+HH:MM]"); };
    if (!isDigits(s, 0, 4) || s.size() < 19 || s[4] != '-' || !isDigits(s, 5, 2) || s[7] != '-' ||
        !isDigits(s, 8, 2) || (s[10] != 'T' && s[10] != 't' && s[10] != ' ') || !isDigits(s, 11, 2) ||
        s[13] != ':' || !isDigits(s, 14, 2) || s[16] != ':' || !isDigits(s, 17, 2))
        throw bad();
    const int month = twoDigits(s, 5), day = twoDigits(s, 8);
    const int hour = twoDigits(s, 11), minute = twoDigits(s, 14), second = twoDigits(s, 17);
    if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) throw bad();

    std::string out(s.substr(0, 19));
    out[10] = 'T';
    std::size_t i = 19;
    if (i < s.size() && s[i] == '.') {  // fractional seconds: at least one digit, then dropped
        ++i;
        const std::size_t digitsFrom = i;
        while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
        if (i == digitsFrom) throw bad();
    }
    if (i == s.size()) return out;
    if ((s[i] == 'Z' || s[i] == 'z') && i + 1 == s.size()) return out + 'Z';
    if ((s[i] == '+' || s[i] == '-') && i + 6 == s.size() && isDigits(s, i + 1, 2) && s[i + 3] == ':' &&
        isDigits(s, i + 4, 2) && twoDigits(s, i + 1) <= 23 && twoDigits(s, i + 4) <= 59)
        return out + std::string(s.substr(i));
    throw bad();
}

// Code128 encodes ASCII; sample codes are system-generated, so anything else is a caller bug.
void checkCode(const std::string& code, std::size_t index) {
    const bool printable =
        std::all_of(code.begin(), code.end(), [](char c) { return c >= 0x20 && c <= 0x7e; });
    if (code.empty() || !printable)
        throw Error::invalidField("labels[" + std::to_string(index) + "].code", "must be non-empty printable ASCII");
}

// Text for a single-paragraph pango layout: valid UTF-8 (bad bytes become U+FFFD) and no line
// breaks or tabs, which would otherwise start new paragraphs that escape the ellipsizing.
std::string displayText(const std::string& s) {
    gchar* valid = g_utf8_make_valid(s.data(), static_cast<gssize>(s.size()));
    std::string out(valid);
    g_free(valid);
    std::replace_if(out.begin(), out.end(), [](char c) { return c == '\n' || c == '\r' || c == '\t'; }, ' ');
    return out;
}

// ---- Barcodes.

// Encodes data with zint into vector rectangles; show_hrt = 0 because pango draws the text.
SymbolPtr encodeSymbol(int symbology, const std::string& data) {
    SymbolPtr symbol(ZBarcode_Create());
    if (!symbol) throw Error::internal("zint: ZBarcode_Create failed");
    symbol->symbology = symbology;
    symbol->input_mode = UNICODE_MODE;  // UTF-8 input; QR inserts ECI 26 for non-Latin-1 text
    symbol->show_hrt = 0;
    if (symbology == BARCODE_QRCODE) symbol->option_1 = kQrEccLevel;
    if (data.size() > static_cast<std::size_t>(std::numeric_limits<int>::max()))
        throw Error::internal("zint: input too long");
    const int rc = ZBarcode_Encode_and_Buffer_Vector(
        symbol.get(), reinterpret_cast<const unsigned char*>(data.data()), static_cast<int>(data.size()), 0);
    if (rc >= ZINT_ERROR)
        throw Error::internal("zint: cannot encode " + std::string(symbology == BARCODE_QRCODE ? "QR" : "Code128") +
                              " \"" + data + "\": " + symbol->errtxt);
    if (!symbol->vector || !symbol->vector->rectangles || symbol->width <= 0)
        throw Error::internal("zint: empty vector output for \"" + data + "\"");
    return symbol;
}

// Draws the symbol's foreground rectangles with their bounding box mapped onto
// [x, x + moduleW * symbol->width] x [y, y + height]. The bounding box of the dark rectangles is
// the symbol itself (Code128 starts and ends with a bar, a QR code has finder patterns in three
// corners), so zint's units, scale and whitespace do not matter.
// Each rectangle is filled on its own: cairo then writes it as a compact "x y w h re f"
// (a multi-rectangle path becomes m/l/l/l/h, 2.7x the PDF size), and poppler snaps such
// rectangles to whole device pixels, so rasterised bars and modules come out crisp.
void drawSymbol(cairo_t* cr, const zint_symbol& symbol, double x, double y, double moduleW, double height) {
    float minX = std::numeric_limits<float>::max(), minY = minX;
    float maxX = std::numeric_limits<float>::lowest(), maxY = maxX;
    for (const zint_vector_rect* r = symbol.vector->rectangles; r; r = r->next) {
        if (r->colour != -1) continue;  // only foreground
        minX = std::min(minX, r->x);
        minY = std::min(minY, r->y);
        maxX = std::max(maxX, r->x + r->width);
        maxY = std::max(maxY, r->y + r->height);
    }
    if (!(maxX > minX && maxY > minY)) throw Error::internal("zint: symbol has no foreground");
    const double sx = moduleW * symbol.width / (maxX - minX);
    const double sy = height / (maxY - minY);
    for (const zint_vector_rect* r = symbol.vector->rectangles; r; r = r->next) {
        if (r->colour != -1) continue;
        cairo_rectangle(cr, x + (r->x - minX) * sx, y + (r->y - minY) * sy, r->width * sx, r->height * sy);
        cairo_fill(cr);
    }
}

// Code128 centred across the label top with kCode128QuietModules of white on either side.
void drawCode128(cairo_t* cr, const std::string& code) {
    const SymbolPtr symbol = encodeSymbol(BARCODE_CODE128, code);
    const int modules = symbol->width;
    const double fitMm = kLabelWidthMm / (modules + 2 * kCode128QuietModules);
    const double moduleMm = std::min(kCode128ModuleMm, fitMm);
    const double widthMm = moduleMm * modules;
    drawSymbol(cr, *symbol, pt((kLabelWidthMm - widthMm) / 2), pt(kBarcodeTopMm), pt(moduleMm), pt(kBarcodeHeightMm));
}

// QR code with square modules, bottom-right in the kQrBoxMm box.
void drawQr(cairo_t* cr, const std::string& text) {
    const SymbolPtr symbol = encodeSymbol(BARCODE_QRCODE, text);
    const int modules = symbol->width;
    double moduleMm = kQrBoxMm / modules;
    if (moduleMm >= kQrModuleStepMm) moduleMm = std::floor(moduleMm / kQrModuleStepMm) * kQrModuleStepMm;
    const double sizeMm = moduleMm * modules;
    const double right = kLabelWidthMm - kPaddingMm, bottom = kLabelHeightMm - kPaddingMm;
    drawSymbol(cr, *symbol, pt(right - sizeMm), pt(bottom - sizeMm), pt(moduleMm), pt(sizeMm));
}

// ---- Text.

FontDescriptionPtr makeFont(double sizePt, PangoWeight weight) {
    FontDescriptionPtr font(pango_font_description_new());
    pango_font_description_set_family(font.get(), kFontFamily);
    pango_font_description_set_weight(font.get(), weight);
    pango_font_description_set_size(font.get(), static_cast<gint>(std::lround(sizePt * PANGO_SCALE)));
    return font;
}

LayoutPtr makeLayout(PangoContext* context, const PangoFontDescription* font) {
    LayoutPtr layout(pango_layout_new(context));
    pango_layout_set_font_description(layout.get(), font);
    pango_layout_set_width(layout.get(), static_cast<int>(pt(kTextWidthMm) * PANGO_SCALE));
    pango_layout_set_wrap(layout.get(), PANGO_WRAP_WORD_CHAR);
    return layout;
}

// Height of the layout's logical extents in points.
double layoutHeight(PangoLayout* layout) {
    int width = 0, height = 0;
    pango_layout_get_size(layout, &width, &height);
    return static_cast<double>(height) / PANGO_SCALE;
}

void showLayout(cairo_t* cr, PangoLayout* layout, double x, double y) {
    cairo_move_to(cr, x, y);
    pango_cairo_show_layout(cr, layout);
}

// The per-call text machinery: one fontmap (never shared between threads), one context at
// 72 dpi without hinting, and one layout per text style, reused for every label.
class TextStyles {
public:
    explicit TextStyles(cairo_t* cr)
        : font_map_(pango_cairo_font_map_new()),
          context_(pango_font_map_create_context(font_map_.get())),
          code_font_(makeFont(kCodeFontPt, PANGO_WEIGHT_BOLD)),
          name_font_(makeFont(kNameFontPt, PANGO_WEIGHT_NORMAL)),
          date_font_(makeFont(kDateFontPt, PANGO_WEIGHT_NORMAL)) {
        if (!font_map_ || !context_) throw Error::internal("pango: cannot create font map or context");
        pango_cairo_context_set_resolution(context_.get(), 72.0);  // 1 pt == 1 PDF unit
        pango_context_set_round_glyph_positions(context_.get(), FALSE);
        const FontOptionsPtr options(cairo_font_options_create());
        cairo_font_options_set_hint_metrics(options.get(), CAIRO_HINT_METRICS_OFF);
        cairo_font_options_set_hint_style(options.get(), CAIRO_HINT_STYLE_NONE);
        pango_cairo_context_set_font_options(context_.get(), options.get());
        pango_cairo_update_context(cr, context_.get());

        code_ = makeLayout(context_.get(), code_font_.get());  // never ellipsized: it is the identity
        name_ = makeLayout(context_.get(), name_font_.get());
        pango_layout_set_ellipsize(name_.get(), PANGO_ELLIPSIZE_END);
        date_ = makeLayout(context_.get(), date_font_.get());
        pango_layout_set_ellipsize(date_.get(), PANGO_ELLIPSIZE_END);
    }

    // Draws code, name and date into the text column of the label at the current origin.
    void draw(cairo_t* cr, const LabelData& label) {
        const double x = pt(kPaddingMm);
        const double gap = pt(kLineGapMm);

        pango_layout_set_text(code_.get(), label.code.c_str(), static_cast<int>(label.code.size()));
        showLayout(cr, code_.get(), x, pt(kTextTopMm));
        const double nameTop = pt(kTextTopMm) + layoutHeight(code_.get()) + gap;

        const std::string date = label.receivedOn.empty() ? "未收样" : "收样 " + displayText(label.receivedOn);
        pango_layout_set_text(date_.get(), date.c_str(), static_cast<int>(date.size()));
        const double dateTop = pt(kTextBottomMm) - layoutHeight(date_.get());
        showLayout(cr, date_.get(), x, dateTop);

        // The name takes the lines that fit between code and date; the last one is ellipsized.
        const std::string name = displayText(label.name);
        const double nameHeight = dateTop - gap - nameTop;
        if (!name.empty() && nameHeight > 0) {
            pango_layout_set_height(name_.get(), static_cast<int>(nameHeight * PANGO_SCALE));
            pango_layout_set_text(name_.get(), name.c_str(), static_cast<int>(name.size()));
            showLayout(cr, name_.get(), x, nameTop);
        }
    }

private:
    // Declaration order is destruction order in reverse: layouts, then context, then fontmap.
    FontMapPtr font_map_;
    ContextPtr context_;
    FontDescriptionPtr code_font_, name_font_, date_font_;
    LayoutPtr code_, name_, date_;
};

void drawLabel(cairo_t* cr, TextStyles& text, const LabelData& label, double originX, double originY) {
    cairo_save(cr);
    cairo_translate(cr, originX, originY);
    drawCode128(cr, label.code);
    drawQr(cr, label.qrText.empty() ? label.code : label.qrText);
    text.draw(cr, label);
    cairo_restore(cr);
}

// cairo write callback: appends to the std::string passed as closure. It must not throw
// through C, so an allocation failure becomes a cairo write error.
cairo_status_t appendToString(void* closure, const unsigned char* data, unsigned int length) {
    try {
        static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
        return CAIRO_STATUS_SUCCESS;
    } catch (const std::bad_alloc&) {
        return CAIRO_STATUS_WRITE_ERROR;
    }
}

void checkCairo(cairo_status_t status, const char* what) {
    if (status != CAIRO_STATUS_SUCCESS)
        throw Error::internal(std::string("cairo: ") + what + ": " + cairo_status_to_string(status));
}

}  // namespace

std::string renderLabels(const std::vector<LabelData>& labels, LabelLayout layout, const std::string& createdAt) {
    if (labels.empty()) throw Error::invalidField("labels", Message(assay::msg::kEmpty));
    for (std::size_t i = 0; i < labels.size(); ++i) checkCode(labels[i].code, i);
    const std::string createDate = pdfCreateDate(createdAt);

    const bool sheet = layout == LabelLayout::A4Sheet;
    const double pageWidth = pt(sheet ? kA4WidthMm : kLabelWidthMm);
    const double pageHeight = pt(sheet ? kA4HeightMm : kLabelHeightMm);

    std::string pdf;  // outlives the surface, which may still write to it while being destroyed
    const SurfacePtr surface(cairo_pdf_surface_create_for_stream(appendToString, &pdf, pageWidth, pageHeight));
    checkCairo(cairo_surface_status(surface.get()), "create PDF surface");
    cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_TITLE, kPdfTitle);
    cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATE_DATE, createDate.c_str());

    {
        const CairoPtr cr(cairo_create(surface.get()));
        checkCairo(cairo_status(cr.get()), "create context");
        TextStyles text(cr.get());
        cairo_set_source_rgb(cr.get(), 0, 0, 0);  // black on the (white) paper, nothing else

        const std::size_t perPage = sheet ? std::size_t{kSheetColumns} * kSheetRows : 1;
        for (std::size_t i = 0; i < labels.size(); ++i) {
            const std::size_t cell = i % perPage;
            if (i > 0 && cell == 0) cairo_show_page(cr.get());
            double x = 0, y = 0;
            if (sheet) {
                const auto column = static_cast<double>(cell % kSheetColumns);
                const auto row = static_cast<double>(cell / kSheetColumns);
                x = pt(kSheetLeftMm + column * (kLabelWidthMm + kSheetColumnGapMm));
                y = pt(kSheetTopMm + row * (kLabelHeightMm + kSheetRowGapMm));
            }
            drawLabel(cr.get(), text, labels[i], x, y);
        }
        cairo_show_page(cr.get());
        checkCairo(cairo_status(cr.get()), "draw labels");
    }

    cairo_surface_finish(surface.get());  // fonts are subset and embedded here
    checkCairo(cairo_surface_status(surface.get()), "finish PDF");
    return pdf;
}

}  // namespace assay::intake
