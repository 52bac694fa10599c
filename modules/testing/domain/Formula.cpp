// Formula: a small recursive-descent evaluator over Decimal (no binary floating point).
#include "domain/Formula.hpp"

#include <cctype>
#include <set>

namespace assay::testing {

namespace {
bool isNameStart(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_'; }
bool isNameChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

// Parses and evaluates one expression. With `collect` set, names are only collected (their
// value is 1 and division by zero is ignored), to validate a formula and find its inputs.
class Expr {
public:
    Expr(const std::string& text, const std::map<std::string, Decimal>& vars, bool collect)
        : s_(text), vars_(vars), collect_(collect) {}

    std::optional<Decimal> run() {
        auto v = sum();
        skip();
        if (problem_.empty() && pos_ < s_.size()) fail("unexpected '" + std::string(1, s_[pos_]) + "'");
        return problem_.empty() ? v : std::nullopt;
    }
    const std::string& problem() const { return problem_; }
    const std::vector<std::string>& names() const { return names_; }

private:
    void skip() {
        while (pos_ < s_.size() && (s_[pos_] == ' ' || s_[pos_] == '\t')) ++pos_;
    }
    void fail(const std::string& why) {
        if (problem_.empty()) problem_ = why;
    }
    std::optional<Decimal> sum() {
        auto left = product();
        for (;;) {
            skip();
            if (!left || pos_ >= s_.size() || (s_[pos_] != '+' && s_[pos_] != '-')) return left;
            const char op = s_[pos_++];
            auto right = product();
            if (!right) return std::nullopt;
            left = op == '+' ? *left + *right : *left - *right;
        }
    }
    std::optional<Decimal> product() {
        auto left = unary();
        for (;;) {
            skip();
            if (!left || pos_ >= s_.size() || (s_[pos_] != '*' && s_[pos_] != '/')) return left;
            const char op = s_[pos_++];
            auto right = unary();
            if (!right) return std::nullopt;
            if (op == '*') {
                left = *left * *right;
            } else if (collect_) {
                left = *left;
            } else {
                left = left->divide(*right, kInterimFigures);
                if (!left) fail("division by zero");
            }
        }
    }
    std::optional<Decimal> unary() {
        skip();
        if (pos_ < s_.size() && (s_[pos_] == '-' || s_[pos_] == '+')) {
            const bool minus = s_[pos_++] == '-';
            auto v = unary();
            return v && minus ? std::optional<Decimal>(-*v) : v;
        }
        return primary();
    }
    std::optional<Decimal> primary() {
        skip();
        if (pos_ >= s_.size()) {
            fail("the expression ends too early");
            return std::nullopt;
        }
        const char c = s_[pos_];
        if (c == '(') {
            ++pos_;
            auto v = sum();
            skip();
            if (pos_ >= s_.size() || s_[pos_] != ')') {
                fail("a '(' is not closed");
                return std::nullopt;
            }
            ++pos_;
            return v;
        }
        if (std::isdigit(static_cast<unsigned char>(c)) || c == '.') {
            const std::size_t start = pos_;
            while (pos_ < s_.size() && (std::isdigit(static_cast<unsigned char>(s_[pos_])) || s_[pos_] == '.')) ++pos_;
            auto v = Decimal::parse(s_.substr(start, pos_ - start));
            if (!v) fail("'" + s_.substr(start, pos_ - start) + "' is not a number");
            return v;
        }
        if (isNameStart(c)) {
            const std::size_t start = pos_;
            while (pos_ < s_.size() && isNameChar(s_[pos_])) ++pos_;
            const std::string name = s_.substr(start, pos_ - start);
            names_.push_back(name);
            if (collect_) return Decimal::fromInt(1);
            auto it = vars_.find(name);
            if (it == vars_.end()) {
                fail("no value for " + name);
                return std::nullopt;
            }
            return it->second;
        }
        fail("unexpected '" + std::string(1, c) + "'");
        return std::nullopt;
    }

    const std::string& s_;
    const std::map<std::string, Decimal>& vars_;
    bool collect_;
    std::size_t pos_ = 0;
    std::string problem_;
    std::vector<std::string> names_;
};

std::vector<std::string> splitSteps(const std::string& text) {
    std::vector<std::string> out;
    std::string cur;
    for (char c : text) {
        if (c == ';' || c == '\n' || c == '\r') {
            out.push_back(cur);
            cur.clear();
        } else {
            cur += c;
        }
    }
    out.push_back(cur);
    std::vector<std::string> nonEmpty;
    for (auto& s : out)
        if (s.find_first_not_of(" \t") != std::string::npos) nonEmpty.push_back(s);
    return nonEmpty;
}
}  // namespace

ParsedFormula parseFormula(const std::string& text) {
    ParsedFormula f;
    const auto steps = splitSteps(text);
    if (steps.empty()) {
        f.problem = "a formula needs at least one step: name = expression";
        return f;
    }
    std::set<std::string> assigned, inputs;
    const std::map<std::string, Decimal> none;
    for (std::size_t i = 0; i < steps.size(); ++i) {
        const std::string& step = steps[i];
        const auto eq = step.find('=');
        std::string name = eq == std::string::npos ? "" : step.substr(0, eq);
        name.erase(0, name.find_first_not_of(" \t"));
        name.erase(name.find_last_not_of(" \t") + 1);
        bool valid = !name.empty() && isNameStart(name[0]);
        for (char c : name) valid = valid && isNameChar(c);
        if (!valid) {
            f.problem = "step " + std::to_string(i + 1) + ": write it as name = expression";
            return f;
        }
        const std::string expr = step.substr(eq + 1);
        Expr e(expr, none, true);
        e.run();
        if (!e.problem().empty()) {
            f.problem = "step " + std::to_string(i + 1) + " (" + name + "): " + e.problem();
            return f;
        }
        for (const auto& n : e.names())
            if (!assigned.count(n) && inputs.insert(n).second) f.inputs.push_back(n);
        if (inputs.count(name)) {
            f.problem = "step " + std::to_string(i + 1) + ": " + name + " is used before it is calculated";
            return f;
        }
        assigned.insert(name);
        f.steps.emplace_back(name, expr);
    }
    return f;
}

Evaluation evaluateFormula(const std::string& text, const std::map<std::string, Decimal>& inputs) {
    Evaluation out;
    const ParsedFormula f = parseFormula(text);
    if (!f.problem.empty()) {
        out.problem = f.problem;
        return out;
    }
    std::map<std::string, Decimal> vars = inputs;
    for (const auto& [name, expr] : f.steps) {
        Expr e(expr, vars, false);
        auto v = e.run();
        if (!v) {
            out.problem = name + ": " + e.problem();
            out.interim.clear();
            return out;
        }
        vars[name] = *v;
        out.interim.emplace_back(name, *v);
    }
    out.value = out.interim.back().second;
    return out;
}

}  // namespace assay::testing
