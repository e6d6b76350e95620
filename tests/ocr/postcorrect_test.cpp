// Vietnamese post-correction on hand-made OcrPages: syllable check, corrections in context,
// what must never change, junk removal. Uses Debian's hunspell-vi dictionary.
#include "sohoa/ocr/postcorrect.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace sohoa::ocr {
namespace {

struct W {
  std::string text;
  float confidence = 0.8f;
  int line = 0;
  int block = 0;
};

OcrPage PageOf(const std::vector<W>& words) {
  OcrPage page;
  int x = 0;
  for (const W& w : words) {
    Word word;
    word.text = w.text;
    word.confidence = w.confidence;
    word.line_index = w.line;
    word.block_index = w.block;
    word.box = {x, 10 * w.line, 40, 10};
    x += 50;
    page.words.push_back(word);
  }
  return page;
}

// One line of words with the same confidence.
OcrPage LineOf(const std::vector<std::string>& texts, float confidence = 0.8f) {
  std::vector<W> words;
  for (const auto& t : texts) words.push_back({t, confidence});
  return PageOf(words);
}

class PostCorrectTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto created = PostCorrector::Create();
    ASSERT_TRUE(created.ok()) << created.status().ToString();
    corrector_ = new PostCorrector(std::move(created).value());
  }
  static void TearDownTestSuite() {
    delete corrector_;
    corrector_ = nullptr;
  }
  static const PostCorrector& C() { return *corrector_; }
  // The text of one line of words read with one confidence, corrected.
  static std::string Corrected(const std::vector<std::string>& texts, float confidence) {
    OcrPage page = LineOf(texts, confidence);
    C().Correct(page);
    return page.text;
  }
  static PostCorrector* corrector_;
};
PostCorrector* PostCorrectTest::corrector_ = nullptr;

TEST_F(PostCorrectTest, SyllablesInAnyCaseAndTonePlacement) {
  EXPECT_TRUE(C().IsSyllable("tháng"));
  EXPECT_TRUE(C().IsSyllable("THÁNG"));
  EXPECT_TRUE(C().IsSyllable("hòa"));   // dictionary spells "hoà"
  EXPECT_TRUE(C().IsSyllable("hoà"));
  EXPECT_TRUE(C().IsSyllable("Ủy"));    // dictionary spells "uỷ"
  EXPECT_TRUE(C().IsSyllable("Đắk"));   // from the phrase list of provinces
  EXPECT_FALSE(C().IsSyllable("thóng"));
  EXPECT_FALSE(C().IsSyllable("nhânn"));
  EXPECT_FALSE(C().IsSyllable("S»K#"));
  EXPECT_FALSE(C().IsSyllable("tháng,"));  // punctuation is not stripped
  EXPECT_FALSE(C().IsSyllable(""));
}

TEST_F(PostCorrectTest, FinalIOrYAfterAConsonantIsSpelledEitherWay) {
  // hunspell-vi lists "tí" and not "tý", "kĩ" and "kỹ"...: both spellings are syllables.
  for (const char* word : {"tí", "Tý", "TÝ", "kĩ", "kỹ", "lí", "lý", "Mĩ", "Mỹ", "quí", "quý"}) {
    EXPECT_TRUE(C().IsSyllable(word)) << word;
  }
  // Not after every consonant, and not as a vowel of its own.
  for (const char* word : {"nhý", "gý", "chỹ"}) EXPECT_FALSE(C().IsSyllable(word)) << word;
  // A commune's name read right is no longer taken for "Y tế" (seed 17: seven fields).
  OcrPage page = LineOf({"xã", "Y", "Tý,", "huyện", "Bát", "Xát"}, 0.95f);
  C().Correct(page);
  EXPECT_EQ(page.text, "xã Y Tý, huyện Bát Xát");
}

TEST_F(PostCorrectTest, DateLineCorrectedInContext) {
  OcrPage page = LineOf({"Tam", "Quang,", "ngày", "23", "thông", "3", "nắm", "2023"});
  const CorrectionCounts counts = C().Correct(page);
  EXPECT_EQ(page.text, "Tam Quang, ngày 23 tháng 3 năm 2023");
  EXPECT_EQ(counts.corrected, 2);
  EXPECT_EQ(counts.dropped, 0);
  ASSERT_EQ(page.words.size(), 8u);
  EXPECT_EQ(page.words[4].text, "tháng");
  EXPECT_EQ(page.words[4].box.x, 200);  // boxes stay with their words
}

