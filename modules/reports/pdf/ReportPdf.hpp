// ReportPdf: the test report (检验检测报告) as an A4 PDF — cairo PDF surface, pango text in the
// system WenQuanYi Zen Hei (subset-embedded by cairo, so a page stays near 50 KB), zint QR.
//
// Purpose: renderReportPdf() lays out the header on every page (lab, title, report number, the
// CMA / CNAS / ILAC-MRA marks only when the checks allow them), the customer and sample block,
// the results table (sample, item, method with its year, unit, requirement, result, conformity,
// MU; starred rows footnoted 不在资质认定范围内 / not in CNAS scope), the agreed exclusions
// (R33), the statements, the signature block, the QR of the public verification URL and the end
// marker 报告结束, with 第 x 页 共 y 页 / Page x of y and the number on every page (R27).
// Labels are bilingual, Chinese only or English only per the order (R34). The creation date is
// the signing time, so the same report renders to the same bytes. Text stays extractable
// (pdftotext). Errors: Error(Internal) when cairo fails.
// A draft (PdfReport::draft) is the same document for reading before signing: every page carries
// the diagonal watermark 草稿 / 未签发, the closing block names the chosen signatory as not signed,
// and there is no QR code and no verification address (nothing in it can verify).
// Thread-safety: safe to call from any number of threads. Each call has its own context, layouts
// and surface, and borrows a font map that no other call uses meanwhile (pango's font map cache
// is not thread-safe when shared); idle maps are kept for the next call, since building one
// costs more than the rest of a report (docs/performance.md, B5).
#pragma once

#include <string>
#include <vector>

namespace assay::reports {

struct PdfLine {
    std::string sample, parameter, method, unit, limit, result, conformity, uncertainty;
    bool cmaStar = false, cnasStar = false;
    std::string subcontractedTo;  // R31: "+" and a footnote naming the receiving lab
};

// A sample as the first page describes it (ISO 7.8.2.1 g, h): the customer-supplied description
// is flagged △ with the R28 disclaimer.
struct PdfSample {
    std::string code, name;
    std::string supplied;  // brand, model, batch, manufacturer, production date, as the customer declared them
    std::string received, condition, deviation;
};

struct PdfReport {
    std::string language = "bilingual";  // zh | en | bilingual
    std::string number, lab, customer, orderCode, samples, issueDate, issuedAt, signatory, verifyUrl;
    std::string labAddress, cmaNo, cnasNo, contact, site;  // 7.8.2.1 b, c, e; the certificate numbers under the marks
    std::vector<PdfSample> sampleFacts;
    bool cma = false, cnas = false, ilacMra = false;
    std::vector<PdfLine> lines;
    std::vector<std::string> exclusions;
    std::vector<std::string> statements;
    bool draft = false;  // a preview before signing: watermarked, unsigned, no QR (ReportService::draftPdf)
};

// The watermark on every page of a draft, and the line that replaces the QR code.
inline constexpr const char* kDraftWatermark = "草稿 / 未签发";

std::string renderReportPdf(const PdfReport& report);

}  // namespace assay::reports
