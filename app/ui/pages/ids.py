"""Page ids of the wizard, in the order the user meets them."""

from enum import IntEnum


class PageId(IntEnum):
    WELCOME = 0
    ABOUT_YOU = 1
    PROBLEM = 2
    NOT_HANDLED = 3
    EVIDENCE = 4
    REVIEW = 5
    SENDING = 6
    DONE = 7
