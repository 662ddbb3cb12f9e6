// libFuzzer target: core::decodeHex, the composer's hex decoder.
// Invariants: decodeHex(spacedHex(x)) == x for any bytes x; what decodes re-encodes to the same
// bytes; a failure names a position inside the text; the output is at most half the input.
#include "tests/fuzz/fuzzinput.h"

#include "core/text/payload.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    const QString spaced = core::spacedHex(bytes);
    const auto back = core::decodeHex(spaced);
    fuzz::check(back.ok() && back.value() == bytes, "decodeHex(spacedHex(x)) == x", spaced);

    if (size == 0)
        return 0;
    const QString typed = fuzz::text(data + 1, size - 1, data[0] & 1);
    const auto decoded = core::decodeHex(typed);
    if (!decoded) {
        const int at = decoded.error().position;
        fuzz::check(at >= 0 && at < typed.size(), "error position inside the text", decoded.error().message);
        return 0;
    }
    fuzz::check(decoded.value().size() <= typed.size() / 2, "at most one byte per two characters", typed);
    const auto again = core::decodeHex(core::spacedHex(decoded.value()));
    fuzz::check(again.ok() && again.value() == decoded.value(), "decoded bytes survive spacedHex", typed);
    core::hexDumpLines(decoded.value(), data[0] >> 1);
    return 0;
}
