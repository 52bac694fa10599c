// libFuzzer target: the delimited-table profile never crashes, whatever the bytes and profile.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "delimited/DelimitedTable.hpp"

using namespace assay::instruments::delimited;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size < 2) return 0;
    TableProfile p;
    p.delimiter = ",;\t|"[data[0] & 3];
    p.decimalComma = data[0] & 4;
    p.layout = (data[0] & 8) ? "wide" : "long";
    p.skipRows = data[1] % 4;
    p.headerRows = 1 + (data[1] >> 2) % 3;
    p.encoding = (data[0] & 16) ? "utf-16le" : "auto";
    p.sampleColumn = "Sample";
    p.analyteColumn = "Analyte";
    p.valueColumn = "Value";
    p.unitColumn = (data[0] & 32) ? "Unit" : "";
    parseTable(std::string_view(reinterpret_cast<const char*>(data + 2), size - 2), p);
    return 0;
}
