// BuildSearchablePdf: PoDoFo assembles the objects; image encoding (pdf_image_encoding), the
// text layer (pdf_text_layer) and the glyphless font (pdf_glyphless_font) are built without it.
//
// Everything written depends only on the input and PdfInfo::created (no clock, no random
// IDs), so the same input gives the same bytes, which signing and the tests rely on.
#include <podofo/podofo.h>

#include <algorithm>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <initializer_list>
#include <iterator>
#include <string_view>

#include "pdf_glyphless_font.h"
#include "pdf_image_encoding.h"
#include "pdf_text_layer.h"
#include "sohoa/core/limits.h"
#include "sohoa/pipeline/pdf.h"

namespace sohoa::pipeline {
namespace {

using internal::CidEncoder;
using internal::EncodedPdfImage;
using internal::FormatPdfNumber;
using internal::PdfImageFilter;

constexpr const char* kProducer = "sohoa";
constexpr const char* kFontResource = "F0";
constexpr const char* kImageResource = "Im0";
constexpr const char* kIccPackage = "icc-profiles-free";

// The sRGB profile for the PDF/A output intent: $SOHOA_SRGB_ICC, else the build-time path.
Result<std::string> ReadSrgbProfile() {
  std::string path = SOHOA_SRGB_ICC;
  if (const char* env = std::getenv("SOHOA_SRGB_ICC"); env != nullptr && *env != '\0') path = env;
  std::ifstream in(path, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (!in.good() && !in.eof()) bytes.clear();
  // An ICC profile starts with a 128-byte header whose bytes 36..39 are "acsp".
  if (bytes.size() < 132 || bytes.compare(36, 4, "acsp") != 0) {
    return DependencyError(
        "the sRGB ICC profile for the PDF/A output intent is missing or "
        "unreadable; install the Debian package " +
            std::string(kIccPackage) + " or set SOHOA_SRGB_ICC to an sRGB .icc file",
        path);
  }
  return bytes;
}

std::tm UtcTime(std::chrono::system_clock::time_point when) {
  const std::time_t seconds = std::chrono::system_clock::to_time_t(when);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  return utc;
}

// "D:20261122023000+00'00'": the Info dictionary's date format, always UTC.
std::string PdfDateString(std::chrono::system_clock::time_point when) {
  const std::tm utc = UtcTime(when);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "D:%Y%m%d%H%M%S+00'00'", &utc);
  return buffer;
}

// "2026-11-22T02:30:00+00:00": the same instant for XMP.
std::string XmpDateString(std::chrono::system_clock::time_point when) {
  const std::tm utc = UtcTime(when);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%S+00:00", &utc);
  return buffer;
}

// The text with what XML 1.0 cannot carry removed: bytes that are not UTF-8 and control
// characters other than tab and line ends (even escaped they make the packet unreadable, and
// an unreadable XMP fails PDF/A). The Info dictionary gets the same text, so it and the XMP
// stay equal as PDF/A requires.
std::string XmlSafeText(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  std::size_t i = 0;
  while (i < s.size()) {
    const auto lead = static_cast<unsigned char>(s[i]);
    std::size_t length = 1;
    char32_t code = lead;
    if (lead >= 0x80) {
      length = lead >= 0xF0 && lead <= 0xF4 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC2 ? 2 : 0;
      if (length == 0 || lead > 0xF4 || i + length > s.size()) {
        ++i;  // not a UTF-8 lead byte, or cut short
        continue;
      }
      code = lead & (0xFF >> (length + 1));
      bool valid = true;
      for (std::size_t k = 1; k < length; ++k) {
        const auto next = static_cast<unsigned char>(s[i + k]);
        if ((next & 0xC0) != 0x80) valid = false;
        code = (code << 6) | (next & 0x3F);
      }
      const char32_t shortest = length == 2 ? 0x80 : length == 3 ? 0x800 : 0x10000;
      if (!valid || code < shortest || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF) ||
          code == 0xFFFE || code == 0xFFFF) {
        ++i;
        continue;
      }
    } else if (code < 0x20 && code != '\t' && code != '\n' && code != '\r') {
      ++i;
      continue;
    }
    out.append(s.substr(i, length));
    i += length;
  }
  return out;
}

std::string XmlEscape(std::string_view s) {
  std::string out;
  for (char c : XmlSafeText(s)) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

// Our own XMP namespace for the document's facts. A URN: it names the schema and is not
// meant to resolve, and it claims no domain the project does not own.
constexpr const char* kSohoaXmpNamespace = "urn:sohoa:xmp:record:1/";
constexpr const char* kSohoaXmpPrefix = "sohoa";

struct SohoaXmpProperty {
  const char* name;
  const char* value_type;  // an XMP value type PDF/A validators know
  const char* description;
  std::string PdfDocumentFacts::*field;
};

constexpr SohoaXmpProperty kSohoaXmpProperties[] = {
    {"documentId", "Text", "sohoa document identifier (the record's document_id)",
     &PdfDocumentFacts::document_id},
    {"docType", "Text", "document type (the record's doc_type, e.g. giay_khai_sinh)",
     &PdfDocumentFacts::doc_type},
    {"documentNumber", "Text", "number and symbol as printed (so_ky_hieu, else so)",
     &PdfDocumentFacts::number},
    {"documentDate", "Date", "issue or registration date (ngay_ban_hanh, else ngay_dang_ky)",
     &PdfDocumentFacts::date},
    {"issuer", "Text", "issuing or registering body (co_quan_ban_hanh, else noi_dang_ky)",
     &PdfDocumentFacts::issuer},
    {"ownerId", "Text", "personal identification number of the person concerned (so_dinh_danh)",
     &PdfDocumentFacts::owner_id},
};

// An XMP Date must be well formed or the packet fails PDF/A; dates not in YYYY-MM-DD (the
// record's form) are left out rather than written wrong.
bool IsIsoDate(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (s[i] < '0' || s[i] > '9') return false;
  }
  return true;
}

// PDF/A allows only the predefined XMP schemas unless a schema is described in the packet
// itself (ISO 19005-1 6.7.8, kept by parts 2 and 3): this is that description.
std::string SohoaExtensionSchema() {
  std::string xmp =
      "<rdf:Description rdf:about=\"\"\n"
      " xmlns:pdfaExtension=\"http://www.aiim.org/pdfa/ns/extension/\"\n"
      " xmlns:pdfaSchema=\"http://www.aiim.org/pdfa/ns/schema#\"\n"
      " xmlns:pdfaProperty=\"http://www.aiim.org/pdfa/ns/property#\">\n"
      "<pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType=\"Resource\">\n"
      "<pdfaSchema:schema>sohoa document facts</pdfaSchema:schema>\n"
      "<pdfaSchema:namespaceURI>" +
      std::string(kSohoaXmpNamespace) +
      "</pdfaSchema:namespaceURI>\n"
      "<pdfaSchema:prefix>" +
      kSohoaXmpPrefix +
      "</pdfaSchema:prefix>\n"
      "<pdfaSchema:property><rdf:Seq>\n";
  for (const SohoaXmpProperty& p : kSohoaXmpProperties) {
    xmp += std::string("<rdf:li rdf:parseType=\"Resource\">") + "<pdfaProperty:name>" + p.name +
           "</pdfaProperty:name><pdfaProperty:valueType>" + p.value_type +
           "</pdfaProperty:valueType><pdfaProperty:category>external</pdfaProperty:category>"
           "<pdfaProperty:description>" +
           p.description + "</pdfaProperty:description></rdf:li>\n";
  }
  xmp +=
      "</rdf:Seq></pdfaSchema:property>\n"
      "</rdf:li></rdf:Bag></pdfaExtension:schemas>\n"
      "</rdf:Description>\n";
  return xmp;
}

std::string SohoaFacts(const PdfDocumentFacts& facts) {
  std::string xmp = std::string("<rdf:Description rdf:about=\"\" xmlns:") + kSohoaXmpPrefix +
                    "=\"" + kSohoaXmpNamespace + "\">\n";
  for (const SohoaXmpProperty& p : kSohoaXmpProperties) {
    const std::string& value = facts.*p.field;
    if (value.empty()) continue;
    if (std::string_view(p.value_type) == "Date" && !IsIsoDate(value)) continue;
    const std::string tag = std::string(kSohoaXmpPrefix) + ":" + p.name;
    xmp += "<" + tag + ">" + XmlEscape(value) + "</" + tag + ">\n";
  }
  xmp += "</rdf:Description>\n";
  return xmp;
}

// The XMP packet PDF/A-3b asks for, mirroring the Info dictionary entry for entry, with the
// document's facts in the sohoa namespace and that namespace's extension schema.
std::string XmpPacket(const PdfInfo& info) {
  const std::string created = XmpDateString(info.created);
  std::string xmp =
      "<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
      "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
      "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
      "<rdf:Description rdf:about=\"\"\n"
      " xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n"
      " xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"\n"
      " xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\"\n"
      " xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\">\n"
      "<dc:format>application/pdf</dc:format>\n";
  if (!info.title.empty()) {
    xmp += "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">" + XmlEscape(info.title) +
           "</rdf:li></rdf:Alt></dc:title>\n";
  }
  if (!info.author.empty()) {
    xmp += "<dc:creator><rdf:Seq><rdf:li>" + XmlEscape(info.author) +
           "</rdf:li></rdf:Seq></dc:creator>\n";
  }
  if (!info.subject.empty()) {
    xmp += "<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">" + XmlEscape(info.subject) +
           "</rdf:li></rdf:Alt></dc:description>\n";
  }
  if (!info.keywords.empty())
    xmp += "<pdf:Keywords>" + XmlEscape(info.keywords) + "</pdf:Keywords>\n";
  if (!info.creator.empty()) {
    xmp += "<xmp:CreatorTool>" + XmlEscape(info.creator) + "</xmp:CreatorTool>\n";
  }
  xmp += "<xmp:CreateDate>" + created + "</xmp:CreateDate>\n";
  xmp += "<xmp:ModifyDate>" + created + "</xmp:ModifyDate>\n";
  xmp += "<xmp:MetadataDate>" + created + "</xmp:MetadataDate>\n";
  xmp += std::string("<pdf:Producer>") + kProducer + "</pdf:Producer>\n";
  xmp +=
      "<pdfaid:part>3</pdfaid:part>\n"
      "<pdfaid:conformance>B</pdfaid:conformance>\n"
      "</rdf:Description>\n";
  xmp += SohoaFacts(info.facts);
  xmp += SohoaExtensionSchema();
  xmp +=
      "</rdf:RDF>\n"
      "</x:xmpmeta>\n";
  // Padding lets a later incremental update (signing) rewrite the packet in place.
  for (int i = 0; i < 20; ++i) xmp += std::string(99, ' ') + "\n";
  xmp += "<?xpacket end=\"w\"?>";
  return xmp;
}

// A text string for the Info dictionary: PDFDocEncoding when ASCII, UTF-16BE otherwise.
PoDoFo::PdfString InfoString(const std::string& text) {
  const std::string utf8 = XmlSafeText(text);
  const bool ascii = std::all_of(utf8.begin(), utf8.end(),
                                 [](char c) { return static_cast<unsigned char>(c) < 0x80; });
  if (ascii) return PoDoFo::PdfString(utf8);
  return PoDoFo::PdfString(reinterpret_cast<const PoDoFo::pdf_utf8*>(utf8.c_str()));
}

// An integer object. AddKey also takes a PdfObject*, and an integer constant 0 would pick that
// overload as a null pointer, so integers are always wrapped explicitly.
PoDoFo::PdfObject PdfInt(long long value) {
  return PoDoFo::PdfObject(static_cast<PoDoFo::pdf_int64>(value));
}

void SetStreamData(PoDoFo::PdfObject* object, const std::string& data, bool compress) {
  if (compress) {
    object->GetStream()->Set(data.data(), static_cast<PoDoFo::pdf_long>(data.size()));
  } else {
    object->GetStream()->Set(data.data(), static_cast<PoDoFo::pdf_long>(data.size()),
                             PoDoFo::TVecFilters());
  }
}

// Writes already-encoded bytes as they are; the caller names the filter in the dictionary.
void SetRawStreamData(PoDoFo::PdfObject* object, const std::string& data) {
  PoDoFo::PdfMemoryInputStream in(data.data(), static_cast<PoDoFo::pdf_long>(data.size()));
  object->GetStream()->SetRawData(&in, static_cast<PoDoFo::pdf_long>(data.size()));
}

PoDoFo::PdfObject* AddImageXObject(PoDoFo::PdfMemDocument& document, const EncodedPdfImage& image) {
  PoDoFo::PdfObject* object = document.GetObjects().CreateObject("XObject");
  PoDoFo::PdfDictionary& dict = object->GetDictionary();
  dict.AddKey("Subtype", PoDoFo::PdfName("Image"));
  dict.AddKey("Width", PdfInt(image.width));
  dict.AddKey("Height", PdfInt(image.height));
  dict.AddKey("ColorSpace", PoDoFo::PdfName(image.components == 3 ? "DeviceRGB" : "DeviceGray"));
  dict.AddKey("BitsPerComponent", PdfInt(image.bits_per_component));
  switch (image.filter) {
    case PdfImageFilter::kDct:
      SetRawStreamData(object, image.data);
      dict.AddKey("Filter", PoDoFo::PdfName("DCTDecode"));
      break;
    case PdfImageFilter::kCcittG4: {
      SetRawStreamData(object, image.data);
      dict.AddKey("Filter", PoDoFo::PdfName("CCITTFaxDecode"));
      PoDoFo::PdfDictionary parms;
      parms.AddKey("K", PdfInt(-1));
      parms.AddKey("Columns", PdfInt(image.width));
      parms.AddKey("Rows", PdfInt(image.height));
      dict.AddKey("DecodeParms", parms);
      break;
    }
    case PdfImageFilter::kFlateLater:
      SetStreamData(object, image.data, /*compress=*/true);
      break;
  }
  return object;
}

// The Type0 font of the text layer: Identity-H over a CIDFontType2 whose glyphs are all the
// empty glyph 1 of the glyphless TrueType font, and a ToUnicode CMap giving the text back.
PoDoFo::PdfObject* AddGlyphlessFont(PoDoFo::PdfMemDocument& document, const CidEncoder& encoder) {
  using internal::kGlyphlessFontName;
  PoDoFo::PdfVecObjects& objects = document.GetObjects();

  const std::string& font_program = internal::GlyphlessTrueTypeFont();
  PoDoFo::PdfObject* font_file = objects.CreateObject();
  font_file->GetDictionary().AddKey("Length1", PdfInt(font_program.size()));
  SetStreamData(font_file, font_program, /*compress=*/true);

  PoDoFo::PdfObject* descriptor = objects.CreateObject("FontDescriptor");
  PoDoFo::PdfDictionary& d = descriptor->GetDictionary();
  d.AddKey("FontName", PoDoFo::PdfName(kGlyphlessFontName));
  d.AddKey("Flags", PdfInt(4));  // symbolic
  PoDoFo::PdfArray bbox;
  for (int v :
       {0, internal::kGlyphlessDescent, internal::kGlyphlessAdvance, internal::kGlyphlessAscent}) {
    bbox.push_back(PdfInt(v));
  }
  d.AddKey("FontBBox", bbox);
  d.AddKey("ItalicAngle", PdfInt(0));
  d.AddKey("Ascent", PdfInt(internal::kGlyphlessAscent));
  d.AddKey("Descent", PdfInt(internal::kGlyphlessDescent));
  d.AddKey("CapHeight", PdfInt(internal::kGlyphlessAscent));
  d.AddKey("StemV", PdfInt(80));
  d.AddKey("FontFile2", font_file->Reference());

  // Every CID (65536 of them) maps to glyph 1: 2-byte big-endian GIDs, Flate-compressed.
  std::string gid_map(2 * 65536, '\0');
  for (std::size_t i = 1; i < gid_map.size(); i += 2) gid_map[i] = '\x01';
  PoDoFo::PdfObject* cid_to_gid = objects.CreateObject();
  SetStreamData(cid_to_gid, gid_map, /*compress=*/true);

  PoDoFo::PdfObject* cid_font = objects.CreateObject("Font");
  PoDoFo::PdfDictionary& c = cid_font->GetDictionary();
  c.AddKey("Subtype", PoDoFo::PdfName("CIDFontType2"));
  c.AddKey("BaseFont", PoDoFo::PdfName(kGlyphlessFontName));
  PoDoFo::PdfDictionary system_info;
  system_info.AddKey("Registry", PoDoFo::PdfString("Adobe"));
  system_info.AddKey("Ordering", PoDoFo::PdfString("Identity"));
  system_info.AddKey("Supplement", PdfInt(0));
  c.AddKey("CIDSystemInfo", system_info);
  c.AddKey("FontDescriptor", descriptor->Reference());
  c.AddKey("DW", PdfInt(internal::kGlyphlessAdvance));
  c.AddKey("CIDToGIDMap", cid_to_gid->Reference());

  PoDoFo::PdfObject* to_unicode = objects.CreateObject();
  SetStreamData(to_unicode, encoder.ToUnicodeCMap(), /*compress=*/true);

  PoDoFo::PdfObject* type0 = objects.CreateObject("Font");
  PoDoFo::PdfDictionary& t = type0->GetDictionary();
  t.AddKey("Subtype", PoDoFo::PdfName("Type0"));
  t.AddKey("BaseFont", PoDoFo::PdfName(kGlyphlessFontName));
  t.AddKey("Encoding", PoDoFo::PdfName("Identity-H"));
  PoDoFo::PdfArray descendants;
  descendants.push_back(cid_font->Reference());
  t.AddKey("DescendantFonts", descendants);
  t.AddKey("ToUnicode", to_unicode->Reference());
  return type0;
}

void SetDocumentInfo(PoDoFo::PdfMemDocument& document, const PdfInfo& info) {
  // Replace what PoDoFo put there (its own producer, the wall-clock creation time).
  PoDoFo::PdfDictionary& dict = document.GetInfo()->GetObject()->GetDictionary();
  dict.Clear();
  if (!info.title.empty()) dict.AddKey("Title", InfoString(info.title));
  if (!info.author.empty()) dict.AddKey("Author", InfoString(info.author));
  if (!info.subject.empty()) dict.AddKey("Subject", InfoString(info.subject));
  if (!info.keywords.empty()) dict.AddKey("Keywords", InfoString(info.keywords));
  if (!info.creator.empty()) dict.AddKey("Creator", InfoString(info.creator));
  dict.AddKey("Producer", PoDoFo::PdfString(kProducer));
  const std::string date = PdfDateString(info.created);
  dict.AddKey("CreationDate", PoDoFo::PdfString(date));
  dict.AddKey("ModDate", PoDoFo::PdfString(date));
}

void AddPdfaMetadata(PoDoFo::PdfMemDocument& document, const PdfInfo& info,
                     const std::string& icc_profile) {
  PoDoFo::PdfVecObjects& objects = document.GetObjects();
  PoDoFo::PdfDictionary& catalog = document.GetCatalog()->GetDictionary();

  PoDoFo::PdfObject* metadata = objects.CreateObject("Metadata");
  metadata->GetDictionary().AddKey("Subtype", PoDoFo::PdfName("XML"));
  // Left uncompressed so that tools which only scan for the packet find it.
  SetStreamData(metadata, XmpPacket(info), /*compress=*/false);
  catalog.AddKey("Metadata", metadata->Reference());

  PoDoFo::PdfObject* profile = objects.CreateObject();
  profile->GetDictionary().AddKey("N", PdfInt(3));
  SetStreamData(profile, icc_profile, /*compress=*/true);
  PoDoFo::PdfDictionary intent;
  intent.AddKey("Type", PoDoFo::PdfName("OutputIntent"));
  intent.AddKey("S", PoDoFo::PdfName("GTS_PDFA1"));
  intent.AddKey("OutputConditionIdentifier", PoDoFo::PdfString("sRGB IEC61966-2.1"));
  intent.AddKey("Info", PoDoFo::PdfString("sRGB IEC61966-2.1"));
  intent.AddKey("DestOutputProfile", profile->Reference());
  PoDoFo::PdfArray intents;
  intents.push_back(intent);
  catalog.AddKey("OutputIntents", intents);
}

// The record as a PDF/A-3 associated file: an EmbeddedFile stream with its MIME type and
// /Params, behind a /Filespec that the catalog's /AF lists (what PDF/A-3 asks for) and that
// /Names /EmbeddedFiles lists too (what viewers and pdfdetach show as attachments).
void AddRecordAttachment(PoDoFo::PdfMemDocument& document, const PdfInfo& info) {
  PoDoFo::PdfVecObjects& objects = document.GetObjects();
  PoDoFo::PdfDictionary& catalog = document.GetCatalog()->GetDictionary();

  PoDoFo::PdfObject* file = objects.CreateObject("EmbeddedFile");
  PoDoFo::PdfDictionary& file_dict = file->GetDictionary();
  file_dict.AddKey("Subtype", PoDoFo::PdfName("application/json"));
  PoDoFo::PdfDictionary params;
  // The record is made when the PDF is: its date, not the clock, keeps the bytes reproducible.
  params.AddKey("ModDate", PoDoFo::PdfString(PdfDateString(info.created)));
  params.AddKey("Size", PdfInt(static_cast<long long>(info.record_json.size())));
  file_dict.AddKey("Params", params);
  SetStreamData(file, info.record_json, /*compress=*/true);

  // /F is a byte string that older readers take as a file name: ASCII, else a generic name;
  // /UF is the text string with the real one.
  const std::string name = info.record_name.empty() ? "record.json" : info.record_name;
  const bool ascii_name = std::all_of(name.begin(), name.end(), [](char c) {
    return static_cast<unsigned char>(c) >= 0x20 && static_cast<unsigned char>(c) < 0x7F;
  });
  PoDoFo::PdfObject* filespec = objects.CreateObject("Filespec");
  PoDoFo::PdfDictionary& spec = filespec->GetDictionary();
  spec.AddKey("F", PoDoFo::PdfString(ascii_name ? name : "record.json"));
  spec.AddKey("UF", InfoString(name));
  spec.AddKey("Desc", PoDoFo::PdfString("sohoa record (sohoa.record/1) of this document; "
                                        "sha256 is empty: it is the hash of the signed PDF"));
  spec.AddKey("AFRelationship", PoDoFo::PdfName("Data"));
  PoDoFo::PdfDictionary embedded;
  embedded.AddKey("F", file->Reference());
  embedded.AddKey("UF", file->Reference());
  spec.AddKey("EF", embedded);

  PoDoFo::PdfArray associated;
  associated.push_back(filespec->Reference());
  catalog.AddKey("AF", associated);

  // A name tree of one leaf: the key is the file name as bytes (keys are sorted bytewise).
  PoDoFo::PdfArray leaf;
  leaf.push_back(PoDoFo::PdfString(name));
  leaf.push_back(filespec->Reference());
  PoDoFo::PdfDictionary embedded_files;
  embedded_files.AddKey("Names", leaf);
  PoDoFo::PdfDictionary names;
  names.AddKey("EmbeddedFiles", embedded_files);
  catalog.AddKey("Names", names);
}

Status ValidatePage(const PdfPageInput& page, int number) {
  if (page.image == nullptr || page.image->empty()) {
    return InvalidInput("the page has no image to put in the PDF", {}, number);
  }
  const Image& image = *page.image;
  if (!(image.dpi > 0)) {
    return InvalidInput(
        "the page image has no resolution (dpi), so its page size is unknown; "
        "give the scan's dpi",
        {}, number);
  }
  if (static_cast<std::int64_t>(image.width) * image.height > limits::kMaxPixelsPerPage) {
    return InvalidInput("the page image exceeds limits::kMaxPixelsPerPage", {}, number);
  }
  return Status::Ok();
}

Result<std::string> Build(const std::vector<PdfPageInput>& pages, const PdfInfo& info,
                          const PdfOptions& options) {
  if (pages.empty()) return InvalidInput("no pages to put in the PDF");
  for (std::size_t i = 0; i < pages.size(); ++i) {
    SOHOA_RETURN_IF_ERROR(ValidatePage(pages[i], static_cast<int>(i) + 1));
  }
  SOHOA_ASSIGN_OR_RETURN(const std::string icc_profile, ReadSrgbProfile());

  PoDoFo::PdfMemDocument document;
  document.SetPdfVersion(PoDoFo::ePdfVersion_1_7);
  CidEncoder encoder;
  // Pages refer to the one shared font object, created once all text is encoded (its
  // ToUnicode CMap lists the CIDs handed out) and patched into each page's resources.
  std::vector<PoDoFo::PdfObject*> pages_with_text;
  for (std::size_t i = 0; i < pages.size(); ++i) {
    const int number = static_cast<int>(i) + 1;
    const Image& image = *pages[i].image;
    auto encoded = internal::EncodePdfImage(image, options.jpeg_quality);
    if (!encoded.ok()) return encoded.status().WithFile({}, number);

    const internal::PageGeometry geometry{72.0 / image.dpi, image.height * 72.0 / image.dpi};
    const double width_pt = image.width * geometry.points_per_pixel;
    PoDoFo::PdfPage* page =
        document.CreatePage(PoDoFo::PdfRect(0, 0, width_pt, geometry.height_pt));
    if (page == nullptr) return InternalError("PoDoFo could not create a page", {}, number);
    PoDoFo::PdfObject* resources = page->GetResources();
    resources->GetDictionary().RemoveKey("ProcSet");  // obsolete; PoDoFo adds it by default

    PoDoFo::PdfObject* xobject = AddImageXObject(document, *encoded);
    PoDoFo::PdfDictionary xobjects;
    xobjects.AddKey(kImageResource, xobject->Reference());
    resources->GetDictionary().AddKey("XObject", xobjects);

    std::string content = "q " + FormatPdfNumber(width_pt, 4) + " 0 0 " +
                          FormatPdfNumber(geometry.height_pt, 4) + " 0 0 cm /" + kImageResource +
                          " Do Q\n";
    const std::string text =
        internal::TextLayerOperators(pages[i].words, geometry, kFontResource, encoder);
    if (!text.empty()) {
      content += text;
      pages_with_text.push_back(resources);
    }
    SetStreamData(page->GetContentsForAppending(), content, /*compress=*/true);
  }
  if (!pages_with_text.empty()) {
    PoDoFo::PdfObject* font = AddGlyphlessFont(document, encoder);
    for (PoDoFo::PdfObject* resources : pages_with_text) {
      PoDoFo::PdfDictionary fonts;
      fonts.AddKey(kFontResource, font->Reference());
      resources->GetDictionary().AddKey("Font", fonts);
    }
  }
  SetDocumentInfo(document, info);
  AddPdfaMetadata(document, info, icc_profile);
  if (!info.record_json.empty()) AddRecordAttachment(document, info);

  PoDoFo::PdfRefCountedBuffer buffer;
  PoDoFo::PdfOutputDevice device(&buffer);
  document.Write(&device);
  return std::string(buffer.GetBuffer(), device.GetLength());
}

}  // namespace

