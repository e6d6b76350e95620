#include "sohoa/ocr/layout.h"

#include <algorithm>
#include <utility>
#include <vector>

#include "sohoa/ocr/page.h"

namespace sohoa::ocr {

namespace {

// A gap is a column gutter when it is this many line heights wide and at least this share of
// the page width. Words in a line are about a third of a line height apart (justified lines
// stretch that to about one); the gap between a letterhead's agency name and the long national
// motto beside it can be under two line heights. Tab-separated form fields also leave such
// gaps, which HasCentredColumn tells apart.
constexpr double kGutterLineHeights = 1.5;
constexpr double kGutterPageShare = 0.03;
// A line joins a region when its top is within this many line heights of the region's bottom.
constexpr double kAdjacentLineHeights = 2.0;

struct Segment {
  std::vector<Word> words;
  int left = 0;
  int right = 0;
};

struct Line {
  std::vector<Segment> segments;
  int top = 0;
  int bottom = 0;
  double height = 0;
  int block = 0;
};

double Median(std::vector<double> values) {
  if (values.empty()) return 0;
  const auto middle = values.begin() + values.size() / 2;
  std::nth_element(values.begin(), middle, values.end());
  return *middle;
}

std::vector<Line> SplitIntoLines(const std::vector<Word>& words, int page_width) {
  std::vector<Line> lines;
  std::size_t i = 0;
  while (i < words.size()) {
    std::size_t end = i;
    while (end < words.size() && words[end].line_index == words[i].line_index) ++end;
    std::vector<Word> line_words(words.begin() + static_cast<std::ptrdiff_t>(i),
                                 words.begin() + static_cast<std::ptrdiff_t>(end));
    std::stable_sort(line_words.begin(), line_words.end(),
                     [](const Word& a, const Word& b) { return a.box.x < b.box.x; });
    Line line;
    line.block = line_words.front().block_index;
    line.top = line_words.front().box.y;
    line.bottom = line_words.front().box.y + line_words.front().box.height;
    std::vector<double> heights;
    for (const Word& w : line_words) {
      line.top = std::min(line.top, w.box.y);
      line.bottom = std::max(line.bottom, w.box.y + w.box.height);
      heights.push_back(w.font_size_px > 0 ? w.font_size_px : w.box.height);
    }
    line.height = std::max(1.0, Median(heights));
    const double gutter = std::max(kGutterLineHeights * line.height, kGutterPageShare * page_width);
    for (Word& w : line_words) {
      if (line.segments.empty() || w.box.x - line.segments.back().right > gutter) {
        line.segments.push_back({{}, w.box.x, w.box.x + w.box.width});
      }
      Segment& segment = line.segments.back();
      segment.right = std::max(segment.right, w.box.x + w.box.width);
      segment.words.push_back(std::move(w));
    }
    lines.push_back(std::move(line));
    i = end;
  }
  return lines;
}

struct Gutter {
  int left = 0;   // where the left column's ink ends (at most)
  int right = 0;  // where the right column's ink starts (at least)
};

// The gutter a two-segment line shows, narrowed to `gutter` when given.
bool NarrowGutter(const Line& line, Gutter& gutter, bool first) {
  if (line.segments.size() != 2) return false;
  const Gutter own{line.segments[0].right, line.segments[1].left};
  if (first) {
    gutter = own;
    return true;
  }
  const Gutter both{std::max(gutter.left, own.left), std::min(gutter.right, own.right)};
  if (both.right <= both.left) return false;
  gutter = both;
  return true;
}

// A line of one segment that stays clear of the middle of the gutter belongs to one column;
// a centred title or a body line crosses it.
bool OnOneSide(const Line& line, const Gutter& gutter) {
  if (line.segments.size() != 1) return false;
  const Segment& s = line.segments.front();
  const int middle = (gutter.left + gutter.right) / 2;
  return s.right <= middle || s.left >= middle;
}

bool Adjacent(const Line& line, int region_top, int region_bottom, double height) {
  const double reach = kAdjacentLineHeights * std::max(height, line.height);
  return line.top <= region_bottom + reach && line.bottom >= region_top - reach;
}

struct Region {
  std::size_t begin = 0;
  std::size_t end = 0;
  Gutter gutter;
};

// Letterhead and signature columns are centred: their lines' centres line up while their
// left edges do not. Rows of a form (label and value at the margin, a second field at a tab
// stop) are left-aligned in both columns, and are read row by row.
bool HasCentredColumn(const std::vector<Line>& lines, const Region& region) {
  const int middle = (region.gutter.left + region.gutter.right) / 2;
  for (int column = 0; column < 2; ++column) {
    std::vector<int> lefts, centres;
    double height = 0;
    for (std::size_t i = region.begin; i < region.end; ++i) {
      for (const Segment& s : lines[i].segments) {
        if (((s.left + s.right) / 2 < middle) == (column == 0)) {
          lefts.push_back(s.left);
          centres.push_back((s.left + s.right) / 2);
          height = std::max(height, lines[i].height);
        }
      }
    }
    if (lefts.size() < 2) continue;
    const auto [min_left, max_left] = std::minmax_element(lefts.begin(), lefts.end());
    const auto [min_centre, max_centre] = std::minmax_element(centres.begin(), centres.end());
    const int left_spread = *max_left - *min_left;
    const int centre_spread = *max_centre - *min_centre;
    if (2 * left_spread > height && 2 * centre_spread < left_spread) return true;
  }
  return false;
}

std::vector<Region> FindRegions(const std::vector<Line>& lines) {
  std::vector<Region> regions;
  std::size_t previous_end = 0;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    Gutter gutter;
    if (!NarrowGutter(lines[i], gutter, true)) continue;
    int top = lines[i].top, bottom = lines[i].bottom;
    const double height = lines[i].height;
    int split_lines = 1;
    std::size_t j = i + 1;
    for (; j < lines.size(); ++j) {
      const Line& line = lines[j];
      if (!Adjacent(line, top, bottom, height)) break;
      Gutter narrowed = gutter;
      if (NarrowGutter(line, narrowed, false)) {
        gutter = narrowed;
        ++split_lines;
      } else if (!OnOneSide(line, gutter)) {
        break;
      }
      top = std::min(top, line.top);
      bottom = std::max(bottom, line.bottom);
    }
    if (split_lines < 2) continue;
    std::size_t begin = i;
    while (begin > previous_end && OnOneSide(lines[begin - 1], gutter) &&
           Adjacent(lines[begin - 1], top, bottom, height)) {
      --begin;
      top = std::min(top, lines[begin].top);
    }
    const Region region{begin, j, gutter};
    if (!HasCentredColumn(lines, region)) continue;
    regions.push_back(region);
    previous_end = j;
    i = j - 1;
  }
  return regions;
}

}  // namespace

