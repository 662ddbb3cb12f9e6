#include "statusline.h"

#include "workbench.h"

#include <QLocale>
#include <QTimer>

namespace ui {

namespace {
QString humanSize(quint64 bytes)
{
    return QLocale().formattedDataSize(qint64(bytes), 1, QLocale::DataSizeTraditionalFormat);
}
} // namespace

StatusLine::StatusLine(core::Workbench &workbench, QWidget *parent)
    : QLabel(parent)
    , m_workbench(workbench)
{
    setAccessibleName(tr("Status"));
    // The text changes every second; its width must not be the window's minimum, or a window at
    // its smallest is resized (and wholly repainted) each time (bench, SWBENCH_SLOW_EVENTS).
    // Text that does not fit is cut; the tooltip has it whole.
    setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    auto *timer = new QTimer(this);
    timer->setInterval(1000);
    connect(timer, &QTimer::timeout, this, &StatusLine::update);
    timer->start();
    update();
}

void StatusLine::update()
{
    const int open = m_workbench.sockets().openCount();
    const core::TrafficStore &traffic = m_workbench.traffic();
    const quint64 in = traffic.bytes(core::Direction::In);
    const quint64 out = traffic.bytes(core::Direction::Out);
    const qsizetype records = traffic.count();
    setText(tr("%n socket(s) open · %1 records (%2/s) · in %3 (%4/s) · out %5 (%6/s)", nullptr, open)
                .arg(QLocale().toString(records))
                .arg(QLocale().toString(records - m_lastRecords))
                .arg(humanSize(in), humanSize(in - m_lastIn), humanSize(out), humanSize(out - m_lastOut)));
    if (const quint64 dropped = traffic.droppedBytes()) {
        setStyleSheet(QStringLiteral("color: #b00020;"));
        setText(text() + tr(" · payload cap of %1 reached: records kept, %2 of bytes not kept")
                             .arg(humanSize(traffic.payloadLimit()), humanSize(dropped)));
    }
    setToolTip(text());
    m_lastIn = in;
    m_lastOut = out;
    m_lastRecords = records;
}

} // namespace ui
