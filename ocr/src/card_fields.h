// Fields of a căn cước card (the 2024 "CĂN CƯỚC" or the chip "CĂN CƯỚC CÔNG DÂN") from the OCR
// text of its photocopy: front and back, bilingual labels, and the back's TD1 machine-readable
// zone. Private to sohoa_ocr: ExtractFields calls it for doc_type "can_cuoc".
#pragma once

#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "sohoa/ocr/fields.h"

namespace sohoa::ocr {

// Fills `out` with the card's fields: so_dinh_danh, ho_ten, ngay_sinh, gioi_tinh, quoc_tich,
// que_quan (older card), noi_cu_tru, ngay_cap, co_gia_tri_den (when the card expires).
// Labels are matched on their Vietnamese or English words, accent-insensitively, a letter wrong
// in a long word allowed. The machine-readable zone is read only when its check digits pass
// (ReconcileCardZone on the text's one reading: OCR's usual confusions undone, '«' for "<<",
// spaces, O for 0 among digits, a digit read twice, one look-alike digit; where that gives
// none, again with the printed ID, birth date, sex and expiry as one more reading, taken when
// it mends at most one digit of each). It then stands in for a printed ID, birth date, sex,
// expiry or nationality that is missing or does not parse; its check-digited ID, birth date
// and expiry (a birthday a card runs to) win a disagreement, while a printed sex or name that
// disagrees with it goes to needs_review with both values. The ID must agree with the birth
// date and sex; without a zone, a well-formed ID whose birth year is not the printed birth
// date's sends both to needs_review. `codes` are the texts of QR codes read on the card's
// pages: the first that parses as the card's (ParseCardCode) gives the ID, name, birth date,
// sex, residence and issue date in place of OCR's readings, except where a zone that validated
// says otherwise (then needs_review names both). Returns the keys whose value the code gave.
// Never fails.
std::set<std::string> ExtractCardFields(const std::vector<std::string_view>& lines,
                       const std::vector<std::string>& codes, ExtractedFields& out);

}  // namespace sohoa::ocr
