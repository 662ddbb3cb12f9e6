#include "ui/traffic/hexdumpview.h"

#include "core/export/trafficexport.h"
#include "core/store/trafficstore.h"
#include "core/text/payload.h"

#include <QFontDatabase>
#include <QLabel>
#include <QPlainTextEdit>
#include <QVBoxLayout>

namespace ui {

HexDumpView::HexDumpView(const core::TrafficStore &store, const core::SocketRegistry &sockets, QWidget *parent)
    : QWidget(parent)
    , m_store(store)
    , m_sockets(sockets)
    , m_header(new QLabel(this))
    , m_dump(new QPlainTextEdit(this))
{
    const QFont fixed = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    setAccessibleName(tr("Record bytes"));
    setToolTip(tr("The selected record: what it was, and its bytes as hexdump -C shows them"));

    m_header->setFont(fixed);
    m_header->setTextInteractionFlags(Qt::TextSelectableByMouse);
    // A long summary is clipped rather than holding the dock wider than the user wants it.
    m_header->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_header->setAccessibleName(tr("Record summary"));
    m_header->setToolTip(tr("Time, socket, direction, peer, length and flags of the selected record"));

    m_dump->setFont(fixed);
    m_dump->setReadOnly(true);
    m_dump->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_dump->setUndoRedoEnabled(false);
    m_dump->setAccessibleName(tr("Hex dump"));
    m_dump->setToolTip(tr("Offset, 16 bytes in hex and the same bytes as ASCII"));
    m_dump->setPlaceholderText(tr("Select a record to see its bytes."));

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(m_header);
    layout->addWidget(m_dump, 1);
}

void HexDumpView::showRecord(qsizetype index)
{
    if (index < 0 || index >= m_store.count()) {
        m_index = -1;
        m_header->clear();
        m_dump->clear();
        return;
    }
    m_index = index;
    const core::TrafficRecord record = m_store.at(index);
    const QByteArrayView payload = m_store.payload(record);
    m_header->setText(core::trafficSummary(m_store, m_sockets, index));

    QStringList lines = core::hexDumpLines(payload.first(std::min(payload.size(), kMaxDumpBytes)));
    if (payload.size() > kMaxDumpBytes)
        lines << tr("\u2026 %1 more bytes not shown (the dump stops at %2 KiB; Export writes them all)")
                     .arg(payload.size() - kMaxDumpBytes)
                     .arg(kMaxDumpBytes / 1024);
    m_dump->setPlainText(lines.join(QLatin1Char('\n')));
}

QString HexDumpView::headerText() const
{
    return m_header->text();
}

QString HexDumpView::dumpText() const
{
    return m_dump->toPlainText();
}

} // namespace ui
