#pragma once
#include <string>

namespace kesip::app {

// Writes 8-bit RGBA rows as a PNG with libpng at zlib's fastest level and run-length matching (flat UI
// colours compress well that way): a 1920x1080 screenshot in a few ms instead of stb's ~100 ms. The file
// is larger than it could be; screenshots are for tests and looking, not for storage.
bool writePngFast(const std::string& path, int width, int height, const unsigned char* rgba, int stride,
                  std::string& error);

} // namespace kesip::app
