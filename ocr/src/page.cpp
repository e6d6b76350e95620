#include "sohoa/ocr/page.h"

#include <algorithm>

#include "sohoa/core/text.h"

namespace sohoa::ocr {

void MakeIndexesDense(std::vector<Word>& words) {
  int previous_raw_line = -1, previous_raw_block = -1;
  int line = -1, block = -1;
  for (Word& word : words) {
    if (word.block_index != previous_raw_block) {
      previous_raw_block = word.block_index;
      ++block;
    }
    if (word.line_index != previous_raw_line) {
      previous_raw_line = word.line_index;
      ++line;
    }
    word.block_index = block;
    word.line_index = line;
  }
}

std::string JoinWords(const std::vector<Word>& words) {
  std::string text;
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (i > 0) {
      if (words[i].block_index != words[i - 1].block_index) {
        text += "\n\n";
      } else if (words[i].line_index != words[i - 1].line_index) {
        text += '\n';
      } else {
        text += ' ';
      }
    }
    text += words[i].text;
  }
  return text;
}

double WeightedMeanConfidence(const std::vector<Word>& words) {
  double weighted = 0;
  double weight = 0;
  for (const Word& word : words) {
    const double length = static_cast<double>(text::CodePointCount(word.text));
    weighted += length * word.confidence;
    weight += length;
  }
  return weight > 0 ? weighted / weight : 0.0;
}

void RebuildPage(OcrPage& page) {
  MakeIndexesDense(page.words);
  page.text = JoinWords(page.words);
  page.mean_confidence = WeightedMeanConfidence(page.words);
}

Box Enclosing(const Box& a, const Box& b) {
  const int left = std::min(a.x, b.x);
  const int top = std::min(a.y, b.y);
  const int right = std::max(a.x + a.width, b.x + b.width);
  const int bottom = std::max(a.y + a.height, b.y + b.height);
  return {left, top, right - left, bottom - top};
}

}  // namespace sohoa::ocr
