#pragma once
#include <string>
#include <vector>

namespace kesip {

// QR code modules for a text (UTF-8, byte mode, error correction M). Empty when the text is too long.
struct QrModules {
    int size = 0;
    std::vector<bool> dark; // row-major, size*size
    bool at(int x, int y) const { return dark[size_t(y) * size_t(size) + size_t(x)]; }
};
QrModules makeQr(const std::string& text);

} // namespace kesip
