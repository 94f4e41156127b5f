"""A hostile AWS for the tests: a stateful layer in front of moto on 127.0.0.1 (see README.md)."""
