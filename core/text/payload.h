#pragma once

#include "core/base/result.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>
#include <QStringList>

namespace core {

// Payload codecs: how people type bytes, and how bytes are shown back to them.

// How a person writes bytes: in the composer, a rule, a schedule, a saved payload.
enum class ByteForm : quint8 {
    Text, // text with escapes (decodeEscapes); in a template, with macros too
    Hex,  // hex digits (decodeHex); in a hex pattern, ?? stands for any byte
    File, // a file's path: its bytes
};
QString byteFormName(ByteForm form); // "text", "hex", "file" (session and payload files)
bool byteFormFromName(const QString &name, ByteForm *form);

// Text with escapes: \r \n \t \0 \a \b \f \v \\ \' \" and \xNN; every other character is
// encoded as UTF-8. A bad escape is an error naming its position (0-based, in characters).
Result<QByteArray> decodeEscapes(QStringView text);

// Hex digits, optionally grouped by spaces, tabs, newlines, colons, commas or dashes, each group
// optionally prefixed 0x. A group with an odd number of digits or a stray character is an error
// naming its position.
Result<QByteArray> decodeHex(QStringView text);

// The inverse of decodeEscapes for display, written as Python writes bytes: printable ASCII as
// is, \r \n \t \\ and \xNN for the rest (NUL is \x00, as in repr()). decodeEscapes(escapedText(x)) == x. maxBytes < 0 means all; otherwise "…" marks a cut.
QString escapedText(QByteArrayView bytes, qsizetype maxBytes = -1);

// Bytes as text to edit (the composer's Text mode): UTF-8 characters that print are kept as they
// are (é, 中), everything else is escaped as escapedText() does. decodeEscapes(editableText(x)) == x.
QString editableText(QByteArrayView bytes);

// Python's repr() of a bytes object: b'hi\r\n', b"it's", b'\x00\xff'.
QString pythonBytesLiteral(QByteArrayView bytes);

// Python's repr() of a str: 'x', "it's", '\n'.
QString pythonStrLiteral(const QString &text);

// Python's repr() of a float: 2.0, 0.5, 1e-09, 1e+16, inf, nan.
QString pythonFloatRepr(double value);
// A float as Python source writes it: the repr, except float('inf') and float('nan').
QString pythonFloatArgument(double value);

// A bytes argument for a journal line: the literal when short, else a prefix and the size.
QString pythonBytesArgument(QByteArrayView bytes);

// Lowercase hex bytes separated by spaces: "48 65 6c".
QString spacedHex(QByteArrayView bytes);

// hexdump -C style lines: offset, 16 bytes in two groups of 8, and the ASCII column.
QStringList hexDumpLines(QByteArrayView bytes, qsizetype maxLines = -1);

} // namespace core
