// bench_reports: signed certificate PDFs per second (BENCHMARKS.md B5), in process.
//
// Each report goes through the whole per-report path of ReportService::issue after the checks:
//   render  renderReportPdf(): A4, bilingual, CMA + CNAS marks, 30 result rows of Chinese text
//           (a few starred), footnotes, an exclusion, statements, the signatory, a QR URL
//   hash    sha256Hex() of the PDF, and the canonical JSON (keys sorted, ~30 lines) built with
//           Poco::JSON as the service does
//   sign    signReport(): opens the encrypted PKCS#8 key once, signs the canonical JSON (ECDSA
//           P-256) and makes the detached CMS signature of the PDF (the "cms" share is then 0)
// with a key from generateKey(). N worker threads take reports from one counter until --reports
// are done or --seconds have passed. Prints reports/s, p50/p99/p99.9 latency per report, the PDF
// size and where the time goes; plus floors measured in the same run: ECDSA and CMS with the key
// already open, and opening the encrypted key alone.
//
// Correctness, always on: every PDF is compared (SHA-256) with the same report rendered
// single-threaded before the run (16 variants: number, verification URL), so a renderer that is
// not thread-safe shows up as "mismatch" rather than as a fast number. --verify additionally
// checks every report: %PDF- header and %%EOF trailer, verify() of the JSON signature and
// cmsVerify() of the detached CMS, which must fail with a byte appended to the PDF (the smoke
// uses it; it is not part of the timed path).
//
// Usage: bench_reports [--threads N] [--reports N | --seconds S] [--verify] [--out DIR]
//                      [--runs N] [--ready-file F] [--variants N] [--warmup N]
//   --runs N          measured runs (each --reports or --seconds); prints the median rate, and
//                     latency percentiles over all runs
//   --out DIR         also write report-0.pdf, report-0.p7s, cert.pem, canonical-0.json there
//   --ready-file F    written once warmed up, so that a script can start load after it
//   --variants N      distinct reports (default 16); --warmup N untimed reports first (4/thread)
// Exit status: 0 when every report matched (and verified with --verify), 1 otherwise.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <limits>
#include <mutex>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <openssl/bio.h>
#include <openssl/cms.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include "domain/Signing.hpp"
#include "pdf/ReportPdf.hpp"

using namespace assay::reports;
using Clock_ = std::chrono::steady_clock;

