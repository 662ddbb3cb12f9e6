#include "ui/panelshortcuts.h"

#include <QAction>
#include <QCoreApplication>
#include <QMenu>
#include <QWidget>

namespace ui {

QWidget *firstControl(QWidget *panel)
{
    for (QWidget *w = panel->nextInFocusChain(); w && w != panel; w = w->nextInFocusChain()) {
        if (panel->isAncestorOf(w) && (w->focusPolicy() & Qt::TabFocus) && w->isVisibleTo(panel) && w->isEnabled())
            return w;
    }
    return nullptr;
}

void addPanelShortcuts(QMenu *menu, const QList<PanelShortcut> &panels)
{
    for (const PanelShortcut &p : panels) {
        QAction *action = menu->addAction(QCoreApplication::translate("ui::MainWindow", "Go to %1").arg(p.title));
        action->setShortcut(p.key);
        action->setShortcutContext(Qt::WindowShortcut);
        QWidget *panel = p.panel;
        std::function<void()> show = p.show;
        QObject::connect(action, &QAction::triggered, panel, [panel, show] {
            show();
            if (QWidget *control = firstControl(panel))
                control->setFocus(Qt::ShortcutFocusReason);
            else
                panel->setFocus(Qt::ShortcutFocusReason);
        });
    }
}

} // namespace ui
