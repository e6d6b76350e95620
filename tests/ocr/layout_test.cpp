#include "sohoa/ocr/layout.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "sohoa/ocr/page.h"

namespace sohoa::ocr {
namespace {

// Builds a page from lines of (x, text) word positions; each line is 40 px high, words are
// 20 px wide per character. Lines are given in Tesseract's order (top to bottom).
struct LineSpec {
  int y;
  std::vector<std::pair<int, std::string>> words;
};

OcrPage MakePage(const std::vector<LineSpec>& lines, int block_of_all = 0) {
  OcrPage page;
  page.width = 2400;
  page.height = 3400;
  int line_index = 0;
  for (const LineSpec& line : lines) {
    for (const auto& [x, text] : line.words) {
      Word w;
      w.text = text;
      w.box = {x, line.y, 20 * static_cast<int>(text.size()), 40};
      w.confidence = 0.9f;
      w.line_index = line_index;
      w.block_index = block_of_all;
      w.font_size_px = 40;
      page.words.push_back(w);
    }
    ++line_index;
  }
  RebuildPage(page);
  return page;
}

TEST(LayoutTest, LetterheadColumnsAreReadOneAfterTheOther) {
  // Both columns centred (left on x = 400, right on x = 1500), as in a letterhead.
  OcrPage page = MakePage({
      {100, {{360, "UBND"}, {1410, "CONG"}, {1510, "HOA"}}},
      {160, {{360, "XA"}, {420, "A"}, {1420, "DOC"}, {1520, "LAP"}}},
      {220, {{310, "So:"}, {390, "12/QD"}, {1380, "Ha"}, {1440, "Noi,"}, {1540, "ngay"}}},
      {280, {{330, "V/v"}, {410, "cap"}}},
      {420, {{900, "QUYET"}, {1040, "DINH"}}},
      {500, {{200, "Can"}, {280, "cu"}, {340, "Luat"}, {440, "to"}, {500, "chuc"}}},
  });
  const LayoutCounts counts = OrderColumns(page);
  EXPECT_EQ(counts.column_regions, 1);
  EXPECT_EQ(page.text,
            "UBND\nXA A\nSo: 12/QD\nV/v cap\n\nCONG HOA\nDOC LAP\nHa Noi, ngay\n\n"
            "QUYET DINH\nCan cu Luat to chuc");
  // Boxes travel with their words.
  for (const Word& w : page.words) {
    if (w.text == "CONG") {
      EXPECT_EQ(w.box.x, 1410);
    }
  }
}

TEST(LayoutTest, OneTabbedFormLineKeepsItsOrder) {
  OcrPage page = MakePage({
      {100, {{200, "Ho"}, {260, "ten:"}, {360, "NGUYEN"}, {520, "AN"}}},
      {160, {{200, "Gioi"}, {300, "tinh:"}, {420, "Nam"}, {1000, "Dan"}, {1080, "toc:"},
             {1200, "Kinh"}}},
      {220, {{200, "Noi"}, {280, "sinh:"}, {400, "Ha"}, {460, "Noi"}}},
  });
  const std::string before = page.text;
  EXPECT_EQ(OrderColumns(page).column_regions, 0);
  EXPECT_EQ(page.text, before);
}

TEST(LayoutTest, FormRowsWithTwoFieldsStayRows) {
  // Consecutive rows with a second field at the same tab stop: left-aligned, not columns.
  OcrPage page = MakePage({
      {100, {{200, "Ngay"}, {300, "sinh:"}, {420, "19/03/1982"}, {1200, "Dan"}, {1280, "toc:"},
             {1380, "Kinh"}}},
      {160, {{200, "Noi"}, {280, "sinh:"}, {400, "Ha"}, {460, "Noi"}, {1200, "Quoc"},
             {1300, "tich:"}, {1420, "Viet"}, {1520, "Nam"}}},
      {220, {{200, "Noi"}, {280, "cu"}, {340, "tru:"}, {440, "Xom"}, {520, "5"}}},
  });
  const std::string before = page.text;
  EXPECT_EQ(OrderColumns(page).column_regions, 0);
  EXPECT_EQ(page.text, before);
}

TEST(LayoutTest, SplitLinesFarApartAreNotOneRegion) {
  // Two lines with a gap at the same place, but far apart vertically: a form, not columns.
  OcrPage page = MakePage({
      {100, {{200, "Dan"}, {280, "toc:"}, {1000, "Quoc"}, {1100, "tich:"}}},
      {900, {{200, "Dan"}, {280, "toc:"}, {1000, "Quoc"}, {1100, "tich:"}}},
  });
  EXPECT_EQ(OrderColumns(page).column_regions, 0);
}

// Seed 41's mild card copy 0031 as Tesseract ordered it: the expiry's block before the block
// with the residence's second line above it, and the residence's label after both.
TEST(LayoutTest, BlocksTopDown) {
  OcrPage page = MakePage({{1500, {{300, "que"}}},
                           {1680, {{300, "expiry"}}},
                           {1620, {{300, "second"}}},
                           {1560, {{300, "residence"}, {900, "first"}}}});
  for (Word& w : page.words) w.block_index = w.line_index;
  RebuildPage(page);
  OrderBlocksTopDown(page);
  EXPECT_EQ(page.text, "que\n\nresidence first\n\nsecond\n\nexpiry");
  // Blocks in order already: nothing changes.
  const std::string before = page.text;
  OrderBlocksTopDown(page);
  EXPECT_EQ(page.text, before);
  // A block that shares some height with the one before it stays after it.
  OcrPage level = MakePage({{1600, {{300, "label"}}}, {1590, {{300, "garbled"}, {900, "value"}}}});
  level.words[1].block_index = level.words[2].block_index = 1;
  RebuildPage(level);
  OrderBlocksTopDown(level);
  EXPECT_EQ(level.text, "label\n\ngarbled value");
  OcrPage empty;
  OrderBlocksTopDown(empty);
  EXPECT_TRUE(empty.text.empty());
}

TEST(LayoutTest, EmptyPageIsLeftAlone) {
  OcrPage page;
  EXPECT_EQ(OrderColumns(page).column_regions, 0);
  EXPECT_TRUE(page.text.empty());
  EXPECT_EQ(page.mean_confidence, 0);
}

TEST(PageTest, RebuildJoinsLinesAndBlocksAndWeighsConfidenceByLength) {
  OcrPage page;
  Word a{"ab", {0, 0, 10, 10}, 1.0f, 0, 0, 10};
  Word b{"c", {20, 0, 10, 10}, 0.4f, 0, 0, 10};
  Word c{"d", {0, 20, 10, 10}, 0.4f, 3, 0, 10};
  Word d{"e", {0, 40, 10, 10}, 0.4f, 4, 7, 10};
  page.words = {a, b, c, d};
  RebuildPage(page);
  EXPECT_EQ(page.text, "ab c\nd\n\ne");
  EXPECT_NEAR(page.mean_confidence, (2 * 1.0 + 3 * 0.4) / 5, 1e-6);
  EXPECT_EQ(page.words[2].line_index, 1);
  EXPECT_EQ(page.words[3].block_index, 1);
}

}  // namespace
}  // namespace sohoa::ocr
