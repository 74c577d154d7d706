require('fs').writeFileSync('result.json', JSON.stringify({ seen: process.env.BOT_TOKEN }));
console.log('bot sees', process.env.BOT_TOKEN);
