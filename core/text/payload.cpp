#include "core/text/payload.h"

#include <QCoreApplication>
#include <QLocale>

#include <cmath>

namespace core {

namespace {

int hexValue(QChar c)
{
    const ushort u = c.unicode();
    if (u >= '0' && u <= '9')
        return u - '0';
    if (u >= 'a' && u <= 'f')
        return u - 'a' + 10;
    if (u >= 'A' && u <= 'F')
        return u - 'A' + 10;
    return -1;
}

bool isHexSeparator(QChar c)
{
    return c.isSpace() || c == QLatin1Char(':') || c == QLatin1Char(',') || c == QLatin1Char('-');
}

constexpr char kHexDigits[] = "0123456789abcdef";

void appendHexByte(QString &out, unsigned char byte)
{
    out += QLatin1Char(kHexDigits[byte >> 4]);
    out += QLatin1Char(kHexDigits[byte & 0xf]);
}

QString describeChar(QChar c)
{
    if (c.isPrint() && !c.isSpace())
        return QStringLiteral("'%1'").arg(c);
    return QStringLiteral("U+%1").arg(c.unicode(), 4, 16, QLatin1Char('0'));
}

// Python's str.isprintable() for one code point: not Other (Cc Cf Cs Co Cn) and not a separator
// other than the ASCII space.
bool isPythonPrintable(char32_t c)
{
    if (c == U' ')
        return true;
    switch (QChar::category(c)) {
    case QChar::Other_Control:
    case QChar::Other_Format:
    case QChar::Other_Surrogate:
    case QChar::Other_PrivateUse:
    case QChar::Other_NotAssigned:
    case QChar::Separator_Space:
    case QChar::Separator_Line:
    case QChar::Separator_Paragraph:
        return false;
    default:
        return true;
    }
}

} // namespace

Result<QByteArray> decodeEscapes(QStringView text)
{
    QByteArray out;
    out.reserve(text.size());
    qsizetype runStart = 0; // start of the plain run not yet encoded
    auto flushRun = [&](qsizetype end) {
        if (end > runStart)
            out += text.mid(runStart, end - runStart).toUtf8();
    };
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (text.at(i) != QLatin1Char('\\'))
            continue;
        flushRun(i);
        if (i + 1 >= text.size())
            return Result<QByteArray>::failure(
                QCoreApplication::translate("core", "lone backslash at the end (write \\\\ for a backslash)"), int(i));
        const QChar e = text.at(i + 1);
        char byte = 0;
        qsizetype consumed = 2;
        switch (e.unicode()) {
        case 'r': byte = '\r'; break;
        case 'n': byte = '\n'; break;
        case 't': byte = '\t'; break;
        case '0': byte = '\0'; break;
        case 'a': byte = '\a'; break;
        case 'b': byte = '\b'; break;
        case 'f': byte = '\f'; break;
        case 'v': byte = '\v'; break;
        case 'e': byte = '\x1b'; break;
        case '\\': byte = '\\'; break;
        case '\'': byte = '\''; break;
        case '"': byte = '"'; break;
        case 'x': {
            const int hi = i + 2 < text.size() ? hexValue(text.at(i + 2)) : -1;
            const int lo = i + 3 < text.size() ? hexValue(text.at(i + 3)) : -1;
            if (hi < 0 || lo < 0)
                return Result<QByteArray>::failure(
                    QCoreApplication::translate("core", "\\x at character %1 needs two hex digits (\\x00-\\xff)").arg(i + 1), int(i));
            byte = char(hi * 16 + lo);
            consumed = 4;
            break;
        }
        default:
            return Result<QByteArray>::failure(
                QCoreApplication::translate("core", "unknown escape \\%1 at character %2 (use \\r \\n \\t \\0 \\\\ or \\xNN)").arg(e).arg(i + 1),
                int(i));
        }
        out += byte;
        i += consumed - 1;
        runStart = i + 1;
    }
    flushRun(text.size());
    return out;
}

