#pragma once

#include <QLabel>

namespace core {
class Workbench;
}

namespace ui {

// The status bar's summary: sockets open, traffic records, bytes in and out, and rates over the
// last second. Reads the stores' counters once a second; never touches a socket.
class StatusLine final : public QLabel
{
    Q_OBJECT
public:
    explicit StatusLine(core::Workbench &workbench, QWidget *parent = nullptr);

    void update();

private:
    core::Workbench &m_workbench;
    quint64 m_lastIn = 0;
    quint64 m_lastOut = 0;
    qsizetype m_lastRecords = 0;
};

} // namespace ui