TEST_F(PostCorrectTest, CasePatternAndPunctuationKept) {
  OcrPage page = LineOf({"Quyền", "số:", "01/2023"});
  C().Correct(page);
  EXPECT_EQ(page.text, "Quyển số: 01/2023");

  OcrPage upper = LineOf({"ỦY", "BAN", "NHẦN", "DÂN"});
  C().Correct(upper);
  EXPECT_EQ(upper.text, "ỦY BAN NHÂN DÂN");

  OcrPage comma = LineOf({"Giấy", "tờ", "thay", "thể,"});
  C().Correct(comma);
  EXPECT_EQ(comma.text, "Giấy tờ thay thế,");
}

TEST_F(PostCorrectTest, NumbersCodesAndIdsNeverChange) {
  const std::vector<std::string> texts = {"Số:", "2818/QĐ-UBND", "ngày", "09/06/2020",
                                          "số", "036169656076", "V/v", "3/GBT", "HNGĐ-ST"};
  OcrPage page = LineOf(texts, 0.3f);
  const CorrectionCounts counts = C().Correct(page);
  EXPECT_EQ(counts.corrected, 0);
  EXPECT_EQ(counts.dropped, 0);
  ASSERT_EQ(page.words.size(), texts.size());
  for (std::size_t i = 0; i < texts.size(); ++i) EXPECT_EQ(page.words[i].text, texts[i]);
}

// A card's machine-readable zone as a photocopy reads it: lower-case letters and a speck in
// it, its fillers read as '<' and '«'. It stays whole for the card's checks (seed 47's
// photocopied card 0047 had lost its second and third lines here).
TEST_F(PostCorrectTest, ZoneLinesStayWholeThroughMisreadLetters) {
  const std::vector<std::string> zone = {"'XDVRM1777045801049177704588<<<",
                                         "7707261F3707263VNI<<<<<<e<«<<<4",
                                         "VU<<TH1<HGii6<VAN<<<<<<<<<«<<<<"};
  OcrPage page = PageOf({{zone[0], 0.5f, 0}, {zone[1], 0.5f, 1}, {zone[2], 0.5f, 2}});
  C().Correct(page);
  EXPECT_EQ(page.text, zone[0].substr(1) + "\n" + zone[1] + "\n" + zone[2]);
  // A whole line may have a tenth of its characters misread so (seed 71's photocopied card
  // 0175, read at 0.00); a short piece no more than two.
  OcrPage worn = PageOf({{"8616621F3116627V.Né<<<<{«<<<<<2", 0.0f, 0}, {"TỰ", 0.97f, 1},
                         {"a.é{<<b<c<", 0.3f, 1}});
  C().Correct(worn);
  EXPECT_EQ(worn.text, "8616621F3116627V.Né<<<<{«<<<<<2\nTỰ");
}

TEST_F(PostCorrectTest, ConfidentSyllableNeedsEvidenceOnBothSides) {
  // "thông" read confidently between a word and nothing: no strong evidence, kept.
  OcrPage page = LineOf({"23", "thông"}, 0.95f);
  C().Correct(page);
  EXPECT_EQ(page.text, "23 thông");
  // The same word between two numbers is a month.
  OcrPage date = LineOf({"23", "thông", "3"}, 0.95f);
  C().Correct(date);
  EXPECT_EQ(date.text, "23 tháng 3");
  // A real sentence is left alone.
  OcrPage sentence = LineOf({"thông", "tin", "người", "mẹ"}, 0.6f);
  C().Correct(sentence);
  EXPECT_EQ(sentence.text, "thông tin người mẹ");
}

TEST_F(PostCorrectTest, TwoConfidentNeighboursMisreadInTheirMarksAreMendedTogether) {
  // Read so by the Vietnamese script model on harsh scans of seed 17: each of "đối" and "bố"
  // has the phrase list's support on one side only while the other stays misread.
  OcrPage page = LineOf({"được", "sửa", "đối,", "bố", "sung", "trong"}, 0.97f);
  C().Correct(page);
  EXPECT_EQ(page.text, "được sửa đổi, bổ sung trong");
  // Only marks: a neighbour that fits as read, or that fits only with other letters, leaves
  // a confident word as it was read.
  OcrPage fits = LineOf({"sửa", "đối", "với"}, 0.97f);
  C().Correct(fits);
  EXPECT_EQ(fits.text, "sửa đối với");
  OcrPage place = LineOf({"xã", "Mỹ", "Hội", "Đông,", "huyện"}, 0.97f);
  C().Correct(place);
  EXPECT_EQ(place.text, "xã Mỹ Hội Đông, huyện");
}

