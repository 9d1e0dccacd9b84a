#pragma once
// The one on-screen keyboard (search.cpp's onScreenKeyboard: layouts and key ###ids from the locale root
// bundle) typing into something other than the search query: each key's intent is re-addressed to the
// screen's own, so every screen with a keyboard shows the same keys and the tests tap the same ids.
#include <variant>

#include "ui/screens/screens.hpp"

namespace kesip::ui {

// TypeI{text}, BackI{}, ClearI{}, LayoutI{layout} stand for intent::Type, Backspace, ClearQuery and
// KeyboardLayout.
template <class TypeI, class BackI, class ClearI, class LayoutI>
void onScreenKeyboardAs(Ui& ui, int layout, ImVec2 origin, float width, Intents& out) {
    Intents keys;
    onScreenKeyboard(ui, layout, origin, width, keys);
    for (const Intent& k : keys) {
        if (const auto* typed = std::get_if<intent::Type>(&k))
            out.emit(TypeI{typed->text});
        else if (std::holds_alternative<intent::Backspace>(k))
            out.emit(BackI{});
        else if (std::holds_alternative<intent::ClearQuery>(k))
            out.emit(ClearI{});
        else if (const auto* l = std::get_if<intent::KeyboardLayout>(&k))
            out.emit(LayoutI{l->layout});
    }
}

} // namespace kesip::ui
