#pragma once

#include <QStyledItemDelegate>

namespace ui {

// Paints the traffic table's cells on one line, straight from the model's roles: background,
// colour, font, alignment and the text, elided at the right. QStyledItemDelegate lays each
// cell's text out three times (to size it, to elide it, to draw it); during a flood the log
// repaints 30 times a second with every visible row new, and that was most of the window's
// time (bench/udp_unpaced, perf). Alternate rows and the focus frame are the style's; the
// selection is filled with the palette's highlight, as Fusion and Windows draw it.
class TrafficDelegate final : public QStyledItemDelegate
{
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
};

} // namespace ui