TEST_F(PostCorrectTest, AnOfficialLettersVvIsContext) {
  // Seed 17's clean letter 0275, the subject's first word read confidently with other marks.
  EXPECT_EQ(Corrected({"V/v", "đồn", "đốc", "cập", "nhật"}, 0.95f), "V/v đôn đốc cập nhật");
}

TEST_F(PostCorrectTest, ADecisionsSubjectOpensWithItsAct) {
  // Seeds 53, 59 and 61's photocopied decisions 0210, 0114 and 0050, read confidently: "Về
  // việc" and the act it decides are context on both sides.
  EXPECT_EQ(Corrected({"Về", "việc", "phệ", "duyệt", "danh", "sách"}, 0.95f),
            "Về việc phê duyệt danh sách");
  EXPECT_EQ(Corrected({"Về", "việc", "phe", "duyệt", "danh", "sách"}, 0.95f),
            "Về việc phê duyệt danh sách");
  EXPECT_EQ(Corrected({"Về", "việc", "cho", "phép", "chuyến", "mục", "đích"}, 0.95f),
            "Về việc cho phép chuyển mục đích");
  EXPECT_EQ(Corrected({"Về", "việc", "câng", "bố", "Danh", "mục"}, 0.95f),
            "Về việc công bố Danh mục");
  // Seed 61's photocopied 0178: "Độ phận" where a decision's subject names the one-stop shop.
  EXPECT_EQ(Corrected({"hành", "chính", "tại", "Độ", "phận", "Một", "cửa"}, 0.95f),
            "hành chính tại Bộ phận Một cửa");
}

TEST_F(PostCorrectTest, LettersReadAsTwoOthersAreMended) {
  // "n" read as "ri" (seed 17's photocopy 0196), "m" as "rn".
  EXPECT_EQ(Corrected({"làm", "việc", "ở", "nước", "rigoài"}, 0.9f), "làm việc ở nước ngoài");
  EXPECT_EQ(Corrected({"tháng", "3", "narn", "2024"}, 0.9f), "tháng 3 năm 2024");
}

TEST_F(PostCorrectTest, ADoubtfulCommaInsideAPhraseIsDust) {
  // Seed 17's photocopied decision 0274: "hành," read at 0.26, "Bộ," at 0.66.
  EXPECT_EQ(Corrected({"thủ", "tục", "hành,", "chính", "tại", "Bộ,", "phận"}, 0.6f),
            "thủ tục hành chính tại Bộ phận");
  // Read confidently, or between words the phrase list parts with a comma ("tổ chức, cá
  // nhân"), a comma stays.
  EXPECT_EQ(Corrected({"thủ", "tục", "hành,", "chính"}, 0.95f), "thủ tục hành, chính");
  EXPECT_EQ(Corrected({"các", "tổ", "chức,", "cá", "nhân"}, 0.6f), "các tổ chức, cá nhân");
  // So is a colon or a semicolon, also at the end of a line that the next goes on with (seed
  // 47's photocopied decision 0306: "thủ:" read at 0.60).
  OcrPage wrapped = PageOf({{"giải", 0.97f, 0}, {"quyết", 0.97f, 0}, {"thủ:", 0.6f, 0},
                            {"tục", 0.45f, 1}, {"hành", 0.45f, 1}, {"chính", 0.97f, 1}});
  C().Correct(wrapped);
  EXPECT_EQ(wrapped.text, "giải quyết thủ\ntục hành chính");
  EXPECT_EQ(Corrected({"thủ", "tục", "hành;", "chính"}, 0.6f), "thủ tục hành chính");
  // Not where the phrase list puts a label's colon: "Giới tính: Nam".
  EXPECT_EQ(Corrected({"Giới", "tính:", "Nam"}, 0.6f), "Giới tính: Nam");
}

TEST_F(PostCorrectTest, AWordMendedLaterInTheLineIsContextForOneBeforeIt) {
  // Seed 17's photocopied letter: "liền" fits "liệu" on both sides only once "hồ" is "hộ".
  EXPECT_EQ(Corrected({"nhật", "dữ", "liền", "hồ", "tịch"}, 0.8f), "nhật dữ liệu hộ tịch");
}

