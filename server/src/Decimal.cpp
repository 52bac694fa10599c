// Decimal: parsing, formatting, exact arithmetic and GB/T 8170 rounding.
#include "assay/Decimal.hpp"

#include <algorithm>
#include <cctype>

namespace assay {

namespace {
using Int = Decimal::Int;

constexpr int kMaxDigits = 1000;
constexpr int kMaxExponent = 10000;

Int pow10(int n) {
    Int r = 1;
    for (int i = 0; i < n; ++i) r *= 10;
    return r;
}

int digitCount(const Int& v) {
    if (v == 0) return 1;
    return static_cast<int>((v < 0 ? Int(-v) : v).str().size());
}

// Divides |coef| by 10^k with GB/T 8170 rounding (half to even on an exact half); keeps the sign.
Int roundDivPow10(const Int& coef, int k) {
    const bool negative = coef < 0;
    const Int mag = negative ? Int(-coef) : coef;
    const Int divisor = pow10(k);
    Int q = mag / divisor;
    const Int twiceRemainder = (mag % divisor) * 2;
    if (twiceRemainder > divisor || (twiceRemainder == divisor && (q % 2) == 1)) q += 1;
    return negative ? Int(-q) : q;
}
}  // namespace

std::optional<Decimal> Decimal::parse(std::string_view t) {
    std::size_t i = 0;
    bool negative = false;
    if (i < t.size() && (t[i] == '+' || t[i] == '-')) negative = t[i++] == '-';
    std::string digits;
    int fraction = 0;
    bool point = false, any = false;
    for (; i < t.size(); ++i) {
        const char c = t[i];
        if (c >= '0' && c <= '9') {
            any = true;
            if (!(digits.empty() && c == '0')) digits += c;  // drop leading zeros
            if (point) ++fraction;
        } else if (c == '.' && !point) {
            point = true;
        } else {
            break;
        }
    }
    if (!any || static_cast<int>(digits.size()) > kMaxDigits) return std::nullopt;
    int exp10 = 0;
    if (i < t.size()) {
        if (t[i] != 'e' && t[i] != 'E') return std::nullopt;
        ++i;
        bool expNegative = false;
        if (i < t.size() && (t[i] == '+' || t[i] == '-')) expNegative = t[i++] == '-';
        if (i == t.size()) return std::nullopt;
        int e = 0;
        for (; i < t.size(); ++i) {
            if (t[i] < '0' || t[i] > '9') return std::nullopt;
            e = e * 10 + (t[i] - '0');
            if (e > kMaxExponent) return std::nullopt;
        }
        exp10 = expNegative ? -e : e;
    }
    Int coef = digits.empty() ? Int(0) : Int(digits);
    if (negative) coef = -coef;
    return Decimal(coef, exp10 - fraction);
}

std::string Decimal::toString() const {
    std::string digits = (coef_ < 0 ? Int(-coef_) : coef_).str();
    std::string out = coef_ < 0 ? "-" : "";
    if (exp_ >= 0) {
        if (coef_ == 0) return "0";
        return out + digits + std::string(static_cast<std::size_t>(exp_), '0');
    }
    const std::size_t frac = static_cast<std::size_t>(-exp_);
    if (digits.size() <= frac) digits.insert(0, frac - digits.size() + 1, '0');
    return out + digits.substr(0, digits.size() - frac) + "." + digits.substr(digits.size() - frac);
}

int Decimal::significantFigures() const { return coef_ == 0 ? 1 : digitCount(coef_); }

Int Decimal::scaledTo(int e) const { return coef_ * pow10(exp_ - e); }

Decimal Decimal::operator+(const Decimal& o) const {
    const int e = std::min(exp_, o.exp_);
    return Decimal(scaledTo(e) + o.scaledTo(e), e);
}

Decimal Decimal::operator-(const Decimal& o) const { return *this + (-o); }

Decimal Decimal::operator*(const Decimal& o) const { return Decimal(coef_ * o.coef_, exp_ + o.exp_); }

std::optional<Decimal> Decimal::divide(const Decimal& o, int significant) const {
    if (o.coef_ == 0) return std::nullopt;
    if (significant < 1) significant = 1;
    if (coef_ == 0) return Decimal(Int(0), 0).roundToSignificant(significant);
    // Scale the dividend so that the integer quotient has at least significant + 2 digits.
    const int shift = std::max(0, significant + 2 + digitCount(o.coef_) - digitCount(coef_));
    const Int num = coef_ * pow10(shift);
    Int q = num / o.coef_;
    const Int r = num % o.coef_;
    int e = exp_ - o.exp_ - shift;
    // A non-zero remainder becomes a sticky digit beyond the kept ones, so that GB/T 8170's
    // exact-half case applies only to a quotient that really is exact.
    if (r != 0) {
        q = q * 10 + (q < 0 ? -1 : 1);  // q has significant + 1 digits or more: never 0 here
        --e;
    }
    return Decimal(q, e).roundToSignificant(significant);
}

std::strong_ordering Decimal::operator<=>(const Decimal& o) const {
    const int e = std::min(exp_, o.exp_);
    const Int a = scaledTo(e), b = o.scaledTo(e);
    if (a < b) return std::strong_ordering::less;
    if (a > b) return std::strong_ordering::greater;
    return std::strong_ordering::equal;
}

Decimal Decimal::roundToDecimals(int decimals) const {
    const int target = -decimals;
    if (exp_ >= target) return Decimal(scaledTo(target), target);  // nothing to drop: pad zeros
    return Decimal(roundDivPow10(coef_, target - exp_), target);
}

Decimal Decimal::roundToSignificant(int n) const {
    if (n < 1) n = 1;
    if (coef_ == 0) return roundToDecimals(n - 1);
    const int msdPlace = digitCount(coef_) - 1 + exp_;  // power of ten of the leading digit
    Decimal r = roundToDecimals(n - 1 - msdPlace);
    // 9.96 to 2 figures gives 10.0: the carry added a digit, drop the (zero) extra one.
    if (r.significantFigures() > n) r = r.roundToDecimals(n - 2 - msdPlace);
    return r;
}

Decimal Decimal::roundToHalfUnit(int decimals) const {
    const Decimal twice = *this * Decimal(Int(2), 0);
    const Decimal r = twice.roundToDecimals(decimals);
    return Decimal(r.coef_ * 5, r.exp_ - 1);  // (r / 2) exactly: × 5 × 10^-1
}

Decimal Decimal::roundToFifthUnit(int decimals) const {
    const Decimal five = *this * Decimal(Int(5), 0);
    const Decimal r = five.roundToDecimals(decimals);
    return Decimal(r.coef_ * 2, r.exp_ - 1);  // (r / 5) exactly: × 2 × 10^-1
}

}  // namespace assay
