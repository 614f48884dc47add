//===--- LspProtocol.cpp - The wire side of `leash lsp` -------------------===//

#include "LspProtocol.h"

#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <unistd.h>

namespace leash {

bool MessageReader::fill() {
  char Chunk[65536];
  for (;;) {
    ssize_t Got = ::read(Fd, Chunk, sizeof Chunk);
    if (Got > 0) {
      Buffer.append(Chunk, Got);
      return true;
    }
    if (Got < 0 && errno == EINTR)
      continue;
    return false;
  }
}

std::optional<std::string> MessageReader::read() {
  for (;;) {
    size_t HeaderEnd = Buffer.find("\r\n\r\n");
    if (HeaderEnd == std::string::npos) {
      if (!fill())
        return std::nullopt;
      continue;
    }
    // Headers are case-insensitive; only Content-Length matters.
    std::optional<size_t> Length;
    size_t Start = 0;
    while (Start < HeaderEnd) {
      size_t End = Buffer.find("\r\n", Start);
      std::string Line = Buffer.substr(Start, End - Start);
      Start = End + 2;
      std::string Lower;
      for (char C : Line)
        Lower += std::tolower(static_cast<unsigned char>(C));
      if (Lower.rfind("content-length:", 0) == 0)
        Length = std::strtoul(Line.c_str() + 15, nullptr, 10);
    }
    if (!Length)
      return std::nullopt;
    size_t BodyStart = HeaderEnd + 4;
    while (Buffer.size() < BodyStart + *Length)
      if (!fill())
        return std::nullopt;
    std::string Body = Buffer.substr(BodyStart, *Length);
    Buffer.erase(0, BodyStart + *Length);
    return Body;
  }
}

void MessageWriter::write(const nlohmann::json &Message) {
  // Invalid UTF-8 in a message (from a source file) is replaced, never
  // thrown about: the build has no exceptions to catch it with.
  std::string Body =
      Message.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  std::string Frame =
      "Content-Length: " + std::to_string(Body.size()) + "\r\n\r\n" + Body;
  std::lock_guard<std::mutex> Guard(Lock);
  const char *Data = Frame.data();
  size_t Left = Frame.size();
  while (Left) {
    ssize_t Put = ::write(Fd, Data, Left);
    if (Put < 0 && errno == EINTR)
      continue;
    if (Put <= 0)
      return; // The client is gone; the reader will see the end.
    Data += Put;
    Left -= Put;
  }
}

unsigned utf16Column(const std::string &Line, unsigned ByteColumn) {
  unsigned Units = 0;
  size_t End = std::min<size_t>(ByteColumn ? ByteColumn - 1 : 0, Line.size());
  for (size_t I = 0; I < End;) {
    unsigned char Lead = Line[I];
    size_t Length = Lead < 0x80    ? 1
                    : Lead >= 0xF0 ? 4
                    : Lead >= 0xE0 ? 3
                    : Lead >= 0xC0 ? 2
                                   : 1;
    // Code points above the BMP are two UTF-16 units (a surrogate pair).
    Units += Length == 4 ? 2 : 1;
    I += Length;
  }
  return Units;
}

std::string pathToUri(const std::string &Path) {
  std::string Uri = "file://";
  for (unsigned char C : Path) {
    if (std::isalnum(C) || std::string("/-._~").find(C) != std::string::npos) {
      Uri += C;
    } else {
      char Escape[4];
      std::snprintf(Escape, sizeof Escape, "%%%02X", C);
      Uri += Escape;
    }
  }
  return Uri;
}

std::string uriToPath(const std::string &Uri) {
  std::string Encoded = Uri.rfind("file://", 0) == 0 ? Uri.substr(7) : Uri;
  std::string Path;
  for (size_t I = 0; I < Encoded.size(); ++I) {
    if (Encoded[I] == '%' && I + 2 < Encoded.size()) {
      Path += static_cast<char>(
          std::strtol(Encoded.substr(I + 1, 2).c_str(), nullptr, 16));
      I += 2;
    } else {
      Path += Encoded[I];
    }
  }
  return Path;
}

nlohmann::json lspPosition(const SourceLocation &Where,
                           const LineSource &Lines) {
  unsigned Line = Where.Line ? Where.Line - 1 : 0;
  unsigned Column =
      Where.Line ? utf16Column(Lines(Where.File, Where.Line), Where.Column) : 0;
  return {{"line", Line}, {"character", Column}};
}

namespace {

/// The range of \p Where: to the end of the identifier that starts there,
/// or one character, so that editors underline the name a finding is about.
nlohmann::json wordRange(const SourceLocation &Where, const LineSource &Lines) {
  nlohmann::json Start = lspPosition(Where, Lines);
  if (!Where.Line)
    return {{"start", Start}, {"end", Start}};
  std::string Text = Lines(Where.File, Where.Line);
  size_t Byte = Where.Column ? Where.Column - 1 : 0;
  size_t End = Byte;
  while (
      End < Text.size() &&
      (std::isalnum(static_cast<unsigned char>(Text[End])) || Text[End] == '_'))
    ++End;
  if (End == Byte && End < Text.size())
    ++End;
  SourceLocation Last = Where;
  Last.Column = End + 1;
  return {{"start", Start}, {"end", lspPosition(Last, Lines)}};
}

int lspSeverity(Severity Level) {
  switch (Level) {
  case Severity::Error:
    return 1;
  case Severity::Warning:
    return 2;
  case Severity::Note:
    return 3;
  }
  return 2;
}

} // namespace

nlohmann::json lspDiagnostic(const Finding &F, const LineSource &Lines,
                             const std::string &RuleBase) {
  nlohmann::json D = {{"range", wordRange(F.Where, Lines)},
                      {"severity", lspSeverity(F.Level)},
                      {"source", "leash"},
                      {"message", F.Message}};
  if (!F.Rule.empty()) {
    D["code"] = F.Rule;
    if (F.Rule.rfind("leash-", 0) == 0)
      D["codeDescription"] = {{"href", RuleBase + "rules/" + F.Rule + ".md"}};
  }
  nlohmann::json Related = nlohmann::json::array();
  for (const Note &N : F.Notes) {
    nlohmann::json Position = lspPosition(N.Where, Lines);
    Related.push_back({{"location",
                        {{"uri", pathToUri(N.Where.File)},
                         {"range", {{"start", Position}, {"end", Position}}}}},
                       {"message", N.Message}});
  }
  if (!Related.empty())
    D["relatedInformation"] = std::move(Related);
  return D;
}

} // namespace leash
