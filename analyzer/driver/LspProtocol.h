//===--- LspProtocol.h - The wire side of `leash lsp` ---------------------===//
///
/// \file
/// What `leash lsp` needs of the Language Server Protocol that does not
/// depend on Clang: JSON-RPC messages framed by Content-Length headers over
/// a pair of file descriptors, positions in UTF-16 code units (LSP's
/// default; Clang counts bytes), and leash's findings as LSP diagnostics.
///
//===----------------------------------------------------------------------===//

#ifndef LEASH_DRIVER_LSPPROTOCOL_H
#define LEASH_DRIVER_LSPPROTOCOL_H

#include "Finding.h"

#include <nlohmann/json.hpp>

#include <functional>
#include <mutex>
#include <optional>
#include <string>

namespace leash {

/// JSON-RPC error codes that the server answers with.
enum RpcError : int {
  ParseError = -32700,
  InvalidRequest = -32600,
  MethodNotFound = -32601,
  InvalidParams = -32602,
  ServerNotInitialized = -32002,
};

/// Reads framed messages from a file descriptor.
class MessageReader {
public:
  explicit MessageReader(int Fd) : Fd(Fd) {}
  /// The next message's body; nothing at the end of the input (or when the
  /// framing is beyond repair: a header without Content-Length).
  std::optional<std::string> read();

private:
  bool fill();
  int Fd;
  std::string Buffer;
};

/// Writes framed messages to a file descriptor; safe from any thread, so
/// that the analysis thread can publish while the reader answers requests.
class MessageWriter {
public:
  explicit MessageWriter(int Fd) : Fd(Fd) {}
  void write(const nlohmann::json &Message);

private:
  int Fd;
  std::mutex Lock;
};

/// The UTF-16 column (0-based) of the byte column \p ByteColumn (1-based, as
/// Clang's) in \p Line, a line of UTF-8 text.
unsigned utf16Column(const std::string &Line, unsigned ByteColumn);

/// `file://` URI of an absolute path, and back (percent-encoding decoded).
std::string pathToUri(const std::string &Path);
std::string uriToPath(const std::string &Uri);

/// The text of line \p Line (1-based) of a file, for column conversion.
using LineSource =
    std::function<std::string(const std::string &File, unsigned Line)>;

/// An LSP Position of \p Where.
nlohmann::json lspPosition(const SourceLocation &Where,
                           const LineSource &Lines);

/// The LSP diagnostic of \p F: severity, the range of its location (to the
/// end of the word there), `code` the rule, `codeDescription.href`
/// `<RuleBase>rules/<rule>.md` for leash's rules, `source` "leash", and the
/// notes as related information.
nlohmann::json lspDiagnostic(const Finding &F, const LineSource &Lines,
                             const std::string &RuleBase);

} // namespace leash

#endif // LEASH_DRIVER_LSPPROTOCOL_H
