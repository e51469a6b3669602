"""Helpline: file support requests from your own workstation and follow them to closure."""

__version__ = "0.1.0"
APP_NAME = "helpline"
