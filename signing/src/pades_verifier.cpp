// PAdES B-B verifier.
//
// Signature dictionaries are found by scanning the raw bytes for /ByteRange and parsing the
// enclosing object with a small parser of our own, not through PoDoFo: a verifier must look at
// the exact bytes the ByteRange talks about (every revision, even ones a PDF library would
// shadow with a later one), and a damaged file must still yield a report that says "invalid"
// rather than no answer. PoDoFo is used only, best effort, to name the signature fields.
#include <openssl/ess.h>
#include <openssl/objects.h>
#include <openssl/pem.h>
#include <podofo/podofo.h>

#include <algorithm>
#include <cstring>
#include <fstream>
#include <map>
#include <mutex>
#include <optional>

#include "openssl_util.h"
#include "pdf_util.h"
#include "sohoa/signing/pades.h"

namespace sohoa::signing {
namespace {

using internal::DrainOpenSslErrors;
using internal::OsslPtr;

constexpr std::size_t kHeaderSearchBytes = 1024;
constexpr int kMaxNesting = 32;

// ---- A minimal PDF object parser, enough for one signature dictionary ----

struct PdfValue {
  enum class Kind { kName, kString, kNumber, kArray, kDictionary, kReference, kKeyword };
  Kind kind = Kind::kKeyword;
  std::string text;             // name (without '/'), decoded string bytes, number or keyword text
  std::vector<PdfValue> items;  // array items
  std::map<std::string, PdfValue> entries;  // dictionary entries
  std::size_t begin = 0, end = 0;           // byte offsets of the value in the file
};

bool IsWhite(char c) {
  return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == '\0';
}
bool IsDelimiter(char c) {
  return IsWhite(c) || c == '(' || c == ')' || c == '<' || c == '>' || c == '[' || c == ']' ||
         c == '{' || c == '}' || c == '/' || c == '%';
}

class DictionaryParser {
 public:
  DictionaryParser(std::string_view pdf, std::size_t pos, std::size_t limit)
      : pdf_(pdf.substr(0, limit)), pos_(pos) {}

  std::optional<PdfValue> ParseValue(int depth = 0) {
    SkipWhite();
    if (depth > kMaxNesting || pos_ >= pdf_.size()) return std::nullopt;
    PdfValue value;
    value.begin = pos_;
    const char c = pdf_[pos_];
    if (c == '<' && Peek(1) == '<') {
      pos_ += 2;
      value.kind = PdfValue::Kind::kDictionary;
      for (;;) {
        SkipWhite();
        if (pos_ + 1 < pdf_.size() && pdf_[pos_] == '>' && pdf_[pos_ + 1] == '>') {
          pos_ += 2;
          break;
        }
        auto key = ParseValue(depth + 1);
        if (!key || key->kind != PdfValue::Kind::kName) return std::nullopt;
        auto item = ParseValue(depth + 1);
        if (!item) return std::nullopt;
        value.entries.emplace(key->text, std::move(*item));
      }
    } else if (c == '<') {
      const std::size_t close = pdf_.find('>', pos_);
      if (close == std::string_view::npos) return std::nullopt;
      auto bytes = internal::HexDecode(pdf_.substr(pos_ + 1, close - pos_ - 1));
      if (!bytes) return std::nullopt;
      value.kind = PdfValue::Kind::kString;
      value.text = std::move(*bytes);
      pos_ = close + 1;
    } else if (c == '(') {
      if (!ParseLiteralString(&value.text)) return std::nullopt;
      value.kind = PdfValue::Kind::kString;
    } else if (c == '/') {
      ++pos_;
      value.kind = PdfValue::Kind::kName;
      while (pos_ < pdf_.size() && !IsDelimiter(pdf_[pos_])) value.text += pdf_[pos_++];
    } else if (c == '[') {
      ++pos_;
      value.kind = PdfValue::Kind::kArray;
      for (;;) {
        SkipWhite();
        if (pos_ < pdf_.size() && pdf_[pos_] == ']') {
          ++pos_;
          break;
        }
        auto item = ParseValue(depth + 1);
        if (!item) return std::nullopt;
        value.items.push_back(std::move(*item));
      }
    } else {
      while (pos_ < pdf_.size() && !IsDelimiter(pdf_[pos_])) value.text += pdf_[pos_++];
      if (value.text.empty()) return std::nullopt;
      value.kind = IsNumber(value.text) ? PdfValue::Kind::kNumber : PdfValue::Kind::kKeyword;
      if (value.kind == PdfValue::Kind::kNumber) TryReference(&value);
    }
    value.end = pos_;
    return value;
  }