namespace {
struct Options {
    int threads = 2;
    long reports = 400;
    double seconds = 0;  // > 0: run for this long instead of a count
    int runs = 1;        // measured runs; the median rate is reported
    int variants = 16;   // distinct reports (number, verification URL), rendered once single-threaded first
    int warmup = -1;     // untimed reports through all threads before the runs (default 4 per thread)
    bool verify = false;
    std::string out, readyFile;
};

Options parse(int argc, char** argv) {
    Options o;
    for (int i = 1; i < argc; ++i) {
        const std::string k = argv[i];
        auto value = [&]() -> std::string {
            if (i + 1 >= argc) throw std::runtime_error("missing value for " + k);
            return argv[++i];
        };
        if (k == "--threads") o.threads = std::max(1, std::stoi(value()));
        else if (k == "--reports") o.reports = std::max(1L, std::stol(value()));
        else if (k == "--seconds") o.seconds = std::stod(value());
        else if (k == "--runs") o.runs = std::max(1, std::stoi(value()));
        else if (k == "--variants") o.variants = std::max(1, std::stoi(value()));
        else if (k == "--warmup") o.warmup = std::max(0, std::stoi(value()));
        else if (k == "--verify") o.verify = true;
        else if (k == "--out") o.out = value();
        else if (k == "--ready-file") o.readyFile = value();
        else
            throw std::runtime_error("usage: bench_reports [--threads N] [--reports N | --seconds S] [--runs N] [--verify] [--out DIR] "
                                     "[--ready-file F] [--variants N] [--warmup N] (unknown option " + k + ")");
    }
    if (o.warmup < 0) o.warmup = 4 * o.threads;
    return o;
}

// Thirty result lines of a food report (GB 2762 contaminants, GB 2763 residues, GB 29921
// microbiology), the way testing and accreditation name them.
struct Item {
    const char *parameter, *method, *unit, *limit, *result, *conformity, *uncertainty;
};
const Item kItems[] = {
    {"铅(以Pb计)", "GB 5009.12-2017 第二法", "mg/kg", "≤0.2", "0.085", "pass", "±0.008"},
    {"镉(以Cd计)", "GB 5009.15-2014", "mg/kg", "≤0.2", "0.031", "pass", "±0.003"},
    {"总汞(以Hg计)", "GB 5009.17-2021 第一法", "mg/kg", "≤0.02", "未检出(<0.003)", "pass", ""},
    {"无机砷(以As计)", "GB 5009.11-2014 第二法", "mg/kg", "≤0.2", "0.12", "pass", "±0.02"},
    {"铬(以Cr计)", "GB 5009.123-2014", "mg/kg", "≤1.0", "0.36", "pass", "±0.04"},
    {"苯并[a]芘", "GB 5009.27-2016 第一法", "μg/kg", "≤2.0", "未检出(<0.2)", "pass", ""},
    {"黄曲霉毒素B1", "GB 5009.22-2016 第三法", "μg/kg", "≤10", "1.8", "pass", "±0.3"},
    {"赭曲霉毒素A", "GB 5009.96-2016 第一法", "μg/kg", "≤5.0", "未检出(<1.0)", "pass", ""},
    {"脱氧雪腐镰刀菌烯醇", "GB 5009.111-2016 第三法", "μg/kg", "≤1000", "286", "pass", "±31"},
    {"玉米赤霉烯酮", "GB 5009.209-2016 第二法", "μg/kg", "≤60", "未检出(<5)", "pass", ""},
    {"毒死蜱", "GB 23200.113-2018", "mg/kg", "≤0.5", "未检出(<0.01)", "pass", ""},
    {"氯氰菊酯和高效氯氰菊酯", "GB 23200.113-2018", "mg/kg", "≤2", "0.06", "pass", "±0.01"},
    {"多菌灵", "GB/T 20769-2008", "mg/kg", "≤0.5", "0.63", "fail", "±0.07"},
    {"吡虫啉", "GB/T 20769-2008", "mg/kg", "≤0.05", "未检出(<0.01)", "pass", ""},
    {"啶虫脒", "GB/T 20769-2008", "mg/kg", "≤0.5", "0.021", "pass", "±0.003"},
    {"甲胺磷", "GB 23200.113-2018", "mg/kg", "≤0.05", "未检出(<0.01)", "pass", ""},
    {"水分", "GB 5009.3-2016 第一法", "g/100g", "≤14.5", "12.8", "pass", "±0.2"},
    {"灰分", "GB 5009.4-2016 第一法", "g/100g", "—", "0.62", "no_judgement", ""},
    {"蛋白质", "GB 5009.5-2016 第一法", "g/100g", "≥7.0", "7.9", "pass", "±0.2"},
    {"脂肪", "GB 5009.6-2016 第二法", "g/100g", "—", "1.1", "no_judgement", ""},
    {"酸价(以脂肪计)(KOH)", "GB 5009.229-2016 第二法", "mg/g", "≤3", "1.2", "pass", "±0.1"},
    {"过氧化值(以脂肪计)", "GB 5009.227-2016 第一法", "g/100g", "≤0.25", "0.08", "pass", "±0.01"},
    {"菌落总数", "GB 4789.2-2022", "CFU/g", "n=5,c=2,m=10⁴,M=10⁵", "3.2×10³", "pass", ""},
    {"大肠菌群", "GB 4789.3-2016 第二法", "CFU/g", "n=5,c=2,m=10,M=10²", "<10", "pass", ""},
    {"霉菌", "GB 4789.15-2016 第一法", "CFU/g", "≤150", "20", "pass", ""},
    {"沙门氏菌", "GB 4789.4-2016", "/25g", "n=5,c=0,m=0", "未检出", "pass", ""},
    {"金黄色葡萄球菌", "GB 4789.10-2016 第二法", "CFU/g", "n=5,c=1,m=100,M=1000", "<10", "pass", ""},
    {"二氧化硫残留量", "GB 5009.34-2022 第一法", "g/kg", "≤0.1", "未检出(<0.003)", "pass", ""},
    {"苯甲酸及其钠盐(以苯甲酸计)", "GB 5009.28-2016 第一法", "g/kg", "不得使用", "未检出(<0.005)", "pass", ""},
    {"山梨酸及其钾盐(以山梨酸计)", "GB 5009.28-2016 第一法", "g/kg", "≤0.5", "0.12", "pass", "±0.01"},
};

std::string number(int v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "GDQT-R2026%06d", 1000 + v);
    return buf;
}
std::string verifyUrl(int v) { return "https://lims.gdqt.example.cn/verify/7KQ2M9XH4PZ3" + std::to_string(1000 + v); }

