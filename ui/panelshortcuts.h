#pragma once

#include <QKeySequence>
#include <QList>
#include <QString>

#include <functional>

class QMenu;
class QWidget;

namespace ui {

// A panel reachable from the keyboard: a key that brings it forward (show: its dock shown and
// raised, or the traffic log made the central page) and puts the focus on its first control.
struct PanelShortcut
{
    QString title;
    QKeySequence key;
    QWidget *panel = nullptr;
    std::function<void()> show;
};

// One "Go to <title>" action per panel in menu, with its key (window-wide).
void addPanelShortcuts(QMenu *menu, const QList<PanelShortcut> &panels);

// The first control of panel that takes Tab focus and can be used (the focus chain's order).
QWidget *firstControl(QWidget *panel);

} // namespace ui
