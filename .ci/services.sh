#!/usr/bin/env bash
# Installs and starts the servers the tests need on loopback. Sourced by .ci/run.
# (Filled in with the shared registries: PostgreSQL and Redis.)
true