Result<QByteArray> decodeHex(QStringView text)
{
    QByteArray out;
    out.reserve(text.size() / 2);
    qsizetype i = 0;
    while (i < text.size()) {
        if (isHexSeparator(text.at(i))) {
            ++i;
            continue;
        }
        // A group: optional 0x, then an even number of digits up to the next separator.
        if (text.at(i) == QLatin1Char('0') && i + 1 < text.size()
            && (text.at(i + 1) == QLatin1Char('x') || text.at(i + 1) == QLatin1Char('X'))) {
            i += 2;
        }
        const qsizetype groupStart = i;
        while (i < text.size() && !isHexSeparator(text.at(i))) {
            const int hi = hexValue(text.at(i));
            if (hi < 0)
                return Result<QByteArray>::failure(
                    QCoreApplication::translate("core", "%1 at character %2 is not a hex digit").arg(describeChar(text.at(i))).arg(i + 1), int(i));
            if (i + 1 >= text.size() || isHexSeparator(text.at(i + 1)))
                return Result<QByteArray>::failure(
                    QCoreApplication::translate("core", "odd number of hex digits: '%1' at character %2 has no pair")
                        .arg(text.at(i)).arg(i + 1), int(i));
            const int lo = hexValue(text.at(i + 1));
            if (lo < 0)
                return Result<QByteArray>::failure(
                    QCoreApplication::translate("core", "%1 at character %2 is not a hex digit").arg(describeChar(text.at(i + 1))).arg(i + 2),
                    int(i + 1));
            out += char(hi * 16 + lo);
            i += 2;
        }
        if (i == groupStart)
            return Result<QByteArray>::failure(QCoreApplication::translate("core", "0x at character %1 has no digits").arg(i - 1), int(i - 2));
    }
    return out;
}

QString escapedText(QByteArrayView bytes, qsizetype maxBytes)
{
    const bool cut = maxBytes >= 0 && bytes.size() > maxBytes;
    const QByteArrayView shown = cut ? bytes.first(maxBytes) : bytes;
    QString out;
    out.reserve(shown.size() + 8);
    for (const char ch : shown) {
        const unsigned char c = static_cast<unsigned char>(ch);
        switch (c) {
        case '\r': out += QLatin1String("\\r"); break;
        case '\n': out += QLatin1String("\\n"); break;
        case '\t': out += QLatin1String("\\t"); break;
        case '\\': out += QLatin1String("\\\\"); break;
        default:
            if (c >= 0x20 && c < 0x7f) {
                out += QLatin1Char(char(c));
            } else {
                out += QLatin1String("\\x");
                appendHexByte(out, c);
            }
        }
    }
    if (cut)
        out += QChar(0x2026);
    return out;
}

namespace {

// The length of the UTF-8 sequence a lead byte starts, or 0 when it starts none.
int utf8Length(unsigned char lead)
{
    if (lead >= 0xc2 && lead <= 0xdf)
        return 2;
    if (lead >= 0xe0 && lead <= 0xef)
        return 3;
    if (lead >= 0xf0 && lead <= 0xf4)
        return 4;
    return 0;
}

} // namespace

QString editableText(QByteArrayView bytes)
{
    QString out;
    out.reserve(bytes.size() + 8);
    qsizetype i = 0;
    while (i < bytes.size()) {
        const unsigned char c = static_cast<unsigned char>(bytes[i]);
        const int length = c >= 0x80 ? utf8Length(c) : 0;
        if (length > 0 && i + length <= bytes.size()) {
            const QByteArrayView sequence = bytes.sliced(i, length);
            // Round trip through QString: overlong forms and surrogates come back different.
            const QString character = QString::fromUtf8(sequence);
            const QList<uint> points = character.toUcs4();
            if (character.toUtf8() == sequence && points.size() == 1 && QChar::isPrint(char32_t(points[0]))) {
                out += character;
                i += length;
                continue;
            }
        }
        out += escapedText(bytes.sliced(i, 1));
        ++i;
    }
    return out;
}

QString pythonBytesLiteral(QByteArrayView bytes)
{
    // CPython: single quotes unless the data has ' and no ", then double quotes.
    const bool useDouble = bytes.contains('\'') && !bytes.contains('"');
    const char quote = useDouble ? '"' : '\'';
    QString out;
    out.reserve(bytes.size() + 3);
    out += QLatin1Char('b');
    out += QLatin1Char(quote);
    for (const char ch : bytes) {
        const unsigned char c = static_cast<unsigned char>(ch);
        if (c == static_cast<unsigned char>(quote) || c == '\\') {
            out += QLatin1Char('\\');
            out += QLatin1Char(char(c));
        } else if (c == '\t') {
            out += QLatin1String("\\t");
        } else if (c == '\n') {
            out += QLatin1String("\\n");
        } else if (c == '\r') {
            out += QLatin1String("\\r");
        } else if (c < 0x20 || c >= 0x7f) {
            out += QLatin1String("\\x");
            appendHexByte(out, c);
        } else {
            out += QLatin1Char(char(c));
        }
    }
    out += QLatin1Char(quote);
    return out;
}

