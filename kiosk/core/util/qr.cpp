#include "util/qr.hpp"

#include <qrcodegen.hpp>

namespace kesip {

QrModules makeQr(const std::string& text) {
    QrModules q;
    try {
        auto code = qrcodegen::QrCode::encodeText(text.c_str(), qrcodegen::QrCode::Ecc::MEDIUM);
        q.size = code.getSize();
        q.dark.resize(size_t(q.size) * size_t(q.size));
        for (int y = 0; y < q.size; ++y)
            for (int x = 0; x < q.size; ++x)
                q.dark[size_t(y) * size_t(q.size) + size_t(x)] = code.getModule(x, y);
    } catch (const qrcodegen::data_too_long&) {
        q = {};
    }
    return q;
}

} // namespace kesip
