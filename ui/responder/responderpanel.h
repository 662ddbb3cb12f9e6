#pragma once

#include <QTabWidget>

namespace core {
class Workbench;
}

namespace ui {

class RulesPanel;
class SchedulesPanel;

// The work the engine does on its own, in one dock: the selected socket's responder rules, and
// every repeated or burst send.
class ResponderPanel final : public QTabWidget
{
    Q_OBJECT
public:
    explicit ResponderPanel(core::Workbench &workbench, QWidget *parent = nullptr);

    RulesPanel *rules() const { return m_rules; }
    SchedulesPanel *schedules() const { return m_schedules; }

public slots:
    void setSocket(int socketId);
    void showSchedules(); // a schedule started: list it, and show the list

private:
    RulesPanel *m_rules;
    SchedulesPanel *m_schedules;
};

} // namespace ui
