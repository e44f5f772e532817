#!/bin/sh
# LiveKit does not expand environment variables in its config file; render the webhook
# target into a private copy and start the server with it.
set -eu
: "${LIVEKIT_WEBHOOK_API_KEY:?LIVEKIT_WEBHOOK_API_KEY is required}"
: "${LIVEKIT_WEBHOOK_URL:?LIVEKIT_WEBHOOK_URL is required}"
umask 077
sed -e "s|__WEBHOOK_API_KEY__|${LIVEKIT_WEBHOOK_API_KEY}|g" \
    -e "s|__WEBHOOK_URL__|${LIVEKIT_WEBHOOK_URL}|g" \
    /etc/livekit/livekit.yaml >/tmp/livekit.yaml
exec /livekit-server --config /tmp/livekit.yaml
