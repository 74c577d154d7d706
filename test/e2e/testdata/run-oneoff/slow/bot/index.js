console.log('running'); setTimeout(() => {}, 300000);
