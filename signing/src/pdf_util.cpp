#include "pdf_util.h"

#include <cstdint>
#include <ctime>

namespace sohoa::signing::internal {
namespace {

constexpr std::chrono::hours kVietnamOffset{7};

bool AllDigits(std::string_view s) {
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return !s.empty();
}

int ToInt(std::string_view s) {
  int value = 0;
  for (char c : s) value = value * 10 + (c - '0');
  return value;
}

void AppendUtf16Unit(std::string& out, std::uint32_t unit) {
  static const char* const kHex = "0123456789ABCDEF";
  for (int shift = 12; shift >= 0; shift -= 4) out += kHex[(unit >> shift) & 0xF];
}

}  // namespace

std::string FormatPdfDateVietnam(std::chrono::system_clock::time_point t) {
  const std::time_t seconds = std::chrono::system_clock::to_time_t(t + kVietnamOffset);
  std::tm parts{};
  gmtime_r(&seconds, &parts);
  char buffer[40];
  std::strftime(buffer, sizeof buffer, "D:%Y%m%d%H%M%S+07'00'", &parts);
  return buffer;
}

std::optional<std::chrono::system_clock::time_point> ParsePdfDate(std::string_view text) {
  if (text.substr(0, 2) == "D:") text.remove_prefix(2);
  if (text.size() < 4 || !AllDigits(text.substr(0, 4))) return std::nullopt;
  std::tm parts{};
  parts.tm_year = ToInt(text.substr(0, 4)) - 1900;
  parts.tm_mon = 0;
  parts.tm_mday = 1;
  std::size_t pos = 4;
  int* fields[] = {&parts.tm_mon, &parts.tm_mday, &parts.tm_hour, &parts.tm_min, &parts.tm_sec};
  for (int i = 0; i < 5 && pos + 2 <= text.size() && AllDigits(text.substr(pos, 2)); ++i) {
    *fields[i] = ToInt(text.substr(pos, 2)) - (i == 0 ? 1 : 0);
    pos += 2;
  }
  long offset_seconds = 0;
  if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) {
    const int sign = text[pos] == '+' ? 1 : -1;
    ++pos;
    int hours = 0, minutes = 0;
    if (pos + 2 <= text.size() && AllDigits(text.substr(pos, 2))) {
      hours = ToInt(text.substr(pos, 2));
      pos += 2;
    }
    if (pos < text.size() && text[pos] == '\'') ++pos;
    if (pos + 2 <= text.size() && AllDigits(text.substr(pos, 2)))
      minutes = ToInt(text.substr(pos, 2));
    offset_seconds = sign * (hours * 3600L + minutes * 60L);
  }
  const std::time_t utc = timegm(&parts) - offset_seconds;
  return std::chrono::system_clock::from_time_t(utc);
}

std::string PdfTextStringLiteral(std::string_view utf8) {
  bool ascii = true;
  for (unsigned char c : utf8) ascii = ascii && c < 0x80;
  if (ascii) {
    std::string out = "(";
    for (char c : utf8) {
      if (c == '(' || c == ')' || c == '\\') out += '\\';
      if (c == '\n') {
        out += "\\n";
        continue;
      }
      if (c == '\r') {
        out += "\\r";
        continue;
      }
      out += c;
    }
    return out + ")";
  }
  std::string out = "<FEFF";
  for (std::size_t i = 0; i < utf8.size();) {
    const auto lead = static_cast<unsigned char>(utf8[i]);
    std::uint32_t code = 0xFFFD;
    std::size_t length = 1;
    if (lead < 0x80) {
      code = lead;
    } else if ((lead >> 5) == 0x6) {
      code = lead & 0x1F;
      length = 2;
    } else if ((lead >> 4) == 0xE) {
      code = lead & 0x0F;
      length = 3;
    } else if ((lead >> 3) == 0x1E) {
      code = lead & 0x07;
      length = 4;
    }
    if (length > 1) {
      if (i + length > utf8.size()) {
        code = 0xFFFD;
        length = utf8.size() - i;
      } else {
        for (std::size_t k = 1; k < length; ++k) {
          code = (code << 6) | (static_cast<unsigned char>(utf8[i + k]) & 0x3F);
        }
      }
    }
    i += length;
    if (code >= 0x10000) {
      code -= 0x10000;
      AppendUtf16Unit(out, 0xD800 + (code >> 10));
      AppendUtf16Unit(out, 0xDC00 + (code & 0x3FF));
    } else {
      AppendUtf16Unit(out, code);
    }
  }
  return out + ">";
}

std::string HexEncode(std::string_view bytes) {
  static const char* const kHex = "0123456789ABCDEF";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (unsigned char c : bytes) {
    out += kHex[c >> 4];
    out += kHex[c & 0xF];
  }
  return out;
}

std::optional<std::string> HexDecode(std::string_view hex) {
  std::string out;
  out.reserve(hex.size() / 2);
  int high = -1;
  for (char c : hex) {
    int value;
    if (c >= '0' && c <= '9') {
      value = c - '0';
    } else if (c >= 'a' && c <= 'f') {
      value = c - 'a' + 10;
    } else if (c >= 'A' && c <= 'F') {
      value = c - 'A' + 10;
    } else if (c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f') {
      continue;
    } else {
      return std::nullopt;
    }
    if (high < 0) {
      high = value;
    } else {
      out += static_cast<char>(high << 4 | value);
      high = -1;
    }
  }
  if (high >= 0) out += static_cast<char>(high << 4);
  return out;
}

}  // namespace sohoa::signing::internal
