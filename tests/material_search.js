// Runs the built site's own search worker (Material for MkDocs, lunr with its Chinese
// query segmentation) under Node.js, as a browser would, and prints for each query the
// pages it finds, best first, as JSON: {"query": ["tutorial/zh/", ...], ...}.
//
// Usage: node tests/material_search.js SITE_DIR '["打分", "差距"]'
// Exits 1 if the worker warns or fails (the browser would log it to the console).
"use strict";
const fs = require("fs");
const path = require("path");
const vm = require("vm");

const [site, queries] = process.argv.slice(2);
const workers = path.join(site, "assets", "javascripts", "workers");
const bundle = fs.readdirSync(workers).find(name => /^search\.[0-9a-f]+\.min\.js$/.test(name));
if (!bundle) throw new Error(`no search worker in ${workers}`);

// Message types of the worker's protocol (SearchMessageType).
const SETUP = 0, READY = 1, QUERY = 2, RESULT = 3;

const complaints = [];
const replies = [];
let onMessage;
const worker = {
  console: {
    ...console,
    warn: (...args) => complaints.push(args.join(" ")),
    error: (...args) => complaints.push(args.join(" ")),
  },
  addEventListener: (type, listener) => { if (type === "message") onMessage = listener; },
  postMessage: message => replies.push(message),
  // The worker loads lunr's language support from ../lunr/ relative to itself.
  importScripts: (...urls) => {
    for (const url of urls) {
      const file = path.join(workers, url);
      vm.runInContext(fs.readFileSync(file, "utf8"), worker, { filename: file });
    }
  },
};
worker.self = worker;
vm.createContext(worker);
vm.runInContext(fs.readFileSync(path.join(workers, bundle), "utf8"), worker, { filename: bundle });

async function ask(type, data) {
  replies.length = 0;
  await onMessage({ data: { type, data } });
  return replies[0];
}

(async () => {
  const index = JSON.parse(fs.readFileSync(path.join(site, "search", "search_index.json"), "utf8"));
  const ready = await ask(SETUP, { ...index, options: { suggest: false } });
  if (ready.type !== READY) throw new Error(`worker answered setup with ${ready.type}`);
  const found = {};
  for (const query of JSON.parse(queries)) {
    const reply = await ask(QUERY, query);
    if (reply.type !== RESULT) throw new Error(`worker answered ${query} with ${reply.type}`);
    // Results come grouped by page; a group's first item may be one of its sections.
    found[query] = reply.data.items.map(group => group[0].location.split("#")[0]);
  }
  process.stdout.write(JSON.stringify(found));
  if (complaints.length) {
    process.stderr.write(complaints.join("\n") + "\n");
    process.exit(1);
  }
})().catch(error => {
  process.stderr.write(`${error.stack}\n`);
  process.exit(1);
});
