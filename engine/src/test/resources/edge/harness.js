// Runs a CloudFront Function's code on request events, as CloudFront does at viewer request:
// node harness.js CODE_FILE EVENTS_FILE prints a JSON list of what the handler returned.
// The code runs in a fresh context without require, process or the network, like the
// CloudFront Functions runtime, which has no Node.js modules.
'use strict';
const fs = require('fs');
const vm = require('vm');
const code = fs.readFileSync(process.argv[2], 'utf8');
const events = JSON.parse(fs.readFileSync(process.argv[3], 'utf8'));
const context = vm.createContext({});
vm.runInContext(code, context, {filename: 'function.js'});
const results = events.map(e => context.handler(e));
process.stdout.write(JSON.stringify(results));
