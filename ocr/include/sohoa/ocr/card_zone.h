// The machine-readable zone (ICAO 9303 TD1) on the back of a căn cước card, as OCR reads it: the
// zone's three lines rebuilt from one or more readings, trusted only when every check digit
// passes and the numbers agree with each other.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sohoa/ocr/identifiers.h"

namespace sohoa {
struct Image;
}  // namespace sohoa

namespace sohoa::ocr {

class Engine;
struct OcrPage;

// The zone's characters in a line of OCR text: spaces dropped, '«' and '»' read as "<<" and
// '‹' as '<', letters upper-cased, anything else dropped.
std::string ZoneCharacters(std::string_view line);

// Whether a line of OCR text reads like a line of the zone: at least 24 zone characters, three
// of them '<'.
bool LooksLikeZoneLine(std::string_view line);

struct CardZone {
  // The three 30-character lines; empty strings when no zone was read. The name line is empty
  // too when no reading had one.
  std::array<std::string, 3> lines;
  // Why a zone that was seen could not be read (empty when it was, or when none was seen).
  std::string problem;
  // How many of its digits are look-alikes of what the readings gave, not read as such. The
  // check digits are weak against several: on the 70 photocopied cards of seven corpora, zones
  // of several 0 look-alikes passed every check with a wrong ID on 3 cards, and on 1 still with
  // the birthday rule. The card's fields take a zone with more than kMostUnconfirmedLookAlikes
  // only where the printed ID confirms it.
  int look_alikes = 0;
  bool found() const { return !lines[0].empty(); }
};

// The most look-alikes a zone is taken with on its own readings alone (see CardZone).
inline constexpr int kMostUnconfirmedLookAlikes = 1;

// A line of OCR text, and for each of its code points the other characters OCR weighed for it
// (Word::others; empty when not known).
struct ZoneText {
  std::string_view text;
  std::vector<std::string> others;
};

// The zone of a Vietnamese card from readings of it (each reading the lines of OCR text it
// gave, in order, with other text around them allowed). Each reading's lines are parsed by
// their structure: line 1 "IDVNM", the card number (the ID's last 9 digits), its check digit
// and the 12-digit ID; line 2 the birth date, its check digit, the sex, the expiry (or fillers)
// and its check digit, "VNM", fillers and the composite check digit; line 3 the name. A
// position gets a vote from each reading that parsed its line; the card number's two copies
// and the ID's birth year (which line 2 repeats) vote as one. Of the combinations of the
// characters voted for, the zone is the one that passes every check: the four check digits,
// dates that exist, an ID whose province code is on the list and whose century, sex and
// year agree with line 2. Among those, an expiry on the 14th, 25th, 40th or 60th birthday is
// preferred, then the most votes. A character's alternatives (ZoneText::others) are tried
// too, without a vote; when nothing passes and the readings left little open, one digit may be
// read as a look-alike (0 for 8, 9 or 6 …); when still nothing passes, a 0 in every place a
// reading gave 8, 9 or 6 (a copier's toner fills a bold 0's counter), fewer such look-alikes
// winning, the zone then taken only with its expiry on one of those birthdays (or none). A
// reading's line 2 may have its sex's M read as two glyphs (either sex then, the ID's sex
// digit deciding) and its nationality read as a V and anything. A foreign country's code in
// the ID is only taken as every reading gave it. A tie between two different zones gives none.
// The name line is the one most readings agree on (on a tie, that of the reading nearest the
// zone): no check digit covers it. Readings that leave too much open (200000 partial zones
// tried) give no zone.
CardZone ReconcileCardZone(const std::vector<std::vector<ZoneText>>& readings);
CardZone ReconcileCardZone(const std::vector<std::vector<std::string_view>>& readings);

// What the card prints again of the zone's numbers, as OCR read it on the front: the ID, birth
// date, sex and expiry. Unknown parts left empty.
struct PrintedNumbers {
  std::string personal_id;  // 12 digits, else ignored
  std::optional<Date> birth, expiry;
  Sex sex = Sex::kUnknown;
};

// The same with the printed numbers as one more reading of the positions they repeat (the card
// number, the ID, the birth date, the sex and the expiry; no check digit), with a vote like any
// zone reading's. Its check digits still come from the zone's own readings alone: a zone they
// leave unreadable stays so.
CardZone ReconcileCardZone(const std::vector<std::vector<std::string_view>>& readings,
                           const PrintedNumbers& printed);

// The characters a zone is printed with.
inline constexpr std::string_view kZoneCharset = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<";

// A card page whose zone OCR misread (its own reading gives no zone, see ReconcileCardZone):
// the zone's region (its lines on the page, grown to three lines) is read again with only the
// zone's characters allowed (Engine::RecognizeRegion), and the zone is reconciled from both
// readings. When that gives a zone, the page's zone lines are replaced by its three lines, so
// that the text layer and the fields read it. `image` is the image `page` was read from.
// Returns whether the page changed; a page without zone lines, or whose zone stays unreadable,
// is left as it is.
bool MendCardZone(Engine& engine, const Image& image, OcrPage& page);

}  // namespace sohoa::ocr
