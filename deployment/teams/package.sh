#!/usr/bin/env bash
# Builds the Teams app package (manifest.json with the ids filled in + the two icons) for side-loading.
#   MICROSOFT_APP_ID=<bot app id> BOT_DOMAIN=<host name> [TEAMS_APP_ID=<guid>] deployment/teams/package.sh [out.zip]
set -euo pipefail
cd "$(dirname "$0")"
: "${MICROSOFT_APP_ID:?set MICROSOFT_APP_ID to the Microsoft App ID of the Azure Bot resource}"
: "${BOT_DOMAIN:?set BOT_DOMAIN to the host name the bot is served from, e.g. salesbot.example.com}"
TEAMS_APP_ID="${TEAMS_APP_ID:-$MICROSOFT_APP_ID}"
out="${1:-$PWD/my8x8-salesbot-teams.zip}"
export MICROSOFT_APP_ID BOT_DOMAIN TEAMS_APP_ID
python3 - "$out" <<'PY'
import json, os, re, sys, zipfile
text = open("manifest.json", encoding="utf-8").read()
def fill(match):
    name = match.group(1)
    if name not in os.environ:
        sys.exit(f"manifest.json needs ${{{{{name}}}}}: set the {name} environment variable")
    return os.environ[name]
manifest = json.loads(re.sub(r"\$\{\{([A-Z_]+)\}\}", fill, text))
with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED) as package:
    # Teams wants the three files at the root of the zip, not in a folder.
    package.writestr("manifest.json", json.dumps(manifest, indent=2, ensure_ascii=False))
    package.write("color.png")
    package.write("outline.png")
print(sys.argv[1])
PY
