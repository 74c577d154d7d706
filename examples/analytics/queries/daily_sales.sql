-- Revenue and order count per day, from the orders export.
SELECT day, count(*) AS orders, round(sum(amount), 2) AS revenue
FROM read_csv('data/orders.csv', header = true)
GROUP BY day
ORDER BY day;
