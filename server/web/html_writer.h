// HTML written front to back into one string, escaped by construction:
// text() and attribute values are always escaped, each its own way; markup
// comes only from tag names and attribute names, which are compile-time
// literals in the callers (never user text). URLs are built from parts with
// Url, never by concatenating user text: a path segment or a query value is
// percent-encoded as it is added.
#pragma once

#include "server/string_room.h"

#include <cassert>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace kedja::server::web {

// "<", ">", "&", '"' and "'" as character references; invalid UTF-8 bytes
// as U+FFFD, so the page is always valid UTF-8.
void append_html_escaped(std::string& out, std::string_view text);
std::string html_escaped(std::string_view text);

// A local URL: a path of fixed and user-supplied segments and a query of
// name=value pairs, each percent-encoded as it is added.
class Url {
 public:
  // `path` is a fixed path written by the programmer ("/att-gora").
  explicit Url(std::string_view path) : path_(path) {}
  // Appends "/" and the percent-encoded segment (":" kept, RFC 3986 pchar).
  // On a temporary (`Url("/arenden").segment(id)`) the result is one too,
  // so that an Attr or str() takes its string instead of copying it.
  Url& segment(std::string_view value) &;
  Url&& segment(std::string_view value) && { return std::move(segment(value)); }
  // Appends a query parameter; an empty value is left out.
  Url& param(std::string_view name, std::string_view value) &;
  Url&& param(std::string_view name, std::string_view value) && { return std::move(param(name, value)); }
  std::string str() const&;
  std::string str() &&;  // a temporary Url gives up its string

 private:
  std::string path_;
  std::vector<std::pair<std::string, std::string>> params_;
};

// Appends "/" and `value` as a path segment, as Url::segment does: for a
// list that writes a link a row into one reused string.
void append_path_segment(std::string& path, std::string_view value);

// RFC 3986 unreserved characters stay, every other byte becomes %XX.
std::string percent_encoded(std::string_view text);
void append_percent_encoded(std::string& out, std::string_view text);

// An attribute: a literal name and a value, escaped when written. A value
// given as a literal, a string_view or an lvalue string is viewed, not
// copied (a page writes thousands of attributes: issue 13's page speed); a
// temporary string (a built URL, a joined id) is kept in the Attr. So an
// Attr must not outlive what it views — the writers pass them in braces to
// open()/empty(), or keep them in a vector for one element.
class Attr {
 public:
  Attr(std::string_view n, std::string&& v) : name(n), owned_(std::move(v)), owns_(true) {}
  Attr(std::string_view n, const std::string& v) : name(n), view_(v) {}
  // A const temporary (`error ? a + b : const_id`) is copied: viewed, it would dangle.
  Attr(std::string_view n, const std::string&& v) : name(n), owned_(v), owns_(true) {}
  Attr(std::string_view n, std::string_view v) : name(n), view_(v) {}
  Attr(std::string_view n, const char* v) : name(n), view_(v) {}
  Attr(std::string_view n, const Url& url) : name(n), owned_(url.str()), owns_(true) {}
  Attr(std::string_view n, Url&& url) : name(n), owned_(std::move(url).str()), owns_(true) {}

  std::string_view value() const { return owns_ ? std::string_view(owned_) : view_; }

  std::string_view name;  // a literal: never user text

 private:
  std::string owned_;
  std::string_view view_;
  bool owns_ = false;
};

// Markup a writer wrote, kept to be written again as it is: a page writes
// a cell that repeats down its rows (a date, a municipality, a step's
// title) once, escaped once, and then copies it (issue 13's page speed).
// Only HtmlWriter::fragment makes one, so it holds nothing unescaped.
class HtmlFragment {
 public:
  std::string_view markup() const { return markup_; }

 private:
  friend class HtmlWriter;
  std::string markup_;
};

class HtmlWriter {
 public:
  // Writes after what `out` holds. While the writer lives, `out` may also
  // hold room not yet written (the writer copies into it without
  // std::string's bookkeeping per append: issue 13's page speed); once the
  // writer is gone it holds exactly what was written.
  explicit HtmlWriter(std::string& out);
  HtmlWriter(const HtmlWriter&) = delete;
  HtmlWriter& operator=(const HtmlWriter&) = delete;

  // <tag a="…"> … </tag>; open() and close() must pair (checked by assert).
  HtmlWriter& open(std::string_view tag, std::initializer_list<Attr> attrs = {});
  HtmlWriter& open(std::string_view tag, const std::vector<Attr>& attrs);
  HtmlWriter& close(std::string_view tag);
  // A void element (<input>, <meta>, <link>, <br>).
  HtmlWriter& empty(std::string_view tag, std::initializer_list<Attr> attrs = {});
  HtmlWriter& empty(std::string_view tag, const std::vector<Attr>& attrs);
  // Escaped text.
  HtmlWriter& text(std::string_view text);
  // <tag attrs>text</tag> in one call.
  HtmlWriter& element(std::string_view tag, std::string_view text,
                      std::initializer_list<Attr> attrs = {});
  // Markup written as is: only for string literals in the program
  // ("<!DOCTYPE html>"). Named so that a reviewer finds every use.
  HtmlWriter& trusted_markup(std::string_view markup);
  // What `write(HtmlWriter&)` writes, as a fragment; it must close what it
  // opens (checked by assert).
  template <class Write>
  static HtmlFragment fragment(Write&& write) {
    HtmlFragment made;
    {
      HtmlWriter writer(made.markup_);
      write(writer);
      assert(writer.depth() == 0 && "a fragment closes what it opens");
    }  // gone: the markup holds exactly what it wrote
    return made;
  }
  // A fragment written again.
  HtmlWriter& fragment(const HtmlFragment& written) {
    put(written.markup_);
    return *this;
  }

  std::size_t depth() const { return depth_; }

 private:
  void put(const char* data, std::size_t size) { out_.put(data, size); }
  void put(std::string_view text) { out_.put(text); }
  void put(char c) { out_.put(c); }
  // Escaped as append_html_escaped escapes.
  void put_escaped(std::string_view text);
  void write_attrs(const Attr* begin, const Attr* end);
  void start_tag(std::string_view tag, const Attr* begin, const Attr* end);
  void end_tag(std::string_view tag);
  void opened(std::string_view tag);
  void closing(std::string_view tag);

  StringRoom out_;
  std::size_t depth_ = 0;
#ifndef NDEBUG
  std::vector<std::string_view> open_;  // the tags open, for close()'s check
#endif
};

// Fragments by key, for one page: the first call for a key writes its
// fragment, the later ones find it (a hash lookup: a page's rows may have
// a hundred different dates).
template <class Key, class Hash = std::hash<Key>>
class FragmentMemo {
 public:
  // The fragment of `key`, written by `write(HtmlWriter&)` the first time.
  template <class Write>
  const HtmlFragment& operator()(const Key& key, Write&& write) {
    auto found = known_.find(key);
    if (found == known_.end())
      found = known_.emplace(key, HtmlWriter::fragment(std::forward<Write>(write))).first;
    return found->second;
  }

 private:
  std::unordered_map<Key, HtmlFragment, Hash> known_;
};

}  // namespace kedja::server::web
