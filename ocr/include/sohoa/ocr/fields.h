// Fields of a paper from its OCR text: labelled values ("Họ, chữ đệm, tên: …"), letterhead,
// date line, signature block and subject, validated and normalized for the record.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace sohoa::ocr {

struct ExtractedFields {
  // Record keys (docs/ARCHITECTURE.md): names in title case, dates ISO, the rest as printed
  // (NFC, single spaces, no trailing period). Only values that passed their checks.
  std::map<std::string, std::string> fields;
  // Fields found but not emitted because their value failed a check, with the reason
  // ("ngay_sinh" -> "'31/04/2020' is not a date"). Each goes to the record's needs_review.
  std::map<std::string, std::string> needs_review;
};

// The fields of a document of type `doc_type` (ClassifyDocument's) from its text (pages in
// order, lines separated by '\n'). Labels are matched accent-insensitively on word boundaries,
// longest first, and a value runs to the next label on its line or the line's end; an address or
// a sentence on a full line without a final period goes on to the next line when that one has
// no label and is no heading in capitals. The first value of a key wins (the child's before the
// parents' on a birth certificate); on a marriage extract the "bên chồng" / "bên vợ" sections
// give the _chong / _vo keys. Besides labels: the issuing body from the letterhead ("ỦY BAN
// NHÂN DÂN" and the place under it), the issue date from the place-and-date line, the signer
// from the signature block's name and their position as chuc_vu_nguoi_ky ("Phó Chủ tịch", the
// line over the name, else under it, without the TM./KT. prefix), and a decision's or
// letter's subject ("Về việc …",
// "V/v …"). Dates must exist and be plausible against the registration date; ID numbers must
// agree with the birth date and sex on the paper (OCR's digit confusions repaired only when the
// repair does) and have a Vietnamese province code. Types: giay_khai_sinh, trich_luc_ket_hon,
// trich_luc_khai_tu, xac_nhan_tinh_trang_hon_nhan, quyet_dinh, cong_van; can_cuoc (the card's
// bilingual labels, cross-checked with its machine-readable zone, and its QR code where
// `codes` holds the texts of the QR codes read on its pages: src/card_fields.h); khac
// gives the fields any paper may carry (so_ky_hieu from "Số:", ngay_ban_hanh,
// co_quan_ban_hanh, nguoi_ky). Other types give none. Never fails; text without any of this
// gives nothing.
ExtractedFields ExtractFields(std::string_view doc_type, std::string_view text,
                              const std::vector<std::string>& codes = {});

}  // namespace sohoa::ocr