void OrderBlocksTopDown(OcrPage& page) {
  struct Block {
    std::size_t begin, end;
    int top, bottom;
  };
  std::vector<Block> blocks;
  for (std::size_t i = 0; i < page.words.size();) {
    std::size_t j = i;
    int top = page.words[i].box.y, bottom = top;
    while (j < page.words.size() && page.words[j].block_index == page.words[i].block_index) {
      top = std::min(top, page.words[j].box.y);
      bottom = std::max(bottom, page.words[j].box.y + page.words[j].box.height);
      ++j;
    }
    blocks.push_back({i, j, top, bottom});
    i = j;
  }
  // Each block goes up past the blocks before it that lie wholly below it; blocks that share
  // some height keep their order (a garbled label read into the block of its value).
  bool moved = false;
  for (std::size_t i = 1; i < blocks.size(); ++i) {
    for (std::size_t j = i; j > 0 && blocks[j - 1].top >= blocks[j].bottom; --j) {
      std::swap(blocks[j - 1], blocks[j]);
      moved = true;
    }
  }
  if (!moved) return;
  std::vector<Word> words;
  words.reserve(page.words.size());
  for (const Block& block : blocks) {
    for (std::size_t i = block.begin; i < block.end; ++i) words.push_back(std::move(page.words[i]));
  }
  page.words = std::move(words);
  RebuildPage(page);
}

LayoutCounts OrderColumns(OcrPage& page) {
  LayoutCounts counts;
  if (page.words.empty()) return counts;
  std::vector<Line> lines = SplitIntoLines(page.words, page.width);
  const std::vector<Region> regions = FindRegions(lines);
  if (regions.empty()) return counts;
  counts.column_regions = static_cast<int>(regions.size());

  std::vector<Word> ordered;
  ordered.reserve(page.words.size());
  int line_id = -1, block_id = -1;
  // Block identity of the last emitted line: Tesseract's block, or a column of a region.
  std::pair<int, int> last_block{-1, -1};
  const auto emit = [&](std::vector<Word>& words, std::pair<int, int> block) {
    if (block != last_block) {
      ++block_id;
      last_block = block;
    }
    ++line_id;
    for (Word& w : words) {
      w.line_index = line_id;
      w.block_index = block_id;
      ordered.push_back(std::move(w));
    }
  };
  const auto emit_line = [&](Line& line) {
    std::vector<Word> words;
    for (Segment& s : line.segments) {
      for (Word& w : s.words) words.push_back(std::move(w));
    }
    emit(words, {0, line.block});
  };
  std::size_t next = 0;
  for (std::size_t r = 0; r < regions.size(); ++r) {
    const Region& region = regions[r];
    for (; next < region.begin; ++next) emit_line(lines[next]);
    const int middle = (region.gutter.left + region.gutter.right) / 2;
    for (int column = 0; column < 2; ++column) {
      for (std::size_t i = region.begin; i < region.end; ++i) {
        std::vector<Word> words;
        for (Segment& s : lines[i].segments) {
          const bool left = (s.left + s.right) / 2 < middle;
          if (left == (column == 0)) {
            for (Word& w : s.words) words.push_back(std::move(w));
          }
        }
        if (!words.empty()) emit(words, {1 + column, static_cast<int>(r)});
      }
    }
    next = region.end;
  }
  for (; next < lines.size(); ++next) emit_line(lines[next]);
  page.words = std::move(ordered);
  RebuildPage(page);
  return counts;
}

}  // namespace sohoa::ocr
