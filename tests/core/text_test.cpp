#include "sohoa/core/text.h"

#include <gtest/gtest.h>

namespace sohoa::text {
namespace {

TEST(TextTest, NfcComposesDecomposedVietnamese) {
  // "Nguyễn" typed as NFD: e + circumflex + tilde.
  const std::string nfd = "Nguye\xCC\x82\xCC\x83n";
  EXPECT_EQ(ToNfc(nfd), "Nguyễn");
  EXPECT_EQ(CodePointCount(ToNfc(nfd)), 6u);
}

TEST(TextTest, FoldDropsMarksAndFoldsDStroke) {
  EXPECT_EQ(FoldForSearch("Nguyễn Văn Đức"), "nguyen van duc");
  EXPECT_EQ(FoldForSearch("ĐIỀU 1"), "dieu 1");
  // OCR's Icelandic eth stands in for Đ.
  EXPECT_EQ(FoldForSearch("\xC3\x90\xE1\xBB\x93ng"), "dong");
  EXPECT_EQ(FoldForSearch("  Hòa\t\n Bình "), "hoa binh");
  EXPECT_EQ(FoldForSearch("hoà"), FoldForSearch("hòa"));
}

}  // namespace
}  // namespace sohoa::text
