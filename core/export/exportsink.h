#pragma once

#include <QByteArray>
#include <QCoreApplication>
#include <QIODevice>
#include <QString>

#include <span>

namespace core {

// What the traffic exports share: which records they write and where the bytes go.

// Either the given indices or every record below a count, read the same way.
struct ExportSelection
{
    std::span<const qsizetype> indices;
    qsizetype all = -1;

    qsizetype size() const { return all >= 0 ? all : qsizetype(indices.size()); }
    qsizetype operator[](qsizetype i) const { return all >= 0 ? i : indices[size_t(i)]; }
};

// Buffers small writes into large ones and remembers the first failure.
class ExportSink
{
public:
    ExportSink(QIODevice &out, QString *error)
        : m_out(out)
        , m_error(error)
    {
        if (!m_out.isWritable())
            fail(QCoreApplication::translate("core", "the device is not open for writing"));
    }

    void add(QByteArrayView bytes)
    {
        if (m_failed)
            return;
        m_buffer += bytes;
        if (m_buffer.size() >= kFlushBytes)
            flush();
    }

    bool finish()
    {
        flush();
        return !m_failed;
    }

    bool failed() const { return m_failed; }

private:
    static constexpr qsizetype kFlushBytes = 1 << 20;

    void flush()
    {
        if (m_failed || m_buffer.isEmpty())
            return;
        if (m_out.write(m_buffer) != m_buffer.size())
            fail(m_out.errorString().isEmpty() ? QCoreApplication::translate("core", "write failed") : m_out.errorString());
        m_buffer.clear();
    }

    void fail(const QString &why)
    {
        m_failed = true;
        if (m_error)
            *m_error = why;
    }

    QIODevice &m_out;
    QString *m_error;
    QByteArray m_buffer;
    bool m_failed = false;
};

} // namespace core
