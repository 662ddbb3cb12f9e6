#pragma once

#include <QWidget>

class QLabel;
class QPlainTextEdit;

namespace core {
class SocketRegistry;
class TrafficStore;
}

namespace ui {

// One traffic record in full: a header line (time, socket, direction, peer, length, flags) over
// a hexdump -C of its payload. Read-only and monospace; the dump stops at 64 KiB with a note,
// so a large stream read still shows at once.
class HexDumpView final : public QWidget
{
    Q_OBJECT
public:
    static constexpr qsizetype kMaxDumpBytes = 64 * 1024;

    HexDumpView(const core::TrafficStore &store, const core::SocketRegistry &sockets, QWidget *parent = nullptr);

    // Shows the record at a store index; -1 (or an index the store does not have) clears.
    void showRecord(qsizetype index);
    qsizetype recordIndex() const { return m_index; }

    QString headerText() const;
    QString dumpText() const;

private:
    const core::TrafficStore &m_store;
    const core::SocketRegistry &m_sockets;
    QLabel *m_header = nullptr;
    QPlainTextEdit *m_dump = nullptr;
    qsizetype m_index = -1;
};

} // namespace ui
