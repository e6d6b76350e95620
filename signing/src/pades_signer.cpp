// PAdES B-B signer.
//
// PoDoFo 0.9.8 is used only to *read* the document (catalog, first page, AcroForm, trailer).
// The incremental update itself is written here: PoDoFo's WriteUpdate rewrites every object
// that came from an object stream and, for inputs whose last cross-reference section is a
// stream, writes a classic xref without /Prev, which breaks earlier signatures and confuses
// readers. Writing the few new objects ourselves keeps every earlier byte as it is and gives
// a /Prev-chained xref section of the same kind as the input's.
#include <podofo/podofo.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <map>
#include <mutex>
#include <set>

#include "cades_builder.h"
#include "openssl_util.h"
#include "pdf_util.h"
#include "sohoa/core/limits.h"
#include "sohoa/signing/pades.h"

namespace sohoa::signing {
namespace {

using internal::HexEncode;
using internal::PdfTextStringLiteral;

// Width of the /ByteRange value, "[0 a b c]" padded with spaces: four 10-digit numbers fit.
constexpr std::size_t kByteRangeWidth = 48;
constexpr std::size_t kHeaderSearchBytes = 1024;

void SilencePodofoOnce() {
  static std::once_flag once;
  std::call_once(once, [] {
    PoDoFo::PdfError::EnableDebug(false);
    PoDoFo::PdfError::EnableLogging(false);
  });
}

std::string Serialize(const PoDoFo::PdfObject& object) {
  std::string text;
  object.ToString(text, PoDoFo::ePdfWriteMode_Compact);
  return text;
}

std::string RefText(const PoDoFo::PdfReference& ref) {
  return std::to_string(ref.ObjectNumber()) + " " + std::to_string(ref.GenerationNumber()) + " R";
}

// Offset of the last "startxref" value, and whether it points at a classic "xref" table.
struct PreviousXref {
  std::size_t offset = 0;
  bool is_stream = false;
};

std::optional<PreviousXref> FindPreviousXref(std::string_view pdf) {
  const std::size_t keyword = pdf.rfind("startxref");
  if (keyword == std::string_view::npos) return std::nullopt;
  std::size_t pos = keyword + 9;
  while (pos < pdf.size() && std::isspace(static_cast<unsigned char>(pdf[pos]))) ++pos;
  std::size_t value = 0;
  bool any = false;
  while (pos < pdf.size() && std::isdigit(static_cast<unsigned char>(pdf[pos]))) {
    value = value * 10 + static_cast<std::size_t>(pdf[pos] - '0');
    any = true;
    ++pos;
  }
  if (!any || value >= pdf.size()) return std::nullopt;
  std::size_t at = value;
  while (at < pdf.size() && std::isspace(static_cast<unsigned char>(pdf[at]))) ++at;
  return PreviousXref{value, pdf.substr(at, 4) != "xref"};
}

// Resolves a possibly indirect value through the document's objects.
const PoDoFo::PdfObject* Resolve(const PoDoFo::PdfMemDocument& document,
                                 const PoDoFo::PdfObject* object) {
  if (object && object->IsReference()) {
    return document.GetObjects().GetObject(object->GetReference());
  }
  return object;
}

struct WrittenObject {
  PoDoFo::PdfReference ref;
  std::string body;  // between "N G obj" and "endobj"
};

// What the update adds or replaces, in the order written.
struct UpdatePlan {
  std::vector<WrittenObject> objects;
  std::size_t signature_object_index = 0;
  std::string trailer_entries;  // /Root, /Info, /ID
  std::uint32_t next_object_number = 0;
};

std::string PickFieldName(const PoDoFo::PdfMemDocument& document, const PoDoFo::PdfObject* fields) {
  std::set<std::string> taken;
  if (fields && fields->IsArray()) {
    for (const auto& entry : fields->GetArray()) {
      const PoDoFo::PdfObject* field = Resolve(document, &entry);
      if (!field || !field->IsDictionary()) continue;
      const PoDoFo::PdfObject* name = field->GetDictionary().GetKey(PoDoFo::PdfName("T"));
      if (name && name->IsString()) taken.insert(name->GetString().GetStringUtf8());
    }
  }
  for (int n = 1;; ++n) {
    std::string candidate = "Signature" + std::to_string(n);
    if (!taken.count(candidate)) return candidate;
  }
}

// `file_has_info`: whether the file's last trailer names an /Info dictionary. PoDoFo makes an
// /Info in memory when loading a file without one; that object is not in the file, so the
// update must not point at it.
Result<UpdatePlan> PlanUpdate(const PoDoFo::PdfMemDocument& document, const SignOptions& options,
                              std::chrono::system_clock::time_point now, bool file_has_info) {
  using PoDoFo::PdfArray;
  using PoDoFo::PdfName;
  using PoDoFo::PdfObject;
  using PoDoFo::PdfReference;

  UpdatePlan plan;
  const PdfObject* trailer = document.GetTrailer();
  const PdfObject* catalog = document.GetCatalog();
  if (!trailer || !catalog || !catalog->IsDictionary()) {
    return InvalidInput("the PDF has no document catalog");
  }
  if (document.GetPageCount() < 1) return InvalidInput("the PDF has no pages");
  const PdfObject* page = document.GetPage(0)->GetObject();

  std::uint32_t max_number = 0;
  for (const PdfObject* object : document.GetObjects()) {
    max_number = std::max(max_number, object->Reference().ObjectNumber());
  }
  const PdfObject* size = trailer->GetDictionary().GetKey(PdfName("Size"));
  std::uint32_t next = max_number + 1;
  if (size && size->IsNumber()) next = std::max<std::uint32_t>(next, size->GetNumber());
  const PdfReference signature_ref(next++, 0);
  const PdfReference widget_ref(next++, 0);

  // The signature dictionary. /ByteRange and /Contents are placeholders filled in later.
  std::string signature = "<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached";
  signature += " /ByteRange " + std::string(kByteRangeWidth, ' ');
  signature += " /Contents <" + std::string(2 * limits::kSignatureReserveBytes, '0') + ">";
  signature += " /M " + PdfTextStringLiteral(internal::FormatPdfDateVietnam(now));
  if (!options.reason.empty()) signature += " /Reason " + PdfTextStringLiteral(options.reason);
  if (!options.location.empty()) {
    signature += " /Location " + PdfTextStringLiteral(options.location);
  }
  if (!options.contact_info.empty()) {
    signature += " /ContactInfo " + PdfTextStringLiteral(options.contact_info);
  }
  signature += " >>";

  // AcroForm: reuse the document's (indirect or direct) or make one.
  PoDoFo::PdfDictionary new_catalog = catalog->GetDictionary();
  bool catalog_changed = false;
  const PdfObject* acroform_entry = catalog->GetDictionary().GetKey(PdfName("AcroForm"));
  const PdfObject* acroform = Resolve(document, acroform_entry);
  PoDoFo::PdfDictionary new_acroform;
  if (acroform && acroform->IsDictionary()) new_acroform = acroform->GetDictionary();
  const PdfObject* fields_entry = new_acroform.GetKey(PdfName("Fields"));
  const PdfObject* fields = Resolve(document, fields_entry);
  const std::string field_name = PickFieldName(document, fields);
  PdfArray new_fields;
  if (fields && fields->IsArray()) new_fields = fields->GetArray();
  new_fields.push_back(PdfObject(widget_ref));
  if (fields_entry && fields_entry->IsReference() && fields) {
    plan.objects.push_back({fields_entry->GetReference(), Serialize(PdfObject(new_fields))});
  } else {
    new_acroform.AddKey(PdfName("Fields"), PdfObject(new_fields));
  }
  // SigFlags 3: SignaturesExist | AppendOnly.
  new_acroform.AddKey(PdfName("SigFlags"), PdfObject(static_cast<PoDoFo::pdf_int64>(3)));
  if (acroform_entry && acroform_entry->IsReference() && acroform) {
    plan.objects.push_back({acroform_entry->GetReference(), Serialize(PdfObject(new_acroform))});
  } else if (acroform_entry && acroform_entry->IsDictionary()) {
    new_catalog.AddKey(PdfName("AcroForm"), PdfObject(new_acroform));
    catalog_changed = true;
  } else {
    const PdfReference acroform_ref(next++, 0);
    plan.objects.push_back({acroform_ref, Serialize(PdfObject(new_acroform))});
    new_catalog.AddKey(PdfName("AcroForm"), PdfObject(acroform_ref));
    catalog_changed = true;
  }
  if (catalog_changed)
    plan.objects.push_back({catalog->Reference(), Serialize(PdfObject(new_catalog))});

  // The invisible widget goes into the first page's /Annots (PAdES wants a field either way).
  const PdfObject* annots_entry = page->GetDictionary().GetKey(PdfName("Annots"));
  const PdfObject* annots = Resolve(document, annots_entry);
  PdfArray new_annots;
  if (annots && annots->IsArray()) new_annots = annots->GetArray();
  new_annots.push_back(PdfObject(widget_ref));
  if (annots_entry && annots_entry->IsReference() && annots) {
    plan.objects.push_back({annots_entry->GetReference(), Serialize(PdfObject(new_annots))});
  } else {
    PoDoFo::PdfDictionary new_page = page->GetDictionary();
    new_page.AddKey(PdfName("Annots"), PdfObject(new_annots));
    plan.objects.push_back({page->Reference(), Serialize(PdfObject(new_page))});
  }

  // Flags 132 = Print | Locked; a zero /Rect makes the signature invisible.
  const std::string widget = "<< /Type /Annot /Subtype /Widget /FT /Sig /T " +
                             PdfTextStringLiteral(field_name) + " /V " + RefText(signature_ref) +
                             " /F 132 /Rect [0 0 0 0] /P " + RefText(page->Reference()) + " >>";
  plan.signature_object_index = plan.objects.size();
  plan.objects.push_back({signature_ref, signature});
  plan.objects.push_back({widget_ref, widget});

  plan.trailer_entries = " /Root " + RefText(catalog->Reference());
  if (const PdfObject* info = trailer->GetDictionary().GetKey(PdfName("Info"));
      file_has_info && info && info->IsReference()) {
    plan.trailer_entries += " /Info " + RefText(info->GetReference());
  }
  if (const PdfObject* id = trailer->GetDictionary().GetKey(PdfName("ID")); id && id->IsArray()) {
    plan.trailer_entries += " /ID " + Serialize(*id);
  }
  plan.next_object_number = next;
  return plan;
}

// Cross-reference subsections: runs of consecutive object numbers.
std::vector<std::pair<std::uint32_t, std::vector<std::size_t>>> XrefRuns(
    const std::map<std::uint32_t, std::pair<std::size_t, std::uint16_t>>& offsets,
    std::vector<std::uint16_t>* generations) {
  std::vector<std::pair<std::uint32_t, std::vector<std::size_t>>> runs;
  for (const auto& [number, entry] : offsets) {
    if (runs.empty() || runs.back().first + runs.back().second.size() != number) {
      runs.push_back({number, {}});
    }
    runs.back().second.push_back(entry.first);
    generations->push_back(entry.second);
  }
  return runs;
}

void AppendBigEndian(std::string& out, std::uint64_t value, int bytes) {
  for (int i = bytes - 1; i >= 0; --i) out += static_cast<char>((value >> (8 * i)) & 0xFF);
}

// Writes the objects, the xref section and the trailer after `out` (which holds the original).
// Returns the offset of the signature object's "/Contents <".
std::size_t AppendUpdate(std::string& out, const UpdatePlan& plan, const PreviousXref& previous) {
  std::map<std::uint32_t, std::pair<std::size_t, std::uint16_t>> offsets;
  std::size_t contents_offset = 0;
  for (std::size_t i = 0; i < plan.objects.size(); ++i) {
    const auto& object = plan.objects[i];
    offsets[object.ref.ObjectNumber()] = {out.size(), object.ref.GenerationNumber()};
    out += std::to_string(object.ref.ObjectNumber()) + " " +
           std::to_string(object.ref.GenerationNumber()) + " obj\n";
    if (i == plan.signature_object_index) {
      contents_offset = out.size() + object.body.find("/Contents <") + 10;
    }
    out += object.body;
    out += "\nendobj\n";
  }

  std::uint32_t size = plan.next_object_number;
  const std::string prev = " /Prev " + std::to_string(previous.offset);
  if (!previous.is_stream) {
    std::vector<std::uint16_t> generations;
    const auto runs = XrefRuns(offsets, &generations);
    const std::size_t xref_offset = out.size();
    out += "xref\n";
    std::size_t g = 0;
    for (const auto& [first, entries] : runs) {
      out += std::to_string(first) + " " + std::to_string(entries.size()) + "\n";
      for (std::size_t offset : entries) {
        char line[32];
        std::snprintf(line, sizeof line, "%010zu %05u n\r\n", offset,
                      static_cast<unsigned>(generations[g++]));
        out += line;
      }
    }
    out += "trailer\n<< /Size " + std::to_string(size) + plan.trailer_entries + prev + " >>\n";
    out += "startxref\n" + std::to_string(xref_offset) + "\n%%EOF\n";
  } else {
    // The input uses cross-reference streams: continue with one, uncompressed, /W [1 4 2].
    const std::uint32_t xref_number = size++;
    const std::size_t xref_offset = out.size();
    offsets[xref_number] = {xref_offset, 0};
    std::vector<std::uint16_t> generations;
    const auto runs = XrefRuns(offsets, &generations);
    std::string index, data;
    std::size_t g = 0;
    for (const auto& [first, entries] : runs) {
      index += std::to_string(first) + " " + std::to_string(entries.size()) + " ";
      for (std::size_t offset : entries) {
        data += '\x01';
        AppendBigEndian(data, offset, 4);
        AppendBigEndian(data, generations[g++], 2);
      }
    }
    index.pop_back();
    out += std::to_string(xref_number) + " 0 obj\n<< /Type /XRef /Size " + std::to_string(size) +
           " /W [1 4 2] /Index [" + index + "]" + plan.trailer_entries + prev + " /Length " +
           std::to_string(data.size()) + " >>\nstream\n";
    out += data;
    out += "\nendstream\nendobj\n";
    out += "startxref\n" + std::to_string(xref_offset) + "\n%%EOF\n";
  }
  return contents_offset;
}

Result<std::string> SignPdfUnchecked(std::string_view pdf, const KeySource& key,
                                     const SignOptions& options) {
  const Clock& clock = options.clock ? *options.clock : DefaultClock();
  const auto now = clock.Now();
  SOHOA_RETURN_IF_ERROR(CheckSigningCertificate(key, now));

  if (static_cast<std::int64_t>(pdf.size()) > limits::kMaxPdfBytesToSign) {
    return InvalidInput("the PDF is larger than the signing limit of " +
                        std::to_string(limits::kMaxPdfBytesToSign) + " bytes");
  }
  if (pdf.substr(0, kHeaderSearchBytes).find("%PDF-") == std::string_view::npos) {
    return InvalidInput("not a PDF file (no %PDF- header)");
  }
  const auto previous = FindPreviousXref(pdf);
  if (!previous) return InvalidInput("the PDF has no valid startxref; repair it (e.g. qpdf) first");

  SilencePodofoOnce();
  PoDoFo::PdfMemDocument document;
  try {
    document.LoadFromBuffer(pdf.data(), static_cast<long>(pdf.size()));
  } catch (const PoDoFo::PdfError& error) {
    if (error.GetError() == PoDoFo::ePdfError_InvalidPassword) {
      return InvalidInput("the PDF is encrypted; remove the encryption before signing");
    }
    return InvalidInput(std::string("the PDF cannot be read: ") +
                        PoDoFo::PdfError::ErrorName(error.GetError()));
  }
  if (document.GetEncrypted() ||
      document.GetTrailer()->GetDictionary().HasKey(PoDoFo::PdfName("Encrypt"))) {
    return InvalidInput("the PDF is encrypted; remove the encryption before signing");
  }

  // The last trailer (classic) or cross-reference stream dictionary starts at the last xref.
  const bool file_has_info = pdf.substr(previous->offset).find("/Info") != std::string_view::npos;
  SOHOA_ASSIGN_OR_RETURN(UpdatePlan plan, PlanUpdate(document, options, now, file_has_info));

  std::string out(pdf);
  if (out.back() != '\n' && out.back() != '\r') out += '\n';
  const std::size_t contents_start = AppendUpdate(out, plan, *previous);
  const std::size_t contents_end = contents_start + 2 * limits::kSignatureReserveBytes + 2;
  if (out[contents_start] != '<' || out[contents_end - 1] != '>') {
    return InternalError("the /Contents placeholder is not where it was written");
  }

  std::string byte_range = "[0 " + std::to_string(contents_start) + " " +
                           std::to_string(contents_end) + " " +
                           std::to_string(out.size() - contents_end) + "]";
  byte_range.resize(kByteRangeWidth, ' ');
  const std::size_t byte_range_at = out.rfind("/ByteRange ", contents_start) + 11;
  out.replace(byte_range_at, kByteRangeWidth, byte_range);

  internal::OsslPtr<EVP_MD_CTX> sha(EVP_MD_CTX_new());
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int digest_length = 0;
  if (!sha || EVP_DigestInit_ex(sha.get(), EVP_sha256(), nullptr) != 1 ||
      EVP_DigestUpdate(sha.get(), out.data(), contents_start) != 1 ||
      EVP_DigestUpdate(sha.get(), out.data() + contents_end, out.size() - contents_end) != 1 ||
      EVP_DigestFinal_ex(sha.get(), digest, &digest_length) != 1) {
    return CryptoError("SHA-256 failed: " + internal::DrainOpenSslErrors());
  }

  SOHOA_ASSIGN_OR_RETURN(
      std::string cms,
      internal::BuildCadesDetachedSignedData(
          std::string_view(reinterpret_cast<const char*>(digest), digest_length), key));
  if (cms.size() > limits::kSignatureReserveBytes) {
    return InternalError("the CMS signature (" + std::to_string(cms.size()) +
                         " bytes) does not fit the reserved " +
                         std::to_string(limits::kSignatureReserveBytes) + " bytes");
  }
  const std::string hex = HexEncode(cms);
  out.replace(contents_start + 1, hex.size(), hex);
  return out;
}

}  // namespace

Status CheckSigningCertificate(const KeySource& key, std::chrono::system_clock::time_point now) {
  internal::OsslPtr<X509> certificate = internal::ParseCertificateDer(key.certificate_der());
  if (!certificate) return CryptoError("the signer certificate cannot be decoded", key.origin());
  std::time_t t = std::chrono::system_clock::to_time_t(now);
  const std::string who = "certificate " + key.subject();
  if (X509_cmp_time(X509_get0_notAfter(certificate.get()), &t) < 0) {
    return CryptoError(who + " expired on " +
                           internal::Asn1TimeToDate(X509_get0_notAfter(certificate.get())) +
                           "; renew it",
                       key.origin());
  }
  if (X509_cmp_time(X509_get0_notBefore(certificate.get()), &t) > 0) {
    return CryptoError(who + " is not valid before " +
                           internal::Asn1TimeToDate(X509_get0_notBefore(certificate.get())) +
                           "; check the computer's clock",
                       key.origin());
  }
  return Status::Ok();
}

Result<std::string> SignPdf(std::string_view pdf, const KeySource& key,
                            const SignOptions& options) {
  try {
    return SignPdfUnchecked(pdf, key, options);
  } catch (const PoDoFo::PdfError& error) {
    return InvalidInput(std::string("the PDF cannot be read: ") +
                        PoDoFo::PdfError::ErrorName(error.GetError()));
  } catch (const std::exception& error) {
    return InternalError(std::string("signing failed: ") + error.what());
  } catch (...) {
    return InternalError("signing failed with an unexpected exception");
  }
}

}  // namespace sohoa::signing
