#include "ui/widgets/fieldmessage.h"

#include "ui/widgets/themecolors.h"

#include <QFontMetrics>

namespace ui {

FieldMessage::FieldMessage(QWidget *parent)
    : QLabel(parent)
{
    setErrorText(this, true);
    setTextFormat(Qt::PlainText);
    setWordWrap(false);
    // Ignored: the label takes the width it is given and never widens its panel.
    setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Fixed);
}

void FieldMessage::setMessage(const QString &message)
{
    if (message == m_message)
        return;
    m_message = message;
    setToolTip(message);
    setAccessibleDescription(message);
    elide();
}

// The message asks for no width: a long one must not widen the panel (and shift its buttons).
QSize FieldMessage::sizeHint() const
{
    return minimumSizeHint();
}

QSize FieldMessage::minimumSizeHint() const
{
    return {0, fontMetrics().height()};
}

void FieldMessage::resizeEvent(QResizeEvent *event)
{
    QLabel::resizeEvent(event);
    elide();
}

void FieldMessage::elide()
{
    setText(fontMetrics().elidedText(m_message, Qt::ElideRight, std::max(0, width())));
}

} // namespace ui
