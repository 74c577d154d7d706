const fs = require('fs');
const cfg = JSON.parse(process.env.POND_CONFIG);
console.log('report for', cfg.symbol);
console.error('a warning');
fs.writeFileSync('result.json', JSON.stringify({ symbol: cfg.symbol, file: JSON.parse(fs.readFileSync('/pond/config.json', 'utf8')) }));
process.exit(cfg.exit || 0);
