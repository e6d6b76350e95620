// Addresses in OCR text, shared by the field extractors. Private to sohoa_ocr.
#pragma once

#include <string>
#include <string_view>

namespace sohoa::ocr {

// An address ("xã Vũ Lễ, huyện Kiến Xương, tỉnh Thái Bình", also after "Ủy ban nhân dân") with
// its parts' unit words written as addresses write them ("nuyện", "Huyện" -> "huyện"; "thành
// phế" -> "thành phố"; "xà" -> "xã"), a province's name as the province list writes it, and a
// full stop OCR read for the comma before a unit made a comma. Parts without a unit ("Bệnh
// viện Đa khoa Kiến Xương") stay as they are. Implemented in fields.cpp.
std::string NormalizeAddress(const std::string& value);

// Whether a unit word, folded without spaces ("xa", "thitran", "huyen", "thanhpho"), is a
// commune's (xã, phường, thị trấn) or a district's (huyện, quận, thị xã, thành phố: a city in a
// province; the five cities that are provinces are told apart by the list, not by the word).
// Implemented in fields.cpp.
bool IsCommuneUnit(std::string_view folded);
bool IsDistrictUnit(std::string_view folded);

// Whether an address already ends in a whole province ("…, tỉnh Thanh Hóa"; not "…, tỉnh
// Thanh", whose name wrapped onto the next line). Implemented in card_fields.cpp.
bool EndsWithWholeProvince(const std::string& value);

}  // namespace sohoa::ocr
