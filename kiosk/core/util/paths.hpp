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

// A fresh private directory under the system temp dir (mkdtemp: unpredictable name, mode 0700), removed
// with everything in it when the object goes. Names built from the pid are not used: pids repeat (a
// container's pid counter wraps) and a leftover directory from an earlier process would be reused.
class TempDir {
  public:
    explicit TempDir(const std::string& prefix);
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::string& path() const { return path_; } // empty if it could not be created
    bool ok() const { return !path_.empty(); }

  private:
    std::string path_;
};

} // namespace kesip