TEST_F(PostCorrectTest, DistrictAndProvinceNamesTakeTheGazetteersMarks) {
  // Read so, confidently, by the Vietnamese script model on seed 13's clean and harsh papers.
  EXPECT_EQ(Corrected({"huyện", "Củ", "Chị,", "thành", "phố", "Hồ", "Chí", "Minh"}, 0.97f),
            "huyện Củ Chi, thành phố Hồ Chí Minh");
  EXPECT_EQ(Corrected({"TP.", "Hồ", "Chí", "Mình"}, 0.97f), "TP. Hồ Chí Minh");
  EXPECT_EQ(Corrected({"UBND", "HUYỆN", "VÂN", "ĐÔN"}, 0.97f), "UBND HUYỆN VÂN ĐỒN");
  // Without a unit word, the province after the name tells it is the district.
  EXPECT_EQ(Corrected({"khoa", "Cử", "Chỉ,", "thành", "phố", "Hồ", "Chí", "Minh"}, 0.97f),
            "khoa Củ Chi, thành phố Hồ Chí Minh");
  // A one-syllable name needs both.
  EXPECT_EQ(Corrected({"thành", "phố", "Huê,", "tỉnh", "Thừa", "Thiên", "Huế"}, 0.97f),
            "thành phố Huế, tỉnh Thừa Thiên Huế");
  EXPECT_EQ(Corrected({"thành", "phố", "Huê"}, 0.97f), "thành phố Huê");
  // A commune is no district: "phường Vĩnh Ninh" is not the district Vĩnh Linh, nor is a
  // name the gazetteer lists with other letters.
  EXPECT_EQ(Corrected({"phường", "Vĩnh", "Ninh,", "thành", "phố", "Huế"}, 0.97f),
            "phường Vĩnh Ninh, thành phố Huế");
  EXPECT_EQ(Corrected({"xã", "Củ", "Chị"}, 0.97f), "xã Củ Chị");
  // A letter misread is mended between the unit word and the province only (seed 17's
  // photocopied card 0111, seed 13's civil-status extracts 0182 and 0141).
  EXPECT_EQ(Corrected({"huyện", "Vên", "Đồn,", "tỉnh", "Quảng", "Ninh"}, 0.97f),
            "huyện Vân Đồn, tỉnh Quảng Ninh");
  EXPECT_EQ(Corrected({"huyện", "Krông", "Đắc,", "tỉnh", "Đắk", "Lắk"}, 0.97f),
            "huyện Krông Pắc, tỉnh Đắk Lắk");
  EXPECT_EQ(Corrected({"huyện", "Vên", "Đồn"}, 0.97f), "huyện Vên Đồn");
  EXPECT_EQ(Corrected({"xã", "Vên", "Đồn,", "tỉnh", "Quảng", "Ninh"}, 0.97f),
            "xã Vên Đồn, tỉnh Quảng Ninh");
}

TEST_F(PostCorrectTest, CommuneNamesTakeTheGazetteersMarksInTheirDistrict) {
  // Read so on seeds 29-61's harsh papers, however clearly: the district right after it tells
  // which communes the name can be.
  EXPECT_EQ(Corrected({"phường", "Cấm", "Phô,", "thành", "phố", "Hội", "An"}, 0.97f),
            "phường Cẩm Phô, thành phố Hội An");
  EXPECT_EQ(Corrected({"xã", "Pải", "Lùng,", "huyện", "Mèo", "Vạc"}, 0.97f),
            "xã Pải Lủng, huyện Mèo Vạc");
  // A letterhead in capitals, with its district named elsewhere on the page.
  OcrPage letterhead = PageOf({{"PHƯỜNG", 0.97f, 0}, {"CẤM", 0.97f, 0}, {"PHÔ", 0.97f, 0},
                               {"thành", 0.97f, 1}, {"phố", 0.97f, 1}, {"Hội", 0.97f, 1},
                               {"An", 0.97f, 1}});
  C().Correct(letterhead);
  EXPECT_EQ(letterhead.text, "PHƯỜNG CẨM PHÔ\nthành phố Hội An");
  // No district named: the same letters may be another district's commune.
  EXPECT_EQ(Corrected({"phường", "Cấm", "Phô"}, 0.97f), "phường Cấm Phô");
  // A commune of another district, and no commune unit, are left as read.
  EXPECT_EQ(Corrected({"phường", "Cấm", "Phô,", "huyện", "Mèo", "Vạc"}, 0.97f),
            "phường Cấm Phô, huyện Mèo Vạc");
  EXPECT_EQ(Corrected({"Cấm", "Phô,", "thành", "phố", "Hội", "An"}, 0.97f),
            "Cấm Phô, thành phố Hội An");
  // A letter misread in a name of two syllables, read doubtfully, right before its district
  // (seed 59's photocopied extract 0189: "xã Lũng Gú, huyện Đồng Văn"); read clearly, it is a
  // name the list does not have.
  EXPECT_EQ(Corrected({"xã", "Lũng", "Gú,", "huyện", "Đồng", "Văn"}, 0.6f),
            "xã Lũng Cú, huyện Đồng Văn");
  EXPECT_EQ(Corrected({"xã", "Lũng", "Gú,", "huyện", "Đồng", "Văn"}, 0.97f),
            "xã Lũng Gú, huyện Đồng Văn");
}

