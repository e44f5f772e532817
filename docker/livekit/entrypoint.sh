#!/bin/sh
# LiveKit does not expand environment variables in its config file; render the TURN host and
# credential into a private copy and start the server with it.
set -eu
: "${TURN_PASSWORD:?TURN_PASSWORD is required}"
umask 077
sed -e "s|__TURN_HOST__|${TURN_PUBLIC_HOST:-localhost}|g" \
    -e "s|__TURN_PASSWORD__|${TURN_PASSWORD}|g" \
    /etc/livekit/livekit.yaml >/tmp/livekit.yaml
exec /livekit-server --config /tmp/livekit.yaml
