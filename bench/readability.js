#!/usr/bin/env node
// readability.js -- Readability.js on linkedom over saved pages, for
// bench/run.sh: one JSON line per page, {"file": NAME, "body": textContent}.
// The bytes are decoded with the charset a <meta> declares (UTF-8 otherwise).
'use strict';
const fs = require('fs');
const path = require('path');
const { parseHTML } = require('linkedom');
const { Readability } = require('@mozilla/readability');

function decode(buf) {
	const head = buf.subarray(0, 4096).toString('latin1');
	const m = head.match(/<meta[^>]+charset\s*=\s*["']?\s*([\w:.-]+)/i);
	let label = m ? m[1].toLowerCase() : 'utf-8';
	try {
		return new TextDecoder(label).decode(buf);
	} catch (e) {
		return new TextDecoder('utf-8').decode(buf);
	}
}

for (const file of process.argv.slice(2)) {
	let body = '';
	try {
		const { document } = parseHTML(decode(fs.readFileSync(file)));
		const r = new Readability(document).parse();
		if (r && r.textContent)
			body = r.textContent;
	} catch (e) {
		body = '';
	}
	process.stdout.write(JSON.stringify({ file: path.basename(file),
	    body: body }) + '\n');
}
