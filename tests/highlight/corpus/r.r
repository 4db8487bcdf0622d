# Summarise page lengths
pages <- data.frame(title = c("a", "b"), words = c(120L, 80L))
mean_words <- mean(pages$words)
if (mean_words > 100) {
  print(paste("long:", mean_words))
} else {
  print(sprintf("short: %.1f", mean_words))
}
f <- function(x, y = 2) x^y