// What ReportService::pdfDocument hands the renderer at issue.
PdfReport document(int v) {
    PdfReport d;
    d.language = "bilingual";
    d.number = number(v);
    d.lab = "广东省某某检验检测研究院";
    d.customer = "广州市天河区某某食品有限公司（广州市天河区天河路 385 号）";
    d.orderCode = "GDQT-O2026000417";
    d.samples = "GDQT2026000873, GDQT2026000874, GDQT2026000875";
    d.issueDate = "2026-11-29";
    d.issuedAt = "2026-11-29T10:15:00+08:00";
    d.signatory = "刘建国";
    d.verifyUrl = verifyUrl(v);
    d.cma = true;
    d.cnas = true;
    d.ilacMra = false;
    const char* samples[] = {"GDQT2026000873", "GDQT2026000874", "GDQT2026000875"};
    int k = 0;
    for (const Item& it : kItems) {
        PdfLine l{samples[k / 10], it.parameter, it.method, it.unit, it.limit, it.result, it.conformity, it.uncertainty, false, false, ""};
        l.cmaStar = k == 8 || k == 27;  // outside the CMA scope, flagged (R2 policy "flag")
        l.cnasStar = k == 8 || k == 13 || k == 22;
        d.lines.push_back(l);
        ++k;
    }
    d.exclusions = {"铝的残留量(干样品,以Al计)"};
    d.statements = {"本报告检测结果仅对来样负责。 / The results apply only to the samples as received.",
                    "未经本机构书面批准，不得部分复制本报告。 / This report shall not be reproduced except in full without the written "
                    "approval of the laboratory.",
                    "符合性判定规则：简单接受（不考虑测量不确定度）。 / Decision rule: simple acceptance (measurement uncertainty not taken "
                    "into account)."};
    return d;
}

// The canonical JSON the service signs (same keys and shape as ReportService's canonicalJson).
std::string canonical(const PdfReport& d, const std::string& pdfSha, const std::string& fingerprint) {
    auto sorted = [] { return Poco::JSON::Object::Ptr(new Poco::JSON::Object()); };
    auto o = sorted();
    o->set("format", "assay-report/1");
    o->set("pdf_sha256", pdfSha);
    o->set("verify_code", d.verifyUrl.substr(d.verifyUrl.rfind('/') + 1));
    o->set("number", d.number);
    auto l = sorted();
    l->set("code", "GDQT");
    l->set("name", d.lab);
    o->set("lab", l);
    o->set("order_code", d.orderCode);
    o->set("customer", d.customer);
    o->set("language", d.language);
    Poco::JSON::Array::Ptr samples = new Poco::JSON::Array;
    for (const char* c : {"GDQT2026000873", "GDQT2026000874", "GDQT2026000875"}) samples->add(std::string(c));
    o->set("samples", samples);
    o->set("issue_date", d.issueDate);
    o->set("issued_at", d.issuedAt);
    auto s = sorted();
    s->set("user_id", "7");
    s->set("name", d.signatory);
    s->set("certificate_sha256", fingerprint);
    o->set("signatory", s);
    auto m = sorted();
    m->set("cma", d.cma);
    m->set("cnas", d.cnas);
    m->set("ilac_mra", d.ilacMra);
    o->set("marks", m);
    Poco::JSON::Array::Ptr lines = new Poco::JSON::Array;
    int id = 5000;
    for (const auto& f : d.lines) {
        auto x = sorted();
        x->set("sample_code", f.sample);
        x->set("parameter", f.parameter);
        x->set("method", f.method);
        x->set("result_id", std::to_string(++id));
        x->set("reported", f.result);
        x->set("unit", f.unit);
        x->set("limit", f.limit);
        x->set("conformity", f.conformity);
        x->set("decision_rule", std::string("simple_acceptance"));
        x->set("uncertainty", f.uncertainty);
        x->set("test_date", std::string("2026-11-27"));
        x->set("cma_starred", f.cmaStar);
        x->set("cnas_starred", f.cnasStar);
        lines->add(x);
    }
    o->set("lines", lines);
    Poco::JSON::Array::Ptr exclusions = new Poco::JSON::Array;
    for (const auto& e : d.exclusions) exclusions->add(e);
    o->set("exclusions", exclusions);
    std::ostringstream out;
    o->stringify(out, 0, -1);
    return out.str();
}