 private:
  static bool IsNumber(std::string_view text) {
    return text.find_first_not_of("+-.0123456789") == std::string_view::npos;
  }
  char Peek(std::size_t ahead) const {
    return pos_ + ahead < pdf_.size() ? pdf_[pos_ + ahead] : '\0';
  }
  void SkipWhite() {
    while (pos_ < pdf_.size()) {
      if (IsWhite(pdf_[pos_])) {
        ++pos_;
      } else if (pdf_[pos_] == '%') {
        while (pos_ < pdf_.size() && pdf_[pos_] != '\n' && pdf_[pos_] != '\r') ++pos_;
      } else {
        break;
      }
    }
  }
  // "12 0 R" after the number 12: turn the value into a reference.
  void TryReference(PdfValue* value) {
    const std::size_t saved = pos_;
    SkipWhite();
    std::string generation;
    while (pos_ < pdf_.size() && std::isdigit(static_cast<unsigned char>(pdf_[pos_]))) {
      generation += pdf_[pos_++];
    }
    SkipWhite();
    if (!generation.empty() && pos_ < pdf_.size() && pdf_[pos_] == 'R' &&
        (pos_ + 1 >= pdf_.size() || IsDelimiter(pdf_[pos_ + 1]))) {
      ++pos_;
      value->kind = PdfValue::Kind::kReference;
      value->text += " " + generation + " R";
      return;
    }
    pos_ = saved;
  }
  bool ParseLiteralString(std::string* out) {
    int open = 0;
    while (pos_ < pdf_.size()) {
      const char c = pdf_[pos_++];
      if (c == '\\' && pos_ < pdf_.size()) {
        const char e = pdf_[pos_++];
        switch (e) {
          case 'n':
            *out += '\n';
            break;
          case 'r':
            *out += '\r';
            break;
          case 't':
            *out += '\t';
            break;
          case 'b':
            *out += '\b';
            break;
          case 'f':
            *out += '\f';
            break;
          case '\r':
            if (pos_ < pdf_.size() && pdf_[pos_] == '\n') ++pos_;
            break;
          case '\n':
            break;
          default:
            if (e >= '0' && e <= '7') {
              int code = e - '0';
              for (int k = 0; k < 2 && pos_ < pdf_.size() && pdf_[pos_] >= '0' && pdf_[pos_] <= '7';
                   ++k) {
                code = code * 8 + (pdf_[pos_++] - '0');
              }
              *out += static_cast<char>(code);
            } else {
              *out += e;
            }
        }
        continue;
      }
      if (c == '(') {
        if (open++ > 0) *out += c;
        continue;
      }
      if (c == ')') {
        if (--open == 0) return true;
        *out += c;
        continue;
      }
      *out += c;
    }
    return false;
  }

