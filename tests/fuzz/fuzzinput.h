#pragma once

#include <QByteArray>
#include <QString>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

// Shared by the libFuzzer targets: how raw fuzz bytes become the text a person would type, and
// how a broken invariant is reported (libFuzzer keeps the input that aborts).
namespace fuzz {

// The text after an optional selector byte: UTF-8 normally (what a line edit or a file gives),
// or raw UTF-16 when utf16 is set, so unpaired surrogates and NULs reach the parser too.
inline QString text(const uint8_t *data, size_t size, bool utf16)
{
    if (utf16)
        return QString::fromUtf16(reinterpret_cast<const char16_t *>(data), qsizetype(size / 2));
    return QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
}

[[noreturn]] inline void fail(const char *what, const QString &detail)
{
    std::fprintf(stderr, "invariant broken: %s\n  %s\n", what, detail.toUtf8().constData());
    std::abort();
}

inline void check(bool condition, const char *what, const QString &detail = QString())
{
    if (!condition)
        fail(what, detail);
}

} // namespace fuzz
