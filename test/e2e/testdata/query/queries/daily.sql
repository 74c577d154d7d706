SELECT day, count(*) AS orders, sum(amount) AS revenue FROM read_csv('data/orders.csv') GROUP BY day ORDER BY day;
