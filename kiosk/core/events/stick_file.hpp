#pragma once
#include <cstddef>
#include <string>

namespace kesip::events {

enum class StickRead { Ok, Missing, NotRegular, TooBig, Io, Timeout };

// Reads <stickRoot>/<dir>/<name> as hostile input (THREATS.md, rules for a stick): the folder and the
// file are opened with openat from checked descriptors, never following a link (O_NOFOLLOW), without
// blocking on a FIFO or device (O_NONBLOCK), and must be a regular file of at most maxBytes; reading
// stops when timeoutMs has passed. A read() that hangs on a dying device cannot be interrupted here:
// callers on the UI thread run this on a worker (see ImportJob).
// The same rules as sync::StickDir (stick_io.hpp), plus a deadline inside the read loop, which
// StickDir::readSmall has not (it reads signatures of a few bytes).
StickRead readStickFile(const std::string& stickRoot, const char* dir, const char* name, size_t maxBytes,
                        int timeoutMs, std::string& out);

} // namespace kesip::events
