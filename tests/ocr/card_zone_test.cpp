// The machine-readable zone of a căn cước card rebuilt from OCR readings that each got some of
// it wrong: votes, the structure's redundancy (the card number twice, the birth year in the ID)
// and every check digit decide; what cannot be decided gives no zone.
#include "sohoa/ocr/card_zone.h"

#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

#include "sohoa/ocr/engine.h"
#include "sohoa/ocr/identifiers.h"
#include "sohoa/ocr/page.h"

namespace sohoa::ocr {
namespace {

// Seed 17's photocopied card 0015 (the samples script): its zone; below, how Tesseract read it
// on the page and again alone with only the zone's characters allowed.
constexpr const char* kLine1 = "IDVNM0772076528001077207652<<<";
constexpr const char* kLine2 = "7708279M3708271VNM<<<<<<<<<<<5";
constexpr const char* kLine3 = "NGUYEN<<DUY<LAM<<<<<<<<<<<<<<<";

CardZone Reconcile(const std::vector<std::vector<std::string_view>>& readings) {
  return ReconcileCardZone(readings);
}

// Splits "a|b||c" into {"a", "b", "", "c"}: the alternatives Tesseract gave per character.
std::vector<std::string> Others(const std::string& joined) {
  std::vector<std::string> out(1);
  for (const char c : joined) {
    if (c == '|') {
      out.emplace_back();
    } else {
      out.back().push_back(c);
    }
  }
  return out;
}

TEST(ReconcileCardZoneTest, ReadingsWrongInDifferentPlacesGiveTheZone) {
  const std::vector<std::string_view> page = {"TDVNM6772076525061077287652<<<",
                                              "KGUYEN<<DUY<LAH<<<<<<<<<<<<<<<",
                                              "7708275M3798271VIM<<<<<<<<<<<5"};
  const std::vector<ZoneText> alone = {
      {"1DVNH0772076528061077287652<<<",
       Others("TIX|||WIRM|INM|O9|||||||||93|698|08||68||||069||8|89S||||")},
      {"7708275M3708271VM<<<<<<<<<<<5", Others("||||||96S8|HN|||9|6|||||||||||||||||S")},
      {"NGUYEN<<DUY<LAM<<<<<<<<<<<<<<<", {}}};
  EXPECT_FALSE(Reconcile({page}).found());
  std::vector<ZoneText> mine;
  for (const std::string_view line : page) mine.push_back({line, {}});
  // Without the alternatives it weighed, the second reading does not settle it either.
  std::vector<ZoneText> bare = alone;
  for (ZoneText& line : bare) line.others.clear();
  EXPECT_FALSE(ReconcileCardZone({mine, bare}).found());
  const CardZone zone = ReconcileCardZone({mine, alone});
  ASSERT_TRUE(zone.found()) << zone.problem;
  EXPECT_EQ(zone.lines[0], kLine1);
  EXPECT_EQ(zone.lines[1], kLine2);
  // The name of the reading that read the rest better.
  EXPECT_EQ(zone.lines[2], kLine3);
}

// The nationality's M read as two letters (seed 47's photocopied card 0079: "VNIi").
TEST(ReconcileCardZoneTest, NationalityWithALetterReadAsTwo) {
  const CardZone zone = Reconcile({{"_TDVEM0772076528001077207652<<<",
                                    "7708279M3708271VNIi<<<<<<<<<<<5", kLine3}});
  ASSERT_TRUE(zone.found()) << zone.problem;
  EXPECT_EQ(zone.lines[0], kLine1);
  EXPECT_EQ(zone.lines[1], kLine2);
}

// The name line holds letters only: a digit read in it is a letter of like shape (seed 37's
// mild card 0095: "DTEU61AN6"), a Vietnamese letter its base letter (seed 17's clean card
// 0023: "DƯƠN6").
TEST(ReconcileCardZoneTest, NameLineDigitsAndMarksAreItsLetters) {
  const CardZone zone = Reconcile({{kLine1, kLine2, "N6UYỄN<<DUY<1AM<<<<<<<<<<<<<<<"}});
  ASSERT_TRUE(zone.found()) << zone.problem;
  EXPECT_EQ(zone.lines[2], "NGUYEN<<DUY<IAM<<<<<<<<<<<<<<<");
}

TEST(ReconcileCardZoneTest, AWornZeroReadAsTwoDigitsIsDropped) {
  // "0" read as "60" in the card number; both dates read with a digit too many.
  const CardZone zone = Reconcile({{"IDVNM6077207652800107720765<<<", "",
                                    "77082759M37082711VNM<<<<<<<<<<<5", kLine3}});
  EXPECT_FALSE(zone.found());  // the ID's copy lost its last digit: no way to line it up
  const CardZone read = Reconcile({{"IDVNM07720766528001077207652<<<",
                                    "77082799M37082171VNM<<<<<<<<<<<5", kLine3}});
  ASSERT_TRUE(read.found()) << read.problem;
  EXPECT_EQ(read.lines[0], kLine1);
  EXPECT_EQ(read.lines[1], kLine2);
}

TEST(ReconcileCardZoneTest, TheAlternativesOcrWeighedSupplyMisreadDigits) {
  // One reading, two digits wrong: the province code's 0 read as 6 and the birth date's check
  // digit 9 read as 5. Tesseract weighed 0 and 9 for them.
  const std::string line1 = "IDVNM0772076528061077207652<<<";
  const std::string line2 = "7708275M3708271VNM<<<<<<<<<<<5";
  EXPECT_FALSE(Reconcile({{line1, line2, kLine3}}).found());
  std::vector<std::string> others1(line1.size()), others2(line2.size());
  others1[16] = "08";
  others2[6] = "93";
  const CardZone zone = ReconcileCardZone({{{line1, others1}, {line2, others2}, {kLine3, {}}}});
  ASSERT_TRUE(zone.found()) << zone.problem;
  EXPECT_EQ(zone.lines[0], kLine1);
  EXPECT_EQ(zone.lines[1], kLine2);
}

TEST(ReconcileCardZoneTest, OneDigitReadAsALookAlikeIsMended) {
  // The birth year's 7 read as 1 in both of its places on line 2 and in the ID: no, only in
  // line 2's expiry: 37 read as 31, one look-alike.
  const CardZone zone = Reconcile({{kLine1, "7708279M3108271VNM<<<<<<<<<<<5", kLine3}});
  ASSERT_TRUE(zone.found()) << zone.problem;
  EXPECT_EQ(zone.lines[1], kLine2);
}

// Lines 1 and 2 of a zone with its check digits, for an ID, birth date YYMMDD, sex and expiry
// YYMMDD (empty: none).
std::pair<std::string, std::string> Zone(const std::string& id, const std::string& birth,
                                         char sex, const std::string& expiry) {
  const std::string number = id.substr(3);
  const std::string line1 = "IDVNM" + number + std::to_string(*MrzCheckDigit(number)) + id + "<<<";
  std::string line2 = birth + std::to_string(*MrzCheckDigit(birth)) + sex;
  line2 += expiry.empty() ? std::string(7, '<')
                          : expiry + std::to_string(*MrzCheckDigit(expiry));
  line2 += "VNM" + std::string(11, '<');
  const std::string composite =
      line1.substr(5, 25) + line2.substr(0, 7) + line2.substr(8, 7) + line2.substr(18, 11);
  return {line1, line2 + std::to_string(*MrzCheckDigit(composite))};
}

// A province code read as a listed one is mended only to a 0, the zone's slashed zero misread
// (seed 53's photocopied card 0143: "082…" for 002…), not to pass a composite check digit that
// was itself misread (seed 43's mild card 0159: its composite 5 read as B, and 066 made 096
// passed it): no zone then, so that the zone is read again.
TEST(ReconcileCardZoneTest, AListedProvinceCodeIsMendedOnlyToAZero) {
  const CardZone zone = Reconcile({{"IDVNM0635840277066063584027<<<",
                                    "6312084M<<<<<<<VNM<<<<<<<<<<<B"}});
  EXPECT_FALSE(zone.found()) << zone.lines[0];
  EXPECT_TRUE(Reconcile({{"IDVNM0635840277066063584027<<<", "6312084M<<<<<<<VNM<<<<<<<<<<<5"}})
                  .found());
  const CardZone zero = Reconcile({{"IDVNM1911452531082191145253<<<",
                                    "9108183F3108181VNM<<<<<<<<<<<3"}});
  ASSERT_TRUE(zero.found()) << zero.problem;
  EXPECT_EQ(zero.lines[0], "IDVNM1911452531002191145253<<<");
}

// A photocopier's toner fills a bold 0's counter, and OCR reads it as 9, 6 or 8, several times
// in one zone (seed 53's photocopied card 0111, as read on its page): a 0 is tried where a
// reading gave one of them, each counted as a look-alike.
TEST(ReconcileCardZoneTest, ZerosReadAsNineSixOrEightAreLookAlikes) {
  const CardZone zone = Reconcile({{"TDVNN0827667651079082766765<<<",
                                    "8296959M4296651VNM<<<<<<<<<<<7",
                                    "PHAN<<TIEN<TUAN<<<<<<<<<<<<<<<"}});
  ASSERT_TRUE(zone.found()) << zone.problem;
  EXPECT_EQ(zone.lines[0], "IDVNM0827667651079082766765<<<");
  EXPECT_EQ(zone.lines[1], "8206059M4206051VNM<<<<<<<<<<<7");
  EXPECT_EQ(zone.look_alikes, 4);
  // A zone read as printed needs none.
  EXPECT_EQ(Reconcile({{zone.lines[0], zone.lines[1]}}).look_alikes, 0);
}

// Check digits alone let a wrong mix of look-alikes through: such a zone is taken only with
// its expiry on a birthday a card runs to. A card whose expiry is not (a day off here) and
// whose 0s were read as 9s gives no zone; read as printed, it stands.
TEST(ReconcileCardZoneTest, AZoneOfLookAlikeZerosNeedsItsExpiryOnABirthday) {
  const auto [line1, line2] = Zone("079082766765", "820605", 'M', "420606");
  std::string misread = line2;
  misread[2] = misread[4] = '9';
  ASSERT_EQ(misread.substr(0, 6), "829695");
  EXPECT_FALSE(Reconcile({{line1, misread}}).found());
  const auto [due1, due2] = Zone("079082766765", "820605", 'M', "420605");
  std::string due = due2;
  due[2] = due[4] = '9';
  const CardZone mended = Reconcile({{due1, due}});
  ASSERT_TRUE(mended.found()) << mended.problem;
  EXPECT_EQ(mended.lines[1], due2);
  EXPECT_TRUE(Reconcile({{line1, line2}}).found());
}

// Bold and thickened by a copier, the sex's M is read as two glyphs (seed 43's photocopied
// card 0239: "…9013…"), the sex then told by the ID's sex digit, or as two letters (seed 29's
// card 0207: "…MH…"); the nationality is read as a V and anything ("VitJ", seed 43's card
// 0079) where line 2 otherwise lines up.
TEST(ReconcileCardZoneTest, AnMReadAsTwoGlyphsAndAGarbledNationality) {
  const CardZone split = Reconcile({{"IDVNM0950665067092095066506<<<",
                                     "9508059013508057VKM<<<<<<<<<<<4"}});
  ASSERT_TRUE(split.found()) << split.problem;
  EXPECT_EQ(split.lines[1], "9508059M3508057VNM<<<<<<<<<<<4");
  const CardZone letters = Reconcile({{"IDVNM0950665067092095066506<<<",
                                       "9508059MH3508057VNM<<<<<<<<<<<4"}});
  ASSERT_TRUE(letters.found()) << letters.problem;
  EXPECT_EQ(letters.lines[1], "9508059M3508057VNM<<<<<<<<<<<4");
  const auto [line1, line2] = Zone("001169115167", "690305", 'F', "290305");
  const CardZone woman = Reconcile({{line1, line2.substr(0, 7) + "12" + line2.substr(8)}});
  ASSERT_TRUE(woman.found()) << woman.problem;
  EXPECT_EQ(woman.lines[1], line2);
  const CardZone nationality = Reconcile({{"IDVNM1611807279049161180727<<<",
                                           "6101312F<<<<<<<VitJ<<<<<<<<<<<6"}});
  ASSERT_TRUE(nationality.found()) << nationality.problem;
  EXPECT_EQ(nationality.lines[1], "6101312F<<<<<<<VNM<<<<<<<<<<<6");
}

TEST(ReconcileCardZoneTest, AForeignCodeIsTakenOnlyAsEveryReadingGaveIt) {
  // Born abroad (code 840), as read: the zone stands.
  const auto [line1, line2] = Zone("840071234567", "710905", 'M', "310905");
  const CardZone as_read = Reconcile({{line1, line2, kLine3}});
  ASSERT_TRUE(as_read.found()) << as_read.problem;
  EXPECT_EQ(as_read.lines[0], line1);
  // A second reading that saw 0 where the first saw 8 (a misread province code 040 would not
  // validate either way): not taken.
  std::string other = line1;
  other[15] = '0';
  const CardZone disputed = Reconcile({{line1, line2, kLine3}, {other, line2, kLine3}});
  EXPECT_FALSE(disputed.found()) << disputed.lines[0] << " " << disputed.lines[1];
}

TEST(ReconcileCardZoneTest, AReadingThatCouldBeAnythingGivesNoZone) {
  // Every digit weighed as every other: far too many zones pass; the search stops and says so.
  const std::string line1 = kLine1, line2 = kLine2;
  std::vector<std::string> others1(line1.size()), others2(line2.size());
  for (std::size_t i = 5; i < 27; ++i) others1[i] = "0123456789";
  for (std::size_t i = 0; i < 15; ++i) {
    if (i != 7) others2[i] = "0123456789";
  }
  const auto start = std::chrono::steady_clock::now();
  const CardZone zone = ReconcileCardZone({{{line1, others1}, {line2, others2}, {kLine3, {}}}});
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_FALSE(zone.found());
  EXPECT_NE(zone.problem.find("too much open"), std::string::npos) << zone.problem;
  EXPECT_LT(seconds, 1.0);  // bounded: a page's zone never holds up its dossier
}

TEST(ReconcileCardZoneTest, GarbleGivesNoZoneAndSaysWhy) {
  EXPECT_FALSE(Reconcile({}).found());
  EXPECT_TRUE(Reconcile({{"Họ và tên / Full name:", "NGUYỄN DUY LÂM"}}).problem.empty());
  const CardZone garbled = Reconcile({{"TDVNRM3819134847638664101342A4<<<",
                                       "64111254M<<<<<<<VNM<<<<<<<<<<<4"}});
  EXPECT_FALSE(garbled.found());
  EXPECT_NE(garbled.problem.find("machine-readable zone"), std::string::npos);
}

// Reads whatever region it is asked for as the zone of seed 17's card 0183 (lines at
// y 2525, 2575, 2625, 36 pixels high), and notes the region.
class ZoneEngine : public Engine {
 public:
  Result<OcrPage> Recognize(const Image&) override { return OcrPage{}; }
  Result<Orientation> DetectOrientation(const Image&) override { return Orientation{}; }
  Result<OcrPage> RecognizeRegion(const Image& image, const Box& region,
                                  std::string_view) override {
    asked = region;
    OcrPage page;
    page.width = image.width;
    page.height = image.height;
    const char* lines[] = {"IDVNM0595329863034059532986<<<", "5908282M<<<<<<<VNM<<<<<<<<<<<4",
                           "HUYNH<<DUC<KHANH<<<<<<<<<<<<<<"};
    for (int k = 0; k < 3; ++k) {
      const Box box{760, 2525 + 50 * k, 830, 36};
      const bool inside = box.y >= region.y && box.y + box.height <= region.y + region.height;
      if (inside) page.words.push_back(Word{lines[k], box, 0.9f, k, 0, 36});
    }
    RebuildPage(page);
    return page;
  }
  Box asked;
};

// Card 0183's page as OCR read it: `first` at line 1's place (or above it), then lines 2 and 3;
// mended by MendCardZone with ZoneEngine, which notes the region it was asked for.
struct Mended {
  bool changed = false;
  std::string text;
  Box asked;
};
Mended MendPage(const char* first, int first_y) {
  Image image;  // an A4 page at 300 dpi; ZoneEngine does not look at its pixels
  image.width = 2480;
  image.height = 3508;
  image.channels = 1;
  image.dpi = 300;
  const auto word = [](const char* text, int y, int line) {
    return Word{text, {760, y, 830, 36}, 0.9f, line, 0, 36};
  };
  OcrPage page;
  page.words = {word(first, first_y, 0), word("5908282M<<<<<<<VNM<<<<<<<<<<<4", 2575, 1),
                word("HUYNH<<DUC<KHANH<<<<<<<<<<<<<<", 2625, 2)};
  RebuildPage(page);
  ZoneEngine engine;
  Mended out;
  out.changed = MendCardZone(engine, image, page);
  out.text = page.text;
  out.asked = engine.asked;
  return out;
}

TEST(MendCardZoneTest, LineOneLostOnThePageIsLookedForAboveTheRest) {
  const Mended m = MendPage("MINISTRY OF PUBLIC SECURITY", 2440);
  ASSERT_TRUE(m.changed);
  EXPECT_LE(m.asked.y, 2525);  // the region reaches up to line 1
  EXPECT_EQ(m.text,
            "MINISTRY OF PUBLIC SECURITY\nIDVNM0595329863034059532986<<<\n"
            "5908282M<<<<<<<VNM<<<<<<<<<<<4\nHUYNH<<DUC<KHANH<<<<<<<<<<<<<<");
}

TEST(MendCardZoneTest, LineOneMisreadOnThePageIsReplacedNotRepeated) {
  // Its fillers lost and a 0 read as "öB": no zone line by its fillers, but by its opening.
  const Mended m = MendPage("TDVNMöB95329863034059532986", 2525);
  ASSERT_TRUE(m.changed);
  EXPECT_EQ(m.text,
            "IDVNM0595329863034059532986<<<\n5908282M<<<<<<<VNM<<<<<<<<<<<4\n"
            "HUYNH<<DUC<KHANH<<<<<<<<<<<<<<");
}

}  // namespace
}  // namespace sohoa::ocr
