// Dates, personal ID numbers and machine-readable zones as civil-status papers print them: what
// a record may carry as validated, and what must go to needs_review.
#include "sohoa/ocr/identifiers.h"

#include <gtest/gtest.h>

namespace sohoa::ocr {
namespace {

std::string Iso(std::string_view text) {
  const std::optional<Date> date = ParseDate(text);
  return date ? date->Iso() : "none";
}

TEST(DateTest, OnlyDaysThatExist) {
  EXPECT_TRUE(Date::Make(2024, 2, 29));
  EXPECT_TRUE(Date::Make(2000, 2, 29));
  EXPECT_FALSE(Date::Make(2023, 2, 29));
  EXPECT_FALSE(Date::Make(1900, 2, 29));
  EXPECT_FALSE(Date::Make(2020, 4, 31));
  EXPECT_FALSE(Date::Make(2020, 13, 1));
  EXPECT_FALSE(Date::Make(2020, 1, 0));
  EXPECT_EQ(Date::Make(2009, 2, 6)->Iso(), "2009-02-06");
  EXPECT_LT(*Date::Make(2009, 2, 6), *Date::Make(2009, 2, 7));
}

TEST(DateTest, NumericDatesAsPrinted) {
  EXPECT_EQ(Iso("14/05/2018"), "2018-05-14");
  EXPECT_EQ(Iso("Sinh ngày: 6-2-2009"), "2009-02-06");
  EXPECT_EQ(Iso("Ngày cấp 01.07.2021"), "2021-07-01");
  EXPECT_EQ(Iso("Quyết định số 1811/QĐ-UBND ngày 09/6/2020 của UBND tỉnh"), "2020-06-09");
  // Both slashes lost to OCR (seed 17, a harsh marriage extract's registration date).
  EXPECT_EQ(Iso("Ngày, tháng, năm đăng ký: 22 09 2023"), "2023-09-22");
  EXPECT_EQ(Iso("22 09 20231"), "none");
  EXPECT_EQ(Iso("22 09/2023"), "none");
  // Not dates: a number and its year, a book number, a day that does not exist.
  EXPECT_EQ(Iso("Số: 53/2018"), "none");
  EXPECT_EQ(Iso("Quyển số 02/2018"), "none");
  EXPECT_EQ(Iso("31/04/2020"), "none");
  EXPECT_EQ(Iso("14/05/20189"), "none");
}

TEST(DateTest, DateLinesInDigitsOrWords) {
  EXPECT_EQ(Iso("Nghệ An, ngày 09 tháng 6 năm 2020"), "2020-06-09");
  EXPECT_EQ(Iso("ngay 1 thang 4 nam 2021"), "2021-04-01");
  EXPECT_EQ(Iso("Ngày mười bốn tháng năm năm hai nghìn không trăm mười tám"), "2018-05-14");
  EXPECT_EQ(Iso("ngày hai mươi mốt tháng mười hai năm một nghìn chín trăm chín mươi chín"),
            "1999-12-21");
  EXPECT_EQ(Iso("ngày mồng"), "none");
  EXPECT_EQ(Iso("ngày ba mươi tháng tư năm hai nghìn không trăm linh năm, tại"), "2005-04-30");
  EXPECT_EQ(Iso("ngày 30 tháng 2 năm 2020"), "none");
}

TEST(NumberWordsTest, VietnameseNumbers) {
  EXPECT_EQ(ParseNumberWords("hai nghìn không trăm linh năm"), 2005);
  EXPECT_EQ(ParseNumberWords("hai ngàn hai mươi"), 2020);
  EXPECT_EQ(ParseNumberWords("mười lăm"), 15);
  EXPECT_EQ(ParseNumberWords("hai mươi tư"), 24);
  EXPECT_EQ(ParseNumberWords("hai mươi mốt"), 21);
  EXPECT_EQ(ParseNumberWords("một trăm"), 100);
  EXPECT_EQ(ParseNumberWords("mười"), 10);
  EXPECT_EQ(ParseNumberWords("MƯỜI HAI"), 12);
  EXPECT_EQ(ParseNumberWords("không"), 0);
  EXPECT_FALSE(ParseNumberWords("lăm"));
  EXPECT_FALSE(ParseNumberWords("mười không"));
  EXPECT_FALSE(ParseNumberWords("một trăm linh"));
  EXPECT_FALSE(ParseNumberWords("xin chào"));
  EXPECT_FALSE(ParseNumberWords(""));
}

TEST(ProvinceTest, NamedOrOpenedByItsFirstWords) {
  EXPECT_EQ(ProvinceNamed("Đấk Láắk"), "Đắk Lắk");
  // The last word lost: one province opens so.
  EXPECT_EQ(ProvinceOpeningWith("Lào"), "Lào Cai");
  EXPECT_EQ(ProvinceOpeningWith("THỪA THIÊN"), "Thừa Thiên Huế");
  EXPECT_EQ(ProvinceOpeningWith("Hồ Chí"), "Hồ Chí Minh");
  // Several do, or none, or it is a whole name.
  EXPECT_EQ(ProvinceOpeningWith("Hà"), "");
  EXPECT_EQ(ProvinceOpeningWith("Quảng"), "");
  EXPECT_EQ(ProvinceOpeningWith("Lào Cai"), "");
  EXPECT_EQ(ProvinceOpeningWith("La"), "");
  EXPECT_EQ(ProvinceOpeningWith(""), "");
}

TEST(PersonalIdTest, AgreesWithTheBirthDateAndSexOnThePaper) {
  const std::optional<Date> born = Date::Make(2018, 5, 14);
  EXPECT_TRUE(CheckPersonalId("034318399679", born, Sex::kFemale).ok());
  EXPECT_TRUE(CheckPersonalId("034318399679").ok());
  EXPECT_EQ(ProvinceOfCode("034"), "Thái Bình");
  EXPECT_FALSE(CheckPersonalId("034318399679", born, Sex::kMale).ok());
  EXPECT_FALSE(CheckPersonalId("034318399679", Date::Make(2017, 5, 14)).ok());
  EXPECT_FALSE(CheckPersonalId("034218399679", born, Sex::kFemale).ok());  // 2000s male
  EXPECT_TRUE(CheckPersonalId("001099012345", Date::Make(1999, 1, 2), Sex::kMale).ok());
  const Check province = CheckPersonalId("003099012345");
  EXPECT_NE(province.problem.find("province code 003"), std::string::npos) << province.problem;
  EXPECT_FALSE(CheckPersonalId("001899012345").ok());  // century digit 8
  EXPECT_FALSE(CheckPersonalId("03431839967").ok());   // 11 digits
  EXPECT_FALSE(CheckPersonalId("03431839967O").ok());  // a letter
  EXPECT_TRUE(CheckPersonalId("840099012345").ok());   // a foreign country's code
  EXPECT_EQ(ParseSex("Nữ"), Sex::kFemale);
  EXPECT_EQ(ParseSex(" nam "), Sex::kMale);
  EXPECT_EQ(ParseSex("Nam Định"), Sex::kUnknown);
  // "Nam" a letter off as OCR reads it on a worn copy; nothing else three letters long.
  EXPECT_EQ(ParseSex("Nnm"), Sex::kMale);
  EXPECT_EQ(ParseSex("Nan"), Sex::kMale);
  EXPECT_EQ(ParseSex("Nữa"), Sex::kUnknown);
  EXPECT_EQ(ParseSex("Hàm"), Sex::kUnknown);
}

TEST(PersonalIdTest, OcrConfusionsRepairedOnlyWhenTheResultValidates) {
  const std::optional<Date> born = Date::Make(2018, 5, 14);
  EXPECT_EQ(RepairPersonalId("O343l8399G79", born, Sex::kFemale), "034318399679");
  EXPECT_EQ(RepairPersonalId("034 318 399 679", born, Sex::kFemale), "034318399679");
  EXPECT_EQ(RepairPersonalId("034318399679", born, Sex::kFemale), "034318399679");
  // A repair that disagrees with the paper, a digit too many, a letter no digit looks like.
  EXPECT_FALSE(RepairPersonalId("O343l8399G79", Date::Make(2017, 5, 14), Sex::kFemale));
  EXPECT_FALSE(RepairPersonalId("0343183996791"));
  EXPECT_FALSE(RepairPersonalId("03431839967X"));
  EXPECT_FALSE(RepairPersonalId(" 034318399679"));
  // A digit read as one of like shape where the checks look: 7 for the year's 1 (2079, a year
  // still to come), 8 for the century digit's 0. Not without the birth date, nor where no change or two changes would
  // validate (043: 045 and 048 are both provinces), nor a foreign country's code (840: the
  // United States; a citizen born abroad has it).
  const std::optional<Date> born2019 = Date::Make(2019, 4, 5);
  EXPECT_EQ(RepairPersonalId("040279149509", born2019, Sex::kMale), "040219149509");
  EXPECT_EQ(RepairPersonalId("040872149509", Date::Make(1972, 4, 5), Sex::kMale),
            "040072149509");
  EXPECT_EQ(RepairPersonalId("840219149509", born2019, Sex::kMale), "840219149509");
  EXPECT_FALSE(RepairPersonalId("040279149509", std::nullopt, Sex::kMale) == "040219149509");
  EXPECT_FALSE(RepairPersonalId("043219149509", born2019, Sex::kMale));
  EXPECT_FALSE(RepairPersonalId("040219149509", Date::Make(2011, 4, 5), Sex::kMale));
  // Not a number well-formed as read that disagrees only with the birth year: the date may be
  // the misread one (seed 47's photocopied card 0079: "11/12/1958" beside 034056711988 had
  // given 034058711988).
  EXPECT_FALSE(RepairPersonalId("034056711988", Date::Make(1958, 12, 11), Sex::kMale));
}

// ICAO 9303's own specimens (Part 3 check digits; Part 5 TD1 card).
TEST(MrzTest, CheckDigitsOfTheIcaoSpecimens) {
  EXPECT_EQ(MrzCheckDigit("L898902C3"), 6);
  EXPECT_EQ(MrzCheckDigit("740812"), 2);
  EXPECT_EQ(MrzCheckDigit("120415"), 9);
  EXPECT_EQ(MrzCheckDigit("D23145890"), 7);
  EXPECT_FALSE(MrzCheckDigit("12a"));
}

TEST(MrzTest, Td1ZoneReadAndChecked) {
  const Td1Reading specimen =
      ReadTd1("I<UTOD231458907<<<<<<<<<<<<<<<", "7408122F1204159UTO<<<<<<<<<<<6",
              "ERIKSSON<<ANNA<MARIA<<<<<<<<<<");
  EXPECT_TRUE(specimen.check.ok()) << specimen.check.problem;
  EXPECT_EQ(specimen.fields.document_number, "D23145890");
  EXPECT_EQ(specimen.fields.birth->Iso(), "1974-08-12");
  EXPECT_EQ(specimen.fields.expiry->Iso(), "2012-04-15");
  EXPECT_EQ(specimen.fields.sex, Sex::kFemale);
  EXPECT_EQ(specimen.fields.nationality, "UTO");
  EXPECT_EQ(specimen.fields.name, "ERIKSSON ANNA MARIA");
  EXPECT_TRUE(specimen.fields.personal_id.empty());
  // Letters OCR read among the fillers are no part of the name (seed 29's harsh card 0231).
  EXPECT_EQ(ReadTd1("I<UTOD231458907<<<<<<<<<<<<<<<", "7408122F1204159UTO<<<<<<<<<<<6",
                    "ERIKSSON<<ANNA<MARIA<<<<<<SSSS")
                .fields.name,
            "ERIKSSON ANNA MARIA");
  // One digit misread in the document number; in the birth date.
  const Td1Reading misread =
      ReadTd1("I<UTOD231458807<<<<<<<<<<<<<<<", "7408122F1204159UTO<<<<<<<<<<<6",
              "ERIKSSON<<ANNA<MARIA<<<<<<<<<<");
  EXPECT_EQ(misread.check.problem, "document number check digit does not match");
  const Td1Reading birth =
      ReadTd1("I<UTOD231458907<<<<<<<<<<<<<<<", "7403122F1204159UTO<<<<<<<<<<<6",
              "ERIKSSON<<ANNA<MARIA<<<<<<<<<<");
  EXPECT_EQ(birth.check.problem, "birth date check digit does not match");
  EXPECT_FALSE(ReadTd1("I<UTO", "", "").check.ok());
}

// A card whose line 1 carries a 12-digit personal ID after the card number: its century digit
// dates the birth, and it must agree with the zone's birth date and sex.
TEST(MrzTest, PersonalIdInTheOptionalDataAgreesWithTheZone) {
  const auto line1 = [](std::string_view id) {
    std::string number(id.substr(3, 9));
    std::string line =
        "IDVNM" + number + std::to_string(*MrzCheckDigit(number)) + std::string(id) + "<<<";
    return line;
  };
  const auto line2 = [&](std::string_view l1, std::string_view birth, char sex) {
    std::string l2 = std::string(birth) + std::to_string(*MrzCheckDigit(birth)) + sex + "340514" +
                     std::to_string(*MrzCheckDigit("340514")) + "VNM" + "<<<<<<<<<<<";
    std::string composite =
        std::string(l1.substr(5, 25)) + l2.substr(0, 7) + l2.substr(8, 7) + l2.substr(18, 11);
    return l2 + std::to_string(*MrzCheckDigit(composite));
  };
  const std::string l1 = line1("034318399679");
  const Td1Reading card = ReadTd1(l1, line2(l1, "180514", 'F'), "TRAN<<THANH<LAN<<<<<<<<<<<<<<<");
  EXPECT_TRUE(card.check.ok()) << card.check.problem;
  EXPECT_EQ(card.fields.personal_id, "034318399679");
  EXPECT_EQ(card.fields.birth->Iso(), "2018-05-14");
  const Td1Reading male = ReadTd1(l1, line2(l1, "180514", 'M'), "TRAN<<THANH<LAN<<<<<<<<<<<<<<<");
  EXPECT_NE(male.check.problem.find("personal ID"), std::string::npos) << male.check.problem;
}

}  // namespace
}  // namespace sohoa::ocr