  std::string_view pdf_;
  std::size_t pos_;
};

// ---- Finding signature dictionaries ----

struct SignatureDictionary {
  std::string object_id;  // "12 0"
  PdfValue dictionary;
};

// The "N G obj" that opens the object holding `pos`, or npos.
std::size_t FindObjectStart(std::string_view pdf, std::size_t pos, std::string* object_id) {
  std::size_t search = pos;
  while (search != std::string_view::npos && search > 0) {
    const std::size_t at = pdf.rfind("obj", search - 1);
    if (at == std::string_view::npos) return at;
    search = at;
    if (at >= 3 && pdf.substr(at - 3, 3) == "end") continue;
    // Walk back over " G " and "N".
    std::size_t p = at;
    auto skip_white_back = [&] {
      while (p > 0 && IsWhite(pdf[p - 1])) --p;
    };
    auto digits_back = [&] {
      const std::size_t e = p;
      while (p > 0 && std::isdigit(static_cast<unsigned char>(pdf[p - 1]))) --p;
      return std::string(pdf.substr(p, e - p));
    };
    skip_white_back();
    const std::string generation = digits_back();
    skip_white_back();
    const std::string number = digits_back();
    if (number.empty() || generation.empty()) continue;
    *object_id = number + " " + generation;
    return at + 3;
  }
  return std::string_view::npos;
}

std::vector<SignatureDictionary> FindSignatureDictionaries(std::string_view pdf) {
  std::vector<SignatureDictionary> found;
  std::size_t next_search = 0;
  for (std::size_t at = pdf.find("/ByteRange"); at != std::string_view::npos;
       at = pdf.find("/ByteRange", std::max(at + 1, next_search))) {
    std::string object_id;
    const std::size_t body = FindObjectStart(pdf, at, &object_id);
    if (body == std::string_view::npos) continue;
    std::size_t end = pdf.find("endobj", at);
    if (end == std::string_view::npos) end = pdf.size();
    DictionaryParser parser(pdf, body, end);
    auto value = parser.ParseValue();
    if (!value || value->kind != PdfValue::Kind::kDictionary ||
        !value->entries.count("ByteRange")) {
      continue;
    }
    next_search = value->end;
    found.push_back({object_id, std::move(*value)});
  }
  return found;
}

// Signature dictionary object id ("12 0") -> field name, through PoDoFo, best effort.
// `readable` tells whether PoDoFo could parse the file at all.
std::map<std::string, std::string> FieldNames(std::string_view pdf, bool* readable) {
  std::map<std::string, std::string> names;
  *readable = false;
  static std::once_flag once;
  std::call_once(once, [] {
    PoDoFo::PdfError::EnableDebug(false);
    PoDoFo::PdfError::EnableLogging(false);
  });
  try {
    PoDoFo::PdfMemDocument document;
    document.LoadFromBuffer(pdf.data(), static_cast<long>(pdf.size()));
    *readable = true;
    for (const PoDoFo::PdfObject* object : document.GetObjects()) {
      if (!object->IsDictionary()) continue;
      const auto& dict = object->GetDictionary();
      const auto* type = dict.GetKey(PoDoFo::PdfName("FT"));
      const auto* value = dict.GetKey(PoDoFo::PdfName("V"));
      const auto* name = dict.GetKey(PoDoFo::PdfName("T"));
      if (!type || !type->IsName() || type->GetName().GetName() != "Sig" || !value ||
          !value->IsReference() || !name || !name->IsString()) {
        continue;
      }
      const auto& ref = value->GetReference();
      names[std::to_string(ref.ObjectNumber()) + " " + std::to_string(ref.GenerationNumber())] =
          name->GetString().GetStringUtf8();
    }
  } catch (const PoDoFo::PdfError&) {
    // Damaged files still get verified; their fields are reported without names.
  }
  return names;
}

// ---- Checks ----

const PdfValue* Entry(const PdfValue& dict, const char* key) {
  auto it = dict.entries.find(key);
  return it == dict.entries.end() ? nullptr : &it->second;
}

std::optional<std::vector<long long>> ByteRangeNumbers(const PdfValue* value) {
  if (!value || value->kind != PdfValue::Kind::kArray || value->items.size() != 4) {
    return std::nullopt;
  }
  std::vector<long long> numbers;
  for (const auto& item : value->items) {
    if (item.kind != PdfValue::Kind::kNumber ||
        item.text.find_first_not_of("0123456789") != std::string::npos || item.text.size() > 15) {
      return std::nullopt;
    }
    numbers.push_back(std::stoll(item.text));
  }
  return numbers;
}

// True when only end-of-line bytes follow `end`.
bool OnlyWhitespaceAfter(std::string_view pdf, std::size_t end) {
  for (std::size_t i = end; i < pdf.size(); ++i) {
    if (!IsWhite(pdf[i])) return false;
  }
  return true;
}

bool EndsAtEofMarker(std::string_view pdf, std::size_t end) {
  while (end > 0 && (pdf[end - 1] == '\n' || pdf[end - 1] == '\r')) --end;
  return end >= 5 && pdf.substr(end - 5, 5) == "%%EOF";
}

struct TrustAnchors {
  OsslPtr<X509_STORE> store;
  int count = 0;
};

Result<TrustAnchors> LoadTrustAnchors(const std::vector<std::string>& files) {
  TrustAnchors anchors;
  anchors.store.reset(X509_STORE_new());
  for (const auto& path : files) {
    OsslPtr<BIO> bio(BIO_new_file(path.c_str(), "rb"));
    if (!bio) {
      DrainOpenSslErrors();
      return IoError("cannot read the trust anchor file", path);
    }
    int in_file = 0;
    while (X509* cert = PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr)) {
      X509_STORE_add_cert(anchors.store.get(), cert);
      X509_free(cert);
      ++in_file;
    }
    DrainOpenSslErrors();  // the end-of-file "no start line" is expected
    if (in_file == 0) return IoError("no PEM certificate in the trust anchor file", path);
    anchors.count += in_file;
  }
  return anchors;
}

struct CmsChecks {
  bool digest_ok = false;
  bool signature_ok = false;
};

// Verifies the CMS of one signature: fills subject, chain, validity and PAdES problems.
CmsChecks CheckCms(std::string_view pdf, std::string_view cms_der,
                   const std::vector<long long>& ranges, std::time_t signing_time,
                   const TrustAnchors& anchors, SignatureReport* report) {
  CmsChecks checks;
  auto problem = [&](std::string text) { report->problems.push_back(std::move(text)); };
  ERR_clear_error();
  const auto* cursor = reinterpret_cast<const unsigned char*>(cms_der.data());
  OsslPtr<CMS_ContentInfo> cms(
      d2i_CMS_ContentInfo(nullptr, &cursor, static_cast<long>(cms_der.size())));
  if (!cms) {
    problem("/Contents is not a DER CMS structure: " + DrainOpenSslErrors());
    return checks;
  }
  if (OBJ_obj2nid(CMS_get0_type(cms.get())) != NID_pkcs7_signed) {
    problem("/Contents is a CMS structure but not SignedData");
    return checks;
  }
  if (CMS_is_detached(cms.get()) != 1) problem("the CMS is not detached (it embeds content)");
  STACK_OF(CMS_SignerInfo)* signer_infos = CMS_get0_SignerInfos(cms.get());
  const int signer_count = signer_infos ? sk_CMS_SignerInfo_num(signer_infos) : 0;
  if (signer_count != 1) {
    problem("the CMS has " + std::to_string(signer_count) +
            " SignerInfos; PAdES requires exactly one");
    if (signer_count == 0) return checks;
  }
  CMS_SignerInfo* signer_info = sk_CMS_SignerInfo_value(signer_infos, 0);
  CMS_set1_signers_certs(cms.get(), nullptr, 0);
  DrainOpenSslErrors();
  EVP_PKEY* public_key = nullptr;
  X509* signer = nullptr;
  X509_ALGOR* digest_algorithm = nullptr;
  X509_ALGOR* signature_algorithm = nullptr;
  CMS_SignerInfo_get0_algs(signer_info, &public_key, &signer, &digest_algorithm,
                           &signature_algorithm);
  if (!signer) {
    problem("the signer certificate is not in the CMS certificates");
    return checks;
  }
  report->signer_subject = internal::NameToOneLine(X509_get_subject_name(signer));

  // Message digest over the ByteRange bytes.
  const ASN1_OBJECT* digest_oid = nullptr;
  X509_ALGOR_get0(&digest_oid, nullptr, nullptr, digest_algorithm);
  const EVP_MD* md = EVP_get_digestbyobj(digest_oid);
  const int digest_nid = OBJ_obj2nid(digest_oid);
  if (!md || (digest_nid != NID_sha256 && digest_nid != NID_sha384 && digest_nid != NID_sha512)) {
    problem("the digest algorithm is not SHA-256/384/512");
  } else {
    OsslPtr<EVP_MD_CTX> context(EVP_MD_CTX_new());
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int digest_length = 0;
    EVP_DigestInit_ex(context.get(), md, nullptr);
    EVP_DigestUpdate(context.get(), pdf.data() + ranges[0], static_cast<std::size_t>(ranges[1]));
    EVP_DigestUpdate(context.get(), pdf.data() + ranges[2], static_cast<std::size_t>(ranges[3]));
    EVP_DigestFinal_ex(context.get(), digest, &digest_length);
    const auto* claimed = static_cast<const ASN1_OCTET_STRING*>(CMS_signed_get0_data_by_OBJ(
        signer_info, OBJ_nid2obj(NID_pkcs9_messageDigest), -3, V_ASN1_OCTET_STRING));
    if (!claimed) {
      problem("the CMS has no message-digest signed attribute");
    } else if (static_cast<unsigned>(ASN1_STRING_length(claimed)) != digest_length ||
               std::memcmp(ASN1_STRING_get0_data(claimed), digest, digest_length) != 0) {
      problem("digest mismatch: the signed bytes were changed after signing");
    } else {
      checks.digest_ok = true;
    }
  }
  if (CMS_SignerInfo_verify(signer_info) == 1) {
    checks.signature_ok = true;
  } else {
    problem("the CMS signature value does not verify: " + DrainOpenSslErrors());
  }

  // CAdES / PAdES baseline attribute rules.
  const auto* content_type = static_cast<const ASN1_OBJECT*>(CMS_signed_get0_data_by_OBJ(
      signer_info, OBJ_nid2obj(NID_pkcs9_contentType), -3, V_ASN1_OBJECT));
  if (!content_type || OBJ_obj2nid(content_type) != NID_pkcs7_data) {
    problem("the content-type signed attribute is missing or not id-data");
  }
  if (CMS_signed_get_attr_by_NID(signer_info, NID_pkcs9_signingTime, -1) >= 0) {
    problem("the CMS has a signing-time attribute, which PAdES forbids (the time is in /M)");
  }
  STACK_OF(X509)* certificates = CMS_get1_certs(cms.get());
  const auto* signing_certificate = static_cast<const ASN1_STRING*>(CMS_signed_get0_data_by_OBJ(
      signer_info, OBJ_nid2obj(NID_id_smime_aa_signingCertificateV2), -3, V_ASN1_SEQUENCE));
  if (!signing_certificate) {
    problem("the CMS has no signing-certificate-v2 signed attribute");
  } else {
    const unsigned char* p = ASN1_STRING_get0_data(signing_certificate);
    ESS_SIGNING_CERT_V2* ess =
        d2i_ESS_SIGNING_CERT_V2(nullptr, &p, ASN1_STRING_length(signing_certificate));
    STACK_OF(X509)* signer_first = sk_X509_new_null();
    sk_X509_push(signer_first, signer);
    if (!ess || OSSL_ESS_check_signing_certs(nullptr, ess, signer_first, 1) != 1) {
      problem("signing-certificate-v2 does not identify the signer certificate");
    }
    sk_X509_free(signer_first);
    ESS_SIGNING_CERT_V2_free(ess);
    DrainOpenSslErrors();
  }

  // Validity and chain at the signing time.
  const bool after_start = X509_cmp_time(X509_get0_notBefore(signer), &signing_time) <= 0;
  const bool before_end = X509_cmp_time(X509_get0_notAfter(signer), &signing_time) >= 0;
  report->within_validity = after_start && before_end;
  if (!after_start) {
    problem("the signer certificate was not yet valid at the signing time (valid from " +
            internal::Asn1TimeToDate(X509_get0_notBefore(signer)) + ")");
  }
  if (!before_end) {
    problem("the signer certificate had expired at the signing time (expired on " +
            internal::Asn1TimeToDate(X509_get0_notAfter(signer)) + ")");
  }
  if (anchors.count == 0) {
    problem("no trust anchors were given, so the certificate chain was not checked");
  } else {
    OsslPtr<X509_STORE_CTX> context(X509_STORE_CTX_new());
    X509_STORE_CTX_init(context.get(), anchors.store.get(), signer, certificates);
    X509_VERIFY_PARAM_set_time(X509_STORE_CTX_get0_param(context.get()), signing_time);
    if (X509_verify_cert(context.get()) == 1) {
      report->chain_ok = true;
    } else {
      problem(std::string("the signer certificate does not chain to a trusted anchor: ") +
              X509_verify_cert_error_string(X509_STORE_CTX_get_error(context.get())));
    }
  }
  sk_X509_pop_free(certificates, X509_free);
  DrainOpenSslErrors();
  return checks;
}

SignatureReport VerifyOne(std::string_view pdf, const SignatureDictionary& found,
                          const std::map<std::string, std::string>& names,
                          const TrustAnchors& anchors, const Clock& clock) {
  SignatureReport report;
  const PdfValue& dict = found.dictionary;
  auto problem = [&](std::string text) { report.problems.push_back(std::move(text)); };
  auto name_it = names.find(found.object_id);
  report.field_name =
      name_it != names.end() ? name_it->second : "(signature object " + found.object_id + ")";

  const PdfValue* type = Entry(dict, "Type");
  if (type && (type->kind != PdfValue::Kind::kName || type->text != "Sig")) {
    problem("the signature dictionary's /Type is not /Sig");
  }
  const PdfValue* filter = Entry(dict, "Filter");
  if (!filter || filter->kind != PdfValue::Kind::kName) {
    problem("the signature dictionary has no /Filter");
  }
  const PdfValue* sub_filter = Entry(dict, "SubFilter");
  if (!sub_filter || sub_filter->text != "ETSI.CAdES.detached") {
    problem("/SubFilter is " + (sub_filter ? "/" + sub_filter->text : std::string("missing")) +
            ", not /ETSI.CAdES.detached as PAdES requires");
  }
  if (Entry(dict, "Cert")) problem("the signature dictionary has /Cert, which PAdES forbids");

  std::time_t signing_time = std::chrono::system_clock::to_time_t(clock.Now());
  const PdfValue* m = Entry(dict, "M");
  if (!m || m->kind != PdfValue::Kind::kString) {
    problem("the signature dictionary has no /M (signing time), which PAdES requires");
  } else {
    report.signing_time = m->text;
    if (auto parsed = internal::ParsePdfDate(m->text)) {
      signing_time = std::chrono::system_clock::to_time_t(*parsed);
    } else {
      problem("/M is not a PDF date: " + m->text);
    }
  }

  // ByteRange: [0 a b c] where [a, b) is exactly the /Contents hex string.
  const PdfValue* contents = Entry(dict, "Contents");
  auto ranges = ByteRangeNumbers(Entry(dict, "ByteRange"));
  const auto size = static_cast<long long>(pdf.size());
  if (!contents || contents->kind != PdfValue::Kind::kString || pdf[contents->begin] != '<') {
    problem("the signature has no hex /Contents");
    return report;
  }
  if (!ranges) {
    problem("/ByteRange is not four non-negative integers");
    return report;
  }
  const auto& r = *ranges;
  if (r[0] != 0 || r[1] > r[2] || r[2] > size || r[3] > size - r[2]) {
    problem("/ByteRange does not start at 0 or lies outside the file");
    return report;
  }
  const bool gap_is_contents = static_cast<std::size_t>(r[1]) == contents->begin &&
                               static_cast<std::size_t>(r[2]) == contents->end;
  if (!gap_is_contents) {
    problem("/ByteRange leaves out more or less than the /Contents value");
  }
  const auto end = static_cast<std::size_t>(r[2] + r[3]);
  report.is_last_revision = OnlyWhitespaceAfter(pdf, end);
  report.covers_whole_document = report.is_last_revision || EndsAtEofMarker(pdf, end);
  if (!report.covers_whole_document) {
    problem("the signature covers the file only up to byte " + std::to_string(end) +
            ", not up to the end of a revision");
  }

  const CmsChecks checks = CheckCms(pdf, contents->text, r, signing_time, anchors, &report);
  report.integrity_ok = gap_is_contents && checks.digest_ok && checks.signature_ok;
  return report;
}

}  // namespace

