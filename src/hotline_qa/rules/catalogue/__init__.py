"""One module per rule family; each rule class is decorated with ``@register``."""
