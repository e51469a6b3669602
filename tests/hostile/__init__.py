"""The hostile-server suite: one scenario per item of issue 17, each on 127.0.0.1.

Each module is named for the item it defends (``test_item_02_credentials.py``); every test
here failed on the code before its fix. :mod:`tests.hostile.server` serves whatever a
scenario scripts, byte for byte, so a test can send what a malicious helpdesk would.
"""
