// Reading order for the layouts of Vietnamese administrative papers.
//
// Tesseract reads a two-column letterhead (agency name, number and subject on the left;
// national motto, place and date on the right) or a two-column signature area ("Nơi nhận:"
// list on the left, signer on the right) line by line across both columns, so the page text
// says "ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" and a reader (or a field
// extractor looking for the issuing body) gets the two columns interleaved. OrderColumns
// finds such regions from the word boxes and reads each column top to bottom, left column
// first, as a person does.
#pragma once

#include "sohoa/ocr/engine.h"

namespace sohoa::ocr {

// What OrderColumns did.
struct LayoutCounts {
  int column_regions = 0;  // two-column regions found and read column by column
};

// A region is a run of at least two consecutive lines that each fall apart at a wide gap
// (at least 1.5 line heights and 3 % of the page width) at a common vertical gutter, plus the
// lines next to them that lie wholly on one side of that gutter, where at least one column is
// centred (its lines' centres line up, their left edges do not, as in a letterhead or a
// signature block; rows of a form are left-aligned and stay rows). Each such region becomes two
// blocks: the left column's lines, then the right column's. Lines elsewhere, including a
// single line with tab-separated fields ("Giới tính: Nam   Dân tộc: Kinh"), keep their order.
// Words, boxes and confidences are unchanged; only their order and line/block indexes change,
// and page.text and page.mean_confidence are rebuilt (see page.h). Words of one line must be
// adjacent in page.words (as Engine::Recognize gives them). Never fails; thread-safe.
LayoutCounts OrderColumns(OcrPage& page);

// The page's blocks top to bottom: a block goes before the blocks ahead of it that lie wholly
// below it; blocks that share some height keep their order (a garbled label read into its
// value's block may start above the label's own block). Tesseract orders the blocks of a căn
// cước card's copy, where text sits beside a photo and a seal, out of place: a residence's
// second line came after the expiry below it. Words within a block keep their order;
// page.text and page.mean_confidence are rebuilt. Words of one block must be adjacent in
// page.words. Never fails; thread-safe.
void OrderBlocksTopDown(OcrPage& page);

}  // namespace sohoa::ocr
