// Formula: a versioned calculation for a parameter by a method, evaluated in exact decimal
// arithmetic with its interim values (R39).
//
// Purpose: a formula is one or more steps "name = expression" separated by ';' or new lines;
// the last step is the result. Expressions use + - * / and parentheses, decimal numbers and
// names; a name used before any step assigns it is an input the technician enters (the
// instrument readings, masses, volumes). Every operation is exact except division, which keeps
// kInterimFigures significant figures (GB/T 8170 rounding); the result is rounded only when it
// is reported, by the parameter's precision. A formula is never changed: a new text is the next
// version, and each result keeps the version it was calculated with.
// Thread-safety: value types and pure functions.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "assay/Decimal.hpp"

namespace assay::testing {

constexpr int kInterimFigures = 16;

struct Formula {
    std::int64_t id = 0;
    std::int64_t labId = 0;
    std::int64_t parameterId = 0;
    std::int64_t methodId = 0;
    int version = 1;
    std::string expression;           // "c = (A - A0) * V / m; X = c / 1000"
    std::vector<std::string> inputs;  // A, A0, V, m (in order of first use)
    std::string status = "current";   // current | superseded
    std::optional<std::string> note;
    std::int64_t createdBy = 0;
    std::string createdName;
    std::int64_t createdAtMs = 0;
};

struct ParsedFormula {
    std::vector<std::pair<std::string, std::string>> steps;  // name, expression text
    std::vector<std::string> inputs;
    std::string problem;  // empty when the text is a valid formula
};

// Validates the text and lists its inputs.
ParsedFormula parseFormula(const std::string& text);

struct Evaluation {
    std::optional<Decimal> value;                        // the last step
    std::vector<std::pair<std::string, Decimal>> interim;  // every step, in order
    std::string problem;                                 // a missing input, division by zero ...
};

// Evaluates a valid formula with the inputs (every input must be given).
Evaluation evaluateFormula(const std::string& text, const std::map<std::string, Decimal>& inputs);

}  // namespace assay::testing
