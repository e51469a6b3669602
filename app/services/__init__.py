"""Services: the Qt-free floor between the faces (ui, cli) and core, collectors, backends.

Data in, data out: a face hands a service plain values and renders what comes back.
"""