struct Sample {
    double total, render, hash, sign, cms;  // microseconds
};

double since(Clock_::time_point t0) { return std::chrono::duration<double, std::micro>(Clock_::now() - t0).count(); }

std::string pct(std::vector<double> us) {
    std::sort(us.begin(), us.end());
    auto at = [&](double q) { return us.empty() ? 0.0 : us[std::min(us.size() - 1, static_cast<std::size_t>(q * us.size()))] / 1000.0; };
    char buf[160];
    std::snprintf(buf, sizeof buf, "p50=%.2fms  p99=%.2fms  p99.9=%.2fms  max=%.2fms", at(0.5), at(0.99), at(0.999), us.empty() ? 0 : us.back() / 1000);
    return buf;
}

// The floors: ECDSA-SHA256 over the JSON and CMS of the PDF with a key opened once.
struct OpenKey {
    EVP_PKEY* key = nullptr;
    X509* cert = nullptr;
    OpenKey(const GeneratedKey& g, const std::string& password) {
        BIO* b = BIO_new_mem_buf(g.encryptedKeyPem.data(), static_cast<int>(g.encryptedKeyPem.size()));
        key = PEM_read_bio_PrivateKey(b, nullptr, nullptr, const_cast<char*>(password.c_str()));
        BIO_free(b);
        b = BIO_new_mem_buf(g.certificatePem.data(), static_cast<int>(g.certificatePem.size()));
        cert = PEM_read_bio_X509(b, nullptr, nullptr, nullptr);
        BIO_free(b);
        if (!key || !cert) throw std::runtime_error("cannot open the bench key");
    }
    ~OpenKey() {
        EVP_PKEY_free(key);
        X509_free(cert);
    }
    std::size_t sign(const std::string& data) const {
        EVP_MD_CTX* ctx = EVP_MD_CTX_new();
        unsigned char sig[80];
        std::size_t n = sizeof sig;
        if (EVP_DigestSignInit(ctx, nullptr, EVP_sha256(), nullptr, key) != 1 ||
            EVP_DigestSign(ctx, sig, &n, reinterpret_cast<const unsigned char*>(data.data()), data.size()) != 1)
            throw std::runtime_error("raw sign failed");
        EVP_MD_CTX_free(ctx);
        return n;
    }
    std::size_t cms(const std::string& data) const {
        BIO* in = BIO_new_mem_buf(data.data(), static_cast<int>(data.size()));
        CMS_ContentInfo* c = CMS_sign(cert, key, nullptr, in, CMS_DETACHED | CMS_BINARY);
        BIO* out = BIO_new(BIO_s_mem());
        if (!c || i2d_CMS_bio(out, c) != 1) throw std::runtime_error("raw CMS failed");
        const std::size_t n = static_cast<std::size_t>(BIO_pending(out));
        BIO_free(out);
        CMS_ContentInfo_free(c);
        BIO_free(in);
        return n;
    }
};

void write(const std::filesystem::path& p, const std::string& bytes) {
    std::ofstream f(p, std::ios::binary);
    f << bytes;
    if (!f) throw std::runtime_error("cannot write " + p.string());
}
}  // namespace


struct Run {
    std::vector<Sample> samples;
    double wall = 0;
    long mismatches = 0, invalid = 0;
    std::string error;
};

struct Bench {
    const Options& o;
    const GeneratedKey& key;
    const std::string& password;
    const std::vector<PdfReport>& docs;
    const std::vector<std::string>& expected;

