// Signing tests: PAdES B-B signatures made with the committed TEST PKI (samples/pki), checked by
// our own verifier and by independent tools (poppler's pdfsig, qpdf, openssl cms).
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <regex>
#include <string>

#include "sohoa/core/clock.h"
#include "sohoa/signing/key_source.h"
#include "sohoa/signing/pades.h"

namespace sohoa::signing {
namespace {

namespace fs = std::filesystem;

const std::string kPki = std::string(SOHOA_SOURCE_DIR) + "/samples/pki/";
const std::string kPassphrase = "TEST-only-1234";

// 2026-01-15 10:00 in Vietnam: inside the TEST certificates' 2024-2044 validity.
FixedClock TestClock() { return FixedClock(std::chrono::system_clock::from_time_t(1768446000)); }

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

void WriteFile(const fs::path& path, std::string_view bytes) {
  std::ofstream out(path, std::ios::binary);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

struct CommandResult {
  int exit_code = -1;
  std::string output;  // stdout and stderr
};

CommandResult RunCommand(const std::string& command) {
  CommandResult result;
  FILE* pipe = popen((command + " 2>&1").c_str(), "r");
  if (!pipe) return result;
  char buffer[4096];
  std::size_t n;
  while ((n = fread(buffer, 1, sizeof buffer, pipe)) > 0) result.output.append(buffer, n);
  const int status = pclose(pipe);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

// A PDF written by hand from `objects` (numbered from 1), with a correct classic xref table.
std::string AssemblePdf(const std::vector<std::string>& objects,
                        const std::string& trailer_entries) {
  std::string pdf = "%PDF-1.7\n%\xE2\xE3\xCF\xD3\n";
  std::vector<std::size_t> offsets;
  for (std::size_t i = 0; i < objects.size(); ++i) {
    offsets.push_back(pdf.size());
    pdf += std::to_string(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
  }
  const std::size_t xref = pdf.size();
  pdf += "xref\n0 " + std::to_string(objects.size() + 1) + "\n0000000000 65535 f\r\n";
  for (std::size_t offset : offsets) {
    char line[32];
    std::snprintf(line, sizeof line, "%010zu 00000 n\r\n", offset);
    pdf += line;
  }
  pdf += "trailer\n<< /Size " + std::to_string(objects.size() + 1) + " /Root 1 0 R" +
         trailer_entries +
         " /ID [<0123456789ABCDEF0123456789ABCDEF> "
         "<0123456789ABCDEF0123456789ABCDEF>] >>\nstartxref\n" +
         std::to_string(xref) + "\n%%EOF\n";
  return pdf;
}

std::string StreamObject(const std::string& dict_entries, const std::string& data) {
  return "<< " + dict_entries + " /Length " + std::to_string(data.size()) + " >>\nstream\n" + data +
         "\nendstream";
}

const std::vector<std::string> kPageObjects = {
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
    "/Resources << /Font << /F1 5 0 R >> >> >>",
    StreamObject("", "BT /F1 24 Tf 72 720 Td (Giay khai sinh TEST) Tj ET"),
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
};

// A small, valid one-page PDF.
std::string MinimalPdf(bool with_info = true) {
  std::vector<std::string> objects = {"<< /Type /Catalog /Pages 2 0 R >>"};
  objects.insert(objects.end(), kPageObjects.begin(), kPageObjects.end());
  if (with_info) objects.push_back("<< /Title (sohoa TEST) /Producer (sohoa signing_test) >>");
  return AssemblePdf(objects, with_info ? " /Info 6 0 R" : "");
}

// The record embedded in PdfAStylePdf.
const std::string kEmbeddedRecord =
    "{\"schema\": \"sohoa.record/1\", \"fields\": {\"ho_ten\": \"Nguyễn Văn TEST\"}}\n";

// A one-page PDF with what sohoa's PDF/A-3 output has in its catalog and trailer: XMP
// /Metadata, an /OutputIntents array written directly in the catalog, the record as an
// associated file in /AF and in a direct /Names /EmbeddedFiles tree, and a trailer /ID.
std::string PdfAStylePdf() {
  std::vector<std::string> objects = {
      "<< /Type /Catalog /Pages 2 0 R /Metadata 6 0 R /OutputIntents [<< /Type /OutputIntent "
      "/S /GTS_PDFA1 /OutputConditionIdentifier (sRGB IEC61966-2.1) /DestOutputProfile 7 0 R "
      ">>] /AF [8 0 R] /Names << /EmbeddedFiles << /Names [(record.json) 8 0 R] >> >> >>"};
  objects.insert(objects.end(), kPageObjects.begin(), kPageObjects.end());
  objects.push_back(StreamObject(
      "/Type /Metadata /Subtype /XML",
      "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF "
      "xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\"><rdf:Description rdf:about=\"\" "
      "xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\"><pdfaid:part>3</pdfaid:part>"
      "<pdfaid:conformance>B</pdfaid:conformance></rdf:Description></rdf:RDF></x:xmpmeta>"));
  objects.push_back(StreamObject("/N 3", "not a real ICC profile (TEST)"));
  objects.push_back(
      "<< /Type /Filespec /F (record.json) /UF (record.json) /AFRelationship /Data "
      "/EF << /F 9 0 R >> >>");
  objects.push_back(
      StreamObject("/Type /EmbeddedFile /Subtype /application#2Fjson", kEmbeddedRecord));
  objects.push_back("<< /Title (sohoa PDF/A TEST) /Producer (sohoa signing_test) >>");
  return AssemblePdf(objects, " /Info 10 0 R");
}

// The objects of a PDF as qpdf reads them, last revision (`qpdf --json=2`): "obj:N G R" and
// "trailer", each {"value": …} or {"stream": {"dict": …}}.
nlohmann::json QpdfObjects(const fs::path& path) {
  const auto run = RunCommand("qpdf --json=2 --json-key=qpdf " + path.string());
  EXPECT_EQ(run.exit_code, 0) << "qpdf (Debian package qpdf) failed: " << run.output;
  const auto parsed = nlohmann::json::parse(run.output, nullptr, /*allow_exceptions=*/false);
  if (!parsed.is_object() || !parsed.contains("qpdf")) return nlohmann::json::object();
  return parsed["qpdf"][1];
}

// A value with a reference followed: the object's value or the stream's dictionary.
nlohmann::json Resolve(const nlohmann::json& objects, const nlohmann::json& value) {
  if (!value.is_string() || !objects.contains("obj:" + value.get<std::string>())) return value;
  const auto& object = objects["obj:" + value.get<std::string>()];
  return object.contains("stream") ? object["stream"]["dict"] : object["value"];
}

nlohmann::json Member(const nlohmann::json& objects, const nlohmann::json& dict,
                      const std::string& key) {
  if (!dict.is_object() || !dict.contains(key)) return nlohmann::json();
  return Resolve(objects, dict[key]);
}

class SigningTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = fs::path(::testing::TempDir()) /
           (std::string("sohoa_signing_") + info->name() + "_" + std::to_string(getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::unique_ptr<KeySource> LoadKey(const std::string& name) {
    auto key = LoadPkcs12(kPki + name, kPassphrase);
    EXPECT_TRUE(key.ok()) << key.status().ToString();
    return key.ok() ? std::move(key).value() : nullptr;
  }

  std::string Sign(std::string_view pdf, const KeySource& key) {
    SignOptions options;
    options.clock = &clock_;
    options.reason = "Số hóa bản chính (TEST)";
    options.location = "UBND xã TEST";
    auto signed_pdf = SignPdf(pdf, key, options);
    EXPECT_TRUE(signed_pdf.ok()) << signed_pdf.status().ToString();
    return signed_pdf.ok() ? *signed_pdf : std::string();
  }

  VerifyReport Verify(std::string_view pdf, bool with_anchor = true) {
    VerifyOptions options;
    if (with_anchor) options.trust_anchor_pem_files = {kPki + "root-TEST-ca.pem"};
    options.clock = &clock_;
    auto report = VerifyPdf(pdf, options);
    EXPECT_TRUE(report.ok()) << report.status().ToString();
    return report.ok() ? *report : VerifyReport{};
  }

  // A copy of the minimal PDF rewritten by qpdf with object streams and an xref stream.
  std::string ObjectStreamPdf() {
    WriteFile(dir_ / "plain.pdf", MinimalPdf());
    const auto run = RunCommand("qpdf --object-streams=generate " + (dir_ / "plain.pdf").string() +
                                " " + (dir_ / "objstm.pdf").string());
    EXPECT_EQ(run.exit_code, 0) << "qpdf (Debian package qpdf) failed: " << run.output;
    return ReadFile(dir_ / "objstm.pdf");
  }

  std::string Pdfsig(const std::string& pdf, const std::string& name) {
    WriteFile(dir_ / name, pdf);
    return RunCommand("pdfsig -nocert -no-ocsp " + (dir_ / name).string()).output;
  }

  // Everything the external tools and our verifier must agree on for a freshly signed file.
  void ExpectSignedAndValid(const std::string& original, const std::string& signed_pdf,
                            const std::string& name) {
    ASSERT_GT(signed_pdf.size(), original.size());
    EXPECT_EQ(signed_pdf.compare(0, original.size(), original), 0)
        << "the original bytes must be an exact prefix of the signed file";

    const std::string pdfsig = Pdfsig(signed_pdf, name);
    EXPECT_NE(pdfsig.find("Signature is Valid"), std::string::npos) << pdfsig;
    EXPECT_NE(pdfsig.find("Total document signed"), std::string::npos) << pdfsig;
    EXPECT_NE(pdfsig.find("ETSI.CAdES.detached"), std::string::npos) << pdfsig;

    const auto qpdf = RunCommand("qpdf --check " + (dir_ / name).string());
    EXPECT_EQ(qpdf.exit_code, 0) << qpdf.output;
    EXPECT_EQ(qpdf.output.find("WARNING"), std::string::npos) << qpdf.output;

    const VerifyReport report = Verify(signed_pdf);
    ASSERT_FALSE(report.signatures.empty());
    for (const auto& s : report.signatures) {
      EXPECT_TRUE(s.valid()) << s.field_name << ": " << testing::PrintToString(s.problems);
    }
    EXPECT_TRUE(report.valid());
    EXPECT_TRUE(report.signatures.back().is_last_revision);
  }

  fs::path dir_;
  FixedClock clock_ = TestClock();
};

// The CMS of the last signature, dumped by pdfsig, verified by `openssl cms` over the bytes the
// /ByteRange names; returns openssl's printout of the CMS structure.
std::string OpensslCheckLastSignature(const fs::path& dir, const std::string& signed_pdf,
                                      int signature_count) {
  WriteFile(dir / "dumped.pdf", signed_pdf);
  const auto dump =
      RunCommand("cd " + dir.string() + " && pdfsig -nocert -no-ocsp -dump dumped.pdf");
  const fs::path cms = dir / ("dumped.pdf.sig" + std::to_string(signature_count - 1));
  EXPECT_TRUE(fs::exists(cms)) << dump.output;

  std::smatch match;
  std::string last_range;
  const std::regex byte_range(R"(/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\])");
  for (auto it = std::sregex_iterator(signed_pdf.begin(), signed_pdf.end(), byte_range);
       it != std::sregex_iterator(); ++it) {
    match = *it;
  }
  const std::size_t a = std::stoul(match[2]), b = std::stoul(match[3]), c = std::stoul(match[4]);
  WriteFile(dir / "signed_bytes.bin", signed_pdf.substr(0, a) + signed_pdf.substr(b, c));
  const auto verify = RunCommand("openssl cms -verify -binary -inform DER -in " + cms.string() +
                                 " -content " + (dir / "signed_bytes.bin").string() + " -CAfile " +
                                 kPki + "root-TEST-ca.pem -purpose any -out /dev/null");
  EXPECT_EQ(verify.exit_code, 0) << verify.output;
  EXPECT_NE(verify.output.find("Verification successful"), std::string::npos) << verify.output;
  return RunCommand("openssl cms -cmsout -print -inform DER -in " + cms.string()).output;
}

TEST_F(SigningTest, AgencyRsaSignatureIsValidForPdfsigQpdfOpensslAndOurVerifier) {
  const std::string original = MinimalPdf();
  auto key = LoadKey("agency-TEST.p12");
  ASSERT_TRUE(key);
  const std::string signed_pdf = Sign(original, *key);
  ExpectSignedAndValid(original, signed_pdf, "agency.pdf");

  // The signature dictionary as PAdES B-B wants it.
  const std::string update = signed_pdf.substr(original.size());
  EXPECT_NE(update.find("/Filter /Adobe.PPKLite"), std::string::npos);
  EXPECT_NE(update.find("/SubFilter /ETSI.CAdES.detached"), std::string::npos);
  EXPECT_NE(update.find("/M (D:20260115100000+07'00')"), std::string::npos);
  EXPECT_EQ(update.find("/Cert"), std::string::npos);

  const std::string cms = OpensslCheckLastSignature(dir_, signed_pdf, 1);
  EXPECT_NE(cms.find("signingCertificateV2"), std::string::npos) << cms;
  EXPECT_NE(cms.find("messageDigest"), std::string::npos) << cms;
  EXPECT_NE(cms.find("contentType"), std::string::npos) << cms;
  EXPECT_EQ(cms.find("signingTime"), std::string::npos) << cms;
  EXPECT_EQ(cms.find("eContent: <ABSENT>"), cms.find("eContent: <ABSENT>"));
  // Exactly one SignerInfo; signer and root certificates included.
  EXPECT_EQ(cms.find("signerInfos:"), cms.rfind("signerInfos:"));
  EXPECT_NE(cms.find("sohoa TEST Root CA"), std::string::npos);

  const VerifyReport report = Verify(signed_pdf);
  ASSERT_EQ(report.signatures.size(), 1u);
  EXPECT_EQ(report.signatures[0].field_name, "Signature1");
  EXPECT_EQ(report.signatures[0].signing_time, "D:20260115100000+07'00'");
  EXPECT_NE(report.signatures[0].signer_subject.find("CN=UBND xã TEST Hòa Bình"), std::string::npos)
      << report.signatures[0].signer_subject;
}

TEST_F(SigningTest, PdfWithoutInfoDictionaryGetsNoDanglingInfoReference) {
  // Found by fuzzing: PoDoFo invents an /Info in memory; the update must not point at it.
  const std::string original = MinimalPdf(/*with_info=*/false);
  auto key = LoadKey("agency-TEST.p12");
  ASSERT_TRUE(key);
  const std::string signed_pdf = Sign(original, *key);
  ExpectSignedAndValid(original, signed_pdf, "no-info.pdf");
  EXPECT_EQ(signed_pdf.find("/Info"), std::string::npos);
  const std::string pdfsig = Pdfsig(signed_pdf, "no-info.pdf");
  EXPECT_EQ(pdfsig.find("Invalid XRef"), std::string::npos) << pdfsig;
}

TEST_F(SigningTest, PersonalEcdsaSignatureWithUtf8SubjectIsValid) {
  const std::string original = MinimalPdf();
  auto key = LoadKey("personal-TEST.p12");
  ASSERT_TRUE(key);
  EXPECT_NE(key->subject().find("Nguyễn Văn TEST"), std::string::npos) << key->subject();
  const std::string signed_pdf = Sign(original, *key);
  ExpectSignedAndValid(original, signed_pdf, "personal.pdf");
  OpensslCheckLastSignature(dir_, signed_pdf, 1);
  const VerifyReport report = Verify(signed_pdf);
  ASSERT_EQ(report.signatures.size(), 1u);
  EXPECT_NE(report.signatures[0].signer_subject.find("CN=Nguyễn Văn TEST"), std::string::npos);
}

TEST_F(SigningTest, ObjectStreamInputIsSignedWithAnXrefStreamUpdate) {
  const std::string original = ObjectStreamPdf();
  ASSERT_NE(original.find("/ObjStm"), std::string::npos) << "qpdf made no object stream";
  auto key = LoadKey("agency-TEST.p12");
  ASSERT_TRUE(key);
  const std::string signed_pdf = Sign(original, *key);
  ExpectSignedAndValid(original, signed_pdf, "objstm-signed.pdf");
  EXPECT_NE(signed_pdf.substr(original.size()).find("/Type /XRef"), std::string::npos);
  EXPECT_NE(signed_pdf.substr(original.size()).find("/Prev"), std::string::npos);
}

void ExpectSecondSignatureKeepsFirst(SigningTest* test, const std::string& original,
                                     const std::string& once, const std::string& twice,
                                     const std::string& pdfsig) {
  (void)test;
  EXPECT_EQ(twice.compare(0, once.size(), once), 0);
  EXPECT_EQ(twice.compare(0, original.size(), original), 0);
  // pdfsig prints one block per signature; both must be valid, only the second total.
  std::size_t valid_count = 0;
  for (std::size_t at = pdfsig.find("Signature is Valid"); at != std::string::npos;
       at = pdfsig.find("Signature is Valid", at + 1)) {
    ++valid_count;
  }
  EXPECT_EQ(valid_count, 2u) << pdfsig;
  EXPECT_NE(pdfsig.find("Signature #2"), std::string::npos) << pdfsig;
  EXPECT_NE(pdfsig.find("Total document signed"), std::string::npos) << pdfsig;
}

TEST_F(SigningTest, SecondSignatureKeepsTheFirstValid) {
  for (const bool object_streams : {false, true}) {
    SCOPED_TRACE(object_streams ? "object-stream input" : "classic input");
    const std::string original = object_streams ? ObjectStreamPdf() : MinimalPdf();
    auto agency = LoadKey("agency-TEST.p12");
    auto personal = LoadKey("personal-TEST.p12");
    ASSERT_TRUE(agency && personal);
    const std::string once = Sign(original, *personal);
    const std::string twice = Sign(once, *agency);
    const std::string pdfsig = Pdfsig(twice, "twice.pdf");
    ExpectSecondSignatureKeepsFirst(this, original, once, twice, pdfsig);
    const auto qpdf = RunCommand("qpdf --check " + (dir_ / "twice.pdf").string());
    EXPECT_EQ(qpdf.exit_code, 0) << qpdf.output;

    const VerifyReport report = Verify(twice);
    ASSERT_EQ(report.signatures.size(), 2u);
    EXPECT_TRUE(report.valid());
    EXPECT_TRUE(report.signatures[0].valid())
        << testing::PrintToString(report.signatures[0].problems);
    EXPECT_TRUE(report.signatures[0].covers_whole_document);
    EXPECT_FALSE(report.signatures[0].is_last_revision);
    EXPECT_TRUE(report.signatures[1].is_last_revision);
    EXPECT_EQ(report.signatures[0].field_name, "Signature1");
    EXPECT_EQ(report.signatures[1].field_name, "Signature2");
    OpensslCheckLastSignature(dir_, twice, 2);
  }
}

TEST_F(SigningTest, OneFlippedByteAnywhereInTheSignedRangesMakesItInvalid) {
  const std::string original = MinimalPdf();
  auto key = LoadKey("agency-TEST.p12");
  ASSERT_TRUE(key);
  const std::string signed_pdf = Sign(original, *key);
  ASSERT_TRUE(Verify(signed_pdf).valid());
  const std::size_t contents_start = signed_pdf.find("/Contents <", original.size()) + 10;
  const std::size_t contents_end = signed_pdf.find('>', contents_start) + 1;
  const std::vector<std::size_t> offsets = {0,
                                            9,
                                            original.size() / 2,
                                            original.size() - 2,
                                            original.size() + 5,
                                            contents_start - 1,
                                            contents_end,
                                            contents_end + 20,
                                            (contents_end + signed_pdf.size()) / 2,
                                            signed_pdf.size() - 3,
                                            signed_pdf.size() - 1};
  for (std::size_t offset : offsets) {
    std::string tampered = signed_pdf;
    tampered[offset] = static_cast<char>(tampered[offset] ^ 0x01);
    VerifyOptions options;
    options.trust_anchor_pem_files = {kPki + "root-TEST-ca.pem"};
    options.clock = &clock_;
    auto report = VerifyPdf(tampered, options);
    if (!report.ok()) continue;  // unreadable is also "not valid"
    EXPECT_FALSE(report->valid()) << "byte " << offset << " flipped, still valid";
  }
  // Appending an unsigned revision after the signature is not valid either.
  EXPECT_FALSE(Verify(signed_pdf + "1 0 obj\n<< >>\nendobj\n").valid());
}

// A CMS made by `openssl cms -sign` over the very same bytes is cryptographically fine but not
// PAdES: it has signing-time and no signing-certificate-v2. Our verifier must say so.
TEST_F(SigningTest, PlainCmsWithSigningTimeIsNotPades) {
  auto key = LoadKey("agency-TEST.p12");
  ASSERT_TRUE(key);
  std::string signed_pdf = Sign(MinimalPdf(), *key);
  const std::size_t contents_start = signed_pdf.find("/Contents <") + 10;
  const std::size_t contents_end = signed_pdf.find('>', contents_start) + 1;
  WriteFile(dir_ / "signed_bytes.bin",
            signed_pdf.substr(0, contents_start) + signed_pdf.substr(contents_end));
  const auto run =
      RunCommand("openssl cms -sign -binary -outform DER -md sha256 -signer " + kPki +
                 "agency-TEST.pem -inkey " + kPki + "agency-TEST.key.pem -in " +
                 (dir_ / "signed_bytes.bin").string() + " -out " + (dir_ / "plain.cms").string());
  ASSERT_EQ(run.exit_code, 0) << run.output;
  const std::string cms = ReadFile(dir_ / "plain.cms");
  static const char* const kHex = "0123456789ABCDEF";
  std::string hex;
  for (unsigned char c : cms) hex += {kHex[c >> 4], kHex[c & 15]};
  ASSERT_LT(hex.size(), contents_end - contents_start - 2);
  signed_pdf.replace(contents_start + 1, hex.size(), hex);
  signed_pdf.replace(contents_start + 1 + hex.size(),
                     contents_end - contents_start - 2 - hex.size(),
                     std::string(contents_end - contents_start - 2 - hex.size(), '0'));

  const VerifyReport report = Verify(signed_pdf);
  ASSERT_EQ(report.signatures.size(), 1u);
  EXPECT_TRUE(report.signatures[0].integrity_ok);
  EXPECT_FALSE(report.valid());
  const std::string problems = testing::PrintToString(report.signatures[0].problems);
  EXPECT_NE(problems.find("signing-time"), std::string::npos) << problems;
  EXPECT_NE(problems.find("signing-certificate-v2"), std::string::npos) << problems;
}

TEST_F(SigningTest, WithoutTrustAnchorTheChainIsNotTrusted) {
  auto key = LoadKey("agency-TEST.p12");
  ASSERT_TRUE(key);
  const VerifyReport report = Verify(Sign(MinimalPdf(), *key), /*with_anchor=*/false);
  ASSERT_EQ(report.signatures.size(), 1u);
  EXPECT_TRUE(report.signatures[0].integrity_ok);
  EXPECT_FALSE(report.signatures[0].chain_ok);
  EXPECT_FALSE(report.valid());
}

TEST_F(SigningTest, SigningIsDeterministicWithAFixedClock) {
  auto key = LoadKey("agency-TEST.p12");
  ASSERT_TRUE(key);
  const std::string first = Sign(MinimalPdf(), *key);
  const std::string second = Sign(MinimalPdf(), *key);
  ASSERT_FALSE(first.empty());
  EXPECT_EQ(first, second);
}

TEST_F(SigningTest, UnsignedPdfHasNoSignatures) {
  const VerifyReport report = Verify(MinimalPdf());
  EXPECT_TRUE(report.signatures.empty());
  EXPECT_FALSE(report.valid());

  auto not_pdf = VerifyPdf("just some text", VerifyOptions{});
  ASSERT_FALSE(not_pdf.ok());
  EXPECT_EQ(not_pdf.status().code(), StatusCode::kInvalidInput);
}

TEST_F(SigningTest, WrongPassphraseNamesTheFile) {
  const std::string path = kPki + "agency-TEST.p12";
  auto key = LoadPkcs12(path, "not-the-passphrase");
  ASSERT_FALSE(key.ok());
  EXPECT_EQ(key.status().code(), StatusCode::kCrypto);
  EXPECT_NE(key.status().message().find("wrong passphrase for " + path), std::string::npos)
      << key.status().ToString();
}

TEST_F(SigningTest, KeyNotMatchingItsCertificateIsRefused) {
  const std::string path = kPki + "mismatch-TEST.p12";
  auto key = LoadPkcs12(path, kPassphrase);
  ASSERT_FALSE(key.ok());
  EXPECT_EQ(key.status().code(), StatusCode::kCrypto);
  EXPECT_NE(key.status().message().find("does not match its certificate"), std::string::npos)
      << key.status().ToString();
  EXPECT_NE(key.status().ToString().find(path), std::string::npos);
}

TEST_F(SigningTest, ExpiredCertificateIsRefusedWithItsDate) {
  const std::string path = kPki + "expired-TEST.p12";
  auto key = LoadKey("expired-TEST.p12");
  ASSERT_TRUE(key);
  SignOptions options;
  options.clock = &clock_;
  auto signed_pdf = SignPdf(MinimalPdf(), *key, options);
  ASSERT_FALSE(signed_pdf.ok());
  EXPECT_EQ(signed_pdf.status().code(), StatusCode::kCrypto);
  EXPECT_NE(signed_pdf.status().message().find("expired on 2021-01-01; renew it"),
            std::string::npos)
      << signed_pdf.status().ToString();
  EXPECT_EQ(signed_pdf.status().file(), path);
}

TEST_F(SigningTest, EncryptedAndNonPdfInputsAreRefused) {
  auto key = LoadKey("agency-TEST.p12");
  ASSERT_TRUE(key);
  SignOptions options;
  options.clock = &clock_;
  auto not_pdf = SignPdf("hello, not a PDF", *key, options);
  ASSERT_FALSE(not_pdf.ok());
  EXPECT_EQ(not_pdf.status().code(), StatusCode::kInvalidInput);

  WriteFile(dir_ / "plain.pdf", MinimalPdf());
  const auto run =
      RunCommand("qpdf --encrypt '' TEST-owner 256 -- " + (dir_ / "plain.pdf").string() + " " +
                 (dir_ / "encrypted.pdf").string());
  ASSERT_EQ(run.exit_code, 0) << run.output;
  auto encrypted = SignPdf(ReadFile(dir_ / "encrypted.pdf"), *key, options);
  ASSERT_FALSE(encrypted.ok());
  EXPECT_EQ(encrypted.status().code(), StatusCode::kInvalidInput);
  EXPECT_NE(encrypted.status().message().find("encrypted"), std::string::npos)
      << encrypted.status().ToString();
}

TEST_F(SigningTest, PassphraseComesFromEnvironmentOrFirstLineOfFile) {
  const std::string file = kPki + "TEST-PASSPHRASE.txt";
  auto from_file = ReadPassphrase("", file);
  ASSERT_TRUE(from_file.ok()) << from_file.status().ToString();
  EXPECT_EQ(*from_file, kPassphrase);
  setenv("SOHOA_TEST_PASSPHRASE", "from-env", 1);
  auto from_env = ReadPassphrase("SOHOA_TEST_PASSPHRASE", file);
  unsetenv("SOHOA_TEST_PASSPHRASE");
  ASSERT_TRUE(from_env.ok());
  EXPECT_EQ(*from_env, "from-env");
  auto unset = ReadPassphrase("SOHOA_TEST_PASSPHRASE_UNSET", "");
  ASSERT_FALSE(unset.ok());
  EXPECT_EQ(unset.status().code(), StatusCode::kInvalidInput);
  EXPECT_NE(unset.status().message().find("SOHOA_TEST_PASSPHRASE_UNSET"), std::string::npos);
}

// PDF/A needs the catalog's /Metadata, /OutputIntents and /AF (and sohoa's record is found
// through /Names /EmbeddedFiles) in the signed file too, and a trailer /ID in every revision.
// The signer rewrites the catalog (to add /AcroForm) and writes a new trailer: both must keep
// them, for classic and for cross-reference-stream inputs.
TEST_F(SigningTest, PdfAEntriesOfTheCatalogAndTrailerSurviveSigning) {
  auto key = LoadKey("agency-TEST.p12");
  ASSERT_TRUE(key);
  WriteFile(dir_ / "pdfa.pdf", PdfAStylePdf());
  ASSERT_EQ(RunCommand("qpdf --check " + (dir_ / "pdfa.pdf").string()).exit_code, 0);
  const auto objstm = RunCommand("qpdf --object-streams=generate " + (dir_ / "pdfa.pdf").string() +
                                 " " + (dir_ / "pdfa-objstm.pdf").string());
  ASSERT_EQ(objstm.exit_code, 0) << "qpdf (Debian package qpdf) failed: " << objstm.output;

  for (const char* input : {"pdfa.pdf", "pdfa-objstm.pdf"}) {
    SCOPED_TRACE(input);
    const std::string original = ReadFile(dir_ / input);
    const std::string signed_pdf = Sign(original, *key);
    const std::string name = std::string("signed-") + input;
    ExpectSignedAndValid(original, signed_pdf, name);

    const nlohmann::json before = QpdfObjects(dir_ / input);
    const nlohmann::json after = QpdfObjects(dir_ / name);
    const nlohmann::json trailer = after["trailer"]["value"];
    ASSERT_TRUE(trailer.contains("/ID")) << trailer.dump();
    EXPECT_EQ(trailer["/ID"], before["trailer"]["value"]["/ID"]);

    const nlohmann::json catalog = Resolve(after, trailer["/Root"]);
    ASSERT_TRUE(catalog.contains("/AcroForm")) << "the update did not rewrite the catalog";
    EXPECT_EQ(Member(after, catalog, "/Metadata").value("/Subtype", ""), "/XML");
    const nlohmann::json intents = Member(after, catalog, "/OutputIntents");
    ASSERT_TRUE(intents.is_array() && intents.size() == 1) << catalog.dump();
    EXPECT_EQ(Resolve(after, intents[0]).value("/S", ""), "/GTS_PDFA1");
    EXPECT_EQ(Member(after, Resolve(after, intents[0]), "/DestOutputProfile").value("/N", 0), 3);
    const nlohmann::json af = Member(after, catalog, "/AF");
    ASSERT_TRUE(af.is_array() && af.size() == 1) << catalog.dump();
    EXPECT_EQ(Resolve(after, af[0]).value("/AFRelationship", ""), "/Data");
    const nlohmann::json names = Member(after, catalog, "/Names");
    ASSERT_TRUE(names.contains("/EmbeddedFiles")) << catalog.dump();

    // The record still comes out of the signed file.
    const fs::path saved = dir_ / (name + ".json");
    const auto save =
        RunCommand("pdfdetach -save 1 -o " + saved.string() + " " + (dir_ / name).string());
    ASSERT_EQ(save.exit_code, 0) << save.output;
    EXPECT_EQ(ReadFile(saved), kEmbeddedRecord);
    EXPECT_NE(RunCommand("pdfinfo -meta " + (dir_ / name).string())
                  .output.find("<pdfaid:part>3</pdfaid:part>"),
              std::string::npos);
  }
}

}  // namespace
}  // namespace sohoa::signing