TEST_F(PostCorrectTest, ADoubtfulWordTakesTheMarksThePageReadsClearlyElsewhere) {
  // Seed 13: a letterhead's "XÃ KHẨU VAI" read at 0.41 where the paper reads "xã Khâu Vai,"
  // clearly four times.
  OcrPage page = PageOf({{"XÃ", 0.97f, 0}, {"KHẨU", 0.41f, 0}, {"VAI", 0.92f, 0},
                         {"xã", 0.97f, 1}, {"Khâu", 0.93f, 1}, {"Vai,", 0.96f, 1},
                         {"huyện", 0.96f, 1}});
  C().Correct(page);
  EXPECT_EQ(page.text, "XÃ KHÂU VAI\nxã Khâu Vai, huyện");
  // Not when the clear reading supports it on one side only, nor when the word is confident.
  OcrPage one_side = PageOf({{"xã", 0.97f, 0}, {"Khẩu", 0.41f, 0}, {"Sơn", 0.92f, 0},
                             {"xã", 0.97f, 1}, {"Khâu", 0.93f, 1}, {"Vai,", 0.96f, 1}});
  C().Correct(one_side);
  EXPECT_EQ(one_side.text, "xã Khẩu Sơn\nxã Khâu Vai,");
  OcrPage confident = PageOf({{"xã", 0.97f, 0}, {"Khẩu", 0.95f, 0}, {"Vai", 0.92f, 0},
                              {"xã", 0.97f, 1}, {"Khâu", 0.93f, 1}, {"Vai,", 0.96f, 1}});
  C().Correct(confident);
  EXPECT_EQ(confident.text, "xã Khẩu Vai\nxã Khâu Vai,");
  // Nor when the page reads the doubtful word's marks more, its confidences summed (seed 17:
  // one confident "Chiêng" among four doubtful "Chiềng").
  OcrPage fewer = PageOf({{"XÃ", 0.93f, 0}, {"CHIỀNG", 0.61f, 0}, {"SƠN", 0.97f, 0},
                          {"xã", 0.93f, 1}, {"Chiềng", 0.87f, 1}, {"Sơn,", 0.97f, 1},
                          {"xã", 0.93f, 2}, {"Chiêng", 0.92f, 2}, {"Sơn,", 0.97f, 2}});
  C().Correct(fewer);
  EXPECT_EQ(fewer.text, "XÃ CHIỀNG SƠN\nxã Chiềng Sơn,\nxã Chiêng Sơn,");
}

TEST_F(PostCorrectTest, RunningTextIsReadAcrossLineBreaksWithinABlock) {
  // "bổ" at a line's end, "sung" opening the next: a confident "bố" has evidence on both sides
  // only when the next line counts.
  OcrPage wrapped = PageOf({{"sửa", 0.95f, 0}, {"đổi,", 0.95f, 0}, {"bố", 0.95f, 0},
                            {"sung", 0.95f, 1}, {"trong", 0.95f, 1}});
  C().Correct(wrapped);
  EXPECT_EQ(wrapped.text, "sửa đổi, bổ\nsung trong");
  // The same words in two blocks (columns, or a heading and a paragraph) are not one text.
  OcrPage columns = PageOf({{"sửa", 0.95f, 0, 0}, {"đổi,", 0.95f, 0, 0}, {"bố", 0.95f, 0, 0},
                            {"sung", 0.95f, 1, 1}, {"trong", 0.95f, 1, 1}});
  C().Correct(columns);
  EXPECT_EQ(columns.text, "sửa đổi, bố\n\nsung trong");
}

TEST_F(PostCorrectTest, DoubtfulLoneLetterStaysWhenThePhraseListPairsIt) {
  // Seed 17: a birth place "Trạm Y tế xã Ea Kly" with the "Y" read at 0.90 lost it.
  OcrPage station = LineOf({"Trạm", "Y", "tế", "xã"}, 0.85f);
  C().Correct(station);
  EXPECT_EQ(station.text, "Trạm Y tế xã");
  // A doubtful lone letter between words it does not pair with is a speck.
  OcrPage dust = LineOf({"cấp", "y", "ngày"}, 0.85f);
  C().Correct(dust);
  EXPECT_EQ(dust.text, "cấp ngày");
}

