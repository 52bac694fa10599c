// Text: the one check of a required justification (R20) — trimming invisible characters and
// refusing what is left empty, naming the field.
#include <boost/test/unit_test.hpp>

#include <optional>
#include <string>
#include <vector>

#include "assay/Text.hpp"

using assay::FieldError;

BOOST_AUTO_TEST_SUITE(text)

BOOST_AUTO_TEST_CASE(invisible_characters_at_either_end_are_trimmed_and_inner_ones_kept) {
    using assay::trimmed;
    BOOST_TEST(trimmed("  复核  ") == "复核");
    BOOST_TEST(trimmed("\t\r\n称量记录更正\n") == "称量记录更正");
    BOOST_TEST(trimmed("\u3000\u3000样品污染\u3000") == "样品污染");                        // ideographic space
    BOOST_TEST(trimmed("\u00a0\u200b\u200c\u200d\u2060\ufeffreason\u00ad\u200e\u200f") == "reason");  // no-break, zero-width, format
    BOOST_TEST(trimmed("\u2002\u2003\u2009\u200a\u202f\u205f\u1680x\u2028\u2029\u0085") == "x");  // the other Unicode spaces
    BOOST_TEST(trimmed("\u3164\uffa0\u115f\u1160y\ufe0f") == "y");                              // fillers, a variation selector
    BOOST_TEST(trimmed(std::string("\x01\x7f", 2) + "z" + std::string(1, '\0')) == "z");        // control characters
    BOOST_TEST(trimmed("a \u3000\u200b b") == "a \u3000\u200b b");                              // inside: as written
    BOOST_TEST(trimmed("—") == "—");
    BOOST_TEST(trimmed("😀") == "😀");
    for (const char* blank : {"", " ", "\t\n", "\u3000", "\u00a0", "\u200b", "\ufeff", "\u3000 \u200b\t\u00a0\r\n"})
        BOOST_TEST(trimmed(blank).empty(), "'" << blank << "' is blank");
}

BOOST_AUTO_TEST_CASE(a_malformed_utf8_byte_counts_as_visible_and_is_kept) {
    BOOST_TEST(assay::trimmed(" \xff ") == "\xff");
    BOOST_TEST(assay::trimmed("\xe3\x80") == "\xe3\x80");  // a cut U+3000 is not a space
}

BOOST_AUTO_TEST_CASE(a_required_justification_must_hold_visible_text_and_is_returned_trimmed) {
    std::vector<FieldError> errors;
    BOOST_TEST(assay::requiredText(errors, "reason", "\u3000 复核\t", "required", 500) == "复核");
    BOOST_TEST(errors.empty());
    for (const char* blank : {"", "   ", "\t\n", "\u3000", "\u200b\u00a0\ufeff"}) {
        errors.clear();
        BOOST_TEST(assay::requiredText(errors, "reason", blank, "required: why (R20)", 500).empty());
        BOOST_REQUIRE(errors.size() == 1u);
        BOOST_TEST(errors[0].field == "reason");
        BOOST_TEST(errors[0].problem == "required: why (R20)");
    }
    // The length is of the trimmed text: 500 characters between blanks pass, 501 do not.
    const std::string five00(500, 'x');
    errors.clear();
    BOOST_TEST(assay::requiredText(errors, "note", "\u3000" + five00 + "  ", "required", 500) == five00);
    BOOST_TEST(errors.empty());
    assay::requiredText(errors, "note", five00 + "y", "required", 500);
    BOOST_REQUIRE(errors.size() == 1u);
    BOOST_TEST(errors[0].field == "note");
    BOOST_TEST(errors[0].problem == "at most 500 characters");
}

BOOST_AUTO_TEST_CASE(a_justification_required_only_sometimes_is_empty_when_blank_and_not_required) {
    std::vector<FieldError> errors;
    BOOST_TEST(!assay::optionalText(errors, "reason", std::nullopt, false, "required", 500).has_value());
    BOOST_TEST(!assay::optionalText(errors, "reason", std::string("\u3000 "), false, "required", 500).has_value());
    BOOST_TEST(errors.empty());
    BOOST_TEST(assay::optionalText(errors, "reason", std::string(" 留样 "), false, "required", 500).value() == "留样");
    BOOST_TEST(errors.empty());
    assay::optionalText(errors, "reason", std::string("\u200b"), true, "required to dispose", 500);
    assay::optionalText(errors, "method", std::nullopt, true, "required to dispose: how", 200);
    BOOST_REQUIRE(errors.size() == 2u);
    BOOST_TEST(errors[0].field == "reason");
    BOOST_TEST(errors[1].field == "method");
    BOOST_TEST(errors[1].problem == "required to dispose: how");
}

BOOST_AUTO_TEST_CASE(clip_cuts_at_a_code_point_and_marks_the_cut) {
    BOOST_TEST(assay::clip("铅镉汞", 3) == "铅镉汞");
    BOOST_TEST(assay::clip("铅镉汞", 2) == "铅…");
    BOOST_TEST(assay::clip("ab\xff" "cd", 4) == "ab\xff…");  // a malformed byte counts as one character
    BOOST_TEST(assay::utf8Length(0xE3) == 3u);
    BOOST_TEST(assay::utf8Length(0x80) == 0u);  // a continuation byte starts nothing
}

BOOST_AUTO_TEST_CASE(require_text_throws_one_400_naming_the_field) {
    BOOST_TEST(assay::requireText("reason", " 撤回 ", "required", 2000) == "撤回");
    try {
        assay::requireText("reason", "\u3000\u3000", "required: why the report is withdrawn", 2000);
        BOOST_FAIL("a blank reason was accepted");
    } catch (const assay::Error& e) {
        BOOST_TEST(e.httpStatus() == 400);
        BOOST_REQUIRE(e.fieldErrors().size() == 1u);
        BOOST_TEST(e.fieldErrors()[0].field == "reason");
    }
}

BOOST_AUTO_TEST_SUITE_END()
