#pragma once
#include <string>

namespace kesip {

// Where the local database lives when --data-dir is not given: $XDG_DATA_HOME/kesip, else
// ~/.local/share/kesip.
std::string defaultDataDir();
// Creates the directory (and parents); returns an empty string on success, else the OS error text.
std::string ensureWritableDir(const std::string& dir);
std::string executableDir();
// Locale bundles, instruments and content: `given`, else beside the binary (build tree), else
// <prefix>/share/kesip (installed).
std::string findResourceDir(const std::string& given);
bool fileExists(const std::string& path);
bool readFile(const std::string& path, std::string& out);

} // namespace kesip
