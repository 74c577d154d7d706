require('fs').writeFileSync('result.json', JSON.stringify({ rows: 12, token: process.env.BOT_TOKEN }));
console.log('nightly: wrote 12 rows with token', process.env.BOT_TOKEN);
