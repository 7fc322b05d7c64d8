// viz/markup.cpp: HTML, XML, Markdown and Graphviz escaping.
#include "viz/markup.h"

namespace flgraph::viz {

bool is_control(char c) { return static_cast<unsigned char>(c) < 0x20 || c == '\x7f'; }

void append_control_picture(std::string& out, char c) {
  const unsigned picture = c == '\x7f' ? 0x2421u : 0x2400u + static_cast<unsigned char>(c);
  out += static_cast<char>(0xE0u | (picture >> 12));
  out += static_cast<char>(0x80u | ((picture >> 6) & 0x3Fu));
  out += static_cast<char>(0x80u | (picture & 0x3Fu));
}

std::string escape_html(std::string_view text, bool keep_layout) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
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
      case '\'':
        out += "&#39;";
        break;
      default:
        const bool layout = keep_layout && (c == '\t' || c == '\n' || c == '\r');
        if (is_control(c) && !layout) {
          append_control_picture(out, c);
        } else {
          out += c;
        }
    }
  }
  return out;
}

std::string escape_xml(std::string_view text) {
  std::string out;
  for (const char c : text) {
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
      case '\'':
        out += "&apos;";
        break;
      case '\t':
        out += "&#9;";
        break;
      case '\n':
        out += "&#10;";
        break;
      case '\r':
        out += "&#13;";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n' && c != '\r') break;
        out += c;
    }
  }
  return out;
}

std::string graphviz_name(std::string_view id) {
  std::string out;
  for (const char c : id) {
    if (is_control(c)) {
      append_control_picture(out, c);
    } else if (c == '\\') {
      out += "\u29F5";
    } else {
      out += c;
    }
  }
  return out;
}

std::string graphviz_label(std::string_view text) {
  std::string out;
  for (const char c : text) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '\n' || c == '\r') {
      out += ' ';
    } else if (is_control(c)) {
      append_control_picture(out, c);
    } else {
      out += c;
    }
  }
  return out;
}

std::string markdown_text(std::string_view text, bool at_line_start) {
  // CommonMark lets any ASCII punctuation be backslash-escaped, so an escape is never wrong.
  constexpr std::string_view kAlways = "\\`*_[]<>&~|@";
  std::string out;
  out.reserve(text.size());
  if (at_line_start) {
    // Four spaces would start a code block; block markers only count at the start of a line.
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    std::size_t digits = 0;
    while (digits < text.size() && text[digits] >= '0' && text[digits] <= '9') ++digits;
    if (!text.empty() && std::string_view("#-+=").find(text.front()) != std::string_view::npos) {
      out += '\\';
    } else if (digits > 0 && digits < text.size() && (text[digits] == '.' || text[digits] == ')')) {
      out += text.substr(0, digits);
      out += '\\';
      text.remove_prefix(digits);
    }
  }
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    const bool autolink_colon = c == ':' && i + 1 < text.size() && text[i + 1] == '/';
    const bool autolink_dot = c == '.' && i >= 3 && (text[i - 3] == 'w' || text[i - 3] == 'W') &&
                              (text[i - 2] == 'w' || text[i - 2] == 'W') &&
                              (text[i - 1] == 'w' || text[i - 1] == 'W');
    if (c == '\n' || c == '\r') {
      out += ' ';
    } else if (c != '\t' && is_control(c)) {
      append_control_picture(out, c);
    } else if (kAlways.find(c) != std::string_view::npos || autolink_colon || autolink_dot) {
      out += '\\';
      out += c;
    } else {
      out += c;
    }
  }
  return out;
}

std::string markdown_code(std::string_view text, bool in_table) {
  if (text.empty()) return "";
  std::string out = "`";
  for (const char c : text) {
    if (c == '`' || c == '\n' || c == '\r') {
      out += '?';
    } else if (c != '\t' && is_control(c)) {
      append_control_picture(out, c);
    } else if (c == '|' && in_table) {
      out += "\\|";
    } else {
      out += c;
    }
  }
  return out + "`";
}

}  // namespace flgraph::viz