    // The per-report path, on o.threads threads, until `count` reports or `seconds` have passed.
    Run run(long count, double seconds, bool verifyAll) const {
        Run r;
        std::atomic<long> next{0}, mismatches{0}, invalid{0};
        std::mutex m;
        const auto start = Clock_::now();
        const auto deadline =
            seconds > 0 ? start + std::chrono::duration_cast<Clock_::duration>(std::chrono::duration<double>(seconds)) : Clock_::time_point::max();
        const long limit = seconds > 0 ? std::numeric_limits<long>::max() : count;
        std::vector<std::thread> workers;
        for (int t = 0; t < o.threads; ++t)
            workers.emplace_back([&] {
                std::vector<Sample> mine;
                try {
                    for (long i; Clock_::now() < deadline && (i = next++) < limit;) {
                        const std::size_t v = static_cast<std::size_t>(i % static_cast<long>(docs.size()));
                        const PdfReport& d = docs[v];
                        const auto a = Clock_::now();
                        const std::string pdf = renderReportPdf(d);
                        const auto b = Clock_::now();
                        const std::string sha = sha256Hex(pdf);
                        const std::string json = canonical(d, sha, key.fingerprint);
                        const auto c = Clock_::now();
                        // As an issue signs: the key opened once for both signatures.
                        const ReportSignatures signatures = signReport(key.encryptedKeyPem, password, key.certificatePem, json, pdf);
                        const std::string& sig = signatures.canonical;
                        const std::string& cms = signatures.pdfCms;
                        const auto e = Clock_::now();
                        const auto f = e;  // the CMS is inside signReport's time
                        auto us = [](auto x, auto y) { return std::chrono::duration<double, std::micro>(y - x).count(); };
                        mine.push_back({us(a, f), us(a, b), us(b, c), us(c, e), us(e, f)});
                        if (sha != expected[v]) ++mismatches;
                        if (verifyAll) {
                            const bool ok = pdf.rfind("%PDF-", 0) == 0 && pdf.find("%%EOF", pdf.size() > 32 ? pdf.size() - 32 : 0) != std::string::npos &&
                                            verify(key.certificatePem, json, sig) && cmsVerify(key.certificatePem, pdf, cms) &&
                                            !cmsVerify(key.certificatePem, pdf + " ", cms);
                            if (!ok) ++invalid;
                        }
                    }
                } catch (const std::exception& ex) {
                    std::lock_guard<std::mutex> g(m);
                    if (r.error.empty()) r.error = ex.what();
                    ++invalid;
                }
                std::lock_guard<std::mutex> g(m);
                r.samples.insert(r.samples.end(), mine.begin(), mine.end());
            });
        for (auto& w : workers) w.join();
        r.wall = since(start) / 1e6;
        r.mismatches = mismatches;
        r.invalid = invalid;
        return r;
    }
};

