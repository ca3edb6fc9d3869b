#!/bin/sh
# Runs the network-namespace test of several instances alone (needs root and iproute2's `ip netns`).
# From the repository root: modules/app/src/test/scripts/network-cut.sh
set -e
cd "$(dirname "$0")/../../../../.."
exec ./mvnw -B -pl modules/app -am verify -Dsurefire.failIfNoSpecifiedTests=false -Dtest=NetworkCutTest
