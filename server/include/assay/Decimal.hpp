// Decimal: the exact decimal value type of Assay, with GB/T 8170-2008 rounding.
//
// Purpose: measured values, limits, LOD/LOQ, uncertainties and money travel as decimal strings
// and are never parsed into binary floating point. A Decimal is coefficient × 10^exponent with
// an arbitrary-precision integer coefficient (Boost.Multiprecision cpp_int), so it keeps the
// digits it was given: "0.0850" stays "0.0850" (four decimals, three significant figures).
// Rounding follows GB/T 8170 (四舍六入五成双): a discarded part below half rounds down, above
// half rounds up, and exactly half rounds to the even neighbour; it is always done once, from
// the full-precision value (15.4546 to an integer is 15, never 16 via 15.5); a negative value is
// rounded by its absolute value. 0.5-unit and 0.2-unit rounding are supported.
// Comparison is by value ("0.20" == "0.2"), exact.
// Thread-safety: an immutable value type.
#pragma once

#include <compare>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>

#include <boost/multiprecision/cpp_int.hpp>

namespace assay {

class Decimal {
public:
    using Int = boost::multiprecision::cpp_int;

    Decimal() = default;  // 0
    Decimal(Int coefficient, int exponent) : coef_(std::move(coefficient)), exp_(exponent) {}
    static Decimal fromInt(long long v) { return Decimal(Int(v), 0); }

    // Parses "-12.30", "+0.5", ".5", "1e-3", "2.5E2". Empty when the text is not a decimal
    // number (hex, NaN, inf, spaces, several signs, more than 1000 digits ...).
    static std::optional<Decimal> parse(std::string_view text);

    // Plain notation with exactly the digits held: 850e-4 -> "0.0850"; 12e2 -> "1200".
    std::string toString() const;

    int sign() const { return coef_ > 0 ? 1 : (coef_ < 0 ? -1 : 0); }
    bool isZero() const { return coef_ == 0; }
    const Int& coefficient() const { return coef_; }
    int exponent() const { return exp_; }
    // Digits after the decimal point as written (0 for integers and positive exponents).
    int decimals() const { return exp_ < 0 ? -exp_ : 0; }
    // Significant figures as written: "0.0850" -> 3, "1200" -> 4, "0" -> 1.
    int significantFigures() const;

    Decimal abs() const { return Decimal(coef_ < 0 ? Int(-coef_) : coef_, exp_); }
    Decimal operator-() const { return Decimal(Int(-coef_), exp_); }
    Decimal operator+(const Decimal& o) const;
    Decimal operator-(const Decimal& o) const;
    Decimal operator*(const Decimal& o) const;
    // this / o rounded by GB/T 8170 to `significant` significant figures (interim values of a
    // calculation keep more figures than the result reports). Empty when o is zero.
    std::optional<Decimal> divide(const Decimal& o, int significant) const;

    std::strong_ordering operator<=>(const Decimal& o) const;
    bool operator==(const Decimal& o) const { return (*this <=> o) == 0; }

    // GB/T 8170 rounding to a number of decimals (negative: to tens, hundreds ...).
    Decimal roundToDecimals(int decimals) const;
    // GB/T 8170 rounding to n significant figures (n >= 1).
    Decimal roundToSignificant(int n) const;
    // 0.5-unit rounding: to multiples of 0.5 × 10^-decimals (GB/T 8170 3.4.1: round 2X at the
    // place, then halve). decimals 0: 60.28 -> 60.5, 60.25 -> 60.0, -60.75 -> -61.0.
    Decimal roundToHalfUnit(int decimals) const;
    // 0.2-unit rounding: to multiples of 0.2 × 10^-decimals (GB/T 8170 3.4.2: round 5X at the
    // place, then divide by 5). decimals -2: 830 -> 840, -930 -> -920.
    Decimal roundToFifthUnit(int decimals) const;

private:
    // Same value, exponent lowered to e (e <= exp_).
    Int scaledTo(int e) const;
    Int coef_ = 0;
    int exp_ = 0;
};

inline std::ostream& operator<<(std::ostream& out, const Decimal& d) { return out << d.toString(); }

}  // namespace assay
