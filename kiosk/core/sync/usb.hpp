#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace kesip::sync {

struct Stick {
    std::string path;  // mount point (or a plain directory in tests)
    std::string label; // filesystem label when known, else the mount point's name; printable (stickLabel)
    uint64_t freeBytes = 0, totalBytes = 0;
    bool writable = false;
};

// Removable media mounted under one of `roots` (default /media, /run/media, /mnt), read from
// /proc/self/mountinfo (or `mountinfo` for tests). A root that is itself a plain directory with a
// "kesip-stick" marker file counts as a stick too, so tests and demos need no real device.
std::vector<Stick> findSticks(const std::vector<std::string>& roots,
                              const std::string& mountinfo = "/proc/self/mountinfo");
std::vector<std::string> defaultStickRoots();
// Label, free space and writability of one directory.
Stick describeStick(const std::string& path);

// A stick the automount refused (kesip-automount writes one small file per device into `dir`,
// "TYPE<tab>LABEL"): only FAT and exFAT sticks are mounted, and staff are told why another one is not there.
struct RefusedStick {
    std::string label, fsType;
};
std::vector<RefusedStick> refusedSticks(const std::string& dir = "/run/kesip-automount/refused");

// Mount points from mountinfo text (field 5), with the kernel's octal escapes (\040 for space) decoded.
std::vector<std::string> parseMountPoints(const std::string& mountinfoText);

} // namespace kesip::sync
