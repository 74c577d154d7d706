// A scheduled bot: each run summarises the orders export and writes result.json, which pond copies to
// .pond/runs/report/<run>/ after the run exits. Its config arrives as JSON in POND_CONFIG; the data
// folder is mounted read-only at /data.
const fs = require('node:fs');

const config = JSON.parse(process.env.POND_CONFIG || '{}');
const rows = fs.readFileSync('/data/orders.csv', 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));
const total = rows.reduce((sum, r) => sum + Number(r[3]), 0);
const result = { title: config.title || 'report', orders: rows.length, revenue: Math.round(total * 100) / 100 };
fs.writeFileSync('result.json', JSON.stringify(result, null, 2));
console.log(`report: ${result.orders} orders, revenue ${result.revenue}`);
