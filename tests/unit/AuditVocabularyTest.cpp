// The audit vocabulary (assay/AuditVocabulary.hpp) against what the modules record and what the
// UI shows: a module that records a new entity type or action fails here until it is named, so
// the assessor's filters and the Excel export never meet a code they do not know.
#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include "assay/AuditVocabulary.hpp"

using namespace assay;

namespace {

std::string slurp(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

// The top-level elements of the braced initializer that follows `from` (the AuditEvent of a
// record call), with string literals, parentheses and nested braces kept whole.
std::vector<std::string> eventElements(const std::string& src, std::size_t from) {
    std::vector<std::string> out;
    const std::size_t open = src.find('{', from);
    if (open == std::string::npos) return out;
    std::string cur;
    int depth = 0;
    bool inString = false;
    for (std::size_t i = open; i < src.size(); ++i) {
        const char c = src[i];
        if (inString) {
            cur += c;
            if (c == '\\' && i + 1 < src.size()) cur += src[++i];
            else if (c == '"') inString = false;
            continue;
        }
        if (c == '"') {
            inString = true;
            cur += c;
        } else if (c == '(' || c == '{') {
            if (depth++ > 0) cur += c;
        } else if (c == ')' || c == '}') {
            if (--depth == 0) {
                out.push_back(cur);
                return out;
            }
            cur += c;
        } else if (c == ',' && depth == 1) {
            out.push_back(cur);
            cur.clear();
        } else {
            cur += c;
        }
    }
    return out;
}

std::vector<std::string> literals(const std::string& expr) {
    std::vector<std::string> out;
    static const std::regex lit(R"re("((?:[^"\\]|\\.)*)")re");
    for (auto it = std::sregex_iterator(expr.begin(), expr.end(), lit); it != std::sregex_iterator(); ++it) out.push_back((*it)[1]);
    return out;
}

Poco::JSON::Object::Ptr strings(const std::string& lang) {
    Poco::JSON::Parser p;
    return p.parse(slurp(std::filesystem::path(ASSAY_SOURCE_DIR) / "server/web/i18n" / (lang + ".json"))).extract<Poco::JSON::Object::Ptr>();
}

}  // namespace

BOOST_AUTO_TEST_SUITE(audit_vocabulary)

BOOST_AUTO_TEST_CASE(every_entity_type_and_action_a_module_records_is_in_the_vocabulary) {
    static const std::regex call(R"(audit(_|\(\))?\.record\()");
    int calls = 0;
    std::set<std::string> missing;
    for (const char* root : {"server", "modules", "plugins"}) {
        for (const auto& entry : std::filesystem::recursive_directory_iterator(std::filesystem::path(ASSAY_SOURCE_DIR) / root)) {
            const auto ext = entry.path().extension();
            if (!entry.is_regular_file() || (ext != ".cpp" && ext != ".hpp")) continue;
            const std::string src = slurp(entry.path());
            for (auto it = std::sregex_iterator(src.begin(), src.end(), call); it != std::sregex_iterator(); ++it) {
                const auto elements = eventElements(src, static_cast<std::size_t>(it->position() + it->length()));
                if (elements.size() < 3) continue;  // a declaration, not a call with an event
                ++calls;
                const std::string where = entry.path().filename().string();
                for (const auto& e : literals(elements[0]))
                    if (!auditEntityTypeName(e)) missing.insert("entity type \"" + e + "\" (" + where + ")");
                for (const auto& a : literals(elements[2]))
                    if (!auditActionName(a)) missing.insert("action \"" + a + "\" (" + where + ")");
            }
        }
    }
    BOOST_TEST(calls > 50, "found only " << calls << " AuditLog::record calls: is the scan still finding them?");
    for (const auto& m : missing) BOOST_ERROR("not in server/src/AuditVocabulary.cpp: " << m);
    // Actions recorded from a variable, named by hand (QualificationService: e.kind; RuleBlocks).
    for (const char* a : {"renewed", "suspended", "reinstated", "revoked", "blocked"}) BOOST_TEST(auditActionName(a).has_value(), a);
}

BOOST_AUTO_TEST_CASE(the_vocabulary_is_sorted_with_each_code_once_and_named_in_chinese) {
    for (const auto* terms : {&auditEntityTypes(), &auditActions()}) {
        // Sorted and each code once (plain bools: Boost.Test would order strings by length first).
        for (std::size_t i = 1; i < terms->size(); ++i) {
            const bool ascending = (*terms)[i - 1].code < (*terms)[i].code;
            BOOST_TEST(ascending, (*terms)[i - 1].code << " before " << (*terms)[i].code);
        }
        for (const auto& t : *terms) BOOST_TEST(!t.zh.empty());
    }
    BOOST_TEST(auditActionName("update").value_or("") == "修改");
    BOOST_TEST(auditEntityTypeName("result").value_or("") == "检测结果");
    BOOST_TEST(auditActionName("add item").value_or("") == "添加项目");
    BOOST_TEST(!auditActionName("frobnicate"));
    BOOST_TEST(!auditEntityTypeName(""));
}

BOOST_AUTO_TEST_CASE(the_ui_names_every_entity_type_and_action_in_both_languages_as_the_export_does) {
    const auto zh = strings("zh-CN"), en = strings("en");
    for (const auto& [prefix, terms] : {std::pair{"audit.entityType.", &auditEntityTypes()}, std::pair{"audit.action.", &auditActions()}}) {
        for (const auto& t : *terms) {
            const std::string key = std::string(prefix) + std::string(t.code);
            BOOST_TEST_CONTEXT(key) {
                BOOST_TEST(zh->has(key));
                BOOST_TEST(en->has(key));
                if (zh->has(key)) BOOST_TEST(zh->getValue<std::string>(key) == std::string(t.zh));  // the page reads as the export
            }
        }
    }
}

BOOST_AUTO_TEST_SUITE_END()
