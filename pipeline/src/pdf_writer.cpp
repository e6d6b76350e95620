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
#include <iterator>

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

std::string XmlEscape(std::string_view s) {
  std::string out;
  for (char c : s) {
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
        // XML 1.0 forbids most control characters even escaped.
        if (static_cast<unsigned char>(c) >= 0x20 || c == '\t' || c == '\n' || c == '\r') {
          out += c;
        }
    }
  }
  return out;
}

// The XMP packet PDF/A-2b asks for, mirroring the Info dictionary entry for entry.
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
      "<pdfaid:part>2</pdfaid:part>\n"
      "<pdfaid:conformance>B</pdfaid:conformance>\n"
      "</rdf:Description>\n"
      "</rdf:RDF>\n"
      "</x:xmpmeta>\n";
  // Padding lets a later incremental update (signing) rewrite the packet in place.
  for (int i = 0; i < 20; ++i) xmp += std::string(99, ' ') + "\n";
  xmp += "<?xpacket end=\"w\"?>";
  return xmp;
}

// A text string for the Info dictionary: PDFDocEncoding when ASCII, UTF-16BE otherwise.
PoDoFo::PdfString InfoString(const std::string& utf8) {
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

}  // namespace sohoa::pipeline
