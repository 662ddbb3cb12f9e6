#include "ui/widgets/tabchain.h"

#include <QList>
#include <QWidget>

#include <algorithm>

namespace ui {

namespace {

// Where Tab stops for widget: itself, or, when it takes no focus, its focusable descendants in
// chain order (a descendant of one of those moves with it, as a spin box's line edit does).
QList<QWidget *> stopsOf(QWidget *widget)
{
    if (widget->focusPolicy() != Qt::NoFocus)
        return {widget};
    QList<QWidget *> stops;
    for (QWidget *next = widget->nextInFocusChain(); next && next != widget; next = next->nextInFocusChain()) {
        if (next->focusPolicy() == Qt::NoFocus || !widget->isAncestorOf(next))
            continue;
        if (std::none_of(stops.cbegin(), stops.cend(), [next](QWidget *stop) { return stop->isAncestorOf(next); }))
            stops << next;
    }
    return stops;
}

} // namespace

void setTabChain(std::initializer_list<QWidget *> widgets)
{
    QWidget *previous = nullptr;
    for (QWidget *widget : widgets) {
        if (!widget) // e.g. a button looked up by a label that changed; tst_accessibility then fails
            continue;
        for (QWidget *stop : stopsOf(widget)) {
            if (previous)
                QWidget::setTabOrder(previous, stop);
            previous = stop;
        }
    }
}

} // namespace ui
