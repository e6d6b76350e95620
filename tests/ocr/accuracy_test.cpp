#include "sohoa/ocr/accuracy.h"

#include <gtest/gtest.h>

#include <chrono>
#include <string>

namespace sohoa::ocr {
namespace {

TEST(MeasureCharacterErrors, IdenticalTextHasNoErrors) {
  const auto errors =
      MeasureCharacterErrors("Cộng hòa xã hội\nNguyễn Văn An", "Cộng hòa xã hội\nNguyễn Văn An");
  EXPECT_EQ(errors.errors, 0u);
  EXPECT_EQ(errors.reference_chars, 23u);  // white space is not counted
  EXPECT_EQ(errors.rate(), 0.0);
}

TEST(MeasureCharacterErrors, LineOrderDoesNotMatter) {
  const auto errors = MeasureCharacterErrors("ỦY BAN NHÂN DÂN\nCỘNG HÒA XÃ HỘI\nSố: 12/UBND",
                                             "Số: 12/UBND\nCỘNG HÒA XÃ HỘI\nỦY BAN NHÂN DÂN");
  EXPECT_EQ(errors.errors, 0u);
}

TEST(MeasureCharacterErrors, TwoColumnsReadRowByRowCostNothing) {
  // The letterhead's two columns read across: each OCR line holds parts of two truth lines.
  const auto errors = MeasureCharacterErrors(
      "ỦY BAN NHÂN DÂN\nXÃ QUỲNH HẢI\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh "
      "phúc",
      "ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nXÃ QUỲNH HẢI Độc lập - Tự do - Hạnh "
      "phúc");
  EXPECT_EQ(errors.errors, 0u);
}

TEST(MeasureCharacterErrors, TextThatRepeatsIsMatchedWithItsOwnOccurrence) {
  // A decision's subject wraps, and its Article 1 repeats the subject's words on one line that
  // also matches, exactly, across the subject's line break.
  const std::string decision =
      "Về việc công bố Danh mục được sửa đổi, bổ\n"
      "sung trong lĩnh vực hộ tịch\n"
      "Điều 1. Công bố Danh mục\n"
      "được sửa đổi, bổ sung trong lĩnh vực hộ tịch\n";
  EXPECT_EQ(MeasureCharacterErrors(decision, decision).errors, 0u);
  // One tone mark wrong in the subject is one error, wherever the longer line could go.
  std::string misread = decision;
  misread.replace(misread.find("bổ"), std::string("bổ").size(), "bố");
  EXPECT_EQ(MeasureCharacterErrors(decision, misread).errors, 1u);
}

TEST(MeasureCharacterErrors, WhiteSpaceAndNormalizationFormAreIgnored) {
  // "ễ" precomposed (NFC) in the reference, decomposed (NFD: e + circumflex + tilde) in the OCR.
  const auto errors = MeasureCharacterErrors("Nguy\u1EC5n  Văn\tAn", "Nguye\u0302\u0303n Văn   An");
  EXPECT_EQ(errors.errors, 0u);
}

TEST(MeasureCharacterErrors, ChangedToneMarkIsOneDiacriticError) {
  const auto errors = MeasureCharacterErrors("Nguyễn Văn An", "Nguyễn Vắn An");
  EXPECT_EQ(errors.errors, 1u);
  EXPECT_EQ(errors.diacritic_errors, 1u);
  EXPECT_NEAR(errors.rate(), 1.0 / 11, 1e-9);
}

TEST(MeasureCharacterErrors, DBarReadAsDIsADiacriticError) {
  const auto errors = MeasureCharacterErrors("Đức", "Dức");
  EXPECT_EQ(errors.errors, 1u);
  EXPECT_EQ(errors.diacritic_errors, 1u);
}

TEST(MeasureCharacterErrors, OtherSubstitutionsAreNotDiacriticErrors) {
  const auto errors = MeasureCharacterErrors("Nguyễn", "Ngoyễn");
  EXPECT_EQ(errors.errors, 1u);
  EXPECT_EQ(errors.diacritic_errors, 0u);
}

TEST(MeasureCharacterErrors, EmptyHypothesisMissesEverything) {
  const auto errors = MeasureCharacterErrors("Giấy khai sinh\nNguyễn Văn An", "");
  EXPECT_EQ(errors.errors, errors.reference_chars);
  EXPECT_EQ(errors.rate(), 1.0);
}

TEST(MeasureCharacterErrors, ExtraHypothesisTextCountsAsInsertions) {
  const auto errors = MeasureCharacterErrors("Nguyễn Văn An", "Nguyễn Văn An\n~~ |||");
  EXPECT_EQ(errors.errors, 5u);
  const auto inside = MeasureCharacterErrors("Nguyễn Văn An", "Nguyễn Văxn An");
  EXPECT_EQ(inside.errors, 1u);
}

TEST(MeasureCharacterErrors, EmptyReferenceWithTextIsRateOne) {
  EXPECT_EQ(MeasureCharacterErrors("", "abc").rate(), 1.0);
  EXPECT_EQ(MeasureCharacterErrors("", "").rate(), 0.0);
}

TEST(MeasureCharacterErrors, MissingLineIsCountedAsDeleted) {
  const auto errors =
      MeasureCharacterErrors("Số: 125\nNgười ký: Trần Văn Đức", "Người ký: Trần Văn Đức");
  EXPECT_EQ(errors.errors, 6u);  // "Số:125"
}

TEST(MeasureCharacterErrors, TwoPageDocumentIsFast) {
  std::string reference, hypothesis;
  for (int line = 0; line < 80; ++line) {
    const std::string text =
        "Dòng " + std::to_string(line) + ": Nguyễn Văn An sinh ngày 06/02/2009 tại xã Quỳnh";
    reference += text + "\n";
    hypothesis = text + "\n" + hypothesis;  // reversed reading order
  }
  const auto start = std::chrono::steady_clock::now();
  const auto errors = MeasureCharacterErrors(reference, hypothesis);
  const auto seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_GT(errors.reference_chars, 3000u);
  EXPECT_EQ(errors.errors, 0u);
  EXPECT_LT(seconds, 1.0);
}

}  // namespace
}  // namespace sohoa::ocr
