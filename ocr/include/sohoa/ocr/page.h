// Helpers shared by the stages that rewrite an OcrPage's words (engine, post-correction,
// layout): after words are changed, dropped or reordered, the page's derived values are
// rebuilt the same way everywhere.
#pragma once

#include <vector>

#include "sohoa/ocr/engine.h"

namespace sohoa::ocr {

// Renumbers line_index and block_index densely (0, 1, 2... in the order words appear), so that
// lines or blocks whose words were all dropped leave no gaps. Words of one line must be
// adjacent in `words`.
void MakeIndexesDense(std::vector<Word>& words);

// Page text from the words in their order: words joined by ' ', lines by '\n', blocks by
// "\n\n".
std::string JoinWords(const std::vector<Word>& words);

// Mean word confidence weighted by word length in code points, 0 when there are no words.
double WeightedMeanConfidence(const std::vector<Word>& words);

// MakeIndexesDense, then page.text and page.mean_confidence from the words.
void RebuildPage(OcrPage& page);

// The smallest box holding both.
Box Enclosing(const Box& a, const Box& b);

}  // namespace sohoa::ocr
