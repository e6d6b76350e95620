// Names and capitals in OCR text, shared by the field extractors. Private to sohoa_ocr.
#pragma once

#include <string>
#include <string_view>

#include "sohoa/ocr/identifiers.h"

namespace sohoa::ocr {

// Title case by ICU's Vietnamese rules ("TRẦN THANH LAN" -> "Trần Thanh Lan").
std::string TitleCase(const std::string& name);

// A line in capitals: its letters are the same upper-cased (ICU, Vietnamese), and it has some.
bool IsCapitals(std::string_view line);

// The family name a folded spelling stands for ("nguyen" -> "Nguyễn"), for the common family
// names whose spelling folds to one name alone; empty otherwise.
std::string_view FamilyName(std::string_view folded);

// A person's name as printed: letters and single spaces only (OCR's stray quotes and dots
// dropped), the family name's marks from FamilyName, the other words' from a list of given
// names where only one fits the folded spelling ("Thẳng" -> "Thắng"). Where the holder's sex
// is known (`sex`: a wife's or a mother's name, a printed sex; else a middle name "Thị" or
// "Văn"), names of the other sex do not fit: a wife's "Vũ Thị Dụng" is "Vũ Thị Dung". Where
// several still fit, the last word takes the one with its vowels as read (hats and all), its
// tone mark on the same side if that still leaves several ("Vần" -> "Vân", not "Văn"; "Hiểu"
// -> "Hiếu", not "Hiệu"); a middle name is left ("Vần" is as likely the common "Văn"). Title
// case, NFC.
std::string Name(std::string_view printed, Sex sex = Sex::kUnknown);

}  // namespace sohoa::ocr
