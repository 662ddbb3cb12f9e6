#pragma once

#include <QLabel>

namespace core {
class Workbench;
}

namespace ui {

// The status bar's summary: sockets open, traffic records, bytes in and out, rates over the
// last second, and whatever was lost or failed inside the engine. Reads the stores' counters
// once a second while they change, and not at all while nothing does; never touches a socket.
class StatusLine final : public QLabel
{
    Q_OBJECT
public:
    explicit StatusLine(core::Workbench &workbench, QWidget *parent = nullptr);

    void update();
    // A message that must not be missed (a session's socket stopped at a failed call): shown in
    // red before the figures for noticeMs, and in the tooltip.
    void showNotice(const QString &text, int noticeMs = 30000);
    // Word that something asked for was done (a session saved): before the figures, not in red.
    void showInfo(const QString &text, int infoMs = 10000);
    QString notice() const { return m_notice; }

private:
    void wake();

    core::Workbench &m_workbench;
    class QTimer *m_timer = nullptr;
    int m_lastOpen = -1;
    QString m_notice;
    bool m_noticeIsAlarm = false;
    class QTimer *m_noticeTimer = nullptr;
    quint64 m_lastIn = 0;
    quint64 m_lastOut = 0;
    qsizetype m_lastRecords = 0;
};

} // namespace ui
