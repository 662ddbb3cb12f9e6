#include "ui/statusline.h"

#include "core/workbench.h"
#include "ui/widgets/themecolors.h"

#include <QLocale>
#include <QTimer>

#include <climits>

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
    m_timer = new QTimer(this);
    m_timer->setInterval(1000);
    connect(m_timer, &QTimer::timeout, this, &StatusLine::update);
    connect(&workbench.traffic(), &core::TrafficStore::appended, this, &StatusLine::wake);
    connect(&workbench.sockets(), &core::SocketRegistry::changed, this, &StatusLine::wake);
    connect(&workbench.journal(), &core::Journal::changed, this, &StatusLine::wake);
    m_noticeTimer = new QTimer(this);
    m_noticeTimer->setSingleShot(true);
    connect(m_noticeTimer, &QTimer::timeout, this, [this] {
        m_notice.clear();
        update();
    });
    update();
}

void StatusLine::showNotice(const QString &text, int noticeMs)
{
    m_notice = text;
    m_noticeIsAlarm = true;
    m_noticeTimer->start(noticeMs);
    update();
}

void StatusLine::showInfo(const QString &text, int infoMs)
{
    m_notice = text;
    m_noticeIsAlarm = false;
    m_noticeTimer->start(infoMs);
    update();
}

// Something changed: tick once a second until a tick finds nothing new (rates then read 0/s).
void StatusLine::wake()
{
    // The first change after a quiet spell shows at once (a socket just opened must not read
    // "0 sockets open" for a second); later ones at the next tick.
    if (!m_timer->isActive()) {
        m_timer->start();
        QTimer::singleShot(0, this, &StatusLine::update);
    }
}

void StatusLine::update()
{
    const int open = m_workbench.sockets().openCount();
    const core::TrafficStore &traffic = m_workbench.traffic();
    const quint64 in = traffic.bytes(core::Direction::In);
    const quint64 out = traffic.bytes(core::Direction::Out);
    const qsizetype records = traffic.count();
    if (m_lastOpen >= 0 && records == m_lastRecords && in == m_lastIn && out == m_lastOut && open == m_lastOpen)
        m_timer->stop();
    m_lastOpen = open;
    setText(tr("%n socket(s) open", nullptr, open) + QStringLiteral(" · ")
            + tr("%Ln record(s) (%1/s) · in %2 (%3/s) · out %4 (%5/s)", nullptr, int(std::min<qsizetype>(records, INT_MAX)))
                .arg(QLocale().toString(records - m_lastRecords))
                .arg(humanSize(in), humanSize(in - m_lastIn), humanSize(out), humanSize(out - m_lastOut)));
    bool alarm = false;
    if (const quint64 dropped = traffic.droppedBytes()) {
        alarm = true;
        setText(text() + tr(" · payload cap of %1 reached or memory short: records kept, %2 of bytes not kept")
                             .arg(humanSize(traffic.payloadLimit()), humanSize(dropped)));
    }
    if (const quint64 lost = traffic.lostRecords()) {
        alarm = true;
        setText(text() + tr(" · %n record(s) lost: the store is full", nullptr, int(std::min<quint64>(lost, INT_MAX))));
    }
    if (const QString startup = m_workbench.startupError(); !startup.isEmpty()) {
        alarm = true;
        setText(text() + QStringLiteral(" · ") + startup);
    } else if (const quint64 faults = m_workbench.engineFaults()) {
        alarm = true;
        setText(text() + tr(" · %n engine fault(s): see the journal", nullptr, int(std::min<quint64>(faults, INT_MAX))));
    }
    if (!m_notice.isEmpty()) {
        alarm = alarm || m_noticeIsAlarm;
        setText(m_notice + QStringLiteral(" · ") + text());
    }
    setErrorText(this, alarm);
    setToolTip(text());
    m_lastIn = in;
    m_lastOut = out;
    m_lastRecords = records;
}

} // namespace ui
