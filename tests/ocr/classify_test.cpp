// The document type from OCR text: each paper's title line, as printed and as OCR misreads it;
// official letters by their subject line; anything else is khac.
#include "sohoa/ocr/classify.h"

#include <gtest/gtest.h>

namespace sohoa::ocr {
namespace {

// The letterhead and motto every civil-status paper and decision starts with.
constexpr const char* kHead =
    "ỦY BAN NHÂN DÂN\nXÃ ĐÔNG SANG\nSố: 22\nQuyển số: 01/2023\n"
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
    "Đông Sang, ngày 03 tháng 10 năm 2025\n";

std::string Type(const std::string& title, const std::string& body = "Họ, chữ đệm, tên: AN\n") {
  return ClassifyDocument(kHead + title + "\n" + body).doc_type;
}

TEST(ClassifyTest, EachPaperByItsTitleLine) {
  EXPECT_EQ(Type("GIẤY KHAI SINH"), "giay_khai_sinh");
  EXPECT_EQ(Type("TRÍCH LỤC KẾT HÔN\n(Bản sao)"), "trich_luc_ket_hon");
  EXPECT_EQ(Type("GIẤY CHỨNG NHẬN KẾT HÔN"), "trich_luc_ket_hon");
  EXPECT_EQ(Type("TRÍCH LỤC KHAI TỬ (Bản chính)"), "trich_luc_khai_tu");
  EXPECT_EQ(Type("GIẤY XÁC NHẬN TÌNH TRẠNG HÔN NHÂN", "XÁC NHẬN:\nHọ, chữ đệm, tên: An\n"),
            "xac_nhan_tinh_trang_hon_nhan");
  EXPECT_EQ(Type("QUYẾT ĐỊNH", "Về việc thành lập Tổ công tác\nQUYẾT ĐỊNH:\nĐiều 1.\n"),
            "quyet_dinh");
  EXPECT_EQ(Type("CĂN CƯỚC CÔNG DÂN"), "can_cuoc");
  const DocumentClass birth = ClassifyDocument(std::string(kHead) + "GIẤY KHAI SINH\n");
  EXPECT_GT(birth.confidence, 0.9);
  EXPECT_EQ(birth.evidence, "GIẤY KHAI SINH");
}

TEST(ClassifyTest, TitlesAsOcrMisreadsThem) {
  EXPECT_EQ(Type("GIAY KHAI SlNH"), "giay_khai_sinh");  // no marks, l for I
  EXPECT_EQ(Type("QUYÉT ĐỊNH:"), "quyet_dinh");         // acute for circumflex + acute
  EXPECT_EQ(Type("TRICH LUC KÉT HÔN"), "trich_luc_ket_hon");
  EXPECT_EQ(Type("GIÂY XÁC NHÂN TÌNH TRANG HÔN NHẦN"), "xac_nhan_tinh_trang_hon_nhan");
  // A word garbled whole (a held-out photocopy); in a two-word title that is not enough.
  EXPECT_EQ(Type("TRÍCH 141C KHAI TỬ"), "trich_luc_khai_tu");
  EXPECT_EQ(Type("QUYẾT 4I1H"), "khac");
  EXPECT_LT(ClassifyDocument(std::string(kHead) + "GIAY KHAI SlNH\n").confidence,
            ClassifyDocument(std::string(kHead) + "GIẤY KHAI SINH\n").confidence);
}

TEST(ClassifyTest, OfficialLettersByTheirSubjectLine) {
  const DocumentClass letter = ClassifyDocument(
      "ỦY BAN NHÂN DÂN\nTỈNH HÀ GIANG\nSố: 3182/UBND-KSTT\nV/v triển khai số hóa hồ sơ\n"
      "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nKính gửi: - Các sở, ban, ngành cấp tỉnh;\n");
  EXPECT_EQ(letter.doc_type, "cong_van");
  EXPECT_GE(letter.confidence, 0.8);
  // OCR lost the second v.
  EXPECT_GE(ClassifyDocument("Số: 5147/UBND-VP\nV/ đôn đốc cập nhật dữ liệu\n").confidence, 0.8);
  // Without the subject line, the addressee: less sure.
  const DocumentClass addressed =
      ClassifyDocument("ỦY BAN NHÂN DÂN\nSố: 686/UBND-VP\nKính gửi: Sở Tư pháp\nNội dung\n");
  EXPECT_EQ(addressed.doc_type, "cong_van");
  EXPECT_LT(addressed.confidence, 0.8);
  // ... also with its K misread (seed 71's photocopied letter 0139), not another word.
  EXPECT_EQ(ClassifyDocument("ỦY BAN NHÂN DÂN\nSố: 7097/UBND-VP\nlính gửi: - Các sử, ban\n")
                .doc_type,
            "cong_van");
  EXPECT_EQ(ClassifyDocument("ỦY BAN NHÂN DÂN\nSố: 7097/UBND-VP\nkinh phí gửi về\n").doc_type,
            "khac");
}

TEST(ClassifyTest, ATitleMentionedInTheBodyIsNotTheTitle) {
  // A letter about birth certificates names them in its text, never on a line of their own.
  EXPECT_EQ(ClassifyDocument("ỦY BAN NHÂN DÂN\nV/v cấp lại giấy khai sinh\n"
                             "Đề nghị cấp lại Giấy khai sinh cho công dân\n")
                .doc_type,
            "cong_van");
  // "Căn cứ" (legal bases) is not "căn cước".
  EXPECT_EQ(Type("Căn cứ Luật Hộ tịch ngày 20 tháng 11 năm 2014;\nCăn cứ"), "khac");
}

TEST(ClassifyTest, AnythingElseIsKhac) {
  EXPECT_EQ(ClassifyDocument("").doc_type, "khac");
  EXPECT_EQ(ClassifyDocument("\n\n  \n").doc_type, "khac");
  EXPECT_EQ(ClassifyDocument("HÓA ĐƠN GIÁ TRỊ GIA TĂNG\nSố: 0001234\n").doc_type, "khac");
  EXPECT_EQ(ClassifyDocument("#$%^&* ;;;; \x01\xff\xfe garbage ~~~\n").doc_type, "khac");
  EXPECT_LT(ClassifyDocument("").confidence, 0.8);
  // A title far down a page (line 40) is body text, not the title.
  std::string late(kHead);
  for (int i = 0; i < 40; ++i) late += "Dòng " + std::to_string(i) + " của văn bản\n";
  EXPECT_EQ(ClassifyDocument(late + "GIẤY KHAI SINH\n").doc_type, "khac");
}

TEST(ClassifyTest, AGarbledTitleLeavesTheBodyToGoBy) {
  const DocumentClass marriage = ClassifyDocument(
      "TRÍ1CH L9C KẾ7 H0N\nThông tin về bên chồng\nHọ, chữ đệm, tên: LÊ VĂN AN\n"
      "Thông tin về bên vợ\nNơi đăng ký kết hôn: Ủy ban nhân dân xã Đông Sang\n");
  EXPECT_EQ(marriage.doc_type, "trich_luc_ket_hon");
  EXPECT_LT(marriage.confidence, 0.8);  // for a clerk to confirm
  // One phrase is not enough; two types equally named decide nothing.
  EXPECT_EQ(Type("Nội dung\nThông tin về bên chồng\n"), "khac");
  EXPECT_EQ(Type("tên người mẹ\ntên người cha\nđã chết vào lúc\nnguyên nhân chết\n"), "khac");
}

TEST(ClassifyTest, ADossierSplitsWhereAPaperOpensUnderTheMotto) {
  const std::string birth = "ỦY BAN NHÂN DÂN\nXÃ BÌNH NGUYÊN\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
                            "Độc lập - Tự do - Hạnh phúc\nGIẤY KHAI SINH\nSố: 53\n";
  // The card's front, the motto read by OCR with marks lost and spaces moved.
  const std::string card = "CONG HOA XA HOI CHU NGHIA VIET NAM\nDoc lap- Tu do -Hanh phuc\n"
                           "CĂN CƯỚC\nSố định danh cá nhân: 034318399679\n";
  // A decision's second page: its articles under "QUYẾT ĐỊNH:", a legal basis naming the
  // country in running text.
  const std::string decision = "ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
                               "TỈNH HÀ GIANG Độc lập - Tự do - Hạnh phúc\nQUYẾT ĐỊNH\n";
  const std::string decision_2 =
      "Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam năm 2013;\nQUYẾT ĐỊNH:\n"
      "Điều 1. Ban hành kèm theo Quyết định này\n";
  const std::string letter_2 = "hồ sơ theo quy định./.\nNơi nhận:\n- Như trên;\n";
  EXPECT_EQ(DocumentStarts({birth, card, decision, decision_2, letter_2}),
            (std::vector<std::size_t>{0, 1, 2}));
  EXPECT_EQ(DocumentStarts({"", card}), (std::vector<std::size_t>{0, 1}));
  EXPECT_EQ(DocumentStarts({decision_2}), std::vector<std::size_t>{0});
  EXPECT_TRUE(DocumentStarts({}).empty());
  // The motto far down a page (a quoted form) does not start a paper.
  std::string late;
  for (int i = 0; i < 15; ++i) late += "Dòng " + std::to_string(i) + " của văn bản\n";
  EXPECT_EQ(DocumentStarts({birth, late + birth}), std::vector<std::size_t>{0});
  // A card whose motto OCR put under the holder's lines (read around the emblem) still opens a
  // paper; its back scanned as a page of its own goes on it; a second whole card (front and
  // back on one page, its motto read late too) is a paper of its own.
  const std::string card_late = late + "CĂN CƯỚC CÔNG DÂN\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n";
  const std::string card_back = "Đặc điểm nhân dạng: Nốt ruồi\n"
                                "IDVNM1714308389048171430838<<<\n";
  EXPECT_EQ(DocumentStarts({birth, card_late, card_back, birth}),
            (std::vector<std::size_t>{0, 1, 3}));
  EXPECT_EQ(DocumentStarts({birth, card_late + card_back, card_late + card_back}),
            (std::vector<std::size_t>{0, 1, 2}));
}

}  // namespace
}  // namespace sohoa::ocr