int main(int argc, char** argv) {
    try {
        const Options o = parse(argc, argv);
        const std::string password = "Signatory-pw-1";
        const auto t0 = Clock_::now();
        const GeneratedKey key = generateKey("刘建国", "广东省某某检验检测研究院", password, 7, 365);
        const double keygenMs = since(t0) / 1000;

        // Reference renders, single-threaded: the expected bytes of every variant.
        std::vector<PdfReport> docs;
        std::vector<std::string> expected;
        std::size_t pdfBytes = 0;
        double firstMs = 0;
        for (int v = 0; v < o.variants; ++v) {
            const auto tr = Clock_::now();
            docs.push_back(document(v));
            const std::string pdf = renderReportPdf(docs.back());
            if (v == 0) firstMs = since(tr) / 1000, pdfBytes = pdf.size();
            expected.push_back(sha256Hex(pdf));
            if (v == 0 && !o.out.empty()) {
                std::filesystem::create_directories(o.out);
                const std::string json = canonical(docs[0], expected[0], key.fingerprint);
                write(std::filesystem::path(o.out) / "report-0.pdf", pdf);
                write(std::filesystem::path(o.out) / "report-0.p7s", cmsSign(key.encryptedKeyPem, password, key.certificatePem, pdf));
                write(std::filesystem::path(o.out) / "canonical-0.json", json);
                write(std::filesystem::path(o.out) / "canonical-0.sig", sign(key.encryptedKeyPem, password, json));
                write(std::filesystem::path(o.out) / "cert.pem", key.certificatePem);
            }
        }
        const std::size_t jsonBytes = canonical(docs[0], expected[0], key.fingerprint).size();
        const Bench bench{o, key, password, docs, expected};
        // Warm-up through all threads (each worker's first render builds its font map), untimed.
        Run warm = o.warmup > 0 ? bench.run(o.warmup, 0, o.verify) : Run{};
        long mismatches = warm.mismatches, invalid = warm.invalid;
        std::string firstError = warm.error;
        if (!o.readyFile.empty()) write(o.readyFile, "ready\n");

        std::vector<Sample> all;
        std::vector<double> rates;
        double wall = 0;
        for (int k = 0; k < o.runs; ++k) {
            Run r = bench.run(o.reports, o.seconds, o.verify);
            rates.push_back(r.samples.empty() ? 0 : static_cast<double>(r.samples.size()) / r.wall);
            wall += r.wall;
            all.insert(all.end(), r.samples.begin(), r.samples.end());
            mismatches += r.mismatches;
            invalid += r.invalid;
            if (firstError.empty()) firstError = r.error;
        }
        std::vector<double> sortedRates = rates;
        std::sort(sortedRates.begin(), sortedRates.end());
        const double median = sortedRates[(sortedRates.size() - 1) / 2];
        std::string each;
        for (double x : rates) each += (each.empty() ? "" : ",") + std::to_string(static_cast<long>(x + 0.5));

        std::vector<double> total, render, sg, cms;
        double sumRender = 0, sumHash = 0, sumSign = 0, sumCms = 0, sumTotal = 0;
        for (const Sample& s : all) {
            total.push_back(s.total);
            render.push_back(s.render);
            sg.push_back(s.sign);
            cms.push_back(s.cms);
            sumTotal += s.total, sumRender += s.render, sumHash += s.hash, sumSign += s.sign, sumCms += s.cms;
        }
        const double n = static_cast<double>(all.size());
        std::printf("B5 reports_signed  threads=%d  median=%.0f reports/s  (runs: %s)  %s  n=%zu  %.2fs  pdf=%zuB  json=%zuB\n", o.threads, median,
                    each.c_str(), pct(total).c_str(), all.size(), wall, pdfBytes, jsonBytes);
        if (n > 0)
            std::printf("B5 where_the_time_goes  threads=%d  render=%.1f%%  hash+json=%.1f%%  sign=%.1f%%  cms=%.1f%%  (mean per report: render "
                        "%.2fms, hash+json %.3fms, sign %.3fms, cms %.3fms)\n",
                        o.threads, 100 * sumRender / sumTotal, 100 * sumHash / sumTotal, 100 * sumSign / sumTotal, 100 * sumCms / sumTotal,
                        sumRender / n / 1000, sumHash / n / 1000, sumSign / n / 1000, sumCms / n / 1000);
        std::printf("B5 phases  threads=%d  render %s | sign %s | cms %s\n", o.threads, pct(render).c_str(), pct(sg).c_str(), pct(cms).c_str());
        {
            // Floors (single thread, after the runs): the crypto with the key opened once.
            OpenKey open(key, password);
            const std::string json = canonical(docs[0], expected[0], key.fingerprint);
            const std::string pdf = renderReportPdf(docs[0]);
            const int reps = std::max(10, std::min(200, static_cast<int>(n)));
            auto mean = [&](auto&& f) {
                const auto a = Clock_::now();
                for (int i = 0; i < reps; ++i) f();
                return since(a) / reps / 1000;
            };
            const double rawSign = mean([&] { open.sign(json); });
            const double rawCms = mean([&] { open.cms(pdf); });
            const double openKey = mean([&] { OpenKey k(key, password); });
            std::printf("B5 floor  sign_open_key=%.3fms  cms_open_key=%.3fms  open_encrypted_key=%.3fms (sign() and cmsSign() each open it)  "
                        "first_render=%.1fms  keygen=%.1fms\n",
                        rawSign, rawCms, openKey, firstMs, keygenMs);
        }
        if (mismatches > 0) std::printf("B5 MISMATCH  %ld PDFs differ from the single-threaded render of the same report\n", mismatches);
        if (o.verify) std::printf("B5 verify  %s  (%zu reports + %d warm-up: %%PDF header and %%%%EOF, JSON signature, detached CMS)\n", invalid == 0 ? "ok" : "FAILED", all.size(), o.warmup);
        if (!firstError.empty()) std::fprintf(stderr, "bench_reports: %s\n", firstError.c_str());
        return mismatches == 0 && invalid == 0 && !all.empty() ? 0 : 1;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "bench_reports: %s\n", e.what());
        return 1;
    }
}
