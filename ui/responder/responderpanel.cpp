#include "ui/responder/responderpanel.h"

#include "ui/responder/rulespanel.h"
#include "ui/responder/schedulespanel.h"

namespace ui {

ResponderPanel::ResponderPanel(core::Workbench &workbench, QWidget *parent)
    : QTabWidget(parent)
    , m_rules(new RulesPanel(workbench, this))
    , m_schedules(new SchedulesPanel(workbench, this))
{
    addTab(m_rules, tr("&Rules"));
    addTab(m_schedules, tr("S&chedules"));
    setAccessibleName(tr("Responder"));
    setDocumentMode(true);
}

void ResponderPanel::setSocket(int socketId)
{
    m_rules->setSocket(socketId);
}

void ResponderPanel::showSchedules()
{
    m_schedules->refresh();
    setCurrentWidget(m_schedules);
}

} // namespace ui
