#!/bin/sh
# Writes a large mesh to stdout: NODES nodes (default 1000) and SERVICES services (default 200);
# node i serves service i % SERVICES, so each service has NODES/SERVICES endpoints. One service in
# ten is health-checked, one in twenty has weights and retries.
set -eu
nodes=${1:-1000}
services=${2:-200}
awk -v nodes="$nodes" -v services="$services" 'BEGIN {
  print "nodes:"
  for (i = 0; i < nodes; i++) {
    s = i % services
    printf "  node-%04d:\n  - name: svc-%03d.mesh\n", i, s
    if (s % 10 == 0) {
      print "    annotations: {healthcheck.path: /healthz, healthcheck.interval: 5s}"
    } else if (s % 20 == 5) {
      print "    annotations: {enable-retry: \"true\", num-retries: 2}"
    }
    printf "    endpoints:\n    - address: 10.%d.%d.%d\n      port: 8080\n", int(i / 65536) % 256, int(i / 256) % 256, i % 256
    if (s % 20 == 5) {
      printf "      annotations: {endpoint.weight: %d}\n", 1 + i % 7
    }
  }
}'
