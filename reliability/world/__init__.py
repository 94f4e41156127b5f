"""A hostile AWS for the tests: a stateful layer in front of moto on 127.0.0.1 (see README.md).

Imported as the top-level package `world` with reliability/ on sys.path (world_run.py,
reliability/tests), so its modules import the drivers' shared modules (settings, harness,
fault_proxy) by name.
"""
