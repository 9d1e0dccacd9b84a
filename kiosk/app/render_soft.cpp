#include "app/render_soft.hpp"

#include <algorithm>
#include <cmath>

namespace kesip::app {

namespace {

// SDL's software rasteriser truncates vertex positions to whole pixels and then covers the pixels whose
// centres lie inside: the fast paths do the same, so their shapes meet SDL-drawn neighbours (anti-aliased
// fringes) without seams.
int snap(float v) {
    return int(v);
}
// First pixel whose centre lies at or after the (snapped) edge `v`.
int centreEdge(float v) {
    return int(std::ceil(v - 0.5f));
}

bool sameUv(const ImDrawVert& a, const ImDrawVert& b) {
    return a.uv.x == b.uv.x && a.uv.y == b.uv.y;
}

// Triangles (a b c) (a c d) with a..d the corners of an axis-aligned rectangle clockwise from top left,
// one colour, and UVs either constant or spanning a texture rectangle the same way: how ImGui emits
// PrimRect / PrimRectUV and every glyph.
bool quadAt(const ImDrawVert* v, const ImDrawIdx* ix, const ImDrawVert*& tl, const ImDrawVert*& br) {
    if (ix[3] != ix[0] || ix[4] != ix[2]) return false;
    const ImDrawVert &a = v[ix[0]], &b = v[ix[1]], &c = v[ix[2]], &d = v[ix[5]];
    if (!(a.pos.y == b.pos.y && b.pos.x == c.pos.x && c.pos.y == d.pos.y && d.pos.x == a.pos.x &&
          a.pos.x < b.pos.x && a.pos.y < d.pos.y))
        return false;
    if (a.col != b.col || a.col != c.col || a.col != d.col) return false;
    const bool flat = sameUv(a, b) && sameUv(a, c) && sameUv(a, d);
    const bool spans = a.uv.y == b.uv.y && b.uv.x == c.uv.x && c.uv.y == d.uv.y && d.uv.x == a.uv.x &&
                       a.uv.x < b.uv.x && a.uv.y < d.uv.y;
    if (!flat && !spans) return false;
    tl = &a;
    br = &c;
    return true;
}

} // namespace

SoftRenderer::~SoftRenderer() {
    destroyFonts();
}

bool SoftRenderer::uploadFonts(ImFontAtlas& atlas) {
    destroyFonts();
    unsigned char* alpha = nullptr;
    int w = 0, h = 0;
    atlas.GetTexDataAsAlpha8(&alpha, &w, &h);
    font_ = SDL_CreateTexture(r_, SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_STREAMING, w, h);
    if (!font_) return false;
    void* pixels = nullptr;
    int pitch = 0;
    if (SDL_LockTexture(font_, nullptr, &pixels, &pitch) != 0) return false;
    for (int y = 0; y < h; ++y) {
        auto* row =
            reinterpret_cast<Uint32*>(static_cast<unsigned char*>(pixels) + size_t(y) * size_t(pitch));
        const unsigned char* src = alpha + size_t(y) * size_t(w);
        for (int x = 0; x < w; ++x) row[x] = (Uint32(src[x]) << 24) | 0x00FFFFFFu;
    }
    SDL_UnlockTexture(font_);
    SDL_SetTextureBlendMode(font_, SDL_BLENDMODE_BLEND);
    texW_ = w;
    texH_ = h;
    white_ = atlas.TexUvWhitePixel;
    texColor_ = 0xFFFFFFFFu;
    atlas.SetTexID(static_cast<ImTextureID>(font_));
    atlas.ClearTexData(); // the texture holds the pixels now
    return true;
}

void SoftRenderer::destroyFonts() {
    if (font_) SDL_DestroyTexture(font_);
    font_ = nullptr;
}

void SoftRenderer::drawQuad(SDL_Texture* tex, const ImDrawVert& tl, const ImDrawVert& br) {
    const ImU32 col = tl.col;
    const Uint8 r = Uint8(col >> IM_COL32_R_SHIFT), g = Uint8(col >> IM_COL32_G_SHIFT),
                b = Uint8(col >> IM_COL32_B_SHIFT), a = Uint8(col >> IM_COL32_A_SHIFT);
    if (a == 0) return;
    SDL_Rect dst{snap(tl.pos.x), snap(tl.pos.y), 0, 0};
    dst.w = snap(br.pos.x) - dst.x;
    dst.h = snap(br.pos.y) - dst.y;
    if (dst.w <= 0 || dst.h <= 0) return;
    const bool flat = !tex || sameUv(tl, br) || (tl.uv.x == white_.x && tl.uv.y == white_.y);
    if (flat) {
        if (col != drawColor_) SDL_SetRenderDrawColor(r_, r, g, b, a), drawColor_ = col;
        const bool blend = a != 255;
        if (blend != drawBlend_)
            SDL_SetRenderDrawBlendMode(r_, blend ? SDL_BLENDMODE_BLEND : SDL_BLENDMODE_NONE),
                drawBlend_ = blend;
        SDL_RenderFillRect(r_, &dst);
        return;
    }
    const SDL_Rect src{int(std::lround(tl.uv.x * float(texW_))), int(std::lround(tl.uv.y * float(texH_))),
                       int(std::lround((br.uv.x - tl.uv.x) * float(texW_))),
                       int(std::lround((br.uv.y - tl.uv.y) * float(texH_)))};
    if (col != texColor_) {
        SDL_SetTextureColorMod(tex, r, g, b);
        SDL_SetTextureAlphaMod(tex, a);
        texColor_ = col;
    }
    SDL_RenderCopy(r_, tex, &src, &dst);
}

// Triangles [from, to) in order: fans of one colour sampling only the white pixel (ImGui's filled convex
// shapes: consecutive triangles sharing their first vertex) are filled as spans; the rest (anti-aliased
// fringes, textured lines) go to SDL_RenderGeometry.
void SoftRenderer::drawTriangles(SDL_Texture* tex, const ImDrawList& list, const ImDrawCmd& cmd,
                                 unsigned from, unsigned to) {
    const ImDrawVert* v = list.VtxBuffer.Data + cmd.VtxOffset;
    const ImDrawIdx* ix = list.IdxBuffer.Data + cmd.IdxOffset;
    auto plain = [&](unsigned k) {
        const ImDrawVert &a = v[ix[k]], &b = v[ix[k + 1]], &c = v[ix[k + 2]];
        return a.col == b.col && a.col == c.col && a.uv.x == white_.x && a.uv.y == white_.y && sameUv(a, b) &&
               sameUv(a, c);
    };
    unsigned other = from, k = from;
    while (k + 3 <= to) {
        if (!plain(k)) {
            k += 3;
            continue;
        }
        unsigned e = k + 3;
        while (e + 3 <= to && ix[e] == ix[k] && plain(e) && v[ix[e]].col == v[ix[k]].col) e += 3;
        geometry(tex, list, cmd, other, k);
        fillFan(v, ix + k, e - k);
        other = k = e;
    }
    geometry(tex, list, cmd, other, to);
}

// Scanline fill of a convex fan: each pixel row covered from the leftmost to the rightmost crossing of its
// centre line, rows with the same span merged into one rectangle.
void SoftRenderer::fillFan(const ImDrawVert* v, const ImDrawIdx* ix, unsigned count) {
    const ImU32 col = v[ix[0]].col;
    const Uint8 a = Uint8(col >> IM_COL32_A_SHIFT);
    if (a == 0) return;
    float top = float(snap(v[ix[0]].pos.y)), bottom = top;
    for (unsigned k = 0; k < count; ++k) {
        const float y = float(snap(v[ix[k]].pos.y));
        top = std::min(top, y), bottom = std::max(bottom, y);
    }
    spans_.clear();
    for (int y = centreEdge(top), y1 = centreEdge(bottom); y < y1; ++y) {
        const float yc = float(y) + 0.5f;
        float l = 1e30f, r = -1e30f;
        for (unsigned k = 0; k < count; k += 3)
            for (int e = 0; e < 3; ++e) {
                const ImVec2 &pf = v[ix[k + unsigned(e)]].pos, &qf = v[ix[k + unsigned(e + 1) % 3]].pos;
                const ImVec2 p(float(snap(pf.x)), float(snap(pf.y))), q(float(snap(qf.x)), float(snap(qf.y)));
                if ((p.y <= yc) == (q.y <= yc)) continue; // this edge does not cross the row's centre
                const float x = p.x + (yc - p.y) * (q.x - p.x) / (q.y - p.y);
                l = std::min(l, x), r = std::max(r, x);
            }
        const int L = centreEdge(l), R = centreEdge(r);
        if (l > r || L >= R) continue;
        if (!spans_.empty() && spans_.back().x == L && spans_.back().w == R - L &&
            spans_.back().y + spans_.back().h == y)
            ++spans_.back().h;
        else
            spans_.push_back({L, y, R - L, 1});
    }
    if (spans_.empty()) return;
    if (col != drawColor_)
        SDL_SetRenderDrawColor(r_, Uint8(col >> IM_COL32_R_SHIFT), Uint8(col >> IM_COL32_G_SHIFT),
                               Uint8(col >> IM_COL32_B_SHIFT), a),
            drawColor_ = col;
    const bool blend = a != 255;
    if (blend != drawBlend_)
        SDL_SetRenderDrawBlendMode(r_, blend ? SDL_BLENDMODE_BLEND : SDL_BLENDMODE_NONE), drawBlend_ = blend;
    SDL_RenderFillRects(r_, spans_.data(), int(spans_.size()));
}

void SoftRenderer::geometry(SDL_Texture* tex, const ImDrawList& list, const ImDrawCmd& cmd, unsigned from,
                            unsigned to) {
    if (from >= to) return;
    const ImDrawVert* v = list.VtxBuffer.Data + cmd.VtxOffset;
    const ImDrawIdx* ix = list.IdxBuffer.Data + cmd.IdxOffset + from;
    const int vertices = list.VtxBuffer.Size - int(cmd.VtxOffset);
    SDL_RenderGeometryRaw(r_, tex, &v->pos.x, int(sizeof(ImDrawVert)),
                          reinterpret_cast<const SDL_Color*>(&v->col), int(sizeof(ImDrawVert)), &v->uv.x,
                          int(sizeof(ImDrawVert)), vertices, ix, int(to - from), int(sizeof(ImDrawIdx)));
}

void SoftRenderer::render(const ImDrawData* dd, SDL_Color clear) {
    SDL_RenderSetClipRect(r_, nullptr);
    drawColor_ = 0;
    drawBlend_ = true;
    SDL_SetRenderDrawBlendMode(r_, SDL_BLENDMODE_BLEND);
    SDL_SetRenderDrawColor(r_, clear.r, clear.g, clear.b, 255);
    SDL_RenderClear(r_);
    const ImVec2 off = dd->DisplayPos;
    for (int n = 0; n < dd->CmdListsCount; ++n) {
        const ImDrawList& list = *dd->CmdLists[n];
        for (const ImDrawCmd& cmd : list.CmdBuffer) {
            if (cmd.UserCallback) {
                if (cmd.UserCallback != ImDrawCallback_ResetRenderState) cmd.UserCallback(&list, &cmd);
                continue;
            }
            const SDL_Rect clip{int(cmd.ClipRect.x - off.x), int(cmd.ClipRect.y - off.y),
                                int(cmd.ClipRect.z - cmd.ClipRect.x), int(cmd.ClipRect.w - cmd.ClipRect.y)};
            if (clip.w <= 0 || clip.h <= 0) continue;
            SDL_RenderSetClipRect(r_, &clip);
            auto* tex = static_cast<SDL_Texture*>(cmd.GetTexID());
            const ImDrawVert* v = list.VtxBuffer.Data + cmd.VtxOffset;
            const ImDrawIdx* ix = list.IdxBuffer.Data + cmd.IdxOffset;
            unsigned runStart = 0, k = 0;
            while (k + 3 <= cmd.ElemCount) {
                const ImDrawVert *tl = nullptr, *br = nullptr;
                if (k + 6 <= cmd.ElemCount && quadAt(v, ix + k, tl, br)) {
                    drawTriangles(tex, list, cmd, runStart, k); // what came before, in order
                    drawQuad(tex, *tl, *br);
                    k += 6;
                    runStart = k;
                } else
                    k += 3;
            }
            drawTriangles(tex, list, cmd, runStart, cmd.ElemCount);
        }
    }
    SDL_RenderSetClipRect(r_, nullptr);
}

} // namespace kesip::app
