// The QR code a căn cước card prints (on the front of the chip card, on the back of the 2024
// card): "ID|old ID|name|DDMMYYYY|sex|address|DDMMYYYY", the holder's personal number, the
// 9-digit number of an older identity card (or nothing), full name, birth date, sex, place of
// residence and the card's issue date. Reed-Solomon coded: a code that decodes at all decodes
// to what was printed, which OCR of the same card cannot promise.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "sohoa/ocr/identifiers.h"

namespace sohoa::ocr {

struct CardCode {
  std::string personal_id;  // 12 digits
  std::string old_id;       // 9 digits, or empty
  std::string name;         // as encoded (NFC)
  Date birth;
  Sex sex = Sex::kUnknown;
  std::string residence;  // as encoded (NFC, single spaces)
  Date issued;
};

// A card's QR text parsed: seven '|'-separated parts, a 12-digit ID, an old ID of 9 digits or
// none, a name, dates that exist as DDMMYYYY, the sex "Nam" or "Nữ". Nothing for any other text
// (another QR code on the page, a truncated one). The code is read off the page by
// pipeline::ReadQrCodes.
std::optional<CardCode> ParseCardCode(std::string_view payload);

}  // namespace sohoa::ocr
