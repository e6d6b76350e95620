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

TEST(TextTest, CanonicalPutsTheToneMarkWhereOfficialNamesHaveIt) {
  EXPECT_EQ(ToCanonical("hoà"), "hòa");
  EXPECT_EQ(ToCanonical("Thanh Hoá, Khánh Hoà"), "Thanh Hóa, Khánh Hòa");
  EXPECT_EQ(ToCanonical("Nguyễn Thị Thuỷ"), "Nguyễn Thị Thủy");
  EXPECT_EQ(ToCanonical("khoẻ mạnh"), "khỏe mạnh");
  EXPECT_EQ(ToCanonical("THUỶ LOÀ"), "THỦY LÒA");
  // Already canonical, or both placements agree: unchanged.
  for (const char* same : {"Hòa Bình", "quý", "Quỳnh", "hoàn thành", "thuyền", "huệ", "khuya",
                           "hoài", "Ngoại", "thuở", "của", "tuyệt"}) {
    EXPECT_EQ(ToCanonical(same), same) << same;
  }
  // NFD input, either placement, gives the same bytes.
  EXPECT_EQ(ToCanonical("hoa\xCC\x80"), "hòa");
  EXPECT_EQ(ToCanonical("ho\xCC\x80" "a"), "hòa");
  // OCR's eth for Đ.
  EXPECT_EQ(ToCanonical("\xC3\x90\xE1\xBB\x93ng Ho\xC3\xA0"), "Đồng Hòa");
}

TEST(TextTest, ReplaceAllReplacesEachInTurnAndNotItsOwnOutput) {
  EXPECT_EQ(ReplaceAll("13/02Í2024 và 57⁄QĐ", {"Í", "⁄"}, "/"), "13/02/2024 và 57/QĐ");
  EXPECT_EQ(ReplaceAll("aaa", {"a"}, "aa"), "aaaaaa");
  EXPECT_EQ(ReplaceAll("abc", {"", "x"}, "y"), "abc");
}

TEST(TextTest, AgencyAbbreviationsAreWrittenOut) {
  EXPECT_EQ(ExpandAgencyNames("UBND xã Đông Sang"), "Ủy ban nhân dân xã Đông Sang");
  EXPECT_EQ(ExpandAgencyNames("Chủ tịch HĐND và UBND huyện"),
            "Chủ tịch Hội đồng nhân dân và Ủy ban nhân dân huyện");
  EXPECT_EQ(ExpandAgencyNames("(Ubnd tỉnh), HDND."), "(Ủy ban nhân dân tỉnh), Hội đồng nhân dân.");
  // Document symbols stay as printed.
  EXPECT_EQ(ExpandAgencyNames("Số: 2818/QĐ-UBND"), "Số: 2818/QĐ-UBND");
  EXPECT_EQ(ExpandAgencyNames("686/UBND-VP"), "686/UBND-VP");
  EXPECT_EQ(ExpandAgencyNames("UBNDX"), "UBNDX");
  EXPECT_EQ(FoldForSearch(ExpandAgencyNames("UBND")), "uy ban nhan dan");
}

}  // namespace
}  // namespace sohoa::text
