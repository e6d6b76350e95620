// Place names as one paper prints them several times. Private to sohoa_ocr.
#pragma once

#include <map>
#include <string>
#include <string_view>

namespace sohoa::ocr {

// A commune's, district's or province's name is printed several times on one paper (the
// letterhead, the place-and-date line, the registration place, the residences), and OCR
// misreads each print on its own. Where one spelling of a name (names compared without marks,
// case and spaces) is read at least twice in `text` and more often than any other, the other
// spellings of it in the fields that name places (co_quan_ban_hanh, noi_*, que_quan, and the
// running text of trich_yeu and tinh_trang_hon_nhan) become that one: "xã Y Tế" in the
// registration place when the letterhead's "XÃ Y TÝ" and two residences read "Y Tý". A name
// read once, or as often one way as another, is left as read.
// The spelling a name has in `certain` (text known to be right: a card's QR code) wins
// however often another was read.
void UnifyPlaceNames(std::string_view text, std::map<std::string, std::string>& fields,
                     std::string_view certain = {});

}  // namespace sohoa::ocr