QString pythonFloatRepr(double value)
{
    if (std::isnan(value))
        return QStringLiteral("nan");
    if (std::isinf(value))
        return value > 0 ? QStringLiteral("inf") : QStringLiteral("-inf");
    QString text = QString::number(value, 'g', QLocale::FloatingPointShortest);
    if (!text.contains(QLatin1Char('.')) && !text.contains(QLatin1Char('e')))
        text += QLatin1String(".0");
    return text;
}

QString pythonFloatArgument(double value)
{
    if (std::isnan(value) || std::isinf(value))
        return QStringLiteral("float('%1')").arg(pythonFloatRepr(value));
    return pythonFloatRepr(value);
}

QString pythonStrLiteral(const QString &text)
{
    const bool useDouble = text.contains(QLatin1Char('\'')) && !text.contains(QLatin1Char('"'));
    const QChar quote = useDouble ? QLatin1Char('"') : QLatin1Char('\'');
    QString out = quote;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        char32_t code = c.unicode();
        if (c.isHighSurrogate() && i + 1 < text.size() && text.at(i + 1).isLowSurrogate())
            code = QChar::surrogateToUcs4(c, text.at(++i)); // a lone surrogate stays one, as \udcxx
        if (code == quote.unicode() || code == U'\\') {
            out += QLatin1Char('\\');
            out += c;
        } else if (code == U'\n') {
            out += QLatin1String("\\n");
        } else if (code == U'\r') {
            out += QLatin1String("\\r");
        } else if (code == U'\t') {
            out += QLatin1String("\\t");
        } else if (code < 0x7f && code >= 0x20) {
            out += c;
        } else if (!isPythonPrintable(code)) {
            // Python: \xNN below 0x100, \uNNNN below 0x10000, else \UNNNNNNNN; lowercase hex.
            const int width = code < 0x100 ? 2 : code < 0x10000 ? 4 : 8;
            out += QLatin1Char('\\');
            out += QLatin1Char(width == 2 ? 'x' : width == 4 ? 'u' : 'U');
            out += QStringLiteral("%1").arg(uint(code), width, 16, QLatin1Char('0'));
        } else {
            out += QString::fromUcs4(&code, 1);
        }
    }
    return out + quote;
}

QString pythonBytesArgument(QByteArrayView bytes)
{
    constexpr qsizetype kLimit = 256;
    if (bytes.size() <= kLimit)
        return pythonBytesLiteral(bytes);
    if (bytes.count('\0') == bytes.size())
        return QStringLiteral("bytes(%1)").arg(bytes.size());
    return QStringLiteral("%1…<%2 bytes>").arg(pythonBytesLiteral(bytes.first(48))).arg(bytes.size());
}

QString spacedHex(QByteArrayView bytes)
{
    QString out;
    out.reserve(bytes.size() * 3);
    for (qsizetype i = 0; i < bytes.size(); ++i) {
        if (i)
            out += QLatin1Char(' ');
        appendHexByte(out, static_cast<unsigned char>(bytes[i]));
    }
    return out;
}

QStringList hexDumpLines(QByteArrayView bytes, qsizetype maxLines)
{
    constexpr qsizetype kWidth = 16;
    QStringList lines;
    for (qsizetype offset = 0; offset < bytes.size(); offset += kWidth) {
        if (maxLines >= 0 && lines.size() >= maxLines)
            break;
        const QByteArrayView row = bytes.sliced(offset, std::min(kWidth, bytes.size() - offset));
        QString line = QStringLiteral("%1  ").arg(offset, 8, 16, QLatin1Char('0'));
        for (qsizetype i = 0; i < kWidth; ++i) {
            if (i < row.size()) {
                appendHexByte(line, static_cast<unsigned char>(row[i]));
                line += QLatin1Char(' ');
            } else {
                line += QLatin1String("   ");
            }
            if (i == 7)
                line += QLatin1Char(' ');
        }
        line += QLatin1String(" |");
        for (const char ch : row) {
            const unsigned char c = static_cast<unsigned char>(ch);
            line += (c >= 0x20 && c < 0x7f) ? QLatin1Char(char(c)) : QLatin1Char('.');
        }
        line += QLatin1Char('|');
        lines += line;
    }
    return lines;
}

QString byteFormName(ByteForm form)
{
    switch (form) {
    case ByteForm::Text: return QStringLiteral("text");
    case ByteForm::Hex: return QStringLiteral("hex");
    case ByteForm::File: return QStringLiteral("file");
    }
    return {};
}

bool byteFormFromName(const QString &name, ByteForm *form)
{
    for (ByteForm f : {ByteForm::Text, ByteForm::Hex, ByteForm::File}) {
        if (name == byteFormName(f)) {
            *form = f;
            return true;
        }
    }
    return false;
}

} // namespace core