bool VerifyReport::valid() const {
  if (signatures.empty()) return false;
  for (const auto& signature : signatures) {
    if (!signature.valid()) return false;
  }
  // Anything appended after the newest signature is unsigned.
  return std::any_of(signatures.begin(), signatures.end(),
                     [](const SignatureReport& s) { return s.is_last_revision; });
}

Result<VerifyReport> VerifyPdf(std::string_view pdf, const VerifyOptions& options) {
  try {
    SOHOA_ASSIGN_OR_RETURN(TrustAnchors anchors, LoadTrustAnchors(options.trust_anchor_pem_files));
    const Clock& clock = options.clock ? *options.clock : DefaultClock();
    const auto found = FindSignatureDictionaries(pdf);
    // A signed file whose header was damaged is a tampered file: report it (invalid) rather
    // than refuse it, so that a flipped byte anywhere in the signed ranges reads as invalid.
    if (found.empty() &&
        pdf.substr(0, kHeaderSearchBytes).find("%PDF-") == std::string_view::npos) {
      return InvalidInput("not a PDF file (no %PDF- header)");
    }
    bool readable = false;
    const auto names = FieldNames(pdf, &readable);
    // A damaged file with signatures still gets a report (it says invalid); without any
    // signature there is nothing to report on.
    if (found.empty() && !readable) {
      return InvalidInput("the PDF cannot be read (damaged or not a PDF)");
    }
    VerifyReport report;
    for (const auto& signature : found) {
      report.signatures.push_back(VerifyOne(pdf, signature, names, anchors, clock));
    }
    return report;
  } catch (const std::exception& error) {
    return InternalError(std::string("verification failed: ") + error.what());
  } catch (...) {
    return InternalError("verification failed with an unexpected exception");
  }
}

}  // namespace sohoa::signing
