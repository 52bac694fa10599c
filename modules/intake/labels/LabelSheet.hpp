// LabelSheet: printable sample labels (样品标签) as a PDF, drawn with cairo + pango + zint.
//
// Purpose: intake prints one 50 mm x 30 mm label per sample or sub-sample. Each label carries a
// Code128 barcode of the sample code (full label width, quiet zones inside the label), the code
// as text, the sample name (wrapped, ellipsized to the space left), "收样 YYYY-MM-DD" (or 未收样)
// and a QR code of qrText. Single50x30 makes one 50x30 mm page per label for label printers;
// A4Sheet places 3 x 9 labels per A4 portrait page for office printers (print at 100 %, not
// "fit to page", or the barcode module widths change).
// The font is WenQuanYi Zen Hei, found through fontconfig (fonts-wqy-zenhei). Output is
// deterministic: the same input gives byte-identical PDFs (createdAt is the CreationDate).
// Ownership: renderLabels owns every cairo/pango/zint object it creates and frees them before
// returning, also when it throws.
// Thread-safety: renderLabels may run concurrently on any number of threads; every call makes
// its own PangoFontMap (a shared fontmap is not thread-safe in pango 1.50, see STACK.md).
// A call costs a few ms per page plus the font load of its fresh fontmap: run it on a worker,
// not on an HTTP thread, when printing large batches.
#pragma once

#include <string>
#include <vector>

namespace assay::intake {

struct LabelData {
    std::string code;        // sample code, e.g. "GDQT2026000123" or a sub-sample "GDQT2026000123-1"
    std::string name;        // sample name, e.g. "大米（籼米）"
    std::string receivedOn;  // "2026-11-29", or "" when not received yet (prints 未收样)
    std::string qrText;      // what the QR code encodes (a URL or the code); "" encodes the code
};

enum class LabelLayout {
    Single50x30,  // one 50 mm x 30 mm page per label (label printers)
    A4Sheet       // A4 portrait, 3 columns x 9 rows of 50x30 mm cells, more pages as needed
};

// Renders all labels, in order, into one PDF and returns its bytes.
// createdAt ("YYYY-MM-DDTHH:MM:SS", optionally with fractional seconds and "Z" or "+08:00",
// i.e. RFC 3339) becomes the PDF CreationDate, so repeated calls give identical bytes.
// Errors: Error(InvalidArgument) when labels is empty, a code is empty or not printable ASCII,
// or createdAt is malformed; Error(Internal) on a cairo or zint failure.
std::string renderLabels(const std::vector<LabelData>& labels, LabelLayout layout, const std::string& createdAt);

}  // namespace assay::intake
