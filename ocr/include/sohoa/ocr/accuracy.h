// Measuring OCR accuracy against ground truth.
#pragma once

#include <cstddef>
#include <string_view>

namespace sohoa::ocr {

struct CharacterErrors {
  std::size_t errors = 0;           // edits (insertions, deletions, substitutions)
  std::size_t reference_chars = 0;  // code points in the reference (white space excluded)
  std::size_t diacritic_errors = 0; // substitutions where the base letters agree (tone/mark only)
  double rate() const {
    return reference_chars == 0 ? (errors == 0 ? 0.0 : 1.0)
                                : static_cast<double>(errors) / static_cast<double>(reference_chars);
  }
};

// Character error rate independent of reading order: both texts are NFC-normalized, split
// into lines, and every reference line is aligned with the hypothesis text where it matches
// best (so a two-column letterhead read column by column costs nothing). Characters of the
// hypothesis not used by any reference line count as insertions. White space is ignored.
CharacterErrors MeasureCharacterErrors(std::string_view reference, std::string_view hypothesis);

}  // namespace sohoa::ocr
