-- Pages with their tag counts
SELECT p.id, p.title, COUNT(t.tag) AS tags
FROM pages AS p
LEFT JOIN tags t ON t.page_id = p.id
WHERE p.draft = FALSE AND p.date > '2024-01-01'
GROUP BY p.id, p.title
HAVING COUNT(t.tag) >= 2
ORDER BY tags DESC
LIMIT 10;

CREATE TABLE IF NOT EXISTS pages (id INTEGER PRIMARY KEY, title TEXT NOT NULL);