TEST_F(PostCorrectTest, JunkDroppedRealPunctuationKept) {
  OcrPage page = PageOf({{"CỘNG", 0.9f, 0}, {"HÒA", 0.9f, 0}, {"__", 0.4f, 0},
                         {"Độc", 0.9f, 1}, {"lập", 0.9f, 1}, {"-", 0.8f, 1}, {"Tự", 0.9f, 1},
                         {"do", 0.9f, 1}, {"¬", 0.5f, 1}, {"Số:", 0.9f, 2}, {"52", 0.9f, 2},
                         {"l", 0.4f, 2}, {"S»K#", 0.5f, 2}, {"ˆ", 0.3f, 3}, {"⁄", 0.6f, 3},
                         {"Nam", 0.95f, 4, 1}, {":", 0.5f, 4, 1}, {"(Kinh)", 0.9f, 4, 1}});
  const CorrectionCounts counts = C().Correct(page);
  EXPECT_EQ(page.text, "CỘNG HÒA\nĐộc lập - Tự do\nSố: 52\n\nNam (Kinh)");
  EXPECT_EQ(counts.dropped, 7);
  // Line 3 vanished entirely: the indexes stay dense.
  EXPECT_EQ(page.words.back().line_index, 3);
  EXPECT_EQ(page.words.back().block_index, 1);
  EXPECT_GT(page.mean_confidence, 0.85);
}

// A slash between two words parts a card's bilingual label and stays; one at a line's end or
// between a word and a number is dust.
TEST_F(PostCorrectTest, SlashBetweenWordsStays) {
  OcrPage page = PageOf({{"Giới", 0.9f, 0}, {"tính", 0.9f, 0}, {"/", 0.7f, 0}, {"Sex:", 0.9f, 0},
                         {"Nam", 0.9f, 0}, {"Số:", 0.9f, 1}, {"/", 0.5f, 1}, {"52", 0.9f, 1},
                         {"phúc", 0.9f, 2}, {"/", 0.5f, 2}});
  C().Correct(page);
  EXPECT_EQ(page.text, "Giới tính / Sex: Nam\nSố: 52\nphúc");
}

TEST_F(PostCorrectTest, DustBeforeALinesFirstLetterGoesQuotesThatCloseStay) {
  OcrPage page = PageOf({{"'QUYẾT", 0.8f, 0}, {"ĐỊNH:", 0.9f, 0},
                         {".Số:", 0.8f, 1}, {"107", 0.9f, 1},
                         {"“PHÓ", 0.8f, 2}, {"CHỦ", 0.9f, 2}, {"TỊCH", 0.9f, 2},
                         {"“Về", 0.9f, 3}, {"việc", 0.9f, 3}, {"khen”", 0.9f, 3},
                         {"-", 0.9f, 4}, {"Lưu:", 0.9f, 4}, {"VT.", 0.9f, 4},
                         {"-Họ,", 0.8f, 5}, {"tên", 0.9f, 5},
                         {"tên:", 0.9f, 6}, {"'Kinh'", 0.9f, 6}});
  C().Correct(page);
  EXPECT_EQ(page.text,
            "QUYẾT ĐỊNH:\nSố: 107\nPHÓ CHỦ TỊCH\n“Về việc khen”\n- Lưu: VT.\n-Họ, tên\n"
            "tên: 'Kinh'");
}

TEST_F(PostCorrectTest, EmptyPage) {
  OcrPage page;
  EXPECT_EQ(C().Correct(page).dropped, 0);
  EXPECT_EQ(page.text, "");
  EXPECT_EQ(page.mean_confidence, 0.0);
}

TEST(PostCorrectCreateTest, MissingDictionaryIsADependencyError) {
  PostCorrectorOptions options;
  options.syllable_dictionary = "/nonexistent/vi_VN.dic";
  auto created = PostCorrector::Create(options);
  ASSERT_FALSE(created.ok());
  EXPECT_EQ(created.status().code(), StatusCode::kDependency);
  EXPECT_NE(created.status().message().find("hunspell-vi"), std::string::npos);
  EXPECT_EQ(created.status().file(), "/nonexistent/vi_VN.dic");
}

}  // namespace
}  // namespace sohoa::ocr
