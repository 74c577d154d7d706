console.log('report ran');