Result<std::string> BuildSearchablePdf(const std::vector<PdfPageInput>& pages, const PdfInfo& info,
                                       const PdfOptions& options) {
  try {
    return Build(pages, info, options);
  } catch (const PoDoFo::PdfError& e) {
    return InternalError(std::string("PoDoFo failed while building the PDF: ") +
                         PoDoFo::PdfError::ErrorMessage(e.GetError()));
  } catch (const std::exception& e) {
    return InternalError(std::string("building the PDF failed: ") + e.what());
  }
}

void AttachRecord(const Record& record, PdfInfo* info) {
  auto field = [&record](std::initializer_list<const char*> keys) -> std::string {
    for (const char* key : keys) {
      if (auto it = record.fields.find(key); it != record.fields.end() && !it->second.empty()) {
        return it->second;
      }
    }
    return {};
  };
  PdfDocumentFacts& facts = info->facts;
  facts.document_id = record.document_id;
  facts.doc_type = record.doc_type;
  facts.number = field({"so_ky_hieu", "so"});
  facts.date = field({"ngay_ban_hanh", "ngay_dang_ky"});
  facts.issuer = field({"co_quan_ban_hanh", "noi_dang_ky"});
  facts.owner_id = field({"so_dinh_danh"});
  if (info->keywords.empty()) {
    for (const std::string* value :
         {&facts.doc_type, &facts.number, &facts.date, &facts.issuer, &facts.owner_id}) {
      if (value->empty()) continue;
      if (!info->keywords.empty()) info->keywords += "; ";
      info->keywords += *value;
    }
  }
  Record embedded = record;
  embedded.sha256.clear();  // the signed PDF's hash cannot be inside it
  info->record_json = RecordToJson(embedded);
  info->record_name = record.document_id.empty() ? "record.json" : record.document_id + ".json";
}

}  // namespace sohoa::pipeline
