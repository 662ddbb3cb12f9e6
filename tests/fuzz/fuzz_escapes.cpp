// libFuzzer target: core::decodeEscapes, the composer's "text with escapes" decoder.
// Invariants: decodeEscapes(escapedText(x)) == x and decodeEscapes(editableText(x)) == x for
// any bytes x, and for any text that decodes, re-escaping its bytes and decoding again gives the
// same bytes. A failure names a position inside the text.
#include "tests/fuzz/fuzzinput.h"

#include "core/text/payload.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    const QString shown = core::escapedText(bytes);
    const auto back = core::decodeEscapes(shown);
    fuzz::check(back.ok(), "escapedText output decodes", shown);
    fuzz::check(back.value() == bytes, "decodeEscapes(escapedText(x)) == x", shown);
    const QString editable = core::editableText(bytes);
    const auto edited = core::decodeEscapes(editable);
    fuzz::check(edited.ok() && edited.value() == bytes, "decodeEscapes(editableText(x)) == x", editable);

    if (size == 0)
        return 0;
    const QString typed = fuzz::text(data + 1, size - 1, data[0] & 1);
    const auto decoded = core::decodeEscapes(typed);
    if (!decoded) {
        const int at = decoded.error().position;
        fuzz::check(at >= 0 && at < typed.size(), "error position inside the text", decoded.error().message);
        return 0;
    }
    const auto again = core::decodeEscapes(core::escapedText(decoded.value()));
    fuzz::check(again.ok() && again.value() == decoded.value(), "decoded bytes survive escapedText", typed);
    core::pythonBytesLiteral(decoded.value());
    core::escapedText(decoded.value(), data[0] >> 1);
    return 0;
}
